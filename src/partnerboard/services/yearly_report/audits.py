"""Multi-agency audits in the yearly report: those reported in the year and their grades.

An audit counts for the year when it was reported during it; audits under way on the day
figures stand on (started, not yet reported) are listed as in progress. Grades are each
return's final grade (moderated where moderated), as the audit programme counts them.
"""

from __future__ import annotations

from partnerboard.domain.audits import SHARE_RULE, AuditStatus, Grade, Share
from partnerboard.domain.dates import format_date
from partnerboard.services.audits.programme import AuditSummary, programme
from partnerboard.services.yearly_report.context import YearContext, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table, Text


def _in_progress(ctx: YearContext, summary: AuditSummary) -> bool:
    audit = summary.audit
    started = audit.period_start is not None and audit.period_start <= ctx.as_at
    # Closed without a report date: it ended on a day nobody recorded, so it is not listed.
    unreported_closure = audit.status is AuditStatus.CLOSED and audit.reported_on is None
    return started and ctx.by_then(audit.reported_on) is None and not unreported_closure


def audits_part(ctx: YearContext) -> PartData:
    summaries = programme(ctx.db)
    reported = [s for s in summaries if ctx.within(s.audit.reported_on)]
    under_way = [s for s in summaries if _in_progress(ctx, s)]
    if not reported and not under_way:
        return PartData("audits", gaps=(f"no multi-agency audit reported during {ctx.label}",))
    grades = list(Grade)
    graded = sum(s.figures.graded for s in reported)
    better = sum(s.figures.ri_or_better.part for s in reported)
    moderated = sum(s.figures.agreement.whole for s in reported)
    agreed = sum(s.figures.agreement.part for s in reported)
    recommendations = sum(s.recommendations for s in reported)
    complete = sum(s.recommendations_complete for s in reported)
    content: list = [
        Figures(
            f"Key figures: multi-agency audits, {ctx.label}",
            (
                Figure(f"Audits reported during {ctx.label}", str(len(reported)), len(reported)),
                Figure("Cases audited in them", str(sum(s.audit.cases for s in reported)), sum(s.audit.cases for s in reported)),
                Figure("Agency returns graded", str(graded), graded),
                Figure("Graded Requires improvement or better", share(better, graded), better),
                Figure("Same grading after moderation", share(agreed, moderated), agreed),
                Figure("Recommendations made (complete by " + ctx.at + ")", f"{recommendations} ({complete} complete)", recommendations),
                Figure(f"Audits under way on {ctx.at}", str(len(under_way)), len(under_way)),
            ),
        ),
    ]  # fmt: skip
    if reported:
        content.append(
            Table(
                f"Grades of the audits reported during {ctx.label} (final grades)",
                ("Audit", *(g.label for g in grades), "RI or better", "Moderation agreed"),
                tuple(
                    (
                        f"{s.audit.title} ({s.audit.period})",
                        *(str(n) for n in s.figures.final_counts),
                        str(s.figures.ri_or_better),
                        str(s.figures.agreement),
                    )
                    for s in reported
                ),
                (30, 10, 8, 12, 11, 15, 14),
                total=(
                    "All audits reported",
                    *(
                        str(sum(s.figures.final_counts[i] for s in reported))
                        for i in range(len(grades))
                    ),
                    str(Share(better, graded)),
                    str(Share(agreed, moderated)),
                ),
            )  # fmt: skip
        )
        content.append(Text(SHARE_RULE, "note"))
    content.append(
        Table(
            f"Audits reported or under way during {ctx.label}",
            ("Audit", "Theme", "Period audited", "Reported on", "Cases"),
            tuple(
                (
                    s.audit.title,
                    s.audit.theme,
                    s.audit.period,
                    format_date(ctx.by_then(s.audit.reported_on)) or f"Under way on {ctx.at}",
                    str(s.audit.cases),
                )
                for s in [*reported, *under_way]
            ),
            (30, 22, 24, 14, 10),
        )
    )
    gaps = () if reported else (f"no multi-agency audit reported during {ctx.label}",)
    return PartData("audits", tuple(content), gaps)
