"""partnerboard's benchmarks: `python -m benchmarks [--quick] [--only NAME …]` (see README.md).

Never part of the test suite: `tests/benchmarks/` only checks that the command
still runs and writes valid JSON.
"""
