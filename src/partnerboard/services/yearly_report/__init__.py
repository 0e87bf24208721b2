"""The yearly report: drawn from the registers for one year, checked against what it must contain.

`build_report(db, year)` asks each provider (`PROVIDERS`, one small module per register) for
its part of the year: plain figures, tables and the evidence it lacks. The parts are placed in
the sections the guidance requires (`domain.yearly_report`), with the team's narrative where
they have written it, and a check of each requirement against the evidence found. Renderers
turn the resulting `ReportDocument` into the Word draft (`exports.yearly_report_docx`) or,
read as the public, the published document (`published.yearly`: HTML and tagged PDF).

A provider is `(YearContext) -> PartData`, drawing on its register's own services (the
scorecard for the dataset, the training figures for training) rather than counting again; a
register added later plugs in with an entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from partnerboard.db.database import Database
from partnerboard.domain.marking import author_name, classify
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.yearly_report import (
    AHEAD,
    FOREWORD,
    PARTS,
    SLOTS_BY_KEY,
    Requirement,
)
from partnerboard.errors import UserError
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.partnership import get_logo, get_partnership
from partnerboard.services.yearly_report import (
    attendance,
    audits,
    dataset,
    engagement,
    priorities,
    reviews,
    section11,
    thresholds,
    training,
)
from partnerboard.services.yearly_report.context import YearContext, public_view
from partnerboard.services.yearly_report.document import (
    PartData,
    ReportDocument,
    ReportSection,
    RequirementCheck,
    narrative_content,
)
from partnerboard.services.yearly_report.narrative import load_narrative

Provider = Callable[[YearContext], PartData]

PROVIDERS: dict[str, Provider] = {
    "priorities": priorities.priorities_part,
    "practice_reviews": reviews.practice_reviews_part,
    "section11": section11.section11_part,
    "thresholds": thresholds.thresholds_part,
    "attendance": attendance.attendance_part,
    "audits": audits.audits_part,
    "dataset": dataset.dataset_part,
    "training": training.training_part,
    "behind": priorities.behind_part,
    "recommendations": reviews.recommendations_part,
    "engagement": engagement.engagement_part,
}
assert set(PROVIDERS) == {p.key for p in PARTS}


def check_year(year: Period, today) -> None:
    if year.start > today:
        raise UserError(
            f"{year.label} has not started yet (it starts on {year.start:%d/%m/%Y}); "
            "choose a year that has."
        )


def build_report(
    db: Database,
    year: Period,
    *,
    public: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ReportDocument:
    """The report for `year` as `db`'s user may see it; `public`: as the public may."""
    today = db.clock.today()
    check_year(year, today)
    view = public_view(db) if public else db
    ctx = YearContext(view, year, today, public)
    parts: dict[str, PartData] = {}
    for done, (key, provider) in enumerate(PROVIDERS.items()):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(done, len(PROVIDERS), f"Reading {SLOTS_BY_KEY[key].title.lower()}…")
        parts[key] = provider(ctx)
    narrative = {k: narrative_content(r.text) for k, r in load_narrative(db, year).items()}
    sections: list[ReportSection] = [ReportSection(FOREWORD, 1, narrative.get(FOREWORD.key, ()))]
    checks = []
    for requirement in Requirement:
        slot = SLOTS_BY_KEY[requirement.value]
        sections.append(
            ReportSection(slot, 1, narrative.get(slot.key, ()), statutory=requirement.statutory)
        )
        mine = [p for p in PARTS if p.requirement is requirement]
        for part in mine:
            data = parts[part.key]
            sections.append(
                ReportSection(
                    SLOTS_BY_KEY[part.key],
                    2,
                    narrative.get(part.key, ()),
                    content=data.content,
                    gaps=data.gaps,
                )
            )
        checks.append(
            RequirementCheck(
                requirement,
                tuple(p.title for p in mine),
                tuple(g for p in mine for g in parts[p.key].gaps),
                any(parts[p.key].has_evidence for p in mine),
            )
        )
    sections.append(ReportSection(AHEAD, 1, narrative.get(AHEAD.key, ())))
    restricted = 0 if public else sum(p.restricted for p in parts.values())
    partnership = get_partnership(db)
    logo = get_logo(db)
    progress(len(PROVIDERS), len(PROVIDERS), "")
    return ReportDocument(
        partnership=partnership.name,
        short_name=partnership.short_name,
        year=year,
        as_at=ctx.as_at,
        made_on=today,
        public=public,
        classification=classify(
            (("restricted record", restricted),),
            author=author_name(db.principal, partnership.name),
            public=public,
        ),
        checks=tuple(checks),
        sections=tuple(sections),
        about=_about(ctx, restricted),
        restricted=restricted,
        logo=logo[0] if logo else None,
        unwritten=tuple(s.slot.title for s in sections if not s.written),
    )


def _about(ctx: YearContext, restricted: int) -> tuple[str, ...]:
    lines = [
        f"This report covers {ctx.label}: 1 April {ctx.year.year} to 31 March "
        f"{ctx.year.year + 1}. Every figure and table is drawn from the partnership's "
        f"registers for that year only, as the records stood on {ctx.at}; later updates are "
        "records of their own and are not counted.",
    ]
    if ctx.as_at < ctx.year.end:
        lines.append(
            f"The year has not ended: figures are as they stood on {ctx.at} and will change."
        )
    if restricted:  # a public version says what it left out on its first page instead
        lines.append(
            f"This draft counts {restricted} restricted record(s); those listed are marked "
            "“Restricted”. The published version leaves every restricted record out."
        )
    return tuple(lines)
