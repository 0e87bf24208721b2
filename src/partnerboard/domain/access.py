"""Who is working, in which role, what each role may do, and who may see a restricted record.

`PERMISSIONS` is the one table of who may do what: the README shows it (a test keeps the two
equal), the command line asks it before running a command, the app's pages hide or disable what
it refuses, and the session rules (`db.access_rules` for writes, `db.visibility` for reads)
enforce it for every change and every query whichever door the request came through.
"""

from __future__ import annotations

import getpass
import re
from collections.abc import Iterable
from dataclasses import dataclass

from partnerboard.domain.choices import Choice
from partnerboard.errors import NotPermitted


class Role(Choice):
    BUSINESS_SUPPORT = "business_support", "Business support (edit all)"
    CHAIR = "chair", "Chair / co-chair"
    MEMBER = "member", "Member"
    READ_ONLY = "read_only", "Read-only"

    def may(self, permission: Permission) -> bool:
        return self in PERMISSIONS[permission]

    @property
    def edits_all(self) -> bool:
        return self.may(Permission.EDIT_RECORDS)

    @property
    def sees_restricted(self) -> bool:
        """Business support and the chairs see every restricted record and log (the chairs
        "see all"; business support keeps every register, so nothing may be hidden from it).
        Anyone else sees a restricted record only when its audience names them."""
        return self.may(Permission.SEE_RESTRICTED)


class Permission(Choice):
    """Something a role may do; the label says it as the README's table does."""

    READ = "read", "Read the registers and print or export what they may see"
    CHECK = "check", "Check the database"
    CHANGE_OWN_PASSWORD = "own_password", "Change their own password"
    PROPOSE_UPDATES = "propose_updates", "Propose an update to an action they lead"
    APPROVE_MINUTES = "approve_minutes", "Approve minutes"
    SEE_RESTRICTED = "see_restricted", "See restricted records and logs"
    READ_AUDIT_TRAIL = "audit_trail", "Read and export the whole audit trail"
    EDIT_RECORDS = "edit", "Add, change and close records in every register"
    GENERATE_TEMPLATES = "templates", "Generate signed partner templates"
    IMPORT_RETURNS = "import", "Import returned workbooks and action plans"
    BACK_UP = "back_up", "Back up the database"
    RESTORE = "restore", "Restore a backup"
    MANAGE_USERS = "users", "Manage users, roles, sign-in and restricted logs"


_EVERYONE = frozenset(Role)
_SUPPORT = frozenset({Role.BUSINESS_SUPPORT})
_SUPPORT_AND_CHAIRS = frozenset({Role.BUSINESS_SUPPORT, Role.CHAIR})

# Who may do what: the one table (README "Who may do what" shows it).
PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.READ: _EVERYONE,
    Permission.CHECK: _EVERYONE,
    Permission.CHANGE_OWN_PASSWORD: _EVERYONE,
    Permission.PROPOSE_UPDATES: frozenset({Role.BUSINESS_SUPPORT, Role.CHAIR, Role.MEMBER}),
    Permission.APPROVE_MINUTES: _SUPPORT_AND_CHAIRS,
    Permission.SEE_RESTRICTED: _SUPPORT_AND_CHAIRS,
    Permission.READ_AUDIT_TRAIL: _SUPPORT_AND_CHAIRS,
    Permission.EDIT_RECORDS: _SUPPORT,
    Permission.GENERATE_TEMPLATES: _SUPPORT,
    Permission.IMPORT_RETURNS: _SUPPORT,
    Permission.BACK_UP: _SUPPORT,
    Permission.RESTORE: _SUPPORT,
    Permission.MANAGE_USERS: _SUPPORT,
}


def permission_table() -> list[tuple[str, list[bool]]]:
    """The table as rows: what, then yes/no per role in `Role` order (README, docs, tests)."""
    return [(p.label, [role in PERMISSIONS[p] for role in Role]) for p in Permission]


@dataclass(frozen=True)
class Principal:
    """The person on whose behalf a session reads and writes."""

    name: str
    role: Role = Role.BUSINESS_SUPPORT
    user_id: int | None = None
    # The register's person this user is (a member may propose updates to actions they lead).
    person_id: int | None = None
    # Reads on behalf of the public (published documents): no restricted record or log admits
    # it, whoever an audience names.
    public: bool = False

    @classmethod
    def local_user(cls) -> Principal:
        """A single-user SQLite database without sign-in: the operating-system user, editing all."""
        return cls(name=os_user_name())

    @classmethod
    def the_public(cls) -> Principal:
        """Who a published document is read as: sees nothing restricted, writes nothing."""
        return cls(name="the public", role=Role.READ_ONLY, public=True)

    def may(self, permission: Permission) -> bool:
        return self.role.may(permission)

    def require(self, permission: Permission) -> None:
        """Raise `NotPermitted` (one plain line) unless this principal's role may."""
        if not self.may(permission):
            allowed = " and ".join(
                r.label.split(" (")[0].lower() for r in Role if r in PERMISSIONS[permission]
            )
            raise NotPermitted(
                f"You are signed in as {self.name} ({self.role.label}): only {allowed} may "
                f"{permission.label[0].lower()}{permission.label[1:]}. Nothing was done."
            )


def os_user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in some containers
        return "local user"


# ---------------------------------------------------------------- audiences of restricted records

_PERSON = re.compile(r"^person:([1-9][0-9]{0,9})$")
# Only roles that do not see restricted records anyway can be named.
GRANTABLE_ROLES = (Role.MEMBER, Role.READ_ONLY)
PUBLIC_TOKEN = "public"


@dataclass(frozen=True)
class Audience:
    """Who, besides business support and the chairs, may see a restricted record or log.

    Stored as text (`restricted_to`): space-separated role values and "person:N" tokens, e.g.
    "member person:12" (every member, and person 12 whatever their role). Empty: business
    support and the chairs only. Unknown tokens admit no one.
    """

    roles: frozenset[Role] = frozenset()
    person_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, roles: Iterable[Role | str] = (), person_ids: Iterable[int] = ()) -> Audience:
        parsed = {Role.parse(r) for r in roles}
        return cls(
            frozenset(r for r in parsed if r in GRANTABLE_ROLES),
            frozenset(int(p) for p in person_ids),
        )

    @classmethod
    def parse(cls, text: str | None) -> Audience:
        roles: set[Role] = set()
        people: set[int] = set()
        for token in (text or "").split():
            role = Role.parse(token)
            match = _PERSON.match(token)
            if role in GRANTABLE_ROLES and token == role.value:
                roles.add(role)
            elif match:
                people.add(int(match.group(1)))
        return cls(frozenset(roles), frozenset(people))

    @classmethod
    def from_tokens(cls, tokens: Iterable[str]) -> Audience:
        return cls.parse(" ".join(tokens))

    @property
    def tokens(self) -> tuple[str, ...]:
        roles = [r.value for r in GRANTABLE_ROLES if r in self.roles]
        return (*roles, *(f"person:{p}" for p in sorted(self.person_ids)))

    def stored(self) -> str | None:
        """The text to store in `restricted_to` (None when no one besides the default)."""
        return " ".join(self.tokens) or None

    def __bool__(self) -> bool:
        return bool(self.roles or self.person_ids)

    def admits(self, principal: Principal) -> bool:
        if principal.public:
            return False
        return (
            principal.role.sees_restricted
            or principal.role in self.roles
            or (principal.person_id is not None and principal.person_id in self.person_ids)
        )

    def __and__(self, other: Audience) -> Audience:
        """Those both audiences admit (a record made from two restricted ones)."""
        return Audience(self.roles & other.roles, self.person_ids & other.person_ids)


def viewer_tokens(principal: Principal) -> tuple[str, ...]:
    """The audience tokens that admit `principal`: their role, and the person they are."""
    if principal.public:
        return (PUBLIC_TOKEN,)  # a token no audience holds (`Audience.parse` drops it)
    tokens = [principal.role.value]
    if principal.person_id is not None:
        tokens.append(f"person:{principal.person_id}")
    return tuple(tokens)


def stored_audience(restricted: bool, restricted_to: str | None) -> str | None:
    """`restricted_to` as stored: canonical, and None on an unrestricted record."""
    return Audience.parse(restricted_to).stored() if restricted else None


def may_see(principal: Principal, restricted: bool, restricted_to: str | None = None) -> bool:
    """THE rule, in Python (db.visibility states the same in SQL for every query)."""
    return not restricted or Audience.parse(restricted_to).admits(principal)
