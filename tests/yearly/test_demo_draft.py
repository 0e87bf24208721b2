"""The draft yearly report of the demo's last complete year, read back from the Word file.

Every figure checked here is counted again straight from the database file with plain SQL, so
the test does not trust the providers' own queries.
"""

from __future__ import annotations

import sqlite3
import zipfile

import pytest

from partnerboard.domain.public_year import PublicYear
from partnerboard.domain.yearly_report import PARTS, Requirement
from partnerboard.exports.yearly_report_docx import yearly_report_docx
from tests.clock import TODAY
from tests.yearly.word_reading import WordFile, read_word

YEAR = PublicYear.last_complete(TODAY)  # 2025/26 on the suite's day
START, END = YEAR.start.isoformat(), YEAR.end.isoformat()
AT = f"{YEAR.end:%d/%m/%Y}"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory, demo_template) -> tuple[WordFile, sqlite3.Connection]:
    from partnerboard.db.schema import open_database

    folder = tmp_path_factory.mktemp("draft")
    copy = folder / "demo.sqlite"
    copy.write_bytes(demo_template.read_bytes())
    db = open_database(str(copy))
    path = folder / "draft.docx"
    yearly_report_docx(db, YEAR, path)
    db.close()
    connection = sqlite3.connect(copy)
    yield read_word(path), connection
    connection.close()


def count(connection: sqlite3.Connection, sql: str, *args: object) -> int:
    return connection.execute(sql, args).fetchone()[0]


def test_the_demo_year_is_the_one_before_today():
    assert YEAR.label == "2025/26" and YEAR.end < TODAY


def test_every_required_section_and_part_is_there_in_order(drafted):
    word, _ = drafted
    level_one = [text for level, text in word.headings if level == 1]
    assert [h for h in level_one if h[0].isdigit()] == [r.heading for r in Requirement]
    for requirement in Requirement:
        assert f"Working Together 2023 asks for: {requirement.statutory}" in word.texts()
    level_two = [text for level, text in word.headings if level == 2]
    assert [p.title for p in PARTS] == [t for t in level_two if t in {p.title for p in PARTS}]
    # The team's parts are marked, and each says what to write.
    placeholders = word.texts("To be written")
    assert len(placeholders) == 18
    assert all(p.startswith("To be written: ") for p in placeholders)


def test_the_first_page_lists_the_evidence_the_registers_lack(drafted):
    word, _ = drafted
    first_section = next(i for i, (s, t) in enumerate(word.paragraphs) if t == "Foreword")
    first_page = " ".join(t for _, t in word.paragraphs[:first_section])
    assert f"no training evaluations recorded for {YEAR.label}" in first_page
    assert f"no performance dataset held for {YEAR.label}" in first_page
    # The demo has engagement entries in the year: that is not a gap.
    assert "no engagement with children and families" not in first_page


def test_actions_closed_and_open_match_the_log(drafted):
    word, db = drafted
    figures = word.figures(f"Key figures: the action log, {YEAR.label}")
    closed = count(
        db,
        "SELECT count(*) FROM action WHERE status != 'open' AND closed_on BETWEEN ? AND ?",
        START,
        END,
    )
    assert closed > 0
    assert figures[f"Actions closed during {YEAR.label}"] == str(closed)
    still_open = count(
        db,
        "SELECT count(*) FROM action WHERE (raised_on IS NULL OR raised_on <= ?) AND "
        "(status = 'open' OR closed_on > ?)",
        END,
        END,
    )
    assert figures[f"Actions open on {AT}"] == str(still_open)
    listed = word.table(f"Actions closed during {YEAR.label}")
    assert len(listed) == closed
    assert all(START <= _iso(row["Closed on"]) <= END for row in listed)


def _iso(day: str) -> str:
    d, m, y = day.split("/")
    return f"{y}-{m}-{d}"


def test_review_counts_match_the_register(drafted):
    word, db = drafted
    figures = word.figures(f"Key figures: practice reviews, {YEAR.label}")
    held = count(
        db, "SELECT count(*) FROM practice_review WHERE rapid_review_on BETWEEN ? AND ?", START, END
    )
    aware = count(
        db, "SELECT count(*) FROM practice_review WHERE aware_on BETWEEN ? AND ?", START, END
    )
    assert held and aware
    assert figures[f"Rapid reviews held during {YEAR.label}"] == str(held)
    assert figures[f"Cases the partnership became aware of during {YEAR.label}"] == str(aware)


def test_attendance_rate_matches_the_meetings_held(drafted):
    word, db = drafted
    expected, attended = db.execute(
        "SELECT count(*), sum(a.status IN ('present', 'present_online')) FROM attendance a "
        "JOIN meeting m ON m.id = a.meeting_id JOIN board b ON b.id = m.board_id "
        "WHERE b.kind = 'board' AND a.role IS NOT NULL "
        "AND m.status IN ('held', 'minutes_draft', 'minutes_approved') "
        "AND date(m.starts_at) BETWEEN ? AND ?",
        (START, END),
    ).fetchone()
    assert expected
    caption = word.caption_starting("Key figures: attendance at the ")
    rate = f"{(200 * attended + expected) // (2 * expected)}% ({attended} of {expected})"
    assert word.figures(caption)["Attendance rate (members themselves)"] == rate


def test_section11_returns_match_the_round_of_the_year(drafted):
    word, db = drafted
    label, scope, returned = db.execute(
        "SELECT r.label, count(t.id), sum(t.returned_on <= ?) FROM s11_round r "
        "JOIN s11_return t ON t.round_id = r.id WHERE r.challenge_date BETWEEN ? AND ? "
        "GROUP BY r.id",
        (END, START, END),
    ).fetchone()
    figures = word.figures(f"Key figures: Section 11 round {label}")
    assert figures[f"Agencies in scope of round {label}"] == str(scope)
    assert figures[f"Returns received by {AT}"].endswith(f"({returned} of {scope})")
    returns = word.table(f"Returns to round {label}: status on {AT}")
    assert len(returns) == scope


def test_escalations_and_engagement_count_the_year_only(drafted):
    word, db = drafted
    raised = count(
        db, "SELECT count(*) FROM escalation WHERE raised_on BETWEEN ? AND ?", START, END
    )
    figures = word.figures(f"Key figures: escalations, {YEAR.label}")
    assert figures[f"Escalations raised during {YEAR.label}"] == str(raised)
    held = count(
        db,
        "SELECT count(*) FROM engagement_entry WHERE active AND held_on BETWEEN ? AND ?",
        START,
        END,
    )
    outside = count(db, "SELECT count(*) FROM engagement_entry WHERE held_on > ?", END)
    assert held and outside  # the demo has entries on both sides of the year's end
    figures = word.figures(f"Key figures: engagement with children and families, {YEAR.label}")
    assert figures[f"Activities during {YEAR.label}"] == str(held)


def test_a_proper_word_document(drafted):
    word, _ = drafted
    document = word.document
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    core = document.core_properties
    assert core.author == "Wrenfield Safeguarding Partnership"
    assert core.title == f"Yearly report {YEAR.label} (draft)"
    assert core.language == "en-GB" and core.created.date() == TODAY
    with zipfile.ZipFile(word.path) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
        core_xml = package.read("docProps/core.xml").decode()
        styles = package.read("word/styles.xml").decode()
        body = package.read("word/document.xml").decode()
        header = package.read("word/header1.xml").decode()
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    assert "python-docx" not in core_xml and "2013" not in core_xml
    assert "<Application>partnerboard</Application>" in app and "Macintosh" not in app
    assert "Wrenfield Safeguarding Partnership" in app
    assert 'w:val="en-US"' not in styles and 'w:val="en-GB"' in styles
    # Tables: header rows repeat on each page, rows are not split, widths are set.
    assert body.count("<w:tblHeader/>") == len(word.tables)
    assert body.count('<w:tblLayout w:type="fixed"/>') == len(word.tables)
    assert body.count("<w:cantSplit/>") > len(word.tables)
    assert body.count("<w:tblCaption ") == len(word.tables)
    assert "<w:gridCol w:w=" in body
    # The draft holds restricted records, so it says it is sensitive.
    assert "OFFICIAL-SENSITIVE" in header and "DRAFT" in header


# The order WordprocessingML's schema gives these elements' children (Word reports a file whose
# properties are out of order as unreadable; LibreOffice does not mind, so it cannot tell us).
SCHEMA_ORDER = {
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
              "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
             "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
            "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
            "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
            "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
}  # fmt: skip


def test_the_xml_follows_the_schema_order(drafted):
    from lxml import etree

    word, _ = drafted
    with zipfile.ZipFile(word.path) as package:
        parts = [
            etree.fromstring(package.read(n)) for n in ("word/document.xml", "word/styles.xml")
        ]
    for root in parts:
        for element in root.iter():
            name = etree.QName(element).localname
            if name == "p" and len(element) and etree.QName(element[0]).localname != "pPr":
                assert not element.findall("{*}pPr"), "a paragraph's properties must come first"
            if name in SCHEMA_ORDER:
                order = SCHEMA_ORDER[name]
                seen = [etree.QName(c).localname for c in element]
                positions = [order.index(s) for s in seen if s in order]
                assert positions == sorted(positions), (name, seen)
                assert len(set(seen)) == len(seen), (name, seen)
