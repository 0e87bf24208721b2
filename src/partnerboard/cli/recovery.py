"""`partnerboard restore FILE` and `partnerboard export audit-trail`."""

from __future__ import annotations

from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.db.target import parse_target
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date, parse_date
from partnerboard.errors import DatabaseRefused, UserError
from partnerboard.settings import app_paths, database_target


def run_restore(ctx: CommandContext) -> int:
    from partnerboard.db.restore import restore_database  # noqa: PLC0415  (Alembic, if older)

    target = parse_target(database_target(ctx.args.db))
    try:
        principal = ctx.db.principal  # signs in where required; refused unless they may restore
    except DatabaseRefused:
        # The current database is too damaged to open: what guards it now is the permission
        # to write its file, which whoever runs this has.
        principal = None
    ctx.close()  # no connection of ours stays open on the file being replaced
    report = restore_database(target, Path(ctx.args.file), app_paths().backups, principal)
    ctx.print(
        f"Restored {target.describe()} from {report.restored_from.name} (schema "
        f"{report.revision}, {report.audit_entries} audit entries)."
    )
    if report.safety_copy is not None:
        ctx.print(f"The database as it was is kept in {report.safety_copy}.")
    if report.manifest_note:
        ctx.print(f"Note: {report.manifest_note}")
    return 0


def run_export_audit(ctx: CommandContext) -> int:
    from partnerboard.exports.audit_trail_xlsx import export_audit_trail  # noqa: PLC0415

    try:
        since = parse_date(ctx.args.since)
    except ValueError as error:
        raise UserError(str(error)) from None
    count = export_audit_trail(ctx.db, Path(ctx.args.output), since)
    start = f" from {format_date(since)}" if since else ""
    ctx.print(f"Wrote {count} audit trail entries{start} to {ctx.args.output}.")
    return 0


def register(cli: CommandLine) -> None:
    restore = cli.command(
        "restore",
        "replace the database with a backup, after checking the backup (the current database "
        "is backed up first; refused while the app has it open)",
        run_restore,
        permission=Permission.RESTORE,
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    export = cli.kind(
        "export",
        "audit-trail",
        "write the audit trail to an Excel file",
        run_export_audit,
        permission=Permission.READ_AUDIT_TRAIL,
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    export.add_argument("--since", metavar="DATE", help="only entries from this date (dd/mm/yyyy)")
