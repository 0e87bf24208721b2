"""Password hashing (argon2id) and the rules a password must meet.

Parameters chosen deliberately: 64 MiB, 2 passes, 1 lane. TECH-NOTES measured the library's
defaults at ~340 ms to verify on the reference machine, and OWASP's minimum for argon2id
(19 MiB, 2 passes) is far cheaper. Measured here with `benchmarks/argon2_params.py` (2 cores,
Python 3.11, argon2-cffi 25.1; the machine was shared, so figures varied with its load):
ours 110–200 ms median to verify, the library defaults 150–295 ms, OWASP's minimum 19–34 ms.
A sign-in is rare; an attacker with a stolen hash pays 64 MiB and as much time per guess.
Hashes made with other parameters are upgraded at the next successful sign-in.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher, Type

from partnerboard.errors import FieldError

HASHER = PasswordHasher(time_cost=2, memory_cost=64 * 1024, parallelism=1, type=Type.ID)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024


@cache
def dummy_hash() -> str:
    """Verified against when the login is unknown, so that a wrong login costs as long as a
    wrong password (no telling which logins exist from the time taken). Made when first
    needed: hashing costs as much as a sign-in, which the app's start should not pay."""
    return HASHER.hash("not a password of anyone")


def check_password(password: str | None, field: str = "password") -> list[FieldError]:
    """No composition rules (NCSC): long enough, not absurdly long, not only spaces."""
    if not password or len(password) < MIN_PASSWORD:
        return [FieldError(field, f"A password needs at least {MIN_PASSWORD} characters.")]
    if len(password) > MAX_PASSWORD:
        return [FieldError(field, f"A password can have at most {MAX_PASSWORD} characters.")]
    if not password.strip():
        return [FieldError(field, "A password cannot be only spaces.")]
    return []
