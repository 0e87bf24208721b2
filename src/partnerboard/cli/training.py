"""Multi-agency training commands: bookings and evaluations in, the report and the export out.

partnerboard import-bookings attendees.csv --session 12
partnerboard import-bookings bookings.xlsx --course NEG-1 --map date="Event date"
partnerboard import-evaluations "Neglect evaluation.xlsx" --session 12
partnerboard import-evaluations "Neglect follow-up.xlsx" --session 12 --follow-up
partnerboard report training --year 2025/26 -o training.pdf      (or --year "Q3 2025/26")
partnerboard export training --year 2025/26 -o training.xlsx

An import is whole or not at all: exit status 1 and the rows it could not read, nothing
written; the agencies it could not place are listed with an import that succeeded.
"""

from __future__ import annotations

import argparse

from partnerboard.cli.registry import CommandContext, CommandLine, add_import_options
from partnerboard.domain.access import Permission
from partnerboard.domain.public_sector_year import QUARTER, YEAR, Period


def _period(ctx: CommandContext) -> Period:
    """--year: a year or a quarter; without it, this year."""
    return ctx.period(
        ctx.args.year, "--year", (YEAR, QUARTER), lambda today: Period.containing(today, YEAR)
    )


def _show(ctx: CommandContext, result) -> int:
    if ctx.args.json:
        ctx.print_json(result.to_json())
    else:
        for line in result.lines():
            ctx.print(line)
    return 0 if result.ok else 1


def run_import_bookings(ctx: CommandContext) -> int:
    from partnerboard.services import training  # noqa: PLC0415

    args = ctx.args
    session_id = training.resolve_session(ctx.db, args.session).id if args.session else None
    course_id = training.resolve_course(ctx.db, args.course).id if args.course else None
    result = training.import_bookings(
        ctx.db, args.file, session_id=session_id, course_id=course_id, given=args.map or [],
        sheet=args.sheet, header_row=args.header_row, dry_run=args.dry_run,
    )  # fmt: skip
    return _show(ctx, result)


def run_import_evaluations(ctx: CommandContext) -> int:
    from partnerboard.services import training  # noqa: PLC0415

    args = ctx.args
    session = training.resolve_session(ctx.db, args.session)
    result = training.import_evaluations(
        ctx.db, args.file, session_id=session.id, follow_up=args.follow_up,
        given=args.map or [], sheet=args.sheet, header_row=args.header_row,
        dry_run=args.dry_run,
    )  # fmt: skip
    return _show(ctx, result)


def run_report(ctx: CommandContext) -> int:
    from partnerboard.reports.training_report import write_training_report  # noqa: PLC0415

    period = _period(ctx)
    report = write_training_report(ctx.db, period, ctx.output_file(".pdf"))
    ctx.print(f"Training report {period.label} written to {report.path} ({report.pages} page(s)).")
    return 0


def run_export(ctx: CommandContext) -> int:
    from partnerboard.exports.training_xlsx import export_training  # noqa: PLC0415

    period = _period(ctx)
    written = export_training(ctx.db, ctx.output_file(".xlsx"), period)
    ctx.print(
        f"Wrote the training figures {period.label} ({written.sessions} session(s), "
        f"{written.agencies} agencies) to {written.path}."
    )
    return 0


def _period_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--year",
        metavar="YEAR",
        help="the public-sector year from April, e.g. 2025/26, or a quarter, e.g. 'Q3 2025/26', "
        "or latest (the last year that has ended); default: this year",
    )


def register(cli: CommandLine) -> None:
    from partnerboard.domain.training_import import (  # noqa: PLC0415
        BOOKING_KEYS,
        EVALUATION_FIELDS,
    )

    bookings = cli.command(
        "import-bookings",
        "bring bookings and attendance in from a booking site's export (whole or not at all)",
        run_import_bookings,
        permission=Permission.IMPORT_RETURNS,
    )
    which = bookings.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", metavar="ID", help="the session (its number on the page)")
    which.add_argument(
        "--course", metavar="REF", help="the course (each row's date says which session)"
    )
    add_import_options(bookings, BOOKING_KEYS, "agency='Which team are you in?'", "the first")
    evaluations = cli.command(
        "import-evaluations",
        "bring course evaluations or follow-ups in from a forms tool's export (whole or not at all)",
        run_import_evaluations,
        permission=Permission.IMPORT_RETURNS,
    )
    evaluations.add_argument(
        "--session", required=True, metavar="ID", help="the session (its number on the page)"
    )
    evaluations.add_argument(
        "--follow-up",
        action="store_true",
        help="the follow-up about three months later ('what have you done differently?')",
    )
    add_import_options(
        evaluations,
        (*(f.key for f in EVALUATION_FIELDS), "before1", "after1", "…"),
        "comments='Anything else?'",
        "the first",
    )
    report = cli.kind(
        "report", "training", "the multi-agency training report for a year or quarter (PDF)",
        run_report,
        permission=Permission.READ,
    )  # fmt: skip
    _period_option(report)
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    export = cli.kind(
        "export",
        "training",
        "the training figures for a year or quarter (Excel)",
        run_export,
        permission=Permission.READ,
    )
    _period_option(export)
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
