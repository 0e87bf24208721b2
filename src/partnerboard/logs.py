"""A rotating log in the user's log folder: where tracebacks go instead of the user's screen."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from partnerboard.settings import app_paths

_configured = False


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the rotating file (once per process). Returns its path, or None if it cannot be made."""
    global _configured
    path = app_paths().log_file
    if _configured:
        return path
    _configured = True
    root = logging.getLogger()
    root.setLevel(level)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


def log_file() -> Path:
    return app_paths().log_file
