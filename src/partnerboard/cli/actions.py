"""Commands of the action log: `export actions` and `report actions` with the register's
filters as options (`import-actions` is in `cli.action_import`)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.domain.actions import NOT_RATED, Rag
from partnerboard.domain.dates import parse_date
from partnerboard.errors import NotFound, UserError
from partnerboard.services.actions.filtering import NO_WORKSTREAM, ActionFilter, Show


def date_argument(text: str) -> date:
    try:
        found = parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if found is None:
        raise argparse.ArgumentTypeError("give a date as dd/mm/yyyy")
    return found


def _rag(text: str) -> str:
    if text.strip().casefold() in (NOT_RATED, "not rated", "not-rated"):
        return NOT_RATED
    rag = Rag.parse(text)
    if rag is None:
        raise argparse.ArgumentTypeError("choose red, amber, green or none")
    return rag.value


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The register's filters as options (shared by `export actions` and `report actions`)."""
    group = parser.add_argument_group("which actions (the register's filters)")
    group.add_argument(
        "--show",
        choices=[Show.OPEN, Show.CLOSED, Show.ALL],
        default=Show.OPEN,
        help="open actions (default), finished ones (closed, superseded, merged) or all",
    )
    group.add_argument("--board", metavar="NAME", help="owning board (name or short name)")
    group.add_argument(
        "--workstream",
        metavar="NUMBER_OR_TITLE",
        help="workstream by number or title; 'none' for actions outside any",
    )
    group.add_argument("--lead", metavar="NAME", help="lead person")
    group.add_argument("--agency", metavar="NAME", help="lead agency (name or short name)")
    group.add_argument(
        "--rag",
        action="append",
        type=_rag,
        metavar="RAG",
        help="red, amber, green or none (not rated); repeat for several",
    )
    group.add_argument("--overdue", action="store_true", help="only overdue actions")
    group.add_argument(
        "--due-within", type=int, metavar="DAYS", help="only open actions due within DAYS days"
    )
    group.add_argument(
        "--text", default="", metavar="WORDS", help="free text, as in the search box"
    )


def _find_board(db: Database, name: str) -> tuple[int, str]:
    from partnerboard.services.partnership import list_boards  # noqa: PLC0415

    wanted = name.strip().casefold()
    for board in list_boards(db):
        if wanted in (board.name.casefold(), (board.short_name or "").casefold()):
            return board.id, board.short_name or board.name
    raise NotFound(f"There is no board called “{name}”.")


def _find_workstream(db: Database, given: str) -> tuple[int, str]:
    from partnerboard.services.actions import list_workstreams  # noqa: PLC0415

    text = given.strip()
    if text.casefold() == "none":
        return NO_WORKSTREAM, "no workstream"
    for workstream in list_workstreams(db):
        if text == str(workstream.number) or text.casefold() == workstream.title.casefold():
            return workstream.id, workstream.label
    raise NotFound(f"There is no workstream “{given}” (give its number or its title).")


def _find_person(db: Database, name: str) -> tuple[int, str]:
    from partnerboard.services.partnership import list_people  # noqa: PLC0415

    found = [p for p in list_people(db) if p.name.casefold() == name.strip().casefold()]
    if not found:
        raise NotFound(f"There is no person called “{name}”.")
    if len(found) > 1:
        raise UserError(f"{len(found)} people are called “{name}”; filter by agency instead.")
    return found[0].id, found[0].name


def find_agency_option(db: Database, name: str) -> tuple[int, str]:
    from partnerboard.services.partnership import find_agency  # noqa: PLC0415

    agency = find_agency(db, name)
    if agency is None:
        raise NotFound(f"There is no agency called “{name}”.")
    return agency.id, agency.short_name or agency.name


def filter_from_args(db: Database, args: argparse.Namespace) -> tuple[ActionFilter, dict[str, str]]:
    """The `ActionFilter` the options ask for, and the names it uses (for the export's title)."""
    names: dict[str, str] = {}
    ids: dict[str, int | None] = {}
    for option, key, finder in (
        ("board", "board", _find_board),
        ("workstream", "workstream", _find_workstream),
        ("lead", "lead", _find_person),
        ("agency", "agency", find_agency_option),
    ):
        given = getattr(args, option)
        ids[key] = None
        if given:
            ids[key], names[key] = finder(db, given)
    wanted = ActionFilter(
        board_id=ids["board"],
        workstream_id=ids["workstream"],
        lead_person_id=ids["lead"],
        agency_id=ids["agency"],
        rags=frozenset(args.rag or ()),
        show=args.show,
        overdue=args.overdue,
        due_within=args.due_within,
        text=args.text or "",
    )
    return wanted, names


def run_export(ctx: CommandContext) -> int:
    from partnerboard.exports.actions import export_actions  # noqa: PLC0415  (openpyxl)

    wanted, names = filter_from_args(ctx.db, ctx.args)
    result = export_actions(ctx.db, Path(ctx.args.output).expanduser(), wanted, names=names)
    ctx.print(f"Exported {result.rows} actions ({wanted.describe(names)}) to {result.path}.")
    return 0


def run_report(ctx: CommandContext) -> int:
    from partnerboard.reports.actions import action_report  # noqa: PLC0415  (reportlab)

    wanted, names = filter_from_args(ctx.db, ctx.args)
    result = action_report(
        ctx.db,
        Path(ctx.args.output).expanduser(),
        wanted,
        names=names,
        as_of=ctx.args.as_of,
        title=ctx.args.title,
    )
    ctx.print(f"Wrote {result.path}: {result.actions} actions on {result.pages} pages.")
    return 0


def register(cli: CommandLine) -> None:
    export = cli.kind(
        "export",
        "actions",
        "the action log (filtered) as an Excel workbook",
        run_export,
        permission=Permission.READ,
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="where to write")
    add_filter_options(export)
    report = cli.kind(
        "report",
        "actions",
        "the action report for board papers (PDF, by workstream)",
        run_report,
        permission=Permission.READ,
    )
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write")
    report.add_argument(
        "--as-of",
        type=date_argument,
        metavar="DATE",
        help="the log as it stood on DATE (dd/mm/yyyy), e.g. a quarter's end",
    )
    report.add_argument("--title", default="Action log progress report", help="the report's title")
    add_filter_options(report)
