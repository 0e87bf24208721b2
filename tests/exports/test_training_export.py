"""The training figures in Excel: what each sheet holds, that it prints (A4, one page wide,
headings on every page, a footer), that LibreOffice opens it, and that it holds no names."""

from __future__ import annotations

from openpyxl import load_workbook

from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.exports.training_xlsx import export_training
from partnerboard.services import training
from partnerboard.services.training.figures import training_figures
from tests.clock import TODAY
from tests.fixtures_s11 import resave  # noqa: F401  (fixture)


def test_the_export_holds_the_figures_and_prints(demo_db, tmp_path, resave):  # noqa: F811
    period = Period.containing(TODAY, YEAR)
    written = export_training(demo_db, tmp_path / "training.xlsx", period)
    book = load_workbook(written.path)
    assert book.sheetnames == ["About", "Summary", "Courses", "Sessions", "By agency",
                               "By sector", "Confidence", "Themes"]  # fmt: skip
    f = training_figures(demo_db, period)
    agencies = book["By agency"]
    rows = list(agencies.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(f.by_agency) == written.agencies
    first = f.by_agency[0]
    assert rows[0][:4] == (first.name, first.detail, first.held, first.attended)
    assert agencies.cell(row=2, column=8).number_format == "0%"
    assert abs(rows[0][7] - first.did_not_attend / first.on_the_day) < 1e-9
    courses = {r[0]: r for r in book["Courses"].iter_rows(min_row=2, values_only=True)}
    assert courses["NEG-1"][9] == 300 and "Train 300 practitioners" in courses["NEG-1"][11]
    for sheet in book.worksheets:
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.right.text == "Page &P of &N"
        assert sheet.oddFooter.center.text == "&BOFFICIAL"  # `workbooks.printing`
        if sheet.title != "About":
            assert sheet.print_title_rows == "$1:$1"
    names = set()
    for session in training.list_sessions(demo_db):
        names |= {b.name for b in training.list_bookings(demo_db, session.id)}
    text = " ".join(str(v) for s in book for r in s.iter_rows(values_only=True) for v in r if v)
    assert not {n for n in names if n and n in text}
    again = load_workbook(resave(written.path))  # LibreOffice opens and saves it
    assert again["Summary"]["A2"].value == "Sessions held"
