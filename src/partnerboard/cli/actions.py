"""Commands of the action log: `export actions`, `report actions`, `template action-update`
and `import-actions` (bring an existing log or improvement plan)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.db.database import Database
from partnerboard.domain.actions import NOT_RATED, Rag
from partnerboard.domain.dates import parse_date
from partnerboard.errors import NotFound, UserError
from partnerboard.services.actions.filtering import NO_WORKSTREAM, ActionFilter, Show


def _date(text: str) -> date:
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


def _find_agency(db: Database, name: str) -> tuple[int, str]:
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
        ("agency", "agency", _find_agency),
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
        marking=ctx.args.marking or "",
    )
    ctx.print(f"Wrote {result.path}: {result.actions} actions on {result.pages} pages.")
    return 0


def _mapping(table, given: list[str]) -> dict[str, int]:
    """The guessed mapping with the user's FIELD=HEADER (or FIELD=column letter) on top."""
    from partnerboard.domain.log_import import (  # noqa: PLC0415
        FIELD_KEYS,
        guess_mapping,
        normalise_header,
    )

    mapping = guess_mapping(table.headers)
    headers = [normalise_header(h) for h in table.headers]
    for item in given:
        key, _, header = item.partition("=")
        key = key.strip().lower().replace("-", "_")
        if key not in FIELD_KEYS or not header.strip():
            raise UserError(
                f"--map {item}: write FIELD=HEADER with FIELD one of {', '.join(FIELD_KEYS)}."
            )
        wanted = normalise_header(header)
        if wanted in headers:
            column = headers.index(wanted)
        elif header.strip().isalpha() and len(header.strip()) <= 2:
            from partnerboard.services.actions.plan_reading import column_index  # noqa: PLC0415

            column = column_index(header.strip())
        else:
            raise UserError(
                f"--map {item}: no column is headed “{header}”; the headers are: "
                + ", ".join(h for h in table.headers if h)
            )
        mapping = {k: c for k, c in mapping.items() if c != column and k != key}
        mapping[key] = column
    return mapping


def run_import_actions(ctx: CommandContext) -> int:
    from partnerboard.domain.log_import import FIELD_BY_KEY  # noqa: PLC0415
    from partnerboard.services.actions.plan_reading import read_table  # noqa: PLC0415
    from partnerboard.services.actions.plan_writing import plan_for, run_import  # noqa: PLC0415

    args = ctx.args
    table = read_table(Path(args.file).expanduser(), args.sheet, args.header_row)
    mapping = _mapping(table, args.map or [])
    plan = plan_for(ctx.db, table, mapping, as_of=args.as_of, default_board=args.board)
    if args.dry_run:
        from partnerboard.services.actions.log_import import ImportReport  # noqa: PLC0415

        report = ImportReport(source=plan.source, problems=plan.problems)
    else:
        report = run_import(ctx.db, plan)
    if args.json:
        ctx.print_json(
            {
                **report.to_json(),
                "dry_run": bool(args.dry_run),
                "sheet": table.sheet,
                "header_row": table.header_row,
                "mapping": {key: table.headers[column] for key, column in mapping.items()},
                "planned": len(plan.actions),
            }
        )
    else:
        ctx.print(f"Sheet “{table.sheet}”, headers on row {table.header_row}:")
        for key, column in sorted(mapping.items(), key=lambda item: item[1]):
            ctx.print(f"  {table.headers[column]:<30} → {FIELD_BY_KEY[key].label}")
        for problem in report.problems:
            mark = "note" if problem.imported else "NOT IMPORTED"
            ctx.print(
                f"row {problem.row:>5} {problem.reference or '':<8} {mark}: {problem.message}"
            )
        if args.dry_run:
            ctx.print(f"Dry run: {len(plan.actions)} action(s) would be imported; nothing written.")
        else:
            ctx.print(report.summary())
    return 0 if report.ok else 1


def register(cli: CommandLine) -> None:
    export = cli.kind(
        "export", "actions", "the action log (filtered) as an Excel workbook", run_export
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="where to write")
    add_filter_options(export)
    report = cli.kind(
        "report", "actions", "the action report for board papers (PDF, by workstream)", run_report
    )
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write")
    report.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="the log as it stood on DATE (dd/mm/yyyy), e.g. a quarter's end",
    )
    report.add_argument("--title", default="Action log progress report", help="the report's title")
    report.add_argument("--marking", metavar="TEXT", help="protective marking, e.g. OFFICIAL")
    add_filter_options(report)
    imports = cli.command(
        "import-actions",
        "bring an existing action log or improvement plan in from a spreadsheet (.xlsx or .csv)",
        run_import_actions,
    )
    imports.add_argument("file", metavar="FILE", help="the workbook or CSV file")
    imports.add_argument("--json", action="store_true", help="print the report as JSON")
    imports.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the plan's)")
    imports.add_argument("--header-row", type=int, metavar="N", help="the row of the headers")
    imports.add_argument(
        "--map",
        action="append",
        metavar="FIELD=HEADER",
        help="which column holds a field, e.g. --map progress='Update Q2'; fields: workstream, "
        "reference, action, lead, agency, due, progress, rag, status, updated_on, difference, "
        "measure, raised_on, board",
    )
    imports.add_argument(
        "--as-of",
        type=_date,
        metavar="DATE",
        help="date of the first updates when the sheet has none (default today)",
    )
    imports.add_argument("--board", metavar="NAME", help="owning board of every imported action")
    imports.add_argument("--dry-run", action="store_true", help="check and list; write nothing")
