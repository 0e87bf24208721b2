"""Every published document, generated from the demo, read back as a screen reader gets it.

Each PDF is read with pikepdf (structure tree, MarkInfo, language, title, headings, tables,
figures, artifacts) and checked by the `pdfua` checker; its headings must be the HTML page's
headings, in the same order (same content, one model). The HTML pages go through html-validate
and axe-core in `test_html_validators.py`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdfua import Severity, validate

from partnerboard.domain.meetings import WITHHELD_TEXT, WITHHELD_TITLE, items_text
from partnerboard.published.check import CHECKED_HERE, check_pdf
from partnerboard.published.files import slug
from partnerboard.published.publish import publish_briefing, publish_meeting
from partnerboard.services.meetings.meetings import list_meetings
from partnerboard.services.reviews import list_reviews
from tests.clock import TODAY
from tests.conftest import need
from tests.published.conftest import NARRATIVE
from tests.published.structure import HtmlStructure, made_on, read_structure

KINDS = (
    "agenda",
    "minutes",
    "draft-minutes",
    "briefing",
    "threshold-document",
    "threshold-signups",
    "yearly-report",
    "preview-yearly-report",
)


def test_each_kind_of_document_is_published_as_html_and_pdf(published):
    kinds = {w.document.kind for w in published["written"].values()}
    assert kinds == set(KINDS)
    for stem, written in published["written"].items():
        assert written.html == written.pdf.with_suffix(".html") and written.html.stem == stem
        assert written.html.stat().st_size > 1000 and written.pdf.read_bytes()[:5] == b"%PDF-"


def _all(published) -> list:
    return list(published["written"].values())


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_is_tagged_with_the_same_structure_as_the_html(published, kind):
    for written in (w for w in _all(published) if w.document.kind == kind):
        pdf = read_structure(written.pdf)
        page = HtmlStructure(written.html.read_text(encoding="utf-8"))
        # Tagged, in British English, with a title the viewer shows, declared PDF/UA-1.
        assert pdf.has_tree and pdf.marked
        assert pdf.language == "en-GB" and page.lang == "en-GB"
        assert pdf.title == written.document.title and pdf.shows_title
        assert page.title == written.document.short_title
        assert re.search(r"pdfuaid:part(>|=\")1", pdf.xmp)
        # The date is the database's clock (in UTC), not the computer's.
        assert abs((made_on(pdf.creation_date) - TODAY).days) <= 1
        # One title (H1) first, then headings in order without a skipped level, in the PDF
        # exactly as on the web page.
        headings = pdf.headings()
        assert headings == page.headings and headings[0] == (1, written.document.heading)
        levels = [level for level, _ in headings]
        assert levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
        # Tables with header cells and a caption; the web page's data tables the same.
        tables = [inside for role, _, inside in pdf.elements if role == "Table"]
        data_tables = [t for t in page.tables if t["class"] != "facts"]
        assert len(tables) == len(data_tables)
        for inside in tables:
            assert "TH" in inside and "Caption" in inside and "TD" in inside
        for table in data_tables:
            assert table["caption"] and set(table["th"]) == {"col", "row"}
        # Charts: a figure whose text alternative states the figures, as the image's alt.
        alts = [label for role, label, _ in pdf.elements if role == "Figure"]
        assert alts == [i["alt"] for i in page.images if not str(i["alt"]).endswith(" logo")]
        # The running header and footer of every page are artifacts, not content.
        assert all({"/Header", "/Footer"} <= found for found in pdf.artifacts)


def test_charts_say_their_figures_in_words(published):
    summary = next(w for w in _all(published) if w.document.kind == "threshold-signups")
    pdf = read_structure(summary.pdf)
    (alt,) = [label for role, label, _ in pdf.elements if role == "Figure"]
    assert re.search(r"\d+ in total\. .*: Agreed \d+", alt)
    assert "Health" in alt and "Pending" in alt


def test_lists_are_lists(published):
    briefing = next(w for w in _all(published) if w.document.kind == "briefing")
    pdf = read_structure(briefing.pdf)
    roles = pdf.roles()
    assert roles.count("L") >= 3 and roles.count("LI") >= 6 and "LBody" in roles
    page = HtmlStructure(briefing.html.read_text(encoding="utf-8"))
    assert page.tags.count("ul") >= 3 and page.tags.count("li") >= 6


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdfua_checker_and_the_apps_own_check_find_nothing(published, kind):
    for written in (w for w in _all(published) if w.document.kind == kind):
        report = validate(str(written.pdf))
        problems = [
            f"{f.rule_id}: {f.message}" for f in report.findings if f.severity >= Severity.WARNING
        ]
        assert problems == []
        # A rule pdfua cannot evaluate must be one the app checks itself.
        assert {o.rule_id for o in report.outcomes if o.skipped_reason} <= set(CHECKED_HERE)
        mine = check_pdf(written.pdf)
        assert mine.ok, mine.problems
        assert mine.tagged and mine.headings[0][0] == 1


def test_the_apps_own_check_refuses_an_untagged_board_paper(published, tmp_path, demo_db):
    from partnerboard.reports.minutes_pdf import minutes_pdf

    board_paper = tmp_path / "board-paper.pdf"
    minutes_pdf(demo_db, published["approved"].id, board_paper, public=True)
    report = check_pdf(board_paper)
    assert not report.ok and not report.tagged
    assert any("not tagged" in p for p in report.problems)


def _text(written) -> str:
    html = " ".join(HtmlStructure(written.html.read_text(encoding="utf-8")).text)
    pdf = subprocess.run(
        ["pdftotext", str(written.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(f"{html}\n{pdf}".split())


def test_draft_minutes_say_draft_in_the_title_the_first_heading_and_the_file_name(published):
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    drafts = [w for w in _all(published) if w.document.draft]
    assert drafts and all(w.document.kind == "draft-minutes" for w in drafts)
    assert all(not w.document.draft for w in _all(published) if w.document.kind != "draft-minutes")
    for written in drafts:
        page = HtmlStructure(written.html.read_text(encoding="utf-8"))
        pdf = read_structure(written.pdf)
        assert "draft" in written.pdf.name and "draft" in written.html.name
        assert page.title.startswith("Draft minutes") and pdf.title.startswith("Draft minutes")
        assert page.headings[0][1].startswith("Draft minutes")
        assert pdf.headings()[0][1].startswith("Draft minutes")
        assert "Draft: these minutes have not yet been approved" in _text(written)
    approved = next(w for w in _all(published) if w.document.kind == "minutes")
    assert (
        "draft"
        not in (approved.pdf.name + approved.document.title + approved.document.heading).lower()
    )


def test_a_yearly_report_not_ready_is_only_a_preview_and_says_so_everywhere(published):
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    final = published["written"][f"yearly-report-{published['year'].slug}"]
    preview = next(w for w in _all(published) if w.document.preview)
    assert preview.document.kind == "preview-yearly-report"
    assert "preview" in preview.pdf.name and "preview" in preview.html.name
    page = HtmlStructure(preview.html.read_text(encoding="utf-8"))
    pdf = read_structure(preview.pdf)
    assert page.title.startswith("Preview: Yearly report") and pdf.title.startswith("Preview:")
    assert page.headings[0][1].startswith("Preview:") and pdf.headings()[0][1].startswith("Preview")
    text = _text(preview)
    assert "Preview: not for publication." in text and "has not ended" in text
    assert "To be written." in text
    # The mark across every page (drawn as the page background, an artifact).
    assert all("/Background" in found for found in pdf.artifacts)
    # The report whose year has ended and whose sections are written is the final version.
    assert not final.document.preview and not final.document.draft
    assert not any("/Background" in found for found in read_structure(final.pdf).artifacts)
    final_text = _text(final)
    assert "Preview" not in final_text and "PREVIEW" not in final_text
    assert "To be written" not in final_text


def test_the_yearly_report_carries_the_teams_narrative_under_its_sections(published):
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    final = published["written"][f"yearly-report-{published['year'].slug}"]
    text = _text(final)
    for slot, words in NARRATIVE.items():
        if slot != "engagement":
            assert words in text, slot
    page = HtmlStructure(final.html.read_text(encoding="utf-8"))
    headings = [words for _, words in page.headings]
    assert headings[:3] == [f"Yearly report {published['year'].label}", "Contents", "Foreword"]
    assert (4, "What young people asked for") in page.headings
    assert headings.index("Engagement with children and families") < headings.index(
        "What young people asked for"
    )
    assert "Trusted adults in youth clubs." in text and "Plans written with them." in text
    # Its contents: the sections in the HTML as links, in the PDF as a tagged table of contents.
    sections = [words for level, words in page.headings if level == 2 and words != "Contents"]
    roles = read_structure(final.pdf).roles()
    assert "TOC" in roles and roles.count("TOCI") == len(sections) == 8
    html = final.html.read_text(encoding="utf-8")
    for number, title in enumerate(sections, start=1):
        assert f'<a href="#section-{number}">{title}</a>' in html
        assert f'<h2 id="section-{number}">{title}</h2>' in html


def test_published_documents_hold_nothing_restricted_and_say_what_was_left_out(published):
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    secrets = published["secrets"]
    assert secrets["items"] and secrets["actions"] and secrets["reviews"]
    assert secrets["action_texts"]
    for written in _all(published):
        text = _text(written)
        for title in secrets["items"] + secrets["action_texts"]:
            assert " ".join(title.split()) not in text, (written.pdf.name, title)
        for reference in secrets["actions"] + secrets["reviews"]:
            assert not re.search(rf"(?<![\w.]){re.escape(reference)}(?![\w.])", text), (
                written.pdf.name,
                reference,
            )
        assert "Restricted" not in text
        # Classified as a public version (`domain.marking`): no protective marking anywhere.
        assert written.document.version.classification.public
        assert "OFFICIAL" not in text
        # The first page says it is the public version and what it leaves out.
        first_page = subprocess.run(
            ["pdftotext", "-l", "1", str(written.pdf), "-"], capture_output=True, text=True
        ).stdout
        assert "This is the public version" in first_page
        assert "Left out of this version:" in " ".join(first_page.split())
        assert "Left out of this version:" in text


def test_a_withheld_item_keeps_its_number_with_a_neutral_line(published):
    """The rule of every version (`agenda.visible_items`): item N stays item N, as a numbered
    "Not published" line with the neutral words beside it, once, never an empty heading."""
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    for meeting, kinds in ((published["approved"], ("minutes", "agenda")),
                           (published["planned"], ("agenda",))):  # fmt: skip
        numbers = published["withheld"][meeting.id]
        assert numbers, meeting
        for kind in kinds:
            written = published["written"][slug(published["stem"][meeting.id], kind, "")]
            page = HtmlStructure(written.html.read_text(encoding="utf-8"))
            pieces = [t.strip() for t in page.text if t.strip()]
            pdf_text = " ".join(_pdf_text(written.pdf).split())
            assert pieces.count(WITHHELD_TEXT) == len(numbers), kind
            assert pdf_text.count(WITHHELD_TEXT) == len(numbers), kind
            assert f"Items restricted to the board ({items_text(numbers)})" in " ".join(pieces)
            for number in numbers:
                if kind == "minutes":  # its own heading, the neutral line under it
                    line = f"{number}. {WITHHELD_TITLE}"
                    assert (3, line) in page.headings
                    assert (3, line) in read_structure(written.pdf).headings()
                    assert pieces[pieces.index(line) + 1] == WITHHELD_TEXT
                else:  # the agenda's row: its number, no time, the neutral line, no presenter
                    at = pieces.index(str(number), pieces.index("Paper"))
                    assert pieces[at + 1] == WITHHELD_TEXT
                    laid_out = _pdf_text(written.pdf, "-layout")
                    assert re.search(rf"(?m)^\s*{number}\s+{re.escape(WITHHELD_TEXT)}", laid_out)


def _pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_file_names_say_what_and_when(published):
    approved, planned = published["approved"], published["planned"]
    names = set(published["written"])
    board = re.sub(r"[^A-Za-z0-9]+", "-", approved.board_short_name).strip("-")
    assert f"{board}-{approved.starts_at:%Y-%m-%d}-minutes" in names
    assert f"{board}-{approved.starts_at:%Y-%m-%d}-agenda" in names
    assert not any(n.startswith(re.sub(r"[^A-Za-z0-9]+", "-", planned.board_short_name).strip("-")
                   + f"-{planned.starts_at:%Y-%m-%d}-") and "minutes" in n for n in names)  # fmt: skip
    assert all(re.fullmatch(r"[A-Za-z0-9.-]+", name) for name in names)


def test_a_restricted_review_is_not_published(demo_db, tmp_path):
    from partnerboard.errors import UserError

    review = next(r for r in list_reviews(demo_db) if r.restricted)
    with pytest.raises(UserError, match="still restricted"):
        publish_briefing(demo_db, review.id, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*"))


def test_published_folders(demo_db, tmp_path):
    from partnerboard.errors import UserError

    meeting = list_meetings(demo_db)[0].id
    file = tmp_path / "a-file"
    file.write_text("x")
    with pytest.raises(UserError, match="is a file, not a folder"):
        publish_meeting(demo_db, meeting, file)
    with pytest.raises(UserError, match="does not exist"):
        publish_meeting(demo_db, meeting, tmp_path / "no" / "such")
    written = publish_meeting(demo_db, meeting, tmp_path / "new")
    assert written and all(Path(w.pdf).parent == tmp_path / "new" for w in written)
