"""How long a sign-in's password check takes with partnerboard's argon2id parameters.

    .venv/bin/python benchmarks/argon2_params.py

Compares the chosen parameters (`services.passwords.HASHER`) with the library's defaults and with
OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane); median of 9 verifications each.
"""

from __future__ import annotations

import statistics
import time

from argon2 import PasswordHasher, Type

from partnerboard.services.passwords import HASHER

CANDIDATES = {
    "partnerboard (64 MiB, t=2, p=1)": HASHER,
    "argon2-cffi defaults": PasswordHasher(),
    "OWASP minimum (19 MiB, t=2, p=1)": PasswordHasher(
        time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID
    ),
}


def main() -> None:
    for label, hasher in CANDIDATES.items():
        stored = hasher.hash("correct horse battery staple")
        times = []
        for _ in range(9):
            started = time.perf_counter()
            hasher.verify(stored, "correct horse battery staple")
            times.append(time.perf_counter() - started)
        print(
            f"{label}: verify {statistics.median(times) * 1000:.0f} ms median "
            f"({min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
