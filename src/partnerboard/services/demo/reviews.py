"""Demo step: three practice reviews of the fictional Wrenfield partnership.

- a rapid review in progress, whose rapid review deadline falls in the demo's week;
- a local child safeguarding practice review, published, its action plan at various RAG;
- an older serious case review of the former LSCB, closed with its actions complete.

All of it is invented; references are codes, and no child or family is described in any
way that could identify anyone.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from partnerboard.db.models.partnership import Person
from partnerboard.domain.reviews import RAPID_REVIEW_WORKING_DAYS, add_months
from partnerboard.domain.working_days import (
    add_working_days,
    is_working_day,
    working_days_before,
)
from partnerboard.services.actions import UpdateInput, add_update_in
from partnerboard.services.review_actions import (
    RecommendationInput,
    add_recommendation_in,
    close_review_in,
)
from partnerboard.services.reviews import ReviewInput, save_review_in

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext


def due_this_week(today: date) -> date:
    """The last working day of today's week that is not past; next week's first if none is left."""
    friday = today + timedelta(days=4 - today.weekday())
    for offset in range((friday - today).days, -1, -1):
        candidate = today + timedelta(days=offset)
        if is_working_day(candidate):
            return candidate
    return add_working_days(today, 1).due


def _working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _rapid_review(session: BoardSession, ctx: DemoContext, name) -> None:
    aware = working_days_before(due_this_week(ctx.today), RAPID_REVIEW_WORKING_DAYS)
    notified = add_working_days(aware, 3).due
    save_review_in(
        session,
        ReviewInput(
            kind="rapid_review",
            reference=f"RR-{aware.year}-03",
            aware_on=aware,
            agency_ids=[
                ctx.agencies[k] for k in ("council", "police", "hospital", "community", "gp")
            ],
            reviewer=f"{name('icb_dd')} (chair, CSPR Group)",
            notified_on=notified if notified <= ctx.today else None,
            summary=(
                "An infant under one year old was taken to hospital with an injury that was not "
                "explained. Health visiting, the GP practice and children's social care knew the "
                "family; the police are investigating."
            ),
            confidential_notes=(
                "Case detail, chronology and the strategy discussion notes are held in the CSPR "
                "Group's secure folder. Police investigation live: share nothing outside the group."
            ),
        ),
        today=ctx.today,
    )


def _local_review(session: BoardSession, ctx: DemoContext, name) -> None:
    aware = _working_day_on_or_before(ctx.today - timedelta(days=420))
    rapid = add_working_days(aware, 13).due
    decided = add_working_days(rapid, 2).due
    published, _ = add_months(decided, 5)
    review = save_review_in(
        session,
        ReviewInput(
            kind="lcspr",
            reference=f"LCSPR Child M {aware.year}",
            aware_on=aware,
            agency_ids=[
                ctx.agencies[k]
                for k in ("council", "council_ed", "police", "community", "academy", "da")
            ],
            reviewer="Independent reviewer commissioned by the CSPR Group",
            status="action_plan",
            notified_on=add_working_days(aware, 2).due,
            rapid_review_on=rapid,
            decision="lcspr",
            decision_reason=(
                "The rapid review found learning about professional curiosity and children who "
                "were not brought to appointments that the partnership had not yet tested."
            ),
            decision_on=decided,
            decision_by=f"{name('chair')}, Independent Chair, with the three safeguarding partners",
            published_on=published,
            summary=(
                "A primary-age child living with domestic abuse was seriously harmed at home. "
                "Several agencies saw parts of the picture; none brought them together, and "
                "missed health appointments were not followed up."
            ),
            learning_points=(
                "Children who are 'not brought' to appointments are telling us something.\n"
                "Professional curiosity means asking the next question, and recording the answer.\n"
                "Domestic abuse in the home is harm to the child, not only to the adult victim.\n"
                "Escalate when you disagree: the escalation policy exists to be used."
            ),
            do_differently=(
                "Follow up every missed appointment for a child with the family and the referrer.\n"
                "Ask to see the child's room and speak to the child alone.\n"
                "Share domestic abuse notifications with the school by the next morning.\n"
                "Use the escalation policy when a referral is declined and you are still worried."
            ),
            confidential_notes="Family composition and agency chronologies: see the review file.",
            restricted=False,
        ),
        today=ctx.today,
    )
    plan = [
        (
            "icb",
            2,
            "Agree multi-agency 'was not brought' guidance for children's health appointments.",
            [
                ("amber", "Draft guidance agreed by the health sub-group."),
                ("green", "Guidance published and launched at the practitioner forum."),
            ],
        ),
        (
            "council",
            7,
            "Refresh the professional curiosity training and make it part of the core offer.",
            [("amber", "New module written; first two cohorts trained, more dates booked.")],
        ),
        (
            "police",
            4,
            "Audit how domestic abuse notifications reach schools, and fix the gaps found.",
            [("red", "Audit not started: analyst post vacant until next quarter.")],
        ),
        (
            "academy",
            9,
            "Schools record every domestic abuse notification and the support offered.",
            [("amber", "Recording template in use in 11 of 18 schools.")],
        ),
        (
            "council",
            12,
            "Re-launch the escalation policy with a short guide for practitioners.",
            [],
        ),
    ]
    for agency, months, text, updates in plan:
        action = add_recommendation_in(
            session,
            review.id,
            RecommendationInput(
                text=text,
                lead_agency_id=ctx.agencies[agency],
                due_on=add_months(published, months)[0],
            ),
            today=published,
        )
        for step, (rag, narrative) in enumerate(updates, start=1):
            add_update_in(
                session,
                action.id,
                UpdateInput(
                    update_on=min(ctx.today, published + timedelta(days=45 * step)),
                    narrative=narrative,
                    rag=rag,
                    author=name("bso"),
                ),
            )


def _serious_case_review(session: BoardSession, ctx: DemoContext, name) -> None:
    aware = _working_day_on_or_before(date(ctx.today.year - 9, 3, 14))
    decided = add_working_days(aware, 20).due
    published = add_months(decided, 14)[0]
    review = save_review_in(
        session,
        ReviewInput(
            kind="scr",
            reference="WLSCB SCR Child F",
            aware_on=aware,
            agency_ids=[ctx.agencies[k] for k in ("council", "police", "hospital", "gp", "homes")],
            reviewer="Independent author commissioned by the former LSCB",
            status="action_plan",
            decision="scr",
            decision_reason="The criteria for a serious case review were met.",
            decision_on=decided,
            decision_by="Independent Chair of the Wrenfield LSCB",
            published_on=published,
            summary="A young child died; neglect had been a long-standing concern of several agencies.",
            learning_points="Neglect is cumulative: look at the history, not only today's visit.",
            do_differently="Use the neglect screening tool at every assessment where neglect is suspected.",
            restricted=False,
        ),
        today=ctx.today,
    )
    for agency, text in (
        ("council", "Introduce a neglect screening tool across children's services."),
        ("gp", "GP practices flag children subject to a child protection plan."),
        ("homes", "Housing officers are trained to recognise and report neglect."),
    ):
        action = add_recommendation_in(
            session,
            review.id,
            RecommendationInput(
                text=text, lead_agency_id=ctx.agencies[agency], due_on=add_months(published, 12)[0]
            ),
            today=published,
        )
        add_update_in(
            session,
            action.id,
            UpdateInput(
                update_on=add_months(published, 11)[0],
                narrative="Done and evidenced.",
                rag="green",
                author="LSCB business unit",
            ),
        )
    close_review_in(
        session,
        review.id,
        closed_on=add_months(published, 15)[0],
        by="Safeguarding Partnership Executive Board",
    )


def build(session: BoardSession, ctx: DemoContext) -> None:
    def name(person_key: str) -> str:
        return session.get(Person, ctx.people[person_key]).name  # type: ignore[union-attr]

    _serious_case_review(session, ctx, name)
    _local_review(session, ctx, name)
    _rapid_review(session, ctx, name)
