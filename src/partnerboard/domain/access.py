"""Who is working, and in which role. Enforced at the session level (see db.database)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from partnerboard.domain.choices import Choice


class Role(Choice):
    BUSINESS_SUPPORT = "business_support", "Business support (edit all)"
    CHAIR = "chair", "Chair / co-chair"
    MEMBER = "member", "Member"
    READ_ONLY = "read_only", "Read-only"


@dataclass(frozen=True)
class Principal:
    """The person on whose behalf a session reads and writes."""

    name: str
    role: Role = Role.BUSINESS_SUPPORT
    user_id: int | None = None

    @classmethod
    def local_user(cls) -> Principal:
        """A single-user SQLite database without sign-in: the operating-system user, editing all."""
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no user name in some containers
            name = "local user"
        return cls(name=name)
