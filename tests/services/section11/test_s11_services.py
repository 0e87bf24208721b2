"""Section 11 services on a real SQLite file: frameworks, rounds, status, moderation,
challenge, actions arising, the compliance matrix and year on year."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.domain.section11 import SCALES, Change, ReturnStatus, scale
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import section11 as s11
from tests.fixtures_s11 import S11World


def submit(
    world: S11World,
    agency_id: int,
    ratings: dict[str, str],
    round_id: int | None = None,
    tag: str = "",
) -> None:
    """Store a submission the way the importer does (one transaction)."""
    round_id = round_id or world.round.id
    the_return = s11.find_return(world.db, round_id, agency_id)
    assert the_return is not None
    codes = {c.code: c.id for c in world.framework.criteria}
    answers = tuple(
        s11.AnswerData(codes[code], rating, "evidence" + tag, None, None, None)
        for code, rating in ratings.items()
    )
    with world.db.session() as session:
        s11.record_submission(
            session,
            s11.SubmissionData(
                the_return.id,
                answers,
                f"hash-{agency_id}-{round_id}-{tag}",
                datetime(2026, 3, 1, 10),
                "x.xlsx",
                "Una",
                "Lead",
                "u@x.org",
                date(2026, 3, 1),
            ),  # fmt: skip
            date(2026, 3, 1),
        )


def all_criteria(world: S11World, rating: str) -> dict[str, str]:
    return {c.code: rating for c in world.framework.criteria}


def test_default_framework_has_eight_standards(world: S11World) -> None:
    assert [s.number for s in world.framework.standards] == list(range(1, 9))
    assert all(len(s.criteria) >= 3 for s in world.framework.standards)
    assert "training" in world.framework.standards[4].title.lower()
    assert s11.ensure_default_framework(world.db).id == world.framework.id  # idempotent


def test_framework_in_use_is_frozen_and_versions_copy(world: S11World) -> None:
    standard = world.framework.standards[0]
    with pytest.raises(UserError, match="Copy it as a new version"):
        s11.save_standard(world.db, world.framework.id, 1, "New title", standard_id=standard.id)
    copy = s11.new_framework_version(world.db, world.framework.id, "2.0")
    assert [c.code for c in copy.criteria] == [c.code for c in world.framework.criteria]
    assert not copy.in_use
    s11.save_standard(
        world.db, copy.id, 1, "Leadership and culture", standard_id=copy.standards[0].id
    )
    new_id = s11.save_criterion(world.db, copy.standards[0].id, "1.5", "A new criterion.")
    edited = s11.get_framework(world.db, copy.id)
    assert edited.standards[0].title == "Leadership and culture"
    assert edited.standards[0].criteria[-1].id == new_id
    assert s11.get_framework(world.db, world.framework.id).standards[0].title == standard.title
    with pytest.raises(ValidationFailed, match="already a criterion 1.1"):
        s11.save_criterion(world.db, copy.standards[1].id, "1.1", "Duplicate code.")
    with pytest.raises(ValidationFailed, match="already has a version 2.0"):
        s11.new_framework_version(world.db, world.framework.id, "2.0")


def test_round_scope_defaults_to_agencies_under_the_duty(world: S11World) -> None:
    names = [r.agency_name for r in s11.round_returns(world.db, world.round.id)]
    assert names == ["Wrenfield Community Health", "Wrenfield Constabulary"]
    s11.set_scope(world.db, world.round.id, [world.police.id, world.charity.id])
    names = [r.agency_name for r in s11.round_returns(world.db, world.round.id)]
    assert names == ["Open Door Youth Project", "Wrenfield Constabulary"]
    s11.mark_issued(world.db, world.round.id, [world.police.id])
    with pytest.raises(UserError, match="cannot leave the round"):
        s11.set_scope(world.db, world.round.id, [world.charity.id])
    with pytest.raises(ValidationFailed, match="already a round"):
        s11.save_round(world.db, s11.RoundInput(label="2026", framework_id=world.framework.id))


def test_status_overdue_and_extension(world: S11World) -> None:
    s11.mark_issued(world.db, world.round.id, [world.police.id, world.health.id], date(2026, 1, 12))
    after_deadline = date(2026, 4, 10)
    rows = {r.agency_id: r for r in s11.round_returns(world.db, world.round.id, after_deadline)}
    assert rows[world.police.id].overdue and rows[world.police.id].days_overdue == 10
    s11.extend_deadline(world.db, rows[world.health.id].id, date(2026, 4, 30))
    rows = {r.agency_id: r for r in s11.round_returns(world.db, world.round.id, after_deadline)}
    assert not rows[world.health.id].overdue and rows[world.health.id].extended
    with pytest.raises(ValidationFailed, match="later than the round's deadline"):
        s11.extend_deadline(world.db, rows[world.health.id].id, date(2026, 3, 1))
    assert rows[world.police.id].status.awaiting_return


def test_status_moves_follow_the_rules(world: S11World) -> None:
    the_return = s11.find_return(world.db, world.round.id, world.police.id)
    assert the_return is not None
    with pytest.raises(ValidationFailed, match="cannot be marked “Validated”"):
        s11.set_return_status(world.db, the_return.id, ReturnStatus.VALIDATED)
    s11.set_return_status(world.db, the_return.id, ReturnStatus.ISSUED, date(2026, 1, 12))
    with pytest.raises(ValidationFailed, match="by importing"):
        s11.set_return_status(world.db, the_return.id, ReturnStatus.RETURNED)
    submit(world, world.police.id, all_criteria(world, "fully_met"))
    row = s11.get_return(world.db, the_return.id)
    assert row.status == ReturnStatus.RETURNED and row.returned_on == date(2026, 3, 1)
    for status in (ReturnStatus.VALIDATED, ReturnStatus.CHALLENGED, ReturnStatus.FEEDBACK_SENT):
        row = s11.set_return_status(world.db, the_return.id, status, date(2026, 5, 1))
    assert row.feedback_sent_on == date(2026, 5, 1)
    row = s11.set_return_status(world.db, the_return.id, ReturnStatus.VALIDATED)
    assert row.challenged_on is None and row.feedback_sent_on is None


def test_moderation_is_kept_apart_from_the_agency_rating(world: S11World) -> None:
    submit(world, world.police.id, all_criteria(world, "fully_met"))
    the_return = s11.find_return(world.db, world.round.id, world.police.id)
    assert the_return is not None
    criterion = world.framework.criteria[0]
    with pytest.raises(ValidationFailed, match="Reason is required"):
        s11.moderate(world.db, the_return.id, criterion.id, "Partially met", "")
    with pytest.raises(ValidationFailed, match="Choose one of"):
        s11.moderate(world.db, the_return.id, criterion.id, "Excellent", "why")
    s11.moderate(
        world.db,
        the_return.id,
        criterion.id,
        "Partially met",
        "No evidence of reports.",
        on=date(2026, 5, 1),
    )
    s11.moderate(
        world.db,
        the_return.id,
        criterion.id,
        "not met",
        "On reflection, none.",
        on=date(2026, 5, 2),
    )
    answer = s11.return_answers(world.db, the_return.id)[0]
    assert (answer.rating, answer.moderated_rating) == ("fully_met", "not_met")
    assert answer.effective_rating == "not_met"
    assert [m.rating for m in s11.moderation_history(world.db, the_return.id)] == [
        "not_met",
        "partially_met",
    ]
    own = s11.compliance_matrix(world.db, world.round.id, use_moderated=False)
    board = s11.compliance_matrix(world.db, world.round.id, use_moderated=True)
    police_own = next(r for r in own.rows if r.agency_id == world.police.id)
    police_board = next(r for r in board.rows if r.agency_id == world.police.id)
    assert police_own.cells[0].counts[0] == ("Fully met", 4)
    assert dict(police_board.cells[0].counts)["Not met"] == 1
    assert police_board.cells[0].moderated == 1


def test_challenges_feedback_and_actions_arising(world: S11World) -> None:
    the_return = s11.find_return(world.db, world.round.id, world.police.id)
    assert the_return is not None
    standard = world.framework.standards[4]
    asked = s11.save_challenge(
        world.db,
        the_return.id,
        "How is training evaluated?",
        standard.id,
        date(2026, 5, 1),
        "Chair",
    )
    s11.save_challenge(
        world.db, the_return.id, asked.question, standard.id, response="Through supervision audits.",
        responded_on=date(2026, 5, 20), challenge_id=asked.id, expected_version=asked.row_version,
    )  # fmt: skip
    [stored] = s11.challenges(world.db, the_return.id)
    assert (stored.standard_number, stored.response) == (5, "Through supervision audits.")
    s11.save_feedback(world.db, the_return.id, "Strong leadership.", "Evidence impact.")
    assert s11.get_return(world.db, the_return.id).strengths == "Strong leadership."
    first = s11.create_action_arising(
        world.db, the_return.id, "Audit training impact.", due_on=date(2026, 12, 31)
    )
    second = s11.create_action_arising(world.db, the_return.id, "Report to the board.")
    assert (first.reference, second.reference) == ("S11-2026-Police-1", "S11-2026-Police-2")
    with world.db.reader() as session:
        action = session.scalars(select(Action).where(Action.id == first.id)).one()
        assert (action.source_kind, action.source_s11_return_id) == ("s11_return", the_return.id)
        assert action.lead_agency_id == world.police.id
    assert [a.text for a in s11.actions_arising(world.db, the_return.id)] == [
        "Audit training impact.",
        "Report to the board.",
    ]


def test_matrix_cells_average_to_the_nearest_rating(world: S11World) -> None:
    ratings = all_criteria(world, "fully_met")
    standard_one = [c.code for c in world.framework.standards[0].criteria]
    ratings.update(
        {
            standard_one[0]: "not_met",
            standard_one[1]: "partially_met",
            standard_one[2]: "not_applicable",
        }
    )
    submit(world, world.police.id, ratings)
    matrix = s11.compliance_matrix(world.db, world.round.id)
    police = next(r for r in matrix.rows if r.agency_id == world.police.id)
    health = next(r for r in matrix.rows if r.agency_id == world.health.id)
    cell = police.cells[0]
    assert cell is not None and cell.level == pytest.approx(0.5)  # (0 + 0.5 + 1) / 3, N/A left out
    assert cell.rating is not None and cell.rating.label == "Partially met"
    assert cell.rated == 4 and cell.total == 4
    assert police.cells[1].rating.label == "Fully met"  # type: ignore[union-attr]
    assert health.cells == (None,) * 8 and health.overall is None


def test_year_on_year_per_agency_and_standard(world: S11World) -> None:
    submit(world, world.police.id, all_criteria(world, "partially_met"), tag="a")
    later = s11.save_round(
        world.db,
        s11.RoundInput(
            label="2027",
            framework_id=world.framework.id,
            issue_date=date(2027, 1, 11),
            deadline=date(2027, 3, 31),
        ),
    )
    improved = all_criteria(world, "partially_met")
    improved.update({c.code: "fully_met" for c in world.framework.standards[0].criteria})
    improved.update({c.code: "not_met" for c in world.framework.standards[1].criteria})
    submit(world, world.police.id, improved, round_id=later.id, tag="b")
    trend = s11.year_on_year(world.db, world.police.id)
    assert [r.label for r in trend.rounds] == ["2026", "2027"]
    changes = {row.standard_number: row.change for row in trend.rows}
    assert (
        changes[1] == Change.IMPROVED
        and changes[2] == Change.DECLINED
        and changes[3] == Change.SAME
    )
    everyone = s11.year_on_year(world.db)
    assert everyone.rows[0].cells[1].rating.label == "Fully met"  # type: ignore[union-attr]
    # A prefill for 2027 takes the 2027 answers; for a new round, the latest earlier ones.
    prefill = s11.latest_answers_by_code(world.db, world.police.id, later.id)
    assert prefill["1.1"].rating == "fully_met"


def test_scales() -> None:
    assert scale("score").parse(3.0).value == "3"  # type: ignore[union-attr]
    assert scale("rag").parse(" amber ").label == "Amber"  # type: ignore[union-attr]
    assert scale("fmpn").nearest(0.6).label == "Mostly met"  # type: ignore[union-attr]
    assert scale("unknown-key").key == "fpn"
    assert all(any(not o.applicable for o in s.options) for s in SCALES.values())


def test_year_on_year_for_every_agency_moves_by_shares_not_by_a_mean(world: S11World) -> None:
    submit(world, world.police.id, all_criteria(world, "partially_met"), tag="a")
    later = s11.save_round(
        world.db,
        s11.RoundInput(
            label="2027",
            framework_id=world.framework.id,
            issue_date=date(2027, 1, 11),
            deadline=date(2027, 3, 31),
        ),
    )
    # Half the criteria go up to Fully met and half down to Not met: the mean stays at
    # "Partially met", yet nothing stayed the same.
    moved = {}
    for position, code in enumerate(sorted(all_criteria(world, "x"))):
        moved[code] = "fully_met" if position % 2 == 0 else "not_met"
    submit(world, world.police.id, moved, round_id=later.id, tag="b")
    everyone = s11.year_on_year(world.db)
    together = everyone.rows[-1]  # all standards
    shift = dict(together.shift)
    assert shift["Partially met"] == -100 and shift["Fully met"] + shift["Not met"] == 100
    assert shift["Fully met"] > 0 and shift["Not met"] > 0
    assert "Partially met -100 pts" in together.shift_text()
    assert together.cells[-1].share("Partially met") == 0
