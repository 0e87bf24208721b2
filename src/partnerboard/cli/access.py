"""`partnerboard user …`: users and roles.

Passwords are read without echo (getpass), or with `--password-stdin` one line from standard
input (scripts, tests). Signing in on the command line is `cli.sign_in`.
"""

from __future__ import annotations

import sys
from dataclasses import asdict

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.cli.sign_in import ask
from partnerboard.db.models.access import RESTRICTABLE_KINDS
from partnerboard.domain.access import Audience, Permission, Role
from partnerboard.domain.dates import format_datetime
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import access, restriction
from partnerboard.services.partnership import list_people


def _new_password(ctx: CommandContext) -> str:
    if ctx.args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = ask("New password: ")
    if ask("Same password again: ") != first:
        raise UserError("The two passwords differ; nothing was changed.")
    return first


def _person_id(ctx: CommandContext) -> int | None:
    wanted = ctx.args.person
    if not wanted:
        return None
    if wanted.isdigit():
        return int(wanted)
    matches = [p for p in list_people(ctx.db) if p.name.casefold() == wanted.strip().casefold()]
    if len(matches) != 1:
        raise UserError(f"{'No' if not matches else 'More than one'} person is called “{wanted}”.")
    return matches[0].id


def _raise_plain(error: ValidationFailed) -> None:
    raise UserError("; ".join(e.message for e in error.errors)) from None


def run_add(ctx: CommandContext) -> int:
    first = not access.has_users(ctx.db)
    role = Role.parse(ctx.args.role)
    if first and role is not Role.BUSINESS_SUPPORT and not ctx.db.is_sqlite:
        raise UserError("The first user of a shared database must be business support.")
    data = access.UserInput(
        name=ctx.args.name or ctx.args.login,
        login=ctx.args.login,
        role=ctx.args.role,
        person_id=_person_id(ctx),
    )
    try:
        row = access.save_user(ctx.db, data, password=_new_password(ctx))
    except ValidationFailed as error:
        _raise_plain(error)
    ctx.print(f"Added {row.name} ({row.login}), {row.role.label}.")
    return 0


def run_passwd(ctx: CommandContext) -> int:
    try:
        access.set_password(ctx.db, ctx.args.login, _new_password(ctx))
    except ValidationFailed as error:
        _raise_plain(error)
    ctx.print(f"Password of {ctx.args.login} changed.")
    return 0


def run_disable(ctx: CommandContext) -> int:
    enable = ctx.args.action == "enable"
    try:
        row = access.set_user_active(ctx.db, ctx.args.login, enable)
    except ValidationFailed as error:
        _raise_plain(error)
    ctx.print(f"{'Enabled' if enable else 'Disabled'} {row.name} ({row.login}).")
    return 0


def run_list(ctx: CommandContext) -> int:
    rows = access.list_users(ctx.db)
    if ctx.args.json:
        ctx.print_json([{**asdict(r), "role": r.role.value} for r in rows])
        return 0
    for r in rows:
        state = "active" if r.active else "disabled"
        last = format_datetime(r.last_sign_in_at) or "never signed in"
        ctx.print(f"{r.login}\t{r.name}\t{r.role.label}\t{state}\t{last}")
    return 0


def run_sign_in(ctx: CommandContext) -> int:
    required = ctx.args.mode == "required"
    try:
        access.set_sign_in_required(ctx.db, required)
    except ValidationFailed as error:
        _raise_plain(error)
    ctx.print(f"Sign-in is now {'required' if required else 'optional'} for {ctx.db.describe()}.")
    return 0


def run_restrict_log(ctx: CommandContext) -> int:
    """Restrict a whole log (or lift it, or list every log's restriction)."""
    if ctx.args.kind is None:
        for log in restriction.log_restrictions(ctx.db):
            ctx.print(f"{log.kind}\t{restriction.describe_log(ctx.db, log)}")
        return 0
    if ctx.args.lift and ctx.args.also:
        raise UserError("Give --lift or --also, not both.")
    audience = None
    if not ctx.args.lift:
        audience = Audience.of(
            [t for t in ctx.args.also if not t.isdigit()],
            [int(t) for t in ctx.args.also if t.isdigit()],
        )
        unknown = [t for t in ctx.args.also if not t.isdigit() and Role.parse(t) is None]
        if unknown:
            raise UserError(
                f"“{unknown[0]}” is neither a role (member, read_only) nor a person id."
            )
    try:
        log = restriction.restrict_log(ctx.db, ctx.args.kind, audience)
    except ValidationFailed as error:
        _raise_plain(error)
    ctx.print(restriction.describe_log(ctx.db, log))
    return 0


RUNNERS = {
    "add": run_add,
    "passwd": run_passwd,
    "disable": run_disable,
    "enable": run_disable,
    "list": run_list,
    "sign-in": run_sign_in,
    "restrict-log": run_restrict_log,
}


def run_user(ctx: CommandContext) -> int:
    return RUNNERS[ctx.args.action](ctx)


def register(cli: CommandLine) -> None:
    user = cli.command(
        "user",
        "manage users: add, passwd, disable, enable, list, sign-in, restrict-log",
        run_user,
        permission=Permission.MANAGE_USERS,
    )
    actions = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a user (asks for the password)")
    add.add_argument("login")
    add.add_argument("--name", help="full name (default: the login)")
    add.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role],
        help="business_support edits all; chair sees restricted items and approves minutes; "
        "member sees what is not restricted; read_only",
    )
    add.add_argument("--person", help="the person (name or id) in the register this user is")
    add.set_defaults(first_user=True)
    for name, text in (
        ("passwd", "set a user's password (your own, or as business support anyone's)"),
    ):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("login")
        sub.set_defaults(permission=Permission.CHANGE_OWN_PASSWORD)
    for sub in (add, actions.choices["passwd"]):
        sub.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
    for name, text in (("disable", "disable a user"), ("enable", "enable a disabled user")):
        actions.add_parser(name, help=text).add_argument("login")
    listing = actions.add_parser("list", help="list users")
    listing.add_argument("--json", action="store_true", help="print JSON")
    sign_in = actions.add_parser("sign-in", help="require sign-in for a SQLite file, or not")
    sign_in.add_argument("mode", choices=["required", "optional"])
    restrict = actions.add_parser(
        "restrict-log",
        help="restrict a whole log to business support, the chairs and those named; "
        "without KIND, list every log",
    )
    restrict.add_argument("kind", nargs="?", choices=RESTRICTABLE_KINDS, metavar="KIND",
                          help=", ".join(RESTRICTABLE_KINDS))  # fmt: skip
    restrict.add_argument("--also", nargs="+", default=[], metavar="WHO",
                          help="roles (member, read_only) or person ids who may also see it")  # fmt: skip
    restrict.add_argument("--lift", action="store_true", help="lift the restriction")
