"""Section 11 / workbook fixtures: see tests/fixtures_s11.py."""

from tests.fixtures_s11 import resave, world  # noqa: F401  (fixtures)
