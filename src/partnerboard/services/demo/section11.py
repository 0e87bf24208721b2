"""Demo step: Section 11 rounds of last year (complete) and this year (in progress).

Last year's round: every agency under the duty returned, was challenged and has had feedback, with
moderated ratings, challenge questions and responses, and actions arising in the action log.
This year's round: issued about two months ago and past its deadline; most agencies returned (some
already validated), a few have agreed extensions, and one is overdue. Ratings this year move
from last year so that the year-on-year view has something to show.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from partnerboard.db.models.partnership import Agency, Person
from partnerboard.db.models.section11 import (
    S11Challenge,
    S11Criterion,
    S11Moderation,
    S11Return,
    S11Round,
    S11Standard,
)
from partnerboard.domain.section11 import ReturnStatus, scale
from partnerboard.services.actions import ActionInput, create_action_in
from partnerboard.services.section11.answers import AnswerData, SubmissionData, record_submission
from partnerboard.services.section11.challenge import ACTION_SOURCE_KIND
from partnerboard.services.section11.frameworks import install_default_framework
from partnerboard.services.section11.rounds import apply_status

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

EVIDENCE = [
    "Policy reviewed and approved by the executive board; summary in the annual safeguarding report.",
    "Quarterly safeguarding report to the board, most recent in the last quarter; minutes available.",
    "Audit of a sample of records completed this year; findings reported to the quality committee.",
    "Training dashboard shows compliance by level; figures attached to the covering e-mail.",
    "Named lead in post with protected time; supervision arrangements documented.",
    "Included in induction for all new starters; intranet page checked during the year.",
    "Feedback from children and families gathered through surveys and a young people's panel.",
    "Contract clauses reviewed with commissioning; assurance visits to two providers this year.",
]
ACTIONS = [
    "Complete the outstanding audit and report the findings to the safeguarding committee.",
    "Raise training compliance to the agreed target through targeted reminders to managers.",
    "Refresh the policy to reflect Working Together 2023 and relaunch it to staff.",
    "Introduce a short survey of children's views in two services and report the results.",
    "Agree an escalation briefing for front-line staff and test awareness in supervision.",
]
QUESTIONS = [
    "How do you know that staff on night and weekend shifts can reach safeguarding advice?",
    "What has changed in practice as a result of last year's training evaluation?",
    "How are the views of children with additional needs gathered and used?",
    "How does the board receive assurance on safer recruitment for agency staff?",
]
RESPONSES = [
    "The on-call rota now includes a named safeguarding manager; the rota is published weekly.",
    "Supervision records show staff applying the learning; a re-audit is planned in the spring.",
    "Advocates support children to take part; two service changes followed their feedback.",
    "Monthly compliance reports from the staffing agency are checked by HR and reported quarterly.",
]


def _ratings(ctx: DemoContext, base: float, count: int) -> list[str]:
    """Ratings around an agency's baseline (0..1): mostly met, some partly, the odd gap."""
    values = []
    for _ in range(count):
        roll = ctx.rng.random() + (base - 0.5) * 0.6
        if roll > 0.55:
            values.append("fully_met")
        elif roll > 0.12:
            values.append("partially_met")
        else:
            values.append("not_met")
    if ctx.rng.random() < 0.3:
        values[ctx.rng.randrange(count)] = "not_applicable"
    return values


def _answers(
    ctx: DemoContext, criteria: list[int], ratings: list[str], due: date
) -> tuple[AnswerData, ...]:
    rating_scale = scale("fpn")
    answers = []
    for criterion_id, rating in zip(criteria, ratings, strict=True):
        option = rating_scale.get(rating)
        needs = option is not None and rating_scale.needs_action(option)
        answers.append(
            AnswerData(
                criterion_id,
                rating,
                ctx.rng.choice(EVIDENCE) if rating != "not_applicable" else None,
                ctx.rng.choice(ACTIONS) if needs else None,
                "Head of Safeguarding" if needs else None,
                due + timedelta(days=ctx.rng.randrange(0, 240)) if needs else None,
            )
        )
    return tuple(answers)


def _submit(
    session: BoardSession, ctx: DemoContext, the_return: S11Return, answers: tuple[AnswerData, ...],
    when: date, signer: Person | None,
) -> None:  # fmt: skip
    digest = hashlib.sha256(repr(answers).encode()).hexdigest()
    record_submission(
        session,
        SubmissionData(
            the_return.id, answers, digest, datetime.combine(when, datetime.min.time()).replace(hour=10),
            f"Section 11 return - agency {the_return.agency_id}.xlsx",
            signer.name if signer else None, signer.job_title if signer else None,
            signer.email if signer else None, when, "1", None,
        ),
        when,
    )  # fmt: skip


def build(session: BoardSession, ctx: DemoContext) -> None:
    # A generator of its own, so that adding this step does not change what later steps draw.
    ctx = replace(ctx, rng=random.Random("partnerboard-demo-section11"))
    framework_id = install_default_framework(session)
    criteria = list(
        session.scalars(
            select(S11Criterion.id)
            .join(S11Standard)
            .where(S11Standard.framework_id == framework_id)
            .order_by(S11Standard.number, S11Criterion.position)
        )
    )
    standards = list(
        session.scalars(select(S11Standard.id).where(S11Standard.framework_id == framework_id))
    )
    agencies = list(
        session.scalars(select(Agency).where(Agency.section11_duty.is_(True)).order_by(Agency.name))
    )
    chair = session.get(Person, ctx.people.get("chair", 0))
    chair_name = chair.name if chair else "Independent Chair"
    today = ctx.today
    # The current round was issued about two months ago and is named after that year; the
    # previous one ran the year before (every date built from today, so any day works).
    year = (today - timedelta(days=60)).year
    last = year - 1
    previous = S11Round(
        label=str(last), framework_id=framework_id, rating_scale="fpn",
        issue_date=date(last, 1, 13), deadline=date(last, 3, 31),
        challenge_date=date(last, 5, 20), status="closed",
        notes="Annual round; challenge day held at County Hall.",
    )  # fmt: skip
    current = S11Round(
        label=str(year), framework_id=framework_id, rating_scale="fpn",
        issue_date=today - timedelta(days=60), deadline=today - timedelta(days=4),
        challenge_date=today + timedelta(days=35), status="open",
    )  # fmt: skip
    session.add_all([previous, current])
    session.flush()
    baselines = {a.id: 0.1 + 0.85 * ctx.rng.random() for a in agencies}
    signers = {
        a.id: session.get(Person, a.contact_person_id) if a.contact_person_id else
        session.scalars(select(Person).where(Person.agency_id == a.id)).first()
        for a in agencies
    }  # fmt: skip
    last_year: dict[int, list[str]] = {}
    for index, agency in enumerate(agencies):
        the_return = S11Return(round_id=previous.id, agency_id=agency.id, status="not_issued")
        session.add(the_return)
        session.flush()
        apply_status(the_return, ReturnStatus.ISSUED, previous.issue_date)
        ratings = _ratings(ctx, baselines[agency.id], len(criteria))
        last_year[agency.id] = ratings
        returned = date(last, 3, 3) + timedelta(days=ctx.rng.randrange(0, 40))
        _submit(
            session,
            ctx,
            the_return,
            _answers(ctx, criteria, ratings, date(last, 6, 1)),
            returned,
            signers[agency.id],
        )
        apply_status(the_return, ReturnStatus.VALIDATED, returned + timedelta(days=7))
        apply_status(the_return, ReturnStatus.CHALLENGED, date(last, 5, 20))
        apply_status(the_return, ReturnStatus.FEEDBACK_SENT, date(last, 6, 27))
        the_return.strengths = (
            "Clear senior leadership of safeguarding and a well-evidenced return; training "
            "compliance is reported routinely to the board."
        )
        the_return.areas_for_development = (
            "Show the impact of training on practice, and how children's views shape services."
        )
        position = ctx.rng.randrange(len(criteria))
        moderated = "partially_met" if ratings[position] == "fully_met" else "fully_met"
        session.add(
            S11Moderation(
                return_id=the_return.id, criterion_id=criteria[position], rating=moderated,
                reason="Moderated at the challenge day on the evidence presented.",
                moderated_on=date(last, 5, 20), moderated_by=chair_name,
            )
        )  # fmt: skip
        pick = index % len(QUESTIONS)
        session.add(
            S11Challenge(
                return_id=the_return.id, standard_id=standards[pick % len(standards)],
                question=QUESTIONS[pick], asked_on=date(last, 5, 20), asked_by=chair_name,
                response=RESPONSES[pick], responded_on=date(last, 6, 10),
            )
        )  # fmt: skip
        if index % 3 == 0:
            short = re.sub(r"[^A-Za-z0-9]+", "", agency.short_name or "AG")[:12]
            create_action_in(
                session,
                ActionInput(
                    text=ctx.rng.choice(ACTIONS),
                    reference=f"S11-{last}-{short}-1",
                    source_kind=ACTION_SOURCE_KIND,
                    source_s11_return_id=the_return.id,
                    source_note=f"Section 11 round {last}: {agency.name}",
                    lead_agency_id=agency.id,
                    raised_on=date(last, 5, 20),
                    due_on=date(last, 12, 31),
                ),
            )
    # The current round: most returned, a few with an agreed extension, one overdue.
    outstanding = {agencies[i].id for i in (2, 7, 11, 15) if i < len(agencies)}
    overdue = agencies[7].id if len(agencies) > 7 else None
    for index, agency in enumerate(agencies):
        the_return = S11Return(round_id=current.id, agency_id=agency.id, status="not_issued")
        session.add(the_return)
        session.flush()
        apply_status(the_return, ReturnStatus.ISSUED, current.issue_date)
        if agency.id in outstanding:
            if agency.id != overdue:
                the_return.extended_to = today + timedelta(days=10)
            continue
        ratings = [
            r if ctx.rng.random() < 0.7 else ("fully_met" if r == "partially_met" else r)
            for r in last_year[agency.id]
        ]
        returned = current.issue_date + timedelta(days=20 + ctx.rng.randrange(0, 36))
        _submit(
            session,
            ctx,
            the_return,
            _answers(ctx, criteria, ratings, today),
            returned,
            signers[agency.id],
        )
        if index % 3 == 0:
            apply_status(the_return, ReturnStatus.VALIDATED, returned + timedelta(days=5))
    ctx.extra["s11_rounds"] = {str(last): previous.id, str(year): current.id}
