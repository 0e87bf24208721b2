"""partnerboard's benchmarks: `python -m benchmarks [--quick] [--only NAME …]` (see README.md).

Never part of the test suite: `tests/test_benchmarks_harness.py` only checks that the command
still runs and writes valid JSON.
"""
