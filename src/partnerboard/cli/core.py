"""Commands about the database itself: demo, check, backup."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.db.auto_backup import GoodBackup, last_good_backup
from partnerboard.db.backup import backup_database, timestamp
from partnerboard.db.check import check_database
from partnerboard.db.target import DatabaseTarget, parse_target
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_datetime
from partnerboard.errors import DatabaseRefused
from partnerboard.settings import app_paths, database_target


def run_demo(ctx: CommandContext) -> int:
    # Every register's services: only for the demo, not for `check` and `backup` beside it.
    from partnerboard.services.demo import build_demo, is_empty  # noqa: PLC0415

    if ctx.args.if_empty and not is_empty(ctx.db):
        ctx.print(f"{ctx.db.describe()} already holds data; the demo was not added.")
        return 0
    made = build_demo(ctx.db)
    ctx.print(
        f"Demo partnership added to {ctx.db.describe()}: "
        + ", ".join(f"{count} {what}" for what, count in made.items())
        + "."
    )
    return 0


def run_check(ctx: CommandContext) -> int:
    try:
        report = check_database(ctx.db)
    except DatabaseRefused:
        # Too damaged (or too new) to open at all: the refusal goes to stderr as for any
        # command; `check` also says where the last good backup is.
        good = last_good_backup_of(parse_target(database_target(ctx.args.db)))
        if good is not None:
            ctx.print(_good_backup_line(good))
        raise
    if not report.ok and ctx.db.is_sqlite:
        report.last_good_backup = last_good_backup_of(ctx.db.target)
    if ctx.args.json:
        ctx.print_json({**asdict(report), "ok": report.ok})
    else:
        ctx.print(f"{report.database}: schema {report.revision}")
        ctx.print("checked: " + ", ".join(report.checks_run))
        for problem in report.problems:
            ctx.print(f"PROBLEM: {problem}")
        ctx.print(
            "OK: no problems found." if report.ok else f"{len(report.problems)} problem(s) found."
        )
        if report.last_good_backup is not None:
            ctx.print(_good_backup_line(report.last_good_backup))
    return 0 if report.ok else 1


def last_good_backup_of(target: DatabaseTarget) -> GoodBackup | None:
    if target.path is None:
        return None
    return last_good_backup(target.path, app_paths().backups)


def _good_backup_line(good: GoodBackup) -> str:
    return (
        f"Last good backup: {good.path} (taken {format_datetime(good.taken_at)}); restore it "
        f'with: partnerboard restore "{good.path}"'
    )


def run_backup(ctx: CommandContext) -> int:
    destination = Path(ctx.args.output).expanduser()
    if destination.is_dir():  # a folder: a file named after the database and the time in it
        source = ctx.db.target.path.stem if ctx.db.target.path else ctx.db.target.url.database
        suffix = ".sqlite" if ctx.db.is_sqlite else ".dump"
        destination = destination / f"{source}-backup-{timestamp(ctx.db.clock)}{suffix}"
    saved = backup_database(ctx.db, destination)
    size = saved.stat().st_size
    ctx.print(f"Backed up {ctx.db.describe()} to {saved} ({max(1, size // 1024)} KB).")
    return 0


def register(cli: CommandLine) -> None:
    demo = cli.command(
        "demo",
        "fill an empty database with the fictional demo partnership",
        run_demo,
        permission=Permission.EDIT_RECORDS,
    )
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing (and succeed) when the database already holds data",
    )
    check = cli.command(
        "check",
        "check the database: schema, integrity, broken links",
        run_check,
        permission=Permission.CHECK,
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    backup = cli.command(
        "backup",
        "write a consistent copy of the database (safe while the app is open)",
        run_backup,
        permission=Permission.BACK_UP,
    )
    backup.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write the backup (a folder: a file named after the database and the time)",
    )
    backup.set_defaults(output_folders=True)  # -o FOLDER/ is made when missing
