"""Fixtures of the output tests: restricted records planted with markers, and readers."""

from tests.fixtures_restricted import planted  # noqa: F401  (fixture)
from tests.fixtures_s11 import resave, world  # noqa: F401  (fixtures)
