"""Trust fixtures: restricted records planted with markers (tests/fixtures_restricted.py)."""

from tests.fixtures_restricted import planted  # noqa: F401  (fixture)
