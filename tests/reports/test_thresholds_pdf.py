"""The threshold PDFs, read back as text and facts: one page of sign-up, the document with its levels."""

from __future__ import annotations

import pytest

from partnerboard.reports.thresholds_pdf import signup_summary_pdf, threshold_document_pdf
from partnerboard.services import partnership as p
from partnerboard.services import threshold_levels as tl
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th
from tests.clock import TODAY

A4 = (595.27, 841.89)


def facts_of(read_pdf, path):
    pdf = read_pdf(path.read_bytes())
    for page in pdf.reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            A4, abs=0.01
        )
    assert pdf.fonts() and all(embedded for _name, embedded in pdf.fonts())
    return pdf


def flat(text: str) -> str:
    return " ".join(text.split())


def test_signup_summary_is_one_a4_page_with_the_figures(demo_db, read_pdf, tmp_path):
    (document,) = th.list_documents(demo_db)
    matrix = su.signup_matrix(demo_db, document.id)
    total = su.coverage_by_sector(matrix, matrix.current.id)[-1]
    pdf = facts_of(read_pdf, signup_summary_pdf(demo_db, tmp_path / "summary.pdf"))
    assert pdf.pages == 1
    text = flat(pdf.text)
    assert "Threshold sign-up summary" in text and "Page 1 of 1" in text
    assert f"{total.agreed} of {total.in_scope} agencies have agreed it" in text
    assert f"({total.percent_agreed}%); {total.pending} pending, {total.declined} declined" in text
    waiting = matrix.not_signed_current()
    assert f"Not yet signed Version 3.0 ({len(waiting)})" in text
    for row in waiting:
        assert row.agency_name.split(" – ")[0].split()[0] in text
    assert "Health – " in text and "% agreed" in text  # the chart's sector labels
    assert f"Generated {TODAY:%d/%m/%Y}" in text


def test_summary_of_a_new_version_lists_names_and_stays_on_one_page(demo_db, read_pdf, tmp_path):
    (document,) = th.list_documents(demo_db)
    th.create_version(demo_db, document.id, th.VersionInput("4.0", "Continuum of Need"))
    v4 = th.list_versions(demo_db, document.id)[-1]
    th.save_version(demo_db, v4.id, th.VersionInput("4.0", "Continuum of Need", "approved", TODAY))
    pdf = facts_of(read_pdf, signup_summary_pdf(demo_db, tmp_path / "summary.pdf", document.id))
    assert pdf.pages == 1
    text = flat(pdf.text)
    assert "0 of 26 agencies have agreed it" in text
    assert "Not yet signed Version 4.0 (26)" in text and "Pending (26):" in text


def test_user_text_is_printed_literally(demo_db, read_pdf, tmp_path):
    hostile = 'Trust <b>bold</b> & <img src="/etc/passwd"/> \x07'
    agency = p.save_agency(demo_db, p.AgencyInput(name=hostile, sector="voluntary"))
    (document,) = th.list_documents(demo_db)
    current = next(v for v in th.list_versions(demo_db, document.id) if v.is_current)
    su.record_signup(
        demo_db,
        current.id,
        agency.id,
        su.SignupInput("declined", None, None, TODAY, "email", "<a href='x'>see</a>"),
    )
    text = flat(facts_of(read_pdf, signup_summary_pdf(demo_db, tmp_path / "s.pdf")).text)
    assert 'Trust <b>bold</b> & <img src="/etc/passwd"/>' in text
    assert "<a href='x'>see</a>" in text


def test_threshold_document_prints_every_level(demo_db, read_pdf, tmp_path):
    (document,) = th.list_documents(demo_db)
    old, current = th.list_versions(demo_db, document.id)
    pdf = facts_of(read_pdf, threshold_document_pdf(demo_db, tmp_path / "doc.pdf"))
    text = flat(pdf.text)
    assert "Version 3.0 – Approved" in text
    assert f"Approved by the board {current.approved_on:%d/%m/%Y}" in text
    for level in tl.list_levels(demo_db, current.id):
        assert f"Level {level.number}: {level.name}" in text
        assert flat(level.descriptors)[:60] in text
        assert flat(level.indicators)[:60] in text
    assert "DRAFT" not in flat(" ".join(pdf.pypdf_texts))
    # Level headings are bookmarks; a superseded version says what replaced it.
    outline = [item.title for item in pdf.reader.outline if hasattr(item, "title")]
    assert "Levels of need" in outline
    old_text = flat(
        read_pdf(threshold_document_pdf(demo_db, tmp_path / "old.pdf", old.id).read_bytes()).text
    )
    assert "Version 2.0 – Superseded" in old_text and "Superseded by Version 3.0" in old_text


def test_a_draft_version_prints_with_the_draft_mark(demo_db, read_pdf, tmp_path):
    (document,) = th.list_documents(demo_db)
    draft = th.create_version(demo_db, document.id, th.VersionInput("4.0", "Draft continuum"))
    pdf = facts_of(read_pdf, threshold_document_pdf(demo_db, tmp_path / "d.pdf", draft.id))
    assert "DRAFT" in pdf.pypdf_texts[0]
    assert "Not yet approved" in flat(pdf.text)
