"""The minutes and agenda PDFs, read back: items, attendance, actions, page X of Y, fonts, DRAFT."""

from __future__ import annotations

import re
from datetime import date

from partnerboard.reports.agenda_pdf import agenda_pdf
from partnerboard.reports.minutes_pdf import minutes_pdf
from partnerboard.services.meetings import minutes
from tests.services.meeting_fixtures import SECRET_TITLE, full_meeting


def flat(text: str) -> str:
    """pdftotext's layout text on one line, so that wrapped cells can still be found."""
    return " ".join(text.split())


def test_the_minutes_print_every_item_attendance_and_the_actions(db, read_pdf, tmp_path):
    made = full_meeting(db)
    target = tmp_path / "minutes.pdf"
    pdf = read_pdf(minutes_pdf(db, made.meeting_id, target))
    assert target.read_bytes()[:5] == b"%PDF-"
    text = flat(pdf.text)
    for heading in (
        "1. Welcome, introductions and apologies",
        "2. Minutes of the previous meeting",
        "3. Matters arising and the action log",
        "4. Neglect audit findings",
        f"5. {SECRET_TITLE} – Restricted",
        "6. Budget <script>alert(1)</script>",
        "7. Any other business",
    ):
        assert heading in text, heading
    for words in ("Present", "In attendance", "Apologies", "Ada Lovelace", "Iris Vale"):
        assert words in text
    assert "Erin Shaw deputising for Dev Patel" in text
    assert "Gus Ward <b>" in text and "Annual leave" in text
    assert "Faye Ng" in text and "Online" in text
    assert "Six of eight cases were graded requires improvement or better." in text
    # The table of actions arising: reference, action, lead and due date.
    # (The DRAFT mark's letters may fall between lines of layout text, hence the searches.)
    table = text[text.rindex("Actions arising") :]
    assert re.search(r"Item Ref\. Action Lead Due", table)
    assert re.search(
        rf"4 {made.action_reference} Re-audit chronologies in neglect cases Faye Ng \(Tamshire "
        r"ICB\) 31/03/2027",
        table,
    )
    assert made.secret_action_reference in table and "Notify the national panel" in table
    assert "Page 1 of " in pdf.page_texts[0]
    assert all(f"Page {n} of {pdf.pages}" in t for n, t in enumerate(pdf.page_texts, start=1))
    fonts = pdf.fonts()
    assert fonts and all(embedded for _name, embedded in fonts), fonts
    assert all("DRAFT" in t for t in pdf.pypdf_texts)
    width, height = (float(v) for v in pdf.reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4
    assert "OFFICIAL-SENSITIVE" in pdf.page_texts[0]
    assert "Signed as a true record" in text and "Chair, Tamshire Safeguarding Executive" in text


def test_the_public_minutes_leave_restricted_items_out_entirely(db, read_pdf):
    made = full_meeting(db)
    pdf = read_pdf(minutes_pdf(db, made.meeting_id, public=True))
    text = flat(pdf.text + " ".join(pdf.pypdf_texts))
    assert "Rapid review" not in text and "child Q" not in text
    assert "Restricted" not in text
    assert "Notify the national panel" not in text
    assert made.secret_action_reference not in text.replace(made.action_reference, "")
    assert "4. Neglect audit findings" in text and "6. Budget" in text
    assert "Re-audit chronologies" in text
    assert "OFFICIAL-SENSITIVE" not in text


def test_approved_minutes_carry_no_draft_mark(db, read_pdf):
    made = full_meeting(db)
    minutes.approve_minutes(db, made.meeting_id, date(2027, 1, 12))
    pdf = read_pdf(minutes_pdf(db, made.meeting_id))
    assert not any("DRAFT" in t for t in pdf.pypdf_texts + pdf.page_texts)
    assert "Approved by Ada Lovelace on 12/01/2027." in flat(pdf.text)


def test_the_agenda_lists_items_with_their_times(db, read_pdf):
    made = full_meeting(db)
    pdf = read_pdf(agenda_pdf(db, made.meeting_id))
    text = flat(pdf.text)
    assert "Agenda" in text and "Tuesday 10/11/2026" in text
    assert "1 10:00 Welcome, introductions and apologies" in text
    assert f"{SECRET_TITLE} – Restricted" in text
    assert all(embedded for _name, embedded in pdf.fonts())
    assert "Page 1 of 1" in pdf.page_texts[0]
    public = flat(read_pdf(agenda_pdf(db, made.meeting_id, public=True)).text)
    assert "Rapid review" not in public and "Neglect audit findings" in public
