"""Section 11 / workbook fixtures: see tests/fixtures_s11.py."""

import sys
from pathlib import Path

TESTS = next(p for p in Path(__file__).resolve().parents if p.name == "tests")
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from fixtures_s11 import *  # noqa: E402, F403
