"""Commands over the partnership register: list agencies, people and boards."""

from __future__ import annotations

from dataclasses import asdict

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.services import partnership


def run_list(ctx: CommandContext) -> int:
    what = ctx.args.what
    if what == "agencies":
        rows = partnership.list_agencies(ctx.db, include_inactive=ctx.args.all)
        lines = [
            f"{r.name}\t{r.sector.label}\t{r.statutory_partner.label if r.statutory_partner != 'none' else ''}"
            for r in rows
        ]
    elif what == "people":
        rows = partnership.list_people(ctx.db, include_inactive=ctx.args.all)
        lines = [
            f"{r.name}\t{r.job_title or ''}\t{r.agency_name or ''}\t{r.email or ''}" for r in rows
        ]
    else:
        rows = partnership.list_boards(ctx.db, include_inactive=ctx.args.all)
        lines = [
            f"{r.name}\t{r.kind.label}\tchair: {r.chair_name or '-'}\t{r.member_count} members"
            for r in rows
        ]
    if ctx.args.json:
        ctx.print_json([asdict(r) for r in rows])
    else:
        for line in lines:
            ctx.print(line)
    return 0


def register(cli: CommandLine) -> None:
    listing = cli.command(
        "list", "list agencies, people or boards", run_list, permission=Permission.READ
    )
    listing.add_argument("what", choices=["agencies", "people", "boards"])
    listing.add_argument("--all", action="store_true", help="include deactivated records")
    listing.add_argument("--json", action="store_true", help="print JSON")
