"""Multi-agency audit workbook fixtures: see tests/fixtures_audits.py and tests/fixtures_s11.py."""

from tests.fixtures_audits import audit_world  # noqa: F401  (fixture)
from tests.fixtures_s11 import resave  # noqa: F401  (fixture)
