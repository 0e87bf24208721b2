"""Training fixtures: see tests/fixtures_training.py."""

from tests.fixtures_s11 import resave  # noqa: F401  (fixture)
from tests.fixtures_training import training_world  # noqa: F401  (fixture)
