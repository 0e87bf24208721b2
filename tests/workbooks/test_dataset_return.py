"""Dataset returns out and in: one workbook per agency with only its indicators, filled in and
re-saved by LibreOffice, imported whole or not at all; bad figures refused by cell; a return
carrying another agency's indicators refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from partnerboard.db.data_check import check_data
from partnerboard.db.models.access import AuditEntry
from partnerboard.db.models.performance import DatasetReturn, IndicatorValue
from partnerboard.domain.public_sector_year import Period
from partnerboard.services import performance as perf
from partnerboard.workbooks.dataset import layout as L
from partnerboard.workbooks.dataset.template import write_template, write_templates
from partnerboard.workbooks.importer import FileStatus, import_paths
from partnerboard.workbooks.metadata import META_SHEET
from tests.clock import TODAY
from tests.services.performance.conftest import make_dataset

Q2 = Period.from_key("2026/27-Q2")
SIGNED = {"B3": "Casey Morgan", "B4": "Performance Manager", "B5": "casey@council.example"}


@pytest.fixture
def dataset(db):
    made = make_dataset(db)
    why = "Sickness in the team."
    for period, value in (("2025/26-Q3", 93), ("2025/26-Q4", 95), ("2026/27-Q1", 92)):
        perf.record_value(
            db, made.timeliness.id, perf.ValueInput(period, value=value, commentary=why)
        )
    perf.record_value(
        db, made.rereferrals.id, perf.ValueInput("2026/27-Q1", numerator=54, denominator=300)
    )
    return made


def rows_of(path: Path) -> dict[str, int]:
    book = load_workbook(path)
    meta = book[META_SHEET]
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(3, meta.max_row + 1)}
    return {ref: row for row, _id, ref, _period in json.loads(values[L.META_ROWS])}


def fill(template: Path, target: Path, figures: dict[str, dict], edit=None) -> Path:
    """Type figures as a partner would: {reference: {field: value}}."""
    book = load_workbook(template)
    sheet = book[L.FIGURES_SHEET]
    rows = rows_of(template)
    for reference, given in figures.items():
        for field, value in given.items():
            sheet[f"{L.COLUMN_OF_FIELD[field].letter}{rows[reference]}"] = value
    for ref, value in {**SIGNED, "B6": TODAY}.items():
        book["Sign-off"][ref] = value
    if edit is not None:
        edit(sheet, rows)
    book.save(target)
    return target


GOOD = {
    "FD4": {"numerator": 66, "denominator": 300, "commentary": "Re-referrals rose: audit agreed."},
    "CP3": {"value": 89.5, "commentary": "Two chairs off sick."},
}


def counts(db) -> tuple[int, int]:
    with db.reader() as session:
        values = session.scalar(select(func.count()).select_from(IndicatorValue))
        returns = session.scalar(select(func.count()).select_from(DatasetReturn))
    return values, returns


def test_a_return_lists_only_the_agencys_indicators_with_their_last_figures(db, dataset, tmp_path):
    written = write_template(db, dataset.council, Q2, tmp_path / "council.xlsx")
    assert written.figures == 2
    book = load_workbook(written.path)
    sheet = book[L.FIGURES_SHEET]
    rows = rows_of(written.path)
    assert set(rows) == {"FD4", "CP3"}  # not the police's EX1
    headers = [sheet[f"{letter}{L.HEADER_ROW}"].value for letter in L.EARLIER_LETTERS]
    assert headers == ["Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "Q1 2026/27"]
    earlier = [sheet[f"{letter}{rows['CP3']}"].value for letter in L.EARLIER_LETTERS]
    assert earlier == [None, "93%", "95%", "92%"]
    assert sheet[f"{L.EARLIER_LETTERS[-1]}{rows['FD4']}"].value == "18%"
    # Numerator and denominator cells are open only where the indicator has them.
    assert not sheet[f"{L.NUMERATOR.letter}{rows['FD4']}"].protection.locked
    assert sheet[f"{L.NUMERATOR.letter}{rows['CP3']}"].protection.locked
    assert not sheet[f"{L.COMMENTARY.letter}{rows['CP3']}"].protection.locked
    assert sheet.protection.sheet and book[META_SHEET].sheet_state == "veryHidden"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows


def test_a_filled_return_resaved_by_libreoffice_is_imported(db, dataset, tmp_path, resave):
    template = write_template(db, dataset.council, Q2, tmp_path / "council.xlsx").path
    filled = resave(fill(template, tmp_path / "filled.xlsx", GOOD))
    report = import_paths(db, [filled])
    assert report.ok, [e.message for f in report.files for e in f.errors]
    assert report.files[0].status is FileStatus.IMPORTED and report.files[0].records == 2
    card = {r.indicator.reference: r for r in perf.build_scorecard(db).rows}
    assert card["FD4"].value == pytest.approx(22.0) and card["FD4"].rag.value == "amber"
    assert card["CP3"].value == 89.5 and card["CP3"].commentary == "Two chairs off sick."
    assert perf.history(db, dataset.timeliness.id)[0].source == "return"
    assert counts(db) == (4 + 2, 1)
    # The same file again changes nothing.
    again = import_paths(db, [filled])
    assert again.files[0].status is FileStatus.UNCHANGED and counts(db) == (6, 1)


def test_every_figure_an_import_writes_has_its_own_audit_entry(db, dataset, tmp_path):
    """Who sent it, in which file, for which agency: one trail entry per figure (as a form's
    figure has), beside the entry for the file, and the rows agree with the trail."""
    template = write_template(db, dataset.council, Q2, tmp_path / "council.xlsx").path
    with db.reader() as session:
        last = session.scalar(select(func.max(AuditEntry.seq)))
    report = import_paths(db, [fill(template, tmp_path / "Council Q2.xlsx", GOOD)])
    assert report.ok and report.files[0].records == 2
    with db.reader() as session:
        entries = [
            (e.action, e.table_name, e.record_key, e.who, json.loads(e.after))
            for e in session.scalars(
                select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq)
            )
        ]
        values = session.scalars(
            select(IndicatorValue.id).where(IndicatorValue.period == Q2.key)
        ).all()
        problems = check_data(session.connection())
    figures = [e for e in entries if e[1] == "indicator_value"]
    assert sorted(key for _a, _t, key, _w, _after in figures) == sorted(map(str, values))
    assert len(figures) == 2 and all(action == "insert" for action, *_rest in figures)
    for _action, _table, _key, who, after in figures:
        assert after["source_file"] == "Council Q2.xlsx" and after["source"] == "return"
        assert after["recorded_by"] == "Casey Morgan, Performance Manager (Children's Services)"
        assert after["agency_id"] == dataset.council and after["return_id"] is not None
        assert who == db.principal.name
    (detail,) = [after for action, *_rest, after in entries if action == "import"]
    assert detail["file"] == "Council Q2.xlsx" and detail["agency"] == "Children's Services"
    assert detail["records"] == 2
    assert problems == []


@pytest.mark.parametrize("one_import", [False, True], ids=["two imports", "one import"])
def test_a_second_return_with_a_changed_figure_is_a_correction(db, dataset, tmp_path, one_import):
    template = write_template(db, dataset.council, Q2, tmp_path / "council.xlsx").path
    first = fill(template, tmp_path / "one.xlsx", GOOD)
    changed = {**GOOD, "CP3": {"value": 90, "commentary": "Two chairs off sick."}}
    second = fill(template, tmp_path / "two.xlsx", changed)
    if one_import:  # both in one batch: the second is checked against what the first wrote
        report = import_paths(db, [first, second])
        assert [f.status for f in report.files] == [FileStatus.IMPORTED] * 2
    else:
        import_paths(db, [first])
        report = import_paths(db, [second])
    assert report.ok
    latest, earlier = perf.history(db, dataset.timeliness.id)[:2]
    assert latest.value == 90 and latest.correction_reason.startswith("Resubmitted")
    assert earlier.value == 89.5 and earlier.period == latest.period == Q2
    assert counts(db) == (7, 2)  # the unchanged FD4 figure is not recorded twice


def test_an_indicator_retired_after_the_returns_went_out_is_refused_and_other_returns_stored(
    db, dataset, tmp_path
):
    """The current indicators are read once for all the returns of an import: one retired since
    the returns were sent is refused at its row (nothing of that return written), and another
    agency's return in the same import is stored."""
    council_template = write_template(db, dataset.council, Q2, tmp_path / "council.xlsx").path
    council = fill(council_template, tmp_path / "council-filled.xlsx", GOOD)
    police_template = write_template(db, dataset.police, Q2, tmp_path / "police.xlsx").path
    police = fill(police_template, tmp_path / "police-filled.xlsx", {"EX1": {"value": 14}})
    perf.set_indicator_active(db, dataset.timeliness.id, False)
    before = counts(db)
    report = import_paths(db, [council, police])
    refused, stored = report.files
    assert [refused.status, stored.status] == [FileStatus.REJECTED, FileStatus.IMPORTED]
    messages = {e.cell: e.message for e in refused.errors}
    assert list(messages) == [f"A{rows_of(council_template)['CP3']}"]
    assert (
        "CP3 is no longer a current indicator" in messages[f"A{rows_of(council_template)['CP3']}"]
    )
    assert counts(db) == (before[0] + 1, before[1] + 1)
    assert [v.value for v in perf.history(db, dataset.missing.id)] == [14]


@pytest.mark.parametrize(
    "figures, field, words",
    [
        ({"CP3": {"value": 120}}, "value", "between 0 and 100"),
        ({"CP3": {"value": -2}}, "value", "cannot be negative"),
        (
            {"FD4": {"numerator": 400, "denominator": 300}},
            "numerator",
            "larger than the denominator",
        ),
        ({"FD4": {"numerator": 66, "denominator": 300, "value": 2.2}}, "value", "does not match"),
        ({"FD4": {"numerator": 66, "denominator": 0}}, "denominator", "cannot be 0"),
        ({"FD4": {"value": 22, "numerator": None}}, "numerator", "Give the numerator"),
        ({"CP3": {"value": 70, "commentary": None}}, "commentary", "Red against its target"),
        ({"CP3": {"value": None, "not_available": "Not available"}}, "reason", "Say why"),
        ({"CP3": {"value": "=90+1"}}, "value", "formula"),
        ({"CP3": {"value": "ninety"}}, "value", "not a number"),
        ({"CP3": {"value": None, "commentary": None}}, "value", "Give the figure"),
    ],
)
def test_bad_figures_are_refused_by_cell_and_nothing_is_written(
    db, dataset, tmp_path, figures, field, words
):
    template = write_template(db, dataset.council, Q2, tmp_path / "council.xlsx").path
    given = {ref: {**GOOD[ref], **figures.get(ref, {})} for ref in GOOD}
    before = counts(db)
    report = import_paths(db, [fill(template, tmp_path / "bad.xlsx", given)])
    result = report.files[0]
    assert result.status is FileStatus.REJECTED
    reference = next(iter(figures))
    cell = f"{L.COLUMN_OF_FIELD[field].letter}{rows_of(template)[reference]}"
    messages = {e.cell: e.message for e in result.errors}
    assert words in messages[cell], messages
    assert messages[cell].startswith(f"{reference} Q2 2026/27") or "formula" in messages[cell]
    assert counts(db) == before


def test_a_return_for_another_agencys_indicators_is_refused(db, dataset, tmp_path):
    template = write_template(db, dataset.council, Q2, tmp_path / "council.xlsx").path
    rows = rows_of(template)

    def paste_police_row(sheet, _rows):
        sheet[f"A{rows['CP3']}"] = "EX1"

    pasted = import_paths(db, [fill(template, tmp_path / "pasted.xlsx", GOOD, paste_police_row)])
    messages = {e.cell: e.message for e in pasted.files[0].errors}
    assert pasted.files[0].status is FileStatus.REJECTED
    assert (
        "EX1 is supplied by Constabulary, not by Children's Services" in messages[f"A{rows['CP3']}"]
    )
    # FD4 moves to the police after the return was sent: the council's figures for it are refused.
    fd4 = perf.get_indicator(db, dataset.rereferrals.id)
    moved = perf.IndicatorInput(
        reference="FD4", title=fd4.title, unit="percentage", polarity="lower",
        definition=fd4.definition, numerator=fd4.numerator, denominator=fd4.denominator,
        theme=fd4.theme, agency_id=dataset.police, target=20, tolerance=3,
    )  # fmt: skip
    perf.save_indicator(db, moved, fd4.id, fd4.row_version)
    before = counts(db)
    report = import_paths(db, [fill(template, tmp_path / "moved.xlsx", GOOD)])
    messages = {e.cell: e.message for e in report.files[0].errors}
    assert report.files[0].status is FileStatus.REJECTED
    assert (
        "FD4 is supplied by Constabulary, not by Children's Services" in messages[f"A{rows['FD4']}"]
    )
    assert counts(db) == before


def test_templates_for_every_supplying_agency_and_monthly_rows(db, dataset, tmp_path):
    perf.save_indicator(
        db,
        perf.IndicatorInput(
            reference="EX2", title="Missing episodes by month", unit="count",
            polarity="context", frequency="monthly", agency_id=dataset.police,
            theme="Exploitation",
        ),
    )  # fmt: skip
    written = write_templates(db, Q2, tmp_path / "out")
    assert [(w.agency, w.figures) for w in written] == [
        ("Children's Services", 2),
        ("Constabulary", 4),  # EX1 for the quarter, EX2 for July, August and September
    ]
    sheet = load_workbook(written[1].path)[L.FIGURES_SHEET]
    periods = [sheet[f"{L.PERIOD.letter}{r}"].value for r in range(L.FIRST_ROW, L.FIRST_ROW + 4)]
    assert periods == ["Q2 2026/27", "Jul 2026", "Aug 2026", "Sep 2026"]
