"""Who is working, and in which role. Enforced at the session level (see db.access_rules)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from partnerboard.domain.choices import Choice


class Role(Choice):
    BUSINESS_SUPPORT = "business_support", "Business support (edit all)"
    CHAIR = "chair", "Chair / co-chair"
    MEMBER = "member", "Member"
    READ_ONLY = "read_only", "Read-only"

    @property
    def edits_all(self) -> bool:
        return self is Role.BUSINESS_SUPPORT

    @property
    def sees_restricted(self) -> bool:
        """Restricted items (e.g. a mediation log) are for business support and the chairs only."""
        return self in (Role.BUSINESS_SUPPORT, Role.CHAIR)


@dataclass(frozen=True)
class Principal:
    """The person on whose behalf a session reads and writes."""

    name: str
    role: Role = Role.BUSINESS_SUPPORT
    user_id: int | None = None
    # The register's person this user is (a member may propose updates to actions they lead).
    person_id: int | None = None

    @classmethod
    def local_user(cls) -> Principal:
        """A single-user SQLite database without sign-in: the operating-system user, editing all."""
        return cls(name=os_user_name())


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "local user"
