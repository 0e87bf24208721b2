"""Demo step: Wrenfield's continuum of need in two versions, partner sign-up, a year of escalations.

Version 2 was approved two years ago and is superseded; version 3 was approved this year and
about two thirds of the partners have signed up to it. Escalations are anonymised: they name
agencies and what the disagreement was about, never a child or a family.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from partnerboard.db.models.partnership import Agency, Person
from partnerboard.db.models.thresholds import (
    Escalation,
    EscalationStep,
    ThresholdDocument,
    ThresholdLevel,
    ThresholdSignup,
    ThresholdVersion,
)
from partnerboard.services.demo.partnership import PEOPLE

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

LEVELS = [
    (
        "Universal",
        "Children and young people whose needs are met by universal services: health visiting, "
        "GPs, early years settings and schools. Development is on track and parents provide "
        "good enough care.",
        "Meeting developmental milestones; attends school regularly; registered with a GP and "
        "a dentist; warm, consistent relationships at home.",
    ),
    (
        "Early help",
        "Children with additional needs that one agency, or several working together under an "
        "early help assessment with a lead practitioner, can meet with the family's consent.",
        "Attendance falling below 90%; emerging concerns about behaviour or emotional "
        "wellbeing; parental stress, debt or housing problems; a young carer; low-level "
        "parental conflict.",
    ),
    (
        "Targeted / child in need",
        "Children whose health or development is likely to be significantly impaired without "
        "services: a child in need assessment under section 17 of the Children Act 1989, led by "
        "children's social care.",
        "Early help has not brought sustained change; parental mental ill health, substance "
        "misuse or domestic abuse affecting the child; a disabled child needing specialist "
        "support; persistent missing episodes.",
    ),
    (
        "Specialist / child protection",
        "Children who are suffering, or are likely to suffer, significant harm: a strategy "
        "discussion and enquiries under section 47, or a child who needs to be looked after.",
        "Any allegation or disclosure of abuse; an unexplained injury to a non-mobile baby; "
        "child sexual or criminal exploitation; serious domestic abuse with the child present; "
        "a child left without care.",
    ),
]

# key of the raising agency, key of the other agency, category, what it was about
DISAGREEMENTS = [
    (
        "academy",
        "council",
        "threshold_disagreement",
        "The school considered a referral met level 3; the front door assessed it at level 2.",
    ),
    (
        "hospital",
        "council",
        "referral_declined",
        "A referral after an emergency department attendance was closed with no further action.",
    ),
    (
        "police",
        "council",
        "threshold_disagreement",
        "Police asked for a strategy discussion after a domestic abuse incident; none was held.",
    ),
    (
        "gp",
        "council",
        "information_sharing",
        "The practice was not told the outcome of a child protection conference.",
    ),
    (
        "college",
        "council",
        "referral_declined",
        "A referral about a 17-year-old at risk of criminal exploitation was signposted to early help.",
    ),
    (
        "council",
        "mental",
        "referral_declined",
        "A CAMHS referral was declined as not meeting the service's criteria.",
    ),
    (
        "community",
        "council",
        "plan_drift",
        "Actions of a child in need plan had not progressed across three review meetings.",
    ),
    (
        "homes",
        "council",
        "information_sharing",
        "Housing was not invited to a strategy discussion about a family in temporary housing.",
    ),
    (
        "da",
        "police",
        "information_sharing",
        "Domestic abuse notifications reached the service weeks after the incidents.",
    ),
    (
        "council_ed",
        "council",
        "threshold_disagreement",
        "An elective home education concern was assessed at level 1 after repeated non-engagement.",
    ),
    (
        "yjs",
        "council",
        "plan_drift",
        "A child looked after had no updated care plan after a change of placement.",
    ),
    (
        "primary",
        "council",
        "referral_declined",
        "A neglect referral was closed without a home visit.",
    ),
    (
        "council",
        "police",
        "other",
        "Disagreement about which agency should lead a joint visit after a missing episode.",
    ),
    (
        "earlyyears",
        "council",
        "threshold_disagreement",
        "Concerns about a toddler's weight and care were held at early help.",
    ),
    (
        "icb",
        "council",
        "plan_drift",
        "Health actions from a child protection plan were not reviewed at core groups.",
    ),
]
THEMES = [
    (
        "Understanding of level 3 (child in need)",
        "Referrers and the front door read the level 3 descriptors differently; joint "
        "briefings on the new continuum would help.",
    ),
    (
        "Feedback to referrers",
        "Referrers were not told the outcome of their referral or the reasons for it.",
    ),
    (
        "Strategy discussions: who is invited",
        "Agencies that knew the family were left out of the strategy discussion.",
    ),
    (
        "Timeliness of information sharing",
        "Information reached partners too late to act on; agree timescales for notifications.",
    ),
]
RESTRICTED_SUMMARY = (
    "Disagreement about how a concern about a professional's conduct was handled; "
    "referred to the LADO."
)
OUTCOMES = [
    "Case discussed between team managers; assessment opened and the referrer updated.",
    "Decision upheld with reasons given in writing; referrer satisfied with the explanation.",
    "Strategy discussion convened; all agencies invited.",
    "Plan reviewed and actions reallocated with dates; referrer invited to the next review.",
    "Agreed a single point of contact and a weekly information exchange.",
]


def _signatories(session: BoardSession, ctx: DemoContext) -> dict[int, tuple[str, str]]:
    """Each agency's most senior person (listed first in the demo's people) as signatory."""
    first: dict[int, tuple[str, str]] = {}
    for key, agency_key, title in PEOPLE:
        if agency_key is None or agency_key not in ctx.agencies:
            continue
        agency_id = ctx.agencies[agency_key]
        if agency_id not in first:
            person = session.get(Person, ctx.people[key])
            first[agency_id] = (person.name if person else "", title)
    return first


def _version(session, document_id, label, approved_on, status, review_due) -> ThresholdVersion:
    version = ThresholdVersion(
        document_id=document_id,
        version=label,
        title="Wrenfield Continuum of Need: threshold guidance for practitioners",
        status=status,
        approved_on=approved_on,
        review_due=review_due,
    )
    session.add(version)
    session.flush()
    for number, (name, descriptors, indicators) in enumerate(LEVELS, start=1):
        if label.startswith("2"):  # the older version had shorter text
            descriptors = descriptors.split(":")[0].split(". ")[0].rstrip(".") + "."
        session.add(
            ThresholdLevel(
                version_id=version.id,
                number=number,
                name=name,
                descriptors=descriptors,
                indicators=indicators,
            )
        )
    return version


def build(session: BoardSession, ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    document = ThresholdDocument(
        title="Wrenfield Continuum of Need",
        description="The partnership's agreed levels of need for children and families.",
    )
    session.add(document)
    session.flush()
    old_approved = date(today.year - 2, 3, 12)
    new_approved = max(date(today.year, 1, 8), today - timedelta(days=75))
    new_approved = min(new_approved, today)
    old = _version(session, document.id, "2.0", old_approved, "superseded", new_approved)
    new = _version(
        session, document.id, "3.0", new_approved, "approved", date(today.year + 2, 3, 31)
    )
    ctx.extra["threshold_versions"] = (old.id, new.id)
    signatories = _signatories(session, ctx)
    agencies = session.scalars(select(Agency).order_by(Agency.id)).all()
    methods = ["board_minute", "letter", "email"]
    for agency in agencies:
        name, role = signatories.get(agency.id, ("", ""))
        # Version 2: nearly everyone agreed within months of approval; one declined.
        old_status = "declined" if agency.short_name == "Faith Forum" else "agreed"
        if agency.short_name in ("Early Years", "Active Sport"):
            old_status = "pending"
        old_day = old_approved + timedelta(days=rng.randint(5, 150))
        session.add(
            ThresholdSignup(
                version_id=old.id,
                agency_id=agency.id,
                status=old_status,
                signatory_name=name if old_status != "pending" else None,
                signatory_role=role if old_status != "pending" else None,
                signed_on=old_day if old_status != "pending" else None,
                method=rng.choice(methods) if old_status != "pending" else None,
                note="Asked for level 4 indicators on exploitation to be clearer."
                if old_status == "declined"
                else None,
            )
        )
        # Version 3: statutory partners first, then about half of the rest so far.
        statutory = agency.statutory_partner != "none"
        agreed = statutory or rng.random() < 0.6
        days_since = max((today - new_approved).days, 1)
        new_day = new_approved + timedelta(days=rng.randint(0, days_since))
        status = "agreed" if agreed else "pending"
        if agency.short_name == "HMP KV":
            status = "declined"
        answered = status != "pending"
        session.add(
            ThresholdSignup(
                version_id=new.id,
                agency_id=agency.id,
                status=status,
                signatory_name=name if answered else None,
                signatory_role=role if answered else None,
                signed_on=min(new_day, today) if answered else None,
                method=("board_minute" if statutory else rng.choice(methods)) if answered else None,
                note="The prison's own safeguarding policy applies; asked for a joint protocol."
                if status == "declined"
                else None,
            )
        )
    _escalations(session, ctx)


def _escalations(session: BoardSession, ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    start = today - timedelta(days=364)
    count = 32
    raised_days = sorted(start + timedelta(days=rng.randint(0, 360)) for _ in range(count))
    numbers: dict[int, int] = {}
    for index, raised_on in enumerate(raised_days):
        raising, other, category, summary = DISAGREEMENTS[index % len(DISAGREEMENTS)]
        age = (today - raised_on).days
        # Recent ones are mostly still open; the few older open ones have climbed the stages.
        still_open = rng.random() < (0.7 if age <= 60 else 0.15)
        stage = rng.choices([1, 2, 3, 4], weights=[45, 30, 17, 8])[0]
        if still_open and age > 60:
            stage = max(stage, rng.choice([2, 3, 3, 4]))
        step_dates = [raised_on]
        for _ in range(stage - 1):
            step_dates.append(step_dates[-1] + timedelta(days=rng.randint(4, 18)))
        if step_dates[-1] > today:  # a recent one cannot have climbed that far yet
            step_dates = [d for d in step_dates if d <= today]
            stage = len(step_dates)
        resolved_on = step_dates[-1] + timedelta(days=rng.randint(2, 25))
        resolved = resolved_on <= today and not still_open
        numbers[raised_on.year] = numbers.get(raised_on.year, 0) + 1
        theme, learning = rng.choice(THEMES) if resolved and rng.random() < 0.75 else (None, None)
        # Disagreements about a professional's conduct go to the chair only.
        restricted = index % 11 == 5
        escalation = Escalation(
            reference=f"E{raised_on.year}-{numbers[raised_on.year]:03d}",
            raised_on=raised_on,
            raising_agency_id=ctx.agencies[raising],
            other_agency_id=ctx.agencies[other],
            category=category,
            summary=RESTRICTED_SUMMARY if restricted else summary,
            stage=stage,
            outcome=rng.choice(OUTCOMES) if resolved else None,
            resolved_on=resolved_on if resolved else None,
            learning_theme=theme,
            learning=learning,
            restricted=restricted,
        )
        session.add(escalation)
        session.flush()
        for stage_number, on_date in enumerate(step_dates, start=1):
            session.add(
                EscalationStep(
                    escalation_id=escalation.id,
                    stage=stage_number,
                    on_date=on_date,
                    note=None
                    if stage_number == 1
                    else "Escalated: not resolved at the stage before.",
                )
            )
