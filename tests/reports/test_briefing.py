"""The 7-minute briefing, parsed back: what it must say, and nothing restricted."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.domain.access import Role
from partnerboard.errors import NotFound
from partnerboard.reports.briefing import briefing_pdf, write_briefing
from partnerboard.services import actions, review_actions
from partnerboard.services.review_actions import RecommendationInput
from partnerboard.services.review_briefing import briefing_content
from partnerboard.services.reviews import list_reviews
from tests.services.review_helpers import TODAY, add_agencies, add_review, as_role

SECRETS = (
    "CONFIDENTIAL-CASE-DETAIL",
    "RESTRICTED-ACTION-TEXT",
    "DECIDER-NAME",
    "REVIEWER-NAME",
    "DECISION-REASON-TEXT",
    "22/05/2026",  # the day the partnership became aware: it dates the incident
)


@pytest.fixture
def review(db):
    police, school = add_agencies(db, "Wrenfield Constabulary", "Heronsgate Academy Trust")
    row = add_review(
        db,
        reference="LCSPR Child M",
        kind="lcspr",
        restricted=False,
        agency_ids=[police, school],
        reviewer="REVIEWER-NAME",
        decision="lcspr",
        decision_on=date(2026, 5, 29),
        decision_by="DECIDER-NAME",
        decision_reason="DECISION-REASON-TEXT",
        published_on=date(2026, 6, 2),
        summary='A child was harmed at home. <b>bold <img src="/etc/passwd"/> & more',
        learning_points="- Children not brought are telling us something.\n• Ask the next question.",
        do_differently="Follow up every missed appointment.",
        confidential_notes="CONFIDENTIAL-CASE-DETAIL",
    )
    shared = review_actions.add_recommendation(
        db,
        row.id,
        RecommendationInput("Publish was-not-brought guidance", police, date(2026, 12, 1)),
    )
    actions.add_update(
        db, shared, actions.UpdateInput(update_on=TODAY, narrative="Drafted.", rag="amber")
    )
    review_actions.add_recommendation(
        db, row.id, RecommendationInput("RESTRICTED-ACTION-TEXT", school, restricted=True)
    )
    return row


def test_the_briefing_says_what_happened_what_we_learned_and_what_is_being_done(
    db, review, read_pdf, tmp_path
):
    report = write_briefing(db, review.id, tmp_path / "briefing.pdf", today=TODAY)
    pdf = read_pdf(report.path.read_bytes())
    assert report.pages == pdf.pages == 1
    text = " ".join(pdf.text.split())
    for expected in (
        "7-minute briefing",
        "Learning from local child safeguarding practice review LCSPR Child M",
        "published 02/06/2026",
        "Agencies involved: Heronsgate Academy Trust, Wrenfield Constabulary",
        'A child was harmed at home. <b>bold <img src="/etc/passwd"/> & more',
        "• Children not brought are telling us something.",
        "• Ask the next question.",
        "Follow up every missed appointment.",
        "Publish was-not-brought guidance",
        "Amber",
        "01/12/2026",
        "Reflect with your team",
        "Generated 03/06/2026",
        "Page 1 of 1",
    ):
        assert expected in text, expected
    assert "DRAFT" not in pdf.pypdf_texts[0] and "OFFICIAL-SENSITIVE" not in text
    box = pdf.reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((595.27, 841.89), abs=0.01)
    assert pdf.fonts() and all(embedded for _, embedded in pdf.fonts())


def test_nothing_restricted_reaches_the_briefing(db, review, read_pdf):
    pdf = read_pdf(briefing_pdf(briefing_content(db, review.id), today=TODAY))
    metadata = " ".join(str(v) for v in (pdf.reader.metadata or {}).values())
    everything = " ".join([pdf.text, *pdf.pypdf_texts, metadata])
    for secret in SECRETS:
        assert secret not in everything, secret
    # The restricted action is still on the review for those who may see it.
    texts = [r.text for r in review_actions.list_recommendations(db, review.id)]
    assert "RESTRICTED-ACTION-TEXT" in texts


def test_a_briefing_on_a_still_restricted_review_is_a_draft_not_for_circulation(db, read_pdf):
    row = add_review(db, reference="RR-2026-07", confidential_notes="CONFIDENTIAL-CASE-DETAIL")
    pdf = read_pdf(briefing_pdf(briefing_content(db, row.id), today=TODAY))
    assert "DRAFT" in pdf.pypdf_texts[0]
    assert "Do not circulate" in pdf.text and "OFFICIAL-SENSITIVE" in pdf.text
    assert "No actions recorded yet." in pdf.text
    assert "CONFIDENTIAL-CASE-DETAIL" not in pdf.text
    with pytest.raises(NotFound):
        briefing_content(as_role(db, Role.MEMBER), row.id)


def test_the_demo_briefings_fit_one_or_two_pages(demo_db, read_pdf, tmp_path):
    for row in list_reviews(demo_db):
        report = write_briefing(demo_db, row.id, tmp_path / f"{row.id}.pdf", today=TODAY)
        pdf = read_pdf(report.path.read_bytes())
        assert 1 <= pdf.pages <= 2, row.reference
        assert row.reference in pdf.text
        if row.confidential_notes:
            assert row.confidential_notes[:40] not in " ".join(pdf.text.split())
