"""`partnerboard import [--json] PATH…`: import returned partner workbooks (files and folders).

Exit status 0 when every file was imported or unchanged, 1 when any file was rejected. The
JSON shape is documented in docs/import.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.domain.safe_text import printable


def run_import(ctx: CommandContext) -> int:
    from partnerboard.workbooks.importer import import_paths  # noqa: PLC0415

    args = ctx.args
    report = import_paths(ctx.db, [Path(p) for p in args.paths])
    if args.errors_to:
        from partnerboard.workbooks.error_list import (  # noqa: PLC0415  (openpyxl: when asked)
            error_list_file_name,
            write_error_list,
        )

        folder = Path(args.errors_to).expanduser()
        for result in report.rejected:
            write_error_list(result, folder / error_list_file_name(result))
    if args.json:
        ctx.print_json(report.to_json())
    else:
        for result in report.files:
            facts = ", ".join(x for x in (result.kind_title, result.agency, result.context) if x)
            records = f", {result.records} records" if result.records else ""
            ctx.print(
                printable(
                    f"{result.status.value.upper():9} {result.name}  "
                    f"({facts or 'not recognised'}{records})"
                )
            )
            for error in result.errors:
                # Messages quote the partner's cells: never let them forge terminal output.
                ctx.print(printable(f"          {error.where}: {error.message}"))
            for warning in result.warnings:
                ctx.print(printable(f"          warning: {warning.where}: {warning.message}"))
        ctx.print(report.summary() + ".")
    if not report.files:
        print("partnerboard: no workbook files found in the paths given", file=sys.stderr)
        return 1
    return 0 if report.ok else 1


def register(cli: CommandLine) -> None:
    command = cli.command(
        "import",
        "import returned partner workbooks (files or folders); each file whole or not at all",
        run_import,
        permission=Permission.IMPORT_RETURNS,
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="workbook files or folders")
    command.add_argument("--json", action="store_true", help="print the report as JSON")
    command.add_argument(
        "--errors-to",
        metavar="FOLDER",
        help="write an error-list workbook for each rejected file into FOLDER",
    )
