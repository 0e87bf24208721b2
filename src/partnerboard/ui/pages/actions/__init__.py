"""The action log's pages: the dashboard (home), the register, workstreams, partner updates."""
