"""Demo step: the programme of multi-agency audits.

Three completed audits (domestic abuse, neglect, exploitation), each with a sample of six cases,
every involved agency's return, moderation of every return, findings, and recommendations in
the action log at various RAG; and one audit in progress (return home interviews) with some
returns in and one case that re-audits a case of the exploitation audit graded Inadequate.
Grades are drawn from a generator of this step's own, so that other steps' draws never move.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from partnerboard.clock import clock_of
from partnerboard.db.models.audits import MaAudit, MaCase, MaCaseAgency, MaCaseReturn, MaFinding
from partnerboard.db.models.partnership import Person, Setting
from partnerboard.domain.audits import Grade
from partnerboard.domain.reviews import add_months
from partnerboard.services.actions import UpdateInput, add_update_in
from partnerboard.services.audits.cases import PATTERN_SETTING, CaseInput, save_case_in
from partnerboard.services.audits.findings import RecommendationInput, add_recommendation_in
from partnerboard.services.audits.grading import flagged_case_ids
from partnerboard.services.audits.register import AuditInput, save_audit_in
from partnerboard.services.audits.returns import (
    CaseReturnData,
    ModerationInput,
    SubmissionData,
    moderate_in,
    record_submission,
)
from partnerboard.services.demo import audit_texts as T

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

REFERENCE_PATTERN = r"[A-Z]{2,4}-\d{4}-\d{2}"
# The overall quality of each case in the sample, in order; agencies' grades vary around it.
_O, _G, _R, _I = Grade
CASE_GRADES = {
    "da": (_G, _R, _R, _G, _I, _R),
    "neglect": (_R, _G, _I, _G, _R, _R),
    "exploitation": (_G, _R, _I, _R, _O, _G),
    "rhi": (_G, _R, _G, _R, _G),
}


def _months_ago(today: date, months: int) -> date:
    return add_months(today.replace(day=1), -months)[0]


def _person(session: BoardSession, ctx: DemoContext, key: str) -> str:
    person = session.get(Person, ctx.people.get(key, 0))
    return person.name if person else "Quality Assurance Lead"


def _audit(
    session: BoardSession, ctx: DemoContext, spec: tuple, status: str, deadline: date
) -> MaAudit:
    _key, theme, title, agencies, questions, months = spec
    start, end = (
        _months_ago(ctx.today, months[0]),
        _months_ago(ctx.today, months[1]) - timedelta(days=1),
    )
    return save_audit_in(
        session,
        AuditInput(
            theme=theme, title=title, period_start=start, period_end=end,
            lead_person_id=ctx.people.get("qa_lead"), board_id=ctx.boards.get("qap"),
            return_deadline=deadline, moderation_on=deadline + timedelta(days=21),
            questions=list(questions), agency_ids=[ctx.agencies[k] for k in agencies],
            status=status,
            summary=f"Thematic audit of {theme.lower()}: six cases sampled from the period.",
        ),
    )  # fmt: skip


def _cases(
    session: BoardSession, rng: random.Random, audit: MaAudit, prefix: str, agencies: list[int],
    count: int,
) -> list[MaCase]:  # fmt: skip
    cases = []
    year = audit.period_start.year if audit.period_start else clock_of(session).today().year
    for number in range(1, count + 1):
        involved = sorted(rng.sample(agencies, rng.randint(3, min(5, len(agencies)))))
        case = save_case_in(session, audit.id, CaseInput(f"{prefix}-{year}-{number:02d}", involved))
        cases.append(case)
    return cases


def _grade(rng: random.Random, case_grade: Grade) -> Grade:
    """An agency's grade of its own practice: mostly the case's overall quality, else a step off."""
    if rng.random() < 0.7:
        return case_grade
    rank = max(1, min(4, case_grade.rank + rng.choice((-1, 1))))
    return next(g for g in Grade if g.rank == rank)


def _returns(
    session: BoardSession, rng: random.Random, key: str, audit: MaAudit, cases: list[MaCase],
    received: date, skip_agencies: set[int] = frozenset(),  # type: ignore[assignment]
) -> None:  # fmt: skip
    """Every involved agency's return on its cases, one workbook each."""
    by_agency: dict[int, list[CaseReturnData]] = {}
    for case, case_grade in zip(cases, CASE_GRADES[key], strict=False):
        for agency_id in session.scalars(
            select(MaCaseAgency.agency_id)
            .where(MaCaseAgency.case_id == case.id)
            .order_by(MaCaseAgency.agency_id)
        ):
            if agency_id in skip_agencies:
                continue
            grade = _grade(rng, case_grade)
            by_agency.setdefault(agency_id, []).append(
                CaseReturnData(
                    case.id,
                    rng.choice(T.INVOLVEMENT),
                    rng.choice(T.REFLECTION[grade.value]),
                    grade.value,
                    rng.choice(T.LEARNING),
                )  # fmt: skip
            )
    for agency_id, returns in by_agency.items():
        when = received + timedelta(days=rng.randrange(0, 10))
        record_submission(
            session,
            SubmissionData(
                audit.id, agency_id, tuple(returns),
                hashlib.sha256(repr(returns).encode()).hexdigest(),
                datetime.combine(when, datetime.min.time()).replace(hour=11),
                f"Audit - {audit.title} - agency {agency_id}.xlsx", "Safeguarding lead",
                "Named safeguarding lead", None, when, "1", None,
            ),
        )  # fmt: skip


def _moderate(
    session: BoardSession, rng: random.Random, audit: MaAudit, moderator: str, on: date
) -> None:
    returns = session.scalars(
        select(MaCaseReturn)
        .join(MaCase, MaCase.id == MaCaseReturn.case_id)
        .where(MaCase.audit_id == audit.id, MaCaseReturn.superseded.is_(False))
        .order_by(MaCaseReturn.id)
    ).all()
    for r in returns:
        own = Grade(r.grade)
        agreed = rng.random() < 0.8
        other = None
        if not agreed:  # moderators mostly move a grade one step, more often down than up
            step = -1 if (rng.random() < 0.65 and own.rank > 1) or own.rank == 4 else 1
            other = next(g for g in Grade if g.rank == own.rank + step).value
        moderate_in(
            session, r.id,
            ModerationInput(agreed, moderator, on, other,
                            None if agreed else "Moderated on the evidence in the chronology."),
        )  # fmt: skip


def _findings(
    session: BoardSession, ctx: DemoContext, key: str, audit: MaAudit, reported: date
) -> None:
    findings = []
    for kind, text, tag in T.FINDINGS[key]:
        finding = MaFinding(audit_id=audit.id, kind=kind, text=text, theme_tag=tag or audit.theme)
        session.add(finding)
        findings.append(finding)
    session.flush()
    for index, agency, due_months, text, updates in T.RECOMMENDATIONS[key]:
        action = add_recommendation_in(
            session, audit.id,
            RecommendationInput(text, findings[index].id if index is not None else None,
                                ctx.agencies[agency], due_on=add_months(reported, due_months)[0]),
            today=reported,
        )  # fmt: skip
        for months, rag, narrative in updates:
            when = min(add_months(reported, months)[0], ctx.today)
            add_update_in(
                session, action.id, UpdateInput(when, narrative, rag, author="Business support")
            )


def build(session: BoardSession, ctx: DemoContext) -> None:
    # A generator of its own, so that adding this step does not change what later steps draw.
    ctx = replace(ctx, rng=random.Random("partnerboard-demo-audits"))
    rng = ctx.rng
    session.add(Setting(key=PATTERN_SETTING, value=REFERENCE_PATTERN))
    moderator = _person(session, ctx, "qa_lead")
    created: dict[str, int] = {}
    exploitation_cases: list[MaCase] = []
    for spec in T.AUDITS:
        key, months = spec[0], spec[5]
        end = _months_ago(ctx.today, months[1])
        audit = _audit(session, ctx, spec, "moderation", end + timedelta(days=28))
        cases = _cases(session, rng, audit, key[:2].upper() if key != "neglect" else "NG",
                       [ctx.agencies[k] for k in spec[3]], 6)  # fmt: skip
        _returns(session, rng, key, audit, cases, end + timedelta(days=14))
        _moderate(session, rng, audit, moderator, end + timedelta(days=49))
        reported = _months_ago(ctx.today, months[2])
        _findings(session, ctx, key, audit, reported)
        audit.status = "closed" if key == "da" else "reported"
        audit.reported_on = reported
        created[key] = audit.id
        if key == "exploitation":
            exploitation_cases = cases
    # The audit in progress: half the agencies have returned; nothing moderated yet.
    key, months = T.IN_PROGRESS[0], T.IN_PROGRESS[5]
    audit = _audit(session, ctx, T.IN_PROGRESS, "in_progress", ctx.today + timedelta(days=14))
    agencies = [ctx.agencies[k] for k in T.IN_PROGRESS[3]]
    cases = _cases(session, rng, audit, "RHI", agencies, 5)
    _reaudit(session, audit, exploitation_cases, agencies)
    _returns(session, rng, key, audit, cases, ctx.today - timedelta(days=12), set(agencies[2:]))
    created[key] = audit.id
    ctx.extra["audits"] = created


def _reaudit(
    session: BoardSession, audit: MaAudit, earlier: list[MaCase], agencies: list[int]
) -> None:
    """Re-audit the first case of the exploitation audit that was graded Inadequate."""
    flagged = flagged_case_ids(session, [c.id for c in earlier])
    original = next((c for c in earlier if c.id in flagged), None)
    if original is None:
        return
    case = save_case_in(
        session, audit.id,
        CaseInput(original.reference, agencies[:3],
                  notes=f"Re-audit of {original.reference}, graded Inadequate."),
    )  # fmt: skip
    case.reaudit_of_case_id = original.id
    session.flush()
