"""`partnerboard import-actions [--json] [--sheet NAME] [--map FIELD=HEADER …] FILE`: bring an
existing action log or improvement plan in from a spreadsheet.

Exit status 0 when every row was imported, 1 when some rows were listed instead (they are
printed, with the reason, or given in the JSON's `problems` with `imported: false`).
"""

from __future__ import annotations

from pathlib import Path

from partnerboard.cli.actions import date_argument
from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.errors import UserError


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
    imports = cli.command(
        "import-actions",
        "bring an existing action log or improvement plan in from a spreadsheet (.xlsx or .csv)",
        run_import_actions,
        permission=Permission.IMPORT_RETURNS,
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
        type=date_argument,
        metavar="DATE",
        help="date of the first updates when the sheet has none (default today)",
    )
    imports.add_argument("--board", metavar="NAME", help="owning board of every imported action")
    imports.add_argument("--dry-run", action="store_true", help="check and list; write nothing")
