"""Commands over practice reviews: the register to Excel, a learning briefing, the deadline board."""

from __future__ import annotations

from datetime import date

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import parse_date
from partnerboard.errors import UserError


def _today(ctx: CommandContext) -> date:
    try:
        return parse_date(ctx.args.today) or ctx.db.clock.today()
    except ValueError as error:
        raise UserError(f"--today: {error}") from None


def run_export(ctx: CommandContext) -> int:
    from partnerboard.exports.reviews import export_reviews  # noqa: PLC0415  (openpyxl)

    report = export_reviews(ctx.db, ctx.output_file(".xlsx"), today=_today(ctx))
    ctx.print(
        f"Wrote {report.reviews} review(s) and {report.recommendations} recommendation(s) "
        f"to {report.path}."
    )
    return 0


def run_briefing(ctx: CommandContext) -> int:
    from partnerboard.reports.briefing import write_briefing  # noqa: PLC0415  (reportlab)
    from partnerboard.services.reviews import find_review  # noqa: PLC0415

    review = find_review(ctx.db, ctx.args.review)
    report = write_briefing(ctx.db, review.id, ctx.output_file(".pdf"), today=_today(ctx))
    ctx.print(
        f"Wrote the learning briefing on {review.reference} to {report.path} "
        f"({report.pages} page{'s' if report.pages != 1 else ''})."
    )
    return 0


def run_deadlines(ctx: CommandContext) -> int:
    from partnerboard.domain.dates import format_date  # noqa: PLC0415
    from partnerboard.services.review_deadlines import upcoming_deadlines  # noqa: PLC0415

    rows = upcoming_deadlines(ctx.db, _today(ctx), ctx.args.within)
    if ctx.args.json:
        ctx.print_json(
            [
                {
                    "review": r.reference,
                    "deadline": r.deadline.title,
                    "due": r.due.isoformat(),
                    "state": r.deadline.state.value,
                    "status": r.status_text,
                    "computed": r.deadline.explanation,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        ctx.print(f"No review deadline is overdue or due within {ctx.args.within} days.")
    for r in rows:
        ctx.print(f"{format_date(r.due)}\t{r.reference}\t{r.deadline.title}\t{r.status_text}")
        ctx.print(f"\t{r.deadline.explanation}")
    return 0


def _today_option(parser) -> None:
    parser.add_argument(
        "--today", metavar="DD/MM/YYYY", help="count deadlines as on this day (default: today)"
    )


def register(cli: CommandLine) -> None:
    export = cli.kind(
        "export",
        "reviews",
        "the practice review register as an Excel workbook",
        run_export,
        permission=Permission.READ,
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    _today_option(export)
    briefing = cli.kind(
        "report",
        "briefing",
        "a learning briefing (7-minute briefing) on one practice review",
        run_briefing,
        permission=Permission.READ,
    )
    briefing.add_argument("--review", required=True, metavar="REF", help="the review's reference")
    briefing.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _today_option(briefing)
    deadlines = cli.command(
        "deadlines",
        "practice review deadlines that are overdue or due soon",
        run_deadlines,
        permission=Permission.READ,
    )
    deadlines.add_argument(
        "--within", type=int, default=14, metavar="DAYS", help="how far ahead to look (default 14)"
    )
    deadlines.add_argument("--json", action="store_true", help="print JSON")
    _today_option(deadlines)
