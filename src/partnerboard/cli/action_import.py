"""`partnerboard import-actions [--json] [--sheet NAME] [--map FIELD=HEADER …] FILE`: bring an
existing action log or improvement plan in from a spreadsheet.

Exit status 0 when every row was imported, 1 when some rows were listed instead (they are
printed, with the reason, or given in the JSON's `problems` with `imported: false`).
"""

from __future__ import annotations

from pathlib import Path

from partnerboard.cli.actions import date_argument
from partnerboard.cli.registry import CommandContext, CommandLine, add_import_options
from partnerboard.domain.access import Permission


def _mapping(table, given: list[str]) -> dict[str, int]:
    """The guessed mapping with the user's FIELD=HEADER (or FIELD=column letter) on top."""
    from partnerboard.domain.log_import import (  # noqa: PLC0415
        FIELD_KEYS,
        guess_mapping,
        map_columns,
    )

    return map_columns(table.headers, guess_mapping(table.headers), given, FIELD_KEYS)


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
    from partnerboard.domain.log_import import FIELD_KEYS  # noqa: PLC0415

    imports = cli.command(
        "import-actions",
        "bring an existing action log or improvement plan in from a spreadsheet (.xlsx or .csv)",
        run_import_actions,
        permission=Permission.IMPORT_RETURNS,
    )
    add_import_options(imports, FIELD_KEYS, "progress='Update Q2'", "the plan's")
    imports.add_argument(
        "--as-of",
        type=date_argument,
        metavar="DATE",
        help="date of the first updates when the sheet has none (default today)",
    )
    imports.add_argument("--board", metavar="NAME", help="owning board of every imported action")
