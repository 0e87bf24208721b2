"""Publishing for the website, and checking that a PDF is tagged.

partnerboard publish --meeting latest -o FOLDER [--board NAME] [--verify]
partnerboard publish --briefing "LCSPR Child M 2025" -o FOLDER
partnerboard publish --thresholds [--document TITLE] [--version 3.0] -o FOLDER
partnerboard publish --yearly [2025/26] [--preview] -o FOLDER
partnerboard check-pdf FILE.pdf … [--json]

`publish` writes each document as an accessible HTML page and a tagged PDF (PDF/UA-1) with the
same name; with --verify it checks every PDF it wrote, as `check-pdf` does.
"""

from __future__ import annotations

from dataclasses import asdict

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.errors import UserError


def _print_check(ctx: CommandContext, report) -> None:  # report: published.check.TagReport
    headings = len(report.headings)
    ctx.print(
        f"{report.path}: {report.pages} page(s), tagged {'yes' if report.tagged else 'no'}, "
        f"language {report.language or 'not set'}, {headings} heading(s), "
        f"{report.tables_with_headers} of {report.tables} table(s) with header cells, "
        f"{report.figures_with_alt} of {report.figures} figure(s) with a text alternative"
    )
    for problem in report.problems:
        ctx.print(f"PROBLEM: {problem}")
    for rule in report.pdfua_not_evaluated:
        ctx.print(f"The PDF/UA checker could not evaluate {rule}.")
    ctx.print(
        "OK: tagged for accessibility." if report.ok else f"{len(report.problems)} problem(s)."
    )


def run_publish(ctx: CommandContext) -> int:
    from partnerboard.published import publish  # noqa: PLC0415

    args = ctx.args
    if args.board and args.meeting is None:
        raise UserError("--board goes with --meeting.")
    if (args.document or args.version) and not args.thresholds:
        raise UserError("--document and --version go with --thresholds.")
    if args.preview and args.yearly is None:
        raise UserError("--preview goes with --yearly.")
    if args.meeting is not None:
        from partnerboard.cli.meetings import meeting_from_args  # noqa: PLC0415

        written = publish.publish_meeting(ctx.db, meeting_from_args(ctx), args.output)
    elif args.briefing is not None:
        from partnerboard.services.reviews import find_review  # noqa: PLC0415

        review = find_review(ctx.db, args.briefing)
        written = publish.publish_briefing(ctx.db, review.id, args.output)
    elif args.yearly is not None:
        from partnerboard.cli.yearly import public_year  # noqa: PLC0415

        year = public_year(ctx, args.yearly, "--yearly")
        written = publish.publish_yearly(ctx.db, year, args.output, preview=args.preview)
    else:
        written = publish.publish_thresholds(
            ctx.db, args.output, document=args.document, version=args.version
        )
    for item in written:
        ctx.print(f"{item.document.title}:")
        ctx.print(f"  {item.html}")
        ctx.print(f"  {item.pdf}")
    if not args.verify:
        return 0
    from partnerboard.published.check import check_pdf  # noqa: PLC0415  (pikepdf)

    reports = [check_pdf(item.pdf) for item in written]
    for report in reports:
        _print_check(ctx, report)
    return 0 if all(r.ok for r in reports) else 1


def run_check_pdf(ctx: CommandContext) -> int:
    from partnerboard.published.check import check_pdf  # noqa: PLC0415  (pikepdf)

    reports = [check_pdf(path) for path in ctx.args.files]
    if ctx.args.json:
        ctx.print_json([{**asdict(r), "path": str(r.path), "ok": r.ok} for r in reports])
    else:
        for report in reports:
            _print_check(ctx, report)
    return 0 if all(r.ok for r in reports) else 1


def register(cli: CommandLine) -> None:
    publish = cli.command(
        "publish",
        "write what goes on the website as accessible HTML and tagged PDF (PDF/UA-1): a "
        "meeting's public agenda and minutes, a learning briefing, the threshold document "
        "with its sign-up summary, or the yearly report",
        run_publish,
        permission=Permission.READ,
    )
    what = publish.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--meeting",
        metavar="ID",
        help="a meeting's number, or 'latest' for the latest meeting held: its public agenda, "
        "and its public minutes once held (a draft until the chair approves them)",
    )
    what.add_argument("--briefing", metavar="REF", help="the 7-minute briefing on this review")
    what.add_argument(
        "--thresholds",
        action="store_true",
        help="the threshold document (levels of need) and the sign-up summary",
    )
    what.add_argument(
        "--yearly",
        nargs="?",
        const="",
        metavar="YYYY/YY",
        help="the yearly report for this year, 1 April to 31 March (default: the last year that "
        "has ended), once the year has ended and its five required sections have narrative",
    )
    publish.add_argument("--board", metavar="NAME", help="with --meeting latest: of this board")
    publish.add_argument(
        "--preview",
        action="store_true",
        help="with --yearly: write it even if the year has not ended or required sections are "
        "still to be written, marked as a preview",
    )
    publish.add_argument(
        "--document", metavar="TITLE", help="with --thresholds: the document (default: the first)"
    )
    publish.add_argument(
        "--version", metavar="VERSION", help="with --thresholds: which version (default: current)"
    )
    publish.add_argument(
        "-o", "--output", required=True, metavar="FOLDER", help="folder to write into (made if new)"
    )
    publish.set_defaults(output_folders=True)  # -o FOLDER/ is made when missing
    publish.add_argument(
        "--verify", action="store_true", help="check each PDF written is tagged (as check-pdf)"
    )
    check = cli.command(
        "check-pdf",
        "check that a PDF is tagged for accessibility: structure, language, title, headings, "
        "table headers, text alternatives, artifacts, and the PDF/UA-1 rules a program can check",
        run_check_pdf,
        permission=Permission.READ,
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="PDF file(s) to check")
    check.add_argument("--json", action="store_true", help="print the reports as JSON")
