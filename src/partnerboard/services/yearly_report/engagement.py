"""Feedback from children and families in the yearly report: the engagement log's year."""

from __future__ import annotations

from partnerboard.domain.dates import format_date
from partnerboard.services.engagement import list_engagement
from partnerboard.services.yearly_report.context import YearContext, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table, Text


def engagement_part(ctx: YearContext) -> PartData:
    entries = sorted(
        list_engagement(ctx.db, ctx.start, ctx.as_at, include_inactive=False),
        key=lambda e: (e.held_on, e.id),
    )
    if not entries:
        return PartData(
            "engagement",
            gaps=(f"no engagement with children and families recorded for {ctx.label}",),
        )
    counted = [e.participant_count for e in entries if e.participant_count is not None]
    changed = [e for e in entries if e.changed]
    content = (
        Figures(
            f"Key figures: engagement with children and families, {ctx.label}",
            (
                Figure(f"Activities during {ctx.label}", str(len(entries)), len(entries)),
                Figure(
                    "Children, young people and family members taking part (where counted)",
                    str(sum(counted)),
                    sum(counted),
                ),
                Figure(
                    "Activities that led to a recorded change",
                    share(len(changed), len(entries)),
                    len(changed),
                ),
            ),
        ),  # fmt: skip
        Text("Drawn from the partnership's engagement log; no child is named.", "note"),
        Table(
            f"Engagement with children and families during {ctx.label}",
            ("Date", "Activity", "Who took part", "What we heard", "What changed as a result"),
            tuple(
                (
                    format_date(e.held_on),
                    f"{e.activity}\n({e.method.label})",
                    "\n".join(
                        p
                        for p in (
                            e.participants,
                            e.lead_agency_short and f"Led by {e.lead_agency_short}",
                        )
                        if p
                    ),
                    e.heard or "",
                    e.changed or "Nothing recorded yet.",
                )
                for e in entries
            ),
            (12, 20, 20, 24, 24),
        ),
    )
    gaps = () if changed else (f"no change recorded as a result of feedback during {ctx.label}",)
    return PartData("engagement", content, gaps)
