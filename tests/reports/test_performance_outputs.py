"""The board's scorecard PDF and the dataset export, read back: A4 landscape, the marking, the
exceptions first, every theme, the missing returns; the workbook printable and readable back
by import-dataset. Made from the demo, whose figures are built around the clock's day."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from partnerboard.cli import main
from partnerboard.domain.public_sector_year import Period
from partnerboard.exports.dataset_xlsx import export_dataset
from partnerboard.reports.performance_pdf import performance_report
from partnerboard.services import performance as perf
from partnerboard.services.performance.dataset_import import plan_dataset

LANDSCAPE = (841.89, 595.27)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_scorecard_pdf_puts_exceptions_first(demo_db, read_pdf, tmp_path):
    card = perf.build_scorecard(demo_db)
    result = performance_report(demo_db, tmp_path / "score.pdf")
    pdf = read_pdf(result.path.read_bytes())
    for page in pdf.reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(LANDSCAPE, abs=0.01)
    assert pdf.fonts() and all(embedded for _name, embedded in pdf.fonts())
    text = flat(pdf.text)
    assert result.marking == "OFFICIAL" and text.count("OFFICIAL") >= 2 * pdf.pages
    assert f"Performance scorecard {card.period.label}" in text
    assert f"Page 1 of {pdf.pages}" in text
    # The exceptions section lists exactly the exceptions, before the first theme.
    exceptions_at = text.index("Exceptions Red against target")
    first_theme = text.index("Early help Ref")
    section = text[exceptions_at:first_theme]
    assert {r.indicator.reference for r in card.exceptions} == {
        ref for ref in ("FD4", "CP3", "EX2", "HE2", "ED2") if ref in section
    }
    for row in card.exceptions:
        assert row.indicator.reference in section
    for theme in ("Early help", "Front door", "Child protection", "Children in care",
                  "Exploitation", "Health", "Education"):  # fmt: skip
        assert theme in text
    assert f"Returns missing for {card.period.label}" in text
    assert "Wrenfield Constabulary CP4, EX1, FD6" in text
    assert "Red / Amber / Green 4 / 4 / 16" in text


def test_a_filtered_scorecard_and_one_as_it_stood(demo_db, read_pdf, tmp_path):
    red = performance_report(demo_db, tmp_path / "red.pdf", rags=("red",))
    assert red.indicators == 4
    text = flat(read_pdf(red.path.read_bytes()).text)
    assert "4 indicators: RAG red" in text and "EH1" not in text
    earlier = Period.latest_complete(demo_db.clock.today()).previous()
    back = performance_report(demo_db, tmp_path / "q1.pdf", earlier)
    assert f"Performance scorecard {earlier.label}" in flat(read_pdf(back.path.read_bytes()).text)


def test_the_dataset_export_is_printable_and_reads_back(demo_db, tmp_path):
    result = export_dataset(demo_db, tmp_path / "dataset.xlsx")
    book = load_workbook(result.path)
    assert book.sheetnames == [
        "About", "Scorecard", "Figures", "Monthly figures", "Commentary", "Definitions",
    ]  # fmt: skip
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.oddFooter.center.text == "&BOFFICIAL"  # `workbooks.printing`
        assert "&P" in sheet.oddFooter.right.text
    assert book["Scorecard"].print_title_rows == "$1:$1"  # the header on every printed page
    scorecard = [row for row in book["Scorecard"].iter_rows(min_row=2, values_only=True)]
    assert len(scorecard) == 33 and scorecard[0][0] == "FD4" and scorecard[0][6] == "Red"
    figures = book["Figures"]
    headers = [c.value for c in figures[1]]
    assert headers[:5] == ["Ref", "Indicator", "Unit", "Polarity", "Target"]
    assert len(headers) == 5 + 12  # three years of quarters
    commentary = {row[0] for row in book["Commentary"].iter_rows(min_row=2, values_only=True)}
    assert {"FD4", "ED3", "FD2"} <= commentary  # commentary, a figure not available, a correction
    # The Figures sheet is the common layout: import-dataset reads it back.
    plan = plan_dataset(demo_db, result.path, sheet="Figures")
    assert not plan.errors and len(plan.periods) == 12
    assert all(i.existing_id is not None and not i.figures for i in plan.indicators)


def test_commands_write_the_report_the_export_and_the_returns(demo_db_path, tmp_path, capsys):
    status = main(["--db", str(demo_db_path), "report", "performance", "--quarter", "latest",
                   "-o", str(tmp_path / "p.pdf")])  # fmt: skip
    assert status == 0 and "33 indicators" in capsys.readouterr().out
    refused = main(["--db", str(demo_db_path), "report", "performance", "--quarter", "Q5 2026/27",
                    "-o", str(tmp_path / "x.pdf")])  # fmt: skip
    error = capsys.readouterr().err
    assert refused == 1 and error.startswith("partnerboard: --quarter: “Q5 2026/27” is not a")
    assert error.count("\n") == 1 and not (tmp_path / "x.pdf").exists()
    status = main(["--db", str(demo_db_path), "export", "dataset", "-o", str(tmp_path / "d.xlsx")])
    assert status == 0 and (tmp_path / "d.xlsx").exists()
    status = main(["--db", str(demo_db_path), "template", "dataset", "--quarter", "2026/27-Q2",
                   "--agency", "Police", "-o", str(tmp_path / "returns")])  # fmt: skip
    printed = capsys.readouterr().out
    assert status == 0 and "(5 figure(s) asked for)" in printed
    assert (
        tmp_path / "returns" / "Dataset return 2026-27 Q2 - Wrenfield Constabulary.xlsx"
    ).exists()
