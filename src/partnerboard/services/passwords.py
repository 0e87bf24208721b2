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

from typing import TYPE_CHECKING, Any

from partnerboard.errors import FieldError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 10
MAX_PASSWORD = 1024


# Verified against when the login is unknown (or disabled), so that a wrong login costs exactly
# what a wrong password costs: one verification with the same parameters, no telling which
# logins exist from the time taken. Made once, here, with HASHER's parameters (a test keeps them
# equal): made when first needed, it cost an unknown login a second hashing (157 against 269 ms).
DUMMY_HASH = "$argon2id$v=19$m=65536,t=2,p=1$7XUwQd+p12zg3eL4+ZFkUA$YpEsJSlqrIYWu4c1YnIdalS8feHUpnm+Pp5EBwZUP9E"


def _make_hasher() -> PasswordHasher:
    # argon2 (and cffi behind it) only when a password is hashed or checked: not on every
    # command that opens the database.
    from argon2 import PasswordHasher, Type  # noqa: PLC0415

    return PasswordHasher(time_cost=2, memory_cost=64 * 1024, parallelism=1, type=Type.ID)


def __getattr__(name: str) -> Any:
    """`HASHER`, made on first use (and kept as the module's attribute from then on)."""
    if name == "HASHER":
        globals()["HASHER"] = hasher = _make_hasher()
        return hasher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def dummy_hash() -> str:
    return DUMMY_HASH


def check_password(password: str | None, field: str = "password") -> list[FieldError]:
    """No composition rules (NCSC): long enough, not absurdly long, not only spaces."""
    if not password or len(password) < MIN_PASSWORD:
        return [FieldError(field, f"A password needs at least {MIN_PASSWORD} characters.")]
    if len(password) > MAX_PASSWORD:
        return [FieldError(field, f"A password can have at most {MAX_PASSWORD} characters.")]
    if not password.strip():
        return [FieldError(field, "A password cannot be only spaces.")]
    if password != readable(password):
        return [FieldError(field, "A password cannot hold characters that are not text.")]
    return []


def readable(password: str) -> str:
    """`password` as text that can be hashed: bytes that were not text (read from a terminal
    set to another encoding) become replacement characters, so such a password simply fails."""
    return password.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
