"""The feedback letter PDF, parsed back: agency, ratings, challenge, and hostile text kept inert."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from partnerboard.domain.section11 import ReturnStatus
from partnerboard.errors import UserError
from partnerboard.reports.section11_feedback import write_feedback_letter
from partnerboard.services import section11 as s11
from tests.fixtures_s11 import S11World

HOSTILE = 'Strong <b>leadership & <img src="/etc/passwd"/> <a href="http://x">link</a>'


def returned(world: S11World) -> s11.ReturnRow:
    the_return = s11.find_return(world.db, world.round.id, world.police.id)
    assert the_return is not None
    codes = {c.code: c.id for c in world.framework.criteria}
    ratings = {code: "fully_met" for code in codes}
    ratings.update({"5.1": "partially_met", "5.2": "not_met"})
    answers = tuple(
        s11.AnswerData(
            codes[code], rating, "Evidence", "Act" if rating != "fully_met" else None, None, None
        )
        for code, rating in ratings.items()
    )
    with world.db.session() as session:
        s11.record_submission(
            session,
            s11.SubmissionData(
                the_return.id,
                answers,
                "h",
                datetime(2026, 3, 2, 9),
                "p.xlsx",
                "Una",
                "Lead",
                "u@x.org",
                date(2026, 3, 2),
            ),  # fmt: skip
            date(2026, 3, 2),
        )
    return the_return


def test_letter_names_the_agency_and_its_ratings(world: S11World, tmp_path: Path, read_pdf) -> None:
    the_return = returned(world)
    training = world.framework.standards[4]
    s11.moderate(
        world.db,
        the_return.id,
        training.criteria[1].id,
        "Partially met",
        "Plan agreed at challenge day.",
    )
    s11.save_challenge(
        world.db,
        the_return.id,
        "How is training impact measured?",
        training.id,
        response="By audit.",
    )
    s11.save_feedback(world.db, the_return.id, HOSTILE, "Evidence the impact of training.")
    s11.create_action_arising(
        world.db, the_return.id, "Re-audit training compliance.", due_on=date(2026, 12, 31)
    )

    path = write_feedback_letter(
        world.db, world.round.id, world.police.id, tmp_path / "letter.pdf", date(2026, 6, 1)
    )
    pdf = read_pdf(path.read_bytes())
    flat = " ".join(pdf.text.split())
    assert "Wrenfield Constabulary" in flat
    assert "Section 11 self-assessment 2026: feedback" in flat
    assert "Generated 01/06/2026" in flat
    assert "Fully met" in flat and "Partially met" in flat and "Not met" in flat
    # The moderated criterion, both ratings and the reason.
    assert "5.2 Staff complete safeguarding training" in flat
    assert "Plan agreed at challenge day." in flat
    # The chart's data in words under it: each set counted on its own, never added together.
    assert "Criteria by rating (31 criteria, each set counted once)." in flat
    assert "in total" not in flat
    assert "after the challenge session" in flat
    assert "Your rating: Fully met 29, Partially met 1, Not met 1 (31)." in flat
    assert "Board's rating: Fully met 29, Partially met 2 (31)." in flat
    assert "How is training impact measured?" in flat and "By audit." in flat
    assert "S11-2026-Police-1 Re-audit training compliance. 31/12/2026" in flat
    # The partner's markup is shown as typed, not obeyed.
    assert '<b>leadership & <img src="/etc/passwd"/>' in flat
    assert f"Page 1 of {pdf.pages}" in flat
    assert pdf.fonts() and all("DejaVuSans" in name and embedded for name, embedded in pdf.fonts())
    assert pdf.reader.metadata.title == "Section 11 feedback 2026: Wrenfield Constabulary"


def test_a_return_nobody_has_checked_gets_no_letter_or_only_a_draft(
    world: S11World, tmp_path: Path, read_pdf
) -> None:
    returned(world)  # returned, but neither validated nor challenged
    with pytest.raises(UserError, match="neither validated nor challenged"):
        write_feedback_letter(world.db, world.round.id, world.police.id, tmp_path / "l.pdf")
    assert not (tmp_path / "l.pdf").exists()
    path = write_feedback_letter(
        world.db, world.round.id, world.police.id, tmp_path / "l.pdf", draft=True
    )
    pdf = read_pdf(path.read_bytes())
    flat = " ".join(pdf.text.split())
    assert "DRAFT" in " ".join(pdf.pypdf_texts) and "This is a draft." in flat
    # No claim about a challenge or the board's ratings, and no board column.
    assert "challenge session" not in flat.replace("discussed at a challenge session", "")
    assert "Board's rating" not in flat and "Your rating" in flat
    assert "Your rating: Fully met 29, Partially met 1, Not met 1 (31)." in flat


def test_a_validated_return_gets_a_letter_that_claims_no_challenge(
    world: S11World, tmp_path: Path, read_pdf
) -> None:
    the_return = returned(world)
    s11.set_return_status(world.db, the_return.id, ReturnStatus.VALIDATED, date(2026, 3, 9))
    path = write_feedback_letter(world.db, world.round.id, world.police.id, tmp_path / "v.pdf")
    flat = " ".join(read_pdf(path.read_bytes()).text.split())
    assert "after validating your return" in flat and "challenge" not in flat.casefold()
    # The closing is on the page with the last section, never alone on a page of its own.
    pdf = read_pdf(path.read_bytes())
    last = " ".join(pdf.page_texts[-1].split())
    assert "Yours sincerely" in last and "Actions agreed" in last


def test_letter_before_anything_was_returned(world: S11World, tmp_path: Path, read_pdf) -> None:
    with pytest.raises(UserError, match="Not issued|Issued"):
        write_feedback_letter(world.db, world.round.id, world.health.id, tmp_path / "l.pdf")
    path = write_feedback_letter(
        world.db, world.round.id, world.health.id, tmp_path / "l.pdf", draft=True
    )
    flat = " ".join(read_pdf(path.read_bytes()).text.split())
    assert "Wrenfield Community Health" in flat and "not yet returned" in flat
