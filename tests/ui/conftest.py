"""Qt tests run offscreen. Set before PySide6 is imported: an empty QT_QPA_PLATFORM in the
environment aborted a run, so `setdefault` is not enough (TECH-NOTES)."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
