"""Threshold sign-up and escalations in the yearly report, as they stood on the day figures
stand on.

Sign-up: for each threshold document, the version in force then (the latest approved by then)
and each agency's sign-up to it: agreed or declined if signed by then, else pending.
Escalations: those raised during the year, and those still open then whenever raised; an
escalation resolved later was open, and stages reached later had not been reached.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sqlalchemy import select

from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.thresholds import ThresholdDocument, ThresholdSignup, ThresholdVersion
from partnerboard.domain.dates import format_date
from partnerboard.domain.partnership import Sector
from partnerboard.domain.thresholds import STAGES, EscalationCategory, SignupStatus, format_days
from partnerboard.services.escalation_figures import figures_from
from partnerboard.services.escalations import EscalationRow, list_escalations
from partnerboard.services.yearly_report.context import YearContext, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table


def _signup_content(ctx: YearContext) -> list:
    content: list = []
    with ctx.db.reader() as session:
        for document in session.scalars(select(ThresholdDocument).order_by(ThresholdDocument.id)):
            version = session.scalars(
                select(ThresholdVersion)
                .where(
                    ThresholdVersion.document_id == document.id,
                    ThresholdVersion.approved_on.is_not(None),
                    ThresholdVersion.approved_on <= ctx.as_at,
                )
                .order_by(ThresholdVersion.approved_on.desc(), ThresholdVersion.id.desc())
                .limit(1)
            ).first()
            if version is None:
                continue
            found = session.execute(
                select(ThresholdSignup, Agency)
                .join(Agency, Agency.id == ThresholdSignup.agency_id)
                .where(ThresholdSignup.version_id == version.id)
                .order_by(Agency.name)
            ).all()
            lines = [(agency, _status_then(ctx, signup)) for signup, agency in found]
            content += _version_content(ctx, version, lines)
    return content


def _status_then(ctx: YearContext, signup: ThresholdSignup) -> SignupStatus:
    status = SignupStatus(signup.status)
    if status is SignupStatus.PENDING or signup.signed_on is None:
        return status
    return status if signup.signed_on <= ctx.as_at else SignupStatus.PENDING


def _version_content(
    ctx: YearContext, version: ThresholdVersion, lines: list[tuple[Agency, SignupStatus]]
) -> list:
    agreed = sum(1 for _, s in lines if s is SignupStatus.AGREED)
    by_sector: dict[str, Counter] = {}
    for agency, status in lines:
        sector = (Sector.parse(agency.sector) or Sector.OTHER).label
        by_sector.setdefault(sector, Counter())[status] += 1
    name = (
        f"{version.title} (version {version.version}, approved {format_date(version.approved_on)})"
    )
    rows = tuple(
        (
            sector,
            str(sum(counts.values())),
            str(counts[SignupStatus.AGREED]),
            str(counts[SignupStatus.DECLINED]),
            str(counts[SignupStatus.PENDING]),
            share(counts[SignupStatus.AGREED], sum(counts.values())),
        )
        for sector, counts in sorted(by_sector.items())
    )
    declined = sum(1 for _, s in lines if s is SignupStatus.DECLINED)
    return [
        Figures(
            f"Key figures: sign-up to {version.title}",
            (
                Figure(f"Threshold document in force on {ctx.at}", name),
                Figure(f"Agencies signed up on {ctx.at}", share(agreed, len(lines)), agreed),
                Figure(f"Agencies that had declined by {ctx.at}", str(declined), declined),
            ),
        ),
        Table(
            f"Sign-up to {version.title} version {version.version} by sector, on {ctx.at}",
            ("Sector", "Agencies", "Agreed", "Declined", "Pending", "Signed up"),
            rows,
            (30, 12, 12, 12, 12, 22),
            total=(
                "All sectors",
                str(len(lines)),
                str(agreed),
                str(declined),
                str(len(lines) - agreed - declined),
                share(agreed, len(lines)),
            ),
        ),
    ]


def _escalation_then(ctx: YearContext, row: EscalationRow) -> EscalationRow:
    steps = tuple(s for s in row.steps if s.on_date <= ctx.as_at)
    return replace(
        row,
        resolved_on=ctx.by_then(row.resolved_on),
        steps=steps,
        stage=max((s.stage for s in steps), default=1),
    )


def _escalation_content(ctx: YearContext, rows: list[EscalationRow]) -> list:
    raised = [r for r in rows if ctx.within(r.raised_on)]
    figures = figures_from(raised, ctx.start, ctx.as_at)
    still_open = [r for r in rows if r.is_open]
    carried = [r for r in rows if r.raised_on < ctx.start]
    categories = list(EscalationCategory)
    resolved = Counter(r.category for r in raised if not r.is_open)
    themes = Counter(r.learning_theme for r in raised if r.learning_theme)
    content: list = [
        Figures(
            f"Key figures: escalations, {ctx.label}",
            (
                Figure(
                    f"Escalations raised during {ctx.label}", str(figures.raised), figures.raised
                ),
                Figure(
                    f"Of those, resolved by {ctx.at}",
                    share(figures.resolved, figures.raised),
                    figures.resolved,
                ),
                Figure(
                    "Median days to resolve",
                    format_days(figures.median_days_to_resolve),
                    figures.median_days_to_resolve,
                ),
                Figure(
                    f"Raised before {ctx.label} and still open at its start",
                    str(len(carried)),
                    len(carried),
                ),
                Figure(f"Open on {ctx.at}", str(len(still_open)), len(still_open)),
            ),
        ),  # fmt: skip
        Table(
            f"Escalations raised during {ctx.label} by category",
            ("Category", "Raised", f"Resolved by {ctx.at}", "Still open"),
            tuple(
                (c.label, str(n), str(resolved[c]), str(n - resolved[c]))
                for c, n in zip(categories, figures.by_category, strict=True)
                if n
            ),
            (40, 20, 20, 20),
            total=(
                "All categories",
                str(figures.raised),
                str(figures.resolved),
                str(figures.raised - figures.resolved),
            ),
        ),  # fmt: skip
        Table(
            f"Highest stage reached by {ctx.at} (escalations raised during {ctx.label})",
            ("Stage", "Escalations"),
            tuple(
                (f"Stage {stage}: {STAGES[stage]}", str(n))
                for stage, n in zip(sorted(STAGES), figures.highest_stage, strict=True)
            ),
            (75, 25),
        ),
    ]
    if themes:
        content.append(
            Table(
                f"Learning themes of the escalations raised during {ctx.label}",
                ("Learning theme", "Escalations"),
                tuple((theme, str(n)) for theme, n in themes.most_common()),
                (75, 25),
            )
        )
    return content


def thresholds_part(ctx: YearContext) -> PartData:
    content = _signup_content(ctx)
    gaps = [] if content else [f"no threshold document approved by {ctx.at}"]
    escalations = [
        _escalation_then(ctx, r)
        for r in list_escalations(ctx.db, until=ctx.as_at)
        if ctx.within(r.raised_on) or r.resolved_on is None or r.resolved_on >= ctx.start
    ]
    if any(ctx.within(r.raised_on) for r in escalations):
        content += _escalation_content(ctx, escalations)
    else:
        gaps.append(f"no escalations recorded during {ctx.label}")
    restricted = sum(1 for r in escalations if r.restricted)
    return PartData("thresholds", tuple(content), tuple(gaps), restricted)
