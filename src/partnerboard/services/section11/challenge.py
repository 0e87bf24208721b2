"""The board's side of a Section 11 return: moderation, challenge, feedback and actions arising.

- A challenge session may moderate an agency's rating up or down, always with a reason. The
  agency's own rating is never changed; each moderation is a record of its own (the latest one
  counts, the earlier ones are the history).
- Challenge questions are recorded with the agency's response.
- Strengths and areas for development feed the feedback letter.
- Actions arising go to the board's action log (`services.actions.create_action_in`) with
  the return as their source (`create_action_arising`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.section11 import (
    S11Challenge,
    S11Criterion,
    S11Moderation,
    S11Return,
    S11Round,
    S11Standard,
)
from partnerboard.domain.actions import ActionSource
from partnerboard.domain.partnership import check_required
from partnerboard.domain.section11 import check_text, scale
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy

ACTION_SOURCE_KIND = ActionSource.S11_RETURN.value


@dataclass(frozen=True)
class ModerationRow:
    id: int
    criterion_id: int
    code: str
    rating: str
    rating_label: str
    reason: str
    moderated_on: date
    moderated_by: str | None


@dataclass(frozen=True)
class ChallengeRow:
    id: int
    return_id: int
    standard_id: int | None
    standard_number: int | None
    question: str
    asked_on: date | None
    asked_by: str | None
    response: str | None
    responded_on: date | None
    row_version: int


@dataclass(frozen=True)
class ActionArisingRow:
    id: int
    reference: str
    text: str
    lead_agency_id: int | None
    due_on: date | None
    status: str
    restricted: bool = False


def moderate(
    db: Database,
    return_id: int,
    criterion_id: int,
    rating: str,
    reason: str,
    moderated_by: str | None = None,
    on: date | None = None,
) -> ModerationRow:
    """Record the board's moderated rating of one criterion; a reason is required."""
    with db.session() as session:
        the_return = fetch(session, S11Return, return_id, "return")
        the_round = fetch(session, S11Round, the_return.round_id, "round")
        criterion = fetch(session, S11Criterion, criterion_id, "criterion")
        standard = fetch(session, S11Standard, criterion.standard_id, "standard")
        rating_scale = scale(the_round.rating_scale)
        option = rating_scale.parse(rating)
        errors = check_required("reason", reason, "Reason", 4000)
        if option is None:
            errors.append(
                FieldError("rating", "Choose one of: " + ", ".join(rating_scale.labels()) + ".")
            )
        if standard.framework_id != the_round.framework_id:
            errors.append(FieldError("criterion_id", "That criterion is not in this round."))
        if errors:
            raise ValidationFailed(errors)
        assert option is not None
        moderation = S11Moderation(
            return_id=return_id,
            criterion_id=criterion_id,
            rating=option.value,
            reason=tidy(reason) or "",
            moderated_on=on or db.clock.today(),
            moderated_by=tidy(moderated_by) or db.principal.name,
        )
        session.add(moderation)
        session.flush()
        return ModerationRow(
            moderation.id, criterion_id, criterion.code, option.value, option.label,
            moderation.reason, moderation.moderated_on, moderation.moderated_by,
        )  # fmt: skip


def moderation_history(db: Database, return_id: int) -> list[ModerationRow]:
    with db.reader() as session:
        the_return = fetch(session, S11Return, return_id, "return")
        rating_scale = scale(fetch(session, S11Round, the_return.round_id, "round").rating_scale)
        rows = []
        for m, code in session.execute(
            select(S11Moderation, S11Criterion.code)
            .join(S11Criterion, S11Criterion.id == S11Moderation.criterion_id)
            .where(S11Moderation.return_id == return_id)
            .order_by(S11Moderation.moderated_on.desc(), S11Moderation.id.desc())
        ):
            option = rating_scale.get(m.rating)
            rows.append(
                ModerationRow(
                    m.id,
                    m.criterion_id,
                    code,
                    m.rating,
                    option.label if option else m.rating,
                    m.reason,
                    m.moderated_on,
                    m.moderated_by,
                )  # fmt: skip
            )
        return rows


def _challenge_row(c: S11Challenge, number: int | None) -> ChallengeRow:
    return ChallengeRow(
        c.id, c.return_id, c.standard_id, number, c.question, c.asked_on, c.asked_by,
        c.response, c.responded_on, c.row_version,
    )  # fmt: skip


def save_challenge(
    db: Database,
    return_id: int,
    question: str,
    standard_id: int | None = None,
    asked_on: date | None = None,
    asked_by: str | None = None,
    response: str | None = None,
    responded_on: date | None = None,
    challenge_id: int | None = None,
    expected_version: int | None = None,
) -> ChallengeRow:
    """Add or change a challenge question and, when it comes, the agency's response."""
    errors = check_required("question", question, "Question", 4000)
    errors += check_text("response", tidy(response), "Response", 4000)
    if responded_on and not tidy(response):
        errors.append(FieldError("response", "Give the response, or clear its date."))
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        the_return = fetch(session, S11Return, return_id, "return")
        number = None
        if standard_id is not None:
            standard = fetch(session, S11Standard, standard_id, "standard")
            the_round = fetch(session, S11Round, the_return.round_id, "round")
            if standard.framework_id != the_round.framework_id:
                raise ValidationFailed(
                    FieldError("standard_id", "Choose a standard of this round.")
                )
            number = standard.number
        challenge = (
            fetch(session, S11Challenge, challenge_id, "challenge")
            if challenge_id
            else S11Challenge(return_id=return_id)
        )
        check_version(challenge, expected_version, "challenge")
        challenge.standard_id = standard_id
        challenge.question = tidy(question) or ""
        challenge.asked_on = asked_on or challenge.asked_on or db.clock.today()
        challenge.asked_by = tidy(asked_by)
        challenge.response = tidy(response)
        challenge.responded_on = responded_on or (db.clock.today() if tidy(response) else None)
        session.add(challenge)
        session.flush()
        return _challenge_row(challenge, number)


def challenges(db: Database, return_id: int) -> list[ChallengeRow]:
    with db.reader() as session:
        rows = session.execute(
            select(S11Challenge, S11Standard.number)
            .outerjoin(S11Standard, S11Standard.id == S11Challenge.standard_id)
            .where(S11Challenge.return_id == return_id)
            .order_by(S11Challenge.asked_on, S11Challenge.id)
        )
        return [_challenge_row(c, n) for c, n in rows]


def save_feedback(
    db: Database,
    return_id: int,
    strengths: str | None,
    areas_for_development: str | None,
    expected_version: int | None = None,
) -> None:
    """The board's summary for the feedback letter: strengths and areas for development."""
    errors = check_text("strengths", tidy(strengths), "Strengths", 8000)
    errors += check_text(
        "areas_for_development", tidy(areas_for_development), "Areas for development", 8000
    )
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        the_return = fetch(session, S11Return, return_id, "return")
        check_version(the_return, expected_version, "return")
        the_return.strengths = tidy(strengths)
        the_return.areas_for_development = tidy(areas_for_development)


def create_action_arising(
    db: Database,
    return_id: int,
    text: str,
    due_on: date | None = None,
    lead_agency_id: int | None = None,
    lead_person_id: int | None = None,
    raised_on: date | None = None,
    workstream_id: int | None = None,
) -> ActionArisingRow:
    """Add an action arising from a return to the board's action log (source: the return).

    Outside a workstream it is referenced "S11-<round>-<agency>-<n>"; in a workstream it takes
    the workstream's next number. The agency leads it unless another lead is given.
    """
    # The action log's services, when an action is raised (not for every Section 11 import).
    from partnerboard.services.actions import ActionInput, create_action_in  # noqa: PLC0415

    with db.session() as session:
        the_return = fetch(session, S11Return, return_id, "return")
        the_round = fetch(session, S11Round, the_return.round_id, "round")
        agency = fetch(session, Agency, the_return.agency_id, "agency")
        reference = None
        if workstream_id is None:
            count = session.scalar(
                select(func.count())
                .select_from(Action)
                .where(Action.source_s11_return_id == return_id)
            )
            short = re.sub(r"[^A-Za-z0-9]+", "", agency.short_name or agency.name)[:12] or "AG"
            reference = f"S11-{the_round.label}-{short}-{(count or 0) + 1}"[:40]
        action = create_action_in(
            session,
            ActionInput(
                text=text,
                workstream_id=workstream_id,
                reference=reference,
                source_kind=ActionSource.S11_RETURN.value,
                source_s11_return_id=return_id,
                source_note=f"Section 11 round {the_round.label}: {agency.name}",
                lead_agency_id=lead_agency_id or agency.id,
                lead_person_id=lead_person_id,
                raised_on=raised_on,
                due_on=due_on,
            ),
        )
        return ActionArisingRow(
            action.id, action.reference, action.text, action.lead_agency_id, due_on, action.status
        )


def actions_arising(db: Database, return_id: int) -> list[ActionArisingRow]:
    with db.reader() as session:
        return [
            ActionArisingRow(
                a.id, a.reference, a.text, a.lead_agency_id, a.due_on, a.status, a.restricted
            )
            for a in session.scalars(
                select(Action)
                .where(Action.source_s11_return_id == return_id)
                .order_by(Action.reference_key)
            )
        ]
