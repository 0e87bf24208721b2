"""The published documents of the demo, made once for the tests of this folder."""

from __future__ import annotations

import shutil

import pytest

from partnerboard.db.schema import open_database
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.domain.yearly_report import SLOTS
from partnerboard.published.publish import (
    publish_briefing,
    publish_meeting,
    publish_thresholds,
    publish_yearly,
)
from partnerboard.services.actions.register import list_actions
from partnerboard.services.meetings.agenda import list_items
from partnerboard.services.meetings.meetings import list_meetings
from partnerboard.services.reviews import list_reviews
from partnerboard.services.yearly_report.narrative import store_narrative
from tests.clock import TODAY

# What the team wrote in the yearly report's Word draft, as the app keeps it: paragraphs, and in
# one part a subheading and a list.
NARRATIVE = {slot.key: f"What the partners did: {slot.title.lower()}." for slot in SLOTS} | {
    "engagement": "Children shaped three services this year.\n\n### What young people asked "
    "for\n\n- Trusted adults in youth clubs.\n- Plans written with them."
}


@pytest.fixture(scope="session")
def published(tmp_path_factory, demo_template) -> dict:
    """Every kind of published document, from a copy of the demo, as business support."""
    folder = tmp_path_factory.mktemp("published")
    path = folder / "demo.sqlite"
    shutil.copy(demo_template, path)
    db = open_database(str(path))
    meetings = list_meetings(db)
    approved = next(m for m in meetings if m.status.value == "minutes_approved"
                    and any(i.restricted for i in list_items(db, m.id)))  # fmt: skip
    draft = next(m for m in meetings if m.status.value == "minutes_draft")
    planned = next(m for m in meetings if m.status.value == "planned"
                   and any(i.restricted for i in list_items(db, m.id)))  # fmt: skip
    review = next(r for r in list_reviews(db) if not r.restricted and r.summary)
    year = Period.latest_complete(TODAY, YEAR)  # ended, and the team's narrative taken in
    store_narrative(db, year, NARRATIVE, "yearly-report-draft.docx")
    out = folder / "website"
    written = [
        *publish_meeting(db, approved.id, out),
        *publish_meeting(db, draft.id, out),
        *publish_meeting(db, planned.id, out),
        *publish_briefing(db, review.id, out),
        *publish_thresholds(db, out),
        *publish_yearly(db, year, out),
        *publish_yearly(db, Period.containing(TODAY, YEAR), out, preview=True),
    ]
    actions = list_actions(db)
    secrets = {
        "items": [i.title for m in meetings for i in list_items(db, m.id) if i.restricted],
        "actions": [a.reference for a in actions if a.restricted],
        # What a restricted action says, unless a public action says the same
        "action_texts": list(
            {a.text for a in actions if a.restricted}
            - {a.text for a in actions if not a.restricted}
        ),
        "reviews": [r.reference for r in list_reviews(db) if r.restricted],
    }
    withheld = {m.id: [i.number for i in list_items(db, m.id) if i.restricted] for m in meetings}
    stem = {m.id: f"{m.board_short_name or m.board_name} {m.starts_at:%Y-%m-%d}" for m in meetings}
    db.close()
    return {
        "written": {w.pdf.stem: w for w in written},
        "approved": approved,
        "draft": draft,
        "planned": planned,
        "secrets": secrets,
        "withheld": withheld,
        "year": year,
        "stem": stem,
    }
