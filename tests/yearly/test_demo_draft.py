"""The draft yearly report of the demo's last complete year, read back from the Word file.

Every figure checked here is counted again straight from the database file with plain SQL, so
the test does not trust the providers' own queries.
"""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import UTC, datetime, time, timedelta

import pytest

from partnerboard.domain import public_sector_year as years
from partnerboard.domain.performance import Measure, Polarity, Unit, format_figure, rag_of
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.yearly_report import PARTS, Requirement
from partnerboard.exports.yearly_report_docx import yearly_report_docx
from tests.clock import TODAY
from tests.yearly.word_reading import WordFile, read_word

YEAR = Period.latest_complete(TODAY, years.YEAR)  # 2025/26 on the suite's day
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


def test_the_first_page_lists_no_gap_the_registers_fill(drafted):
    word, _ = drafted
    first_section = next(i for i, (s, t) in enumerate(word.paragraphs) if t == "Foreword")
    first_page = " ".join(t for _, t in word.paragraphs[:first_section])
    # The demo has training (places and evaluations), a dataset and engagement entries in the
    # year: none of them is a gap (a year without them is: test_year_boundaries).
    for gap in ("no training places", "no training evaluations", "no performance dataset",
                "no engagement with children and families"):  # fmt: skip
        assert gap not in first_page


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


# ---------------------------------------------------------------- training


HELD = "('booked', 'attended', 'did_not_attend', 'cancelled_late')"
SESSIONS_OF_THE_YEAR = (
    "SELECT id FROM training_session WHERE NOT cancelled AND date(starts_at) BETWEEN ? AND ?"
)


def _share(part: int, whole: int) -> str:
    return f"{(200 * part + whole) // (2 * whole)}% ({part} of {whole})"


def test_training_places_match_the_sessions_held_in_the_year(drafted):
    word, db = drafted
    offered, sessions = db.execute(
        "SELECT sum(capacity), count(*) FROM training_session "
        "WHERE NOT cancelled AND date(starts_at) BETWEEN ? AND ?",
        (START, END),
    ).fetchone()
    assert sessions  # the demo has training in its last complete year
    held, attended, dna, late = db.execute(
        f"SELECT sum(status IN {HELD}), sum(status = 'attended'), "
        "sum(status = 'did_not_attend'), sum(status = 'cancelled_late') FROM training_booking "
        f"WHERE session_id IN ({SESSIONS_OF_THE_YEAR})",
        (START, END),
    ).fetchone()
    evaluations = count(
        db,
        "SELECT count(*) FROM training_evaluation WHERE kind = 'course' "
        f"AND session_id IN ({SESSIONS_OF_THE_YEAR})",
        START,
        END,
    )
    outside = count(
        db,
        "SELECT count(*) FROM training_booking b JOIN training_session s ON s.id = b.session_id "
        "WHERE date(s.starts_at) > ? AND b.status = 'attended'",
        END,
    )
    assert outside  # places attended after the year: they must not count
    figures = word.figures(f"Key figures: multi-agency training, {YEAR.label}")
    assert figures["Sessions held"].startswith(f"{sessions} (")
    assert figures["Places filled"] == _share(held, offered)
    assert figures["Places attended"] == str(attended)
    assert figures["Did-not-attend rate"] == _share(dna, attended + dna + late)
    assert figures["Course evaluations returned"] == _share(evaluations, attended)
    by_course = word.table(f"Places by course, sessions held during {YEAR.label}")
    *courses, total = by_course
    assert (total["Course"], total["Places offered"], total["Attended"]) == (
        "All courses", str(offered), str(attended)
    )  # fmt: skip
    assert sum(int(r["Attended"]) for r in courses) == attended
    agencies = word.table(f"Attendance by agency, {YEAR.label}")
    assert sum(int(r["Attended"]) for r in agencies) == attended
    sectors = word.table(f"Attendance by sector, {YEAR.label}")
    assert sum(int(r["Places held"]) for r in sectors) == held


def test_training_evaluation_and_progress_match_the_register(drafted):
    word, db = drafted
    outcomes = word.table(
        f"Confidence before and after the course, by learning outcome, {YEAR.label}"
    )
    assert outcomes
    for row in outcomes:
        reference, rest = row["Learning outcome"].split(" · ", 1)
        number = int(rest.split(".", 1)[0])
        rated, before, after = db.execute(
            "SELECT count(*), avg(r.confidence_before), avg(r.confidence_after) "
            "FROM training_rating r JOIN training_evaluation e ON e.id = r.evaluation_id "
            "JOIN training_outcome o ON o.id = r.outcome_id "
            "JOIN training_course c ON c.id = o.course_id "
            "WHERE c.reference = ? AND o.number = ? AND e.kind = 'course' "
            "AND r.confidence_before IS NOT NULL AND r.confidence_after IS NOT NULL "
            f"AND e.session_id IN ({SESSIONS_OF_THE_YEAR})",
            (reference, number, START, END),
        ).fetchone()
        assert row["Rated"] == str(rated), row
        assert (row["Before (1 to 5)"], row["After (1 to 5)"]) == (f"{before:.1f}", f"{after:.1f}")
    # "212 of 300 trained": different practitioners who attended, up to 31 March only.
    progress = word.table(
        f"Courses answering the partnership's priorities and actions: trained by {AT}"
    )
    assert {r["Course"].split()[0] for r in progress} == {"DA-1", "NEG-1"}
    for row in progress:
        reference = row["Course"].split()[0]
        trained, target = db.execute(
            "SELECT count(DISTINCT b.practitioner_id), c.target_trained FROM training_course c "
            "LEFT JOIN training_session s ON s.course_id = c.id AND date(s.starts_at) <= ? "
            "LEFT JOIN training_booking b ON b.session_id = s.id AND b.status = 'attended' "
            "WHERE c.reference = ?",
            (END, reference),
        ).fetchone()
        assert row["Trained"].startswith(f"{trained} of {target} trained"), row
        assert row["Answers"] != "–"  # the improvement-plan action it answers


def test_no_practitioner_is_named(drafted):
    word, db = drafted
    text = " ".join([*word.texts(), *(c for rows in word.tables.values() for r in rows for c in r)])
    # (Some practitioners are also people of the register, named as members and leads.)
    names = [
        n
        for (n,) in db.execute(
            "SELECT name FROM training_practitioner WHERE name NOT IN (SELECT name FROM person)"
        )
    ]
    emails = [e for (e,) in db.execute("SELECT email FROM training_practitioner") if e]
    assert names and not [n for n in names if n in text]
    assert not [e for e in emails if e in text]


# ---------------------------------------------------------------- the performance dataset


def _cutoff() -> str:
    """The end of 31 March where the user is, in UTC as figures are stamped."""
    midnight = datetime.combine(YEAR.end + timedelta(days=1), time()).astimezone(UTC)
    return midnight.replace(tzinfo=None).isoformat(sep=" ")


def _as_recorded(db, indicator_id: int, keys: list[str]) -> tuple[float | None, bool] | None:
    """The figure of the first of `keys` that had one by 31 March, as it stood then."""
    for key in keys:
        found = db.execute(
            "SELECT value, not_available FROM indicator_value WHERE indicator_id = ? AND "
            "period = ? AND recorded_at < ? ORDER BY recorded_at DESC, id DESC LIMIT 1",
            (indicator_id, key, _cutoff()),
        ).fetchone()
        if found:
            return found[0], bool(found[1])
    return None


def test_the_dataset_shows_each_quarter_as_it_stood_on_31_march(drafted):
    word, db = drafted
    quarters = YEAR.quarters()[:3]  # on 31 March the latest quarter reported is Q3
    figures = word.figures(f"Key figures: the performance dataset, {YEAR.label}")
    assert figures[f"Latest quarter reported on {AT}"] == quarters[-1].label
    later = count(
        db, "SELECT count(*) FROM indicator_value WHERE recorded_at >= ? AND period LIKE ?",
        _cutoff(), f"{YEAR.key}-Q4%",
    )  # fmt: skip
    assert later  # Q4's figures came in after 31 March: not shown (no Q4 column at all)
    rows = {}
    for caption in word.tables:
        if caption.endswith(f": indicators, {YEAR.label}"):
            assert word.tables[caption][0][2:5] == ["Q1", "Q2", "Q3"]
            assert "Q4" not in word.tables[caption][0]
            rows.update({r["Indicator"].split()[0]: r for r in word.table(caption)})
    indicators = db.execute(
        "SELECT id, reference, unit, polarity, target, tolerance, frequency FROM indicator "
        "WHERE status = 'current'"
    ).fetchall()
    with_figures = 0
    for ident, reference, unit, polarity, target, tolerance, frequency in indicators:
        cells, last = [], None
        for q in quarters:
            keys = [m.key for m in reversed(q.months())] if frequency == "monthly" else [q.key]
            found = _as_recorded(db, ident, keys)
            if found is None:
                cells.append("–")
                continue
            last = found
            value, not_available = found
            cells.append("Not available" if not_available else format_figure(value, Unit(unit)))
        if last is None:
            assert reference not in rows
            continue
        with_figures += 1
        row = rows[reference]
        assert [row[q.label.split()[0]] for q in quarters] == cells, reference
        if not last[1]:  # the RAG of the latest figure, against the target
            rag = rag_of(last[0], Measure(Unit(unit), Polarity(polarity), target, tolerance))
            assert row["RAG"] == (rag.label if rag else "No target"), reference
    assert (
        figures[f"Indicators with figures for {YEAR.label}"] == str(with_figures) == str(len(rows))
    )
    assert figures[f"Rated Red on {AT}"] == str(sum(r["RAG"] == "Red" for r in rows.values()))
    exceptions = word.table(f"Exceptions on {AT}")
    assert {r["Why an exception"] for r in exceptions} <= {
        "Red against target", "Worsening two periods running"
    }  # fmt: skip
    assert {r["Indicator"].split()[0] for r in exceptions} >= {
        ref for ref, r in rows.items() if r["RAG"] == "Red"
    }
