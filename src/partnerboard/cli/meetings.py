"""Commands for meetings: minutes and agenda as PDF, minutes as Word or HTML, attendance to Excel.

partnerboard report minutes --meeting latest [--public] -o minutes.pdf
partnerboard report agenda --meeting 12 -o agenda.pdf
partnerboard export minutes --meeting latest -o minutes.docx
partnerboard export minutes --meeting latest --public -o minutes.html
partnerboard export attendance [--from 01/04/2026] [--to 31/03/2027] -o attendance.xlsx

The public versions (`--public`) are published documents: a tagged PDF and an accessible HTML
page from `partnerboard.published`, the same files `partnerboard publish` writes.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date, parse_date
from partnerboard.errors import UserError
from partnerboard.services.meetings.meetings import get_meeting, resolve_meeting
from partnerboard.services.partnership import list_boards


def _board_id(ctx: CommandContext) -> int | None:
    wanted = getattr(ctx.args, "board", None)
    if not wanted:
        return None
    key = wanted.strip().casefold()
    for board in list_boards(ctx.db):
        if key in (board.name.casefold(), (board.short_name or "").casefold()):
            return board.id
    raise UserError(f"There is no board called “{wanted}”.")


def meeting_from_args(ctx: CommandContext) -> int:
    """The meeting named by --meeting (a number or 'latest'), within --board if given."""
    return resolve_meeting(ctx.db, ctx.args.meeting, _board_id(ctx))


def _publish(ctx: CommandContext, meeting_id: int, path: Path, what: str) -> None:
    """A public version is a published document: a tagged PDF, or an accessible HTML page."""
    from partnerboard.published import agenda, minutes  # noqa: PLC0415
    from partnerboard.published.files import write_html, write_pdf  # noqa: PLC0415

    make = minutes.public_minutes if what == "minutes" else agenda.public_agenda
    write = write_pdf if path.suffix.lower() == ".pdf" else write_html
    write(make(ctx.db, meeting_id), path)


def run_report_minutes(ctx: CommandContext) -> int:
    meeting_id = meeting_from_args(ctx)
    path = ctx.output_file(".pdf")
    if ctx.args.public:
        _publish(ctx, meeting_id, path, "minutes")
    else:
        from partnerboard.reports.minutes_pdf import minutes_pdf  # noqa: PLC0415  (reportlab)

        minutes_pdf(ctx.db, meeting_id, path)
    version = "Public minutes" if ctx.args.public else "Minutes"
    ctx.print(f"{version} of {get_meeting(ctx.db, meeting_id).name} written to {path}.")
    return 0


def run_report_agenda(ctx: CommandContext) -> int:
    meeting_id = meeting_from_args(ctx)
    path = ctx.output_file(".pdf")
    if ctx.args.public:
        _publish(ctx, meeting_id, path, "agenda")
    else:
        from partnerboard.reports.agenda_pdf import agenda_pdf  # noqa: PLC0415  (reportlab)

        agenda_pdf(ctx.db, meeting_id, path)
    ctx.print(f"Agenda of {get_meeting(ctx.db, meeting_id).name} written to {path}.")
    return 0


def run_export_minutes(ctx: CommandContext) -> int:
    meeting_id = meeting_from_args(ctx)
    path = ctx.output_file(".docx", ".html", ".htm")
    if path.suffix.lower() == ".docx":
        from partnerboard.exports.minutes_docx import minutes_docx  # noqa: PLC0415

        minutes_docx(ctx.db, meeting_id, path, public=ctx.args.public)
    else:
        if not ctx.args.public:
            raise UserError(
                "HTML minutes are for publishing, so they are the public version: add --public."
            )
        _publish(ctx, meeting_id, path, "minutes")
    ctx.print(f"Minutes of {get_meeting(ctx.db, meeting_id).name} written to {path}.")
    return 0


def _date(text: str) -> date:
    try:
        found = parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if found is None:
        raise argparse.ArgumentTypeError("give a date as dd/mm/yyyy")
    return found


def run_export_attendance(ctx: CommandContext) -> int:
    from partnerboard.exports.attendance_xlsx import write_attendance_xlsx  # noqa: PLC0415
    from partnerboard.services.meetings.figures import attendance_figures  # noqa: PLC0415

    end = ctx.args.to or ctx.db.clock.today()
    start = ctx.args.start or end - timedelta(days=365)
    if start > end:
        raise UserError(
            f"The period starts ({format_date(start)}) after it ends ({format_date(end)})."
        )
    path = ctx.output_file(".xlsx")
    figures = attendance_figures(ctx.db, start, end, _board_id(ctx))
    write_attendance_xlsx(figures, path)
    ctx.print(f"Attendance at {figures.meetings} meetings from {figures.period} written to {path}.")
    return 0


def _common(parser: argparse.ArgumentParser, *, meeting: bool = True) -> None:
    if meeting:
        parser.add_argument(
            "--meeting",
            required=True,
            metavar="ID",
            help="the meeting's number, or 'latest' for the latest meeting held",
        )
    parser.add_argument("--board", metavar="NAME", help="limit to one board (name or short name)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")


def register(cli: CommandLine) -> None:
    minutes = cli.kind(
        "report",
        "minutes",
        "print a meeting's minutes as PDF",
        run_report_minutes,
        permission=Permission.READ,
    )
    _common(minutes)
    minutes.add_argument(
        "--public",
        action="store_true",
        help="the public version to publish: restricted items left out, tagged PDF (PDF/UA-1)",
    )
    agenda = cli.kind(
        "report",
        "agenda",
        "print a meeting's agenda as PDF",
        run_report_agenda,
        permission=Permission.READ,
    )
    _common(agenda)
    agenda.add_argument(
        "--public",
        action="store_true",
        help="the public version to publish: restricted items left out, tagged PDF (PDF/UA-1)",
    )
    export = cli.kind(
        "export",
        "minutes",
        "write a meeting's minutes as Word (.docx) or, public only, as HTML (.html)",
        run_export_minutes,
        permission=Permission.READ,
    )
    _common(export)
    export.add_argument("--public", action="store_true", help="leave restricted items out entirely")
    figures = cli.kind(
        "export",
        "attendance",
        "write attendance per agency and per member over a period to Excel (.xlsx)",
        run_export_attendance,
        permission=Permission.READ,
    )
    _common(figures, meeting=False)
    figures.add_argument(
        "--from", dest="start", type=_date, metavar="DATE", help="first day (default: a year ago)"
    )
    figures.add_argument("--to", type=_date, metavar="DATE", help="last day (default: today)")
