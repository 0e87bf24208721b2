"""Commands of the performance dataset: `template dataset`, `import-dataset`, `export dataset`
and `report performance`.

`import-dataset` exits 0 when the file was imported, 1 when it was refused (every problem is
printed, or given in the JSON's `problems`); nothing is written then.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from partnerboard.cli.actions import date_argument, find_agency_option
from partnerboard.cli.registry import CommandContext, CommandLine, add_import_options
from partnerboard.domain.access import Permission
from partnerboard.domain.public_sector_year import MONTH, QUARTER, YEAR, Period
from partnerboard.errors import UserError


def _quarter(ctx: CommandContext) -> Period:
    """--quarter: a quarter (or a month: its quarter), or latest, the default: the latest
    complete quarter by the database's clock."""
    return ctx.period(
        ctx.args.quarter, "--quarter", (QUARTER, MONTH), Period.latest_complete
    ).quarter


def run_template(ctx: CommandContext) -> int:
    from partnerboard.workbooks.dataset import template as templates  # noqa: PLC0415

    args = ctx.args
    quarter = _quarter(ctx)
    output = Path(args.output).expanduser()
    if args.all:
        if output.exists() and not output.is_dir():
            raise UserError(f"{output} is a file; with --all, -o names a folder.")
        written = templates.write_templates(ctx.db, quarter, output)
    else:
        agency_id, _name = find_agency_option(ctx.db, args.agency)
        if output.is_dir() or output.suffix.lower() != ".xlsx":  # a folder to write into
            from partnerboard.services.partnership import get_agency  # noqa: PLC0415

            output = output / templates.template_file_name(
                quarter, get_agency(ctx.db, agency_id).name
            )
        written = [templates.write_template(ctx.db, agency_id, quarter, output)]
    for item in written:
        ctx.print(f"{item.path} ({item.figures} figure(s) asked for)")
    ctx.print(f"{len(written)} dataset return(s) written for {quarter.label}.")
    return 0


def run_import_dataset(ctx: CommandContext) -> int:
    from partnerboard.domain.dataset_import import FIELD_BY_KEY  # noqa: PLC0415
    from partnerboard.services.performance import dataset_import as imports  # noqa: PLC0415

    args = ctx.args
    plan = imports.plan_dataset(
        ctx.db,
        Path(args.file).expanduser(),
        sheet=args.sheet,
        header_row=args.header_row,
        overrides=imports.parse_overrides(args.map or []),
        year=ctx.period(args.year, "--year", (YEAR,)).year if args.year else None,
    )
    report = (
        imports.DatasetReport(plan.source, written=False, problems=list(plan.problems))
        if args.dry_run
        else imports.run_plan(ctx.db, plan)
    )
    if args.json:
        ctx.print_json(
            {
                **report.to_json(),
                "dry_run": bool(args.dry_run),
                "sheet": plan.sheet,
                "header_row": plan.header_row,
                "definitions_sheet": plan.definitions_sheet,
                "mapping": plan.mapping,
                "periods": [p.key for p in plan.periods],
                "indicators": len(plan.indicators),
                "planned_figures": plan.figures,
            }
        )
        return 0 if report.ok else 1
    ctx.print(f"Sheet “{plan.sheet}”, headers on row {plan.header_row}:")
    for key, header in plan.mapping.items():
        ctx.print(f"  {header:<30} → {FIELD_BY_KEY[key].label}")
    if plan.periods:
        ctx.print(f"  periods: {plan.periods[0].label} to {plan.periods[-1].label}")
    if plan.definitions_sheet:
        ctx.print(f"Definitions read from sheet “{plan.definitions_sheet}”.")
    for problem in report.problems:
        mark = "note" if problem.imported else "PROBLEM"
        where = f"row {problem.row:>4}" if problem.row else "file    "
        ctx.print(f"{where} {problem.reference or '':<8} {mark}: {problem.message}")
    if args.dry_run:
        verdict = "would be imported" if report.ok else "would be refused"
        ctx.print(
            f"Dry run: {len(plan.indicators)} indicator(s) and {plan.figures} figure(s) "
            f"{verdict}; nothing written."
        )
    else:
        ctx.print(report.summary())
    return 0 if report.ok else 1


def run_export(ctx: CommandContext) -> int:
    from partnerboard.exports.dataset_xlsx import export_dataset  # noqa: PLC0415

    result = export_dataset(ctx.db, Path(ctx.args.output).expanduser())
    ctx.print(
        f"Exported {result.indicators} indicators and {result.figures} figures to {result.path}."
    )
    return 0


def run_report(ctx: CommandContext) -> int:
    from partnerboard.reports.performance_pdf import performance_report  # noqa: PLC0415

    args = ctx.args
    agency_id = find_agency_option(ctx.db, args.agency)[0] if args.agency else None
    result = performance_report(
        ctx.db,
        Path(args.output).expanduser(),
        _quarter(ctx),
        as_of=args.as_of,
        theme=args.theme,
        agency_id=agency_id,
        rags=tuple(args.rag or ()),
    )
    ctx.print(f"Wrote {result.path}: {result.indicators} indicators on {result.pages} pages.")
    return 0


def _rag(text: str) -> str:
    wanted = text.strip().casefold()
    if wanted in ("red", "amber", "green"):
        return wanted
    if wanted in ("none", "no target", "not rated"):
        return "none"
    raise argparse.ArgumentTypeError("choose red, amber, green or none")


def register(cli: CommandLine) -> None:
    from partnerboard.domain.dataset_import import FIELD_KEYS  # noqa: PLC0415

    template = cli.kind(
        "template",
        "dataset",
        "dataset returns for a quarter, one per supplying agency",
        run_template,
        permission=Permission.GENERATE_TEMPLATES,
    )
    template.add_argument(
        "--quarter", metavar="QUARTER",
        help="e.g. 2026/27-Q2, or latest (default: the latest complete quarter)",
    )  # fmt: skip
    which = template.add_mutually_exclusive_group(required=True)
    which.add_argument("--agency", metavar="NAME", help="one agency (name or short name)")
    which.add_argument("--all", action="store_true", help="every agency supplying an indicator")
    template.add_argument(
        "-o", "--output", required=True, metavar="PATH",
        help="the file to write (one agency) or the folder (--all)",
    )  # fmt: skip
    template.set_defaults(output_folders=True)  # -o FOLDER/ is made when missing

    imports = cli.command(
        "import-dataset",
        "bring an existing performance dataset in from a spreadsheet (.xlsx or .csv)",
        run_import_dataset,
        permission=Permission.IMPORT_RETURNS,
    )
    add_import_options(imports, FIELD_KEYS, "polarity='Good is'", "the one with columns of periods")
    imports.add_argument(
        "--year", metavar="YEAR",
        help="the year of columns headed only Q1 … Q4, e.g. 2025/26 (default: from the title)",
    )  # fmt: skip

    export = cli.kind(
        "export", "dataset", "the performance dataset: figures, definitions, commentary (Excel)",
        run_export,
        permission=Permission.READ,
    )  # fmt: skip
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")

    report = cli.kind(
        "report", "performance", "the performance scorecard for the board (PDF, A4 landscape)",
        run_report,
        permission=Permission.READ,
    )  # fmt: skip
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.add_argument(
        "--quarter", metavar="QUARTER",
        help="latest (default) or a quarter such as 2026/27-Q2",
    )  # fmt: skip
    report.add_argument(
        "--as-of", type=date_argument, metavar="DATE",
        help="the figures as they stood on DATE (dd/mm/yyyy): later corrections left out",
    )  # fmt: skip
    report.add_argument("--theme", metavar="THEME", help="only one theme")
    report.add_argument("--agency", metavar="NAME", help="only one supplying agency")
    report.add_argument(
        "--rag", action="append", type=_rag, metavar="RAG",
        help="red, amber, green or none; repeat for several",
    )  # fmt: skip
