"""Multi-agency audit fixtures: see tests/fixtures_audits.py."""

from tests.fixtures_audits import audit_world  # noqa: F401  (fixture)
