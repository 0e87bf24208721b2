"""The yearly report and the engagement log on the command line.

partnerboard report yearly [--year 2025/26] -o draft.docx     the Word draft for the team
partnerboard yearly-narrative draft.docx [--year 2025/26]     take the team's text back
partnerboard engagement list [--year 2025/26] [--json]
partnerboard engagement add --date DD/MM/YYYY --activity TEXT --heard TEXT [...]

Without --year: the last year that has ended (1 April to 31 March). The public version is
published with the other published documents: `partnerboard publish --yearly 2025/26 -o FOLDER
[--preview]` (cli/publishing.py).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date, parse_date
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.errors import UserError, ValidationFailed


def public_year(ctx: CommandContext, text: str | None, option: str = "--year") -> Period:
    """The year named after `option`; without one, the last year that has ended."""
    return ctx.period(text, option, (YEAR,), lambda today: Period.latest_complete(today, YEAR))


def _year(ctx: CommandContext) -> Period:
    return public_year(ctx, ctx.args.year)


def run_draft(ctx: CommandContext) -> int:
    from partnerboard.exports.yearly_report_docx import yearly_report_docx  # noqa: PLC0415

    path = ctx.output_file(".docx")
    document = yearly_report_docx(ctx.db, _year(ctx), path)
    ctx.print(f"Wrote the draft yearly report for {document.year.label} to {path}.")
    if document.gaps:
        ctx.print(
            f"The registers hold no evidence of {len(document.gaps)} thing(s), listed on its first page:"
        )
        for gap in document.gaps:
            ctx.print(f"  {gap}")
    ctx.print(f"{len(document.unwritten)} section(s) to be written; marked {document.marking}.")
    return 0


def run_narrative(ctx: CommandContext) -> int:
    from partnerboard.exports.yearly_report_narrative import take_narrative  # noqa: PLC0415

    year = _year(ctx) if ctx.args.year else None
    taken = take_narrative(ctx.db, Path(ctx.args.file).expanduser(), year)
    stored = taken.stored
    ctx.print(
        f"Took the narrative of {taken.year.label} from {Path(ctx.args.file).name}: "
        f"{len(stored.written)} section(s) written, {len(stored.changed)} changed, "
        f"{len(stored.cleared)} emptied."
    )
    for title in taken.unwritten:
        ctx.print(f"  still to be written: {title}")
    for title in taken.missing:
        ctx.print(f"  heading not found in the file (kept as it was): {title}")
    for title in taken.changed_figures:
        ctx.print(
            f"  drawn figures differ from the registers in: {title} "
            "(the published version shows the registers')"
        )
    return 0


def run_engagement_list(ctx: CommandContext) -> int:
    from partnerboard.services.engagement import list_engagement  # noqa: PLC0415

    year = _year(ctx) if ctx.args.year else None
    rows = list_engagement(
        ctx.db, year.start if year else None, year.end if year else None, include_inactive=False
    )
    if ctx.args.json:
        ctx.print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        ctx.print("No engagement recorded" + (f" for {year.label}." if year else "."))
    for row in rows:
        ctx.print(f"{format_date(row.held_on)}\t{row.activity}\t{row.method.label}")
    return 0


def run_engagement_add(ctx: CommandContext) -> int:
    from partnerboard.services.partnership import find_agency  # noqa: PLC0415

    args = ctx.args
    try:
        held_on = parse_date(args.date)
    except ValueError as error:
        raise UserError(f"--date: {error}") from None
    agency = None
    if args.agency:
        found = find_agency(ctx.db, args.agency)
        if found is None:
            raise UserError(f"--agency: there is no agency called “{args.agency}”.")
        agency = found.id
    options = {"held_on": "--date", "participant_count": "--count", "lead_agency_id": "--agency"}
    try:
        row = _save(ctx, held_on, agency)
    except ValidationFailed as failed:
        raise UserError(
            "; ".join(f"{options.get(e.field, '--' + e.field)}: {e.message}" for e in failed.errors)
        ) from None
    ctx.print(f"Recorded “{row.activity}” on {format_date(row.held_on)}.")
    return 0


def _save(ctx: CommandContext, held_on, agency: int | None):
    from partnerboard.domain.engagement import EngagementInput  # noqa: PLC0415
    from partnerboard.services.engagement import save_engagement  # noqa: PLC0415

    args = ctx.args
    return save_engagement(
        ctx.db,
        EngagementInput(
            activity=args.activity,
            held_on=held_on,
            method=args.method,
            participants=args.participants,
            participant_count=args.count,
            lead_agency_id=agency,
            heard=args.heard,
            changed=args.changed,
        ),
    )


def _year_option(parser, what: str) -> None:
    parser.add_argument(
        "--year", metavar="YYYY/YY", help=f"{what} (default: the last year that has ended)"
    )


def register(cli: CommandLine) -> None:
    draft = cli.kind(
        "report",
        "yearly",
        "the yearly report drawn from the registers, as a Word draft",
        run_draft,
        permission=Permission.READ,
    )
    _year_option(draft, "the year from 1 April to 31 March, e.g. 2025/26")
    draft.add_argument("-o", "--output", required=True, metavar="FILE.docx")
    narrative = cli.command(
        "yearly-narrative",
        "take the team's narrative back from the edited Word draft of a yearly report",
        run_narrative,
        permission=Permission.EDIT_RECORDS,
    )
    narrative.add_argument("file", metavar="FILE.docx")
    _year_option(narrative, "check that the file is this year's draft")
    engagement = cli.command(
        "engagement",
        "the engagement log: feedback from children and families",
        lambda _c: 0,
        permission=Permission.READ,
    )
    actions = engagement.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="activities recorded", description="activities recorded"
    )
    listing.set_defaults(run=run_engagement_list)
    _year_option(listing, "only this year")
    listing.add_argument("--json", action="store_true", help="print JSON")
    add = actions.add_parser("add", help="record an activity", description="record an activity")
    add.set_defaults(run=run_engagement_add, permission=Permission.EDIT_RECORDS)
    add.add_argument("--date", required=True, metavar="DD/MM/YYYY", help="when it took place")
    add.add_argument("--activity", required=True, help="what was done")
    add.add_argument("--heard", required=True, help="what was heard")
    add.add_argument("--changed", help="what changed as a result")
    add.add_argument("--participants", help="who took part (no names of children)")
    add.add_argument("--count", type=int, help="how many took part")
    add.add_argument(
        "--method",
        default="other",
        help="survey, group, panel, one_to_one, event or other (default other)",
    )
    add.add_argument("--agency", metavar="NAME", help="the agency that led it")
