"""Every workbook prints: A4, one page wide, heading row on every page, marking, title and page
number in the header and footer, rows as tall as their wrapped text; and the partner templates
print in LibreOffice within a stated number of pages, criterion and answer on the same page."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from partnerboard import cli
from partnerboard.workbooks.printing import PORTRAIT_UNITS


def workbooks(db_path: Path, out: Path) -> list[Path]:
    """Every export and every kind of template the command line writes."""
    db = ["--db", str(db_path)]
    for argv in (
        ["export", "actions", "-o", f"{out}/actions.xlsx", "--show", "all"],
        ["export", "attendance", "-o", f"{out}/attendance.xlsx"],
        ["export", "s11", "--round", "2026", "-o", f"{out}/s11.xlsx"],
        ["export", "audits", "-o", f"{out}/audits.xlsx"],
        ["export", "reviews", "-o", f"{out}/reviews.xlsx"],
        ["export", "thresholds", "-o", f"{out}/thresholds.xlsx"],
        ["export", "escalations", "-o", f"{out}/escalations.xlsx"],
        ["template", "s11", "--round", "2026", "--agency", "Wrenfield Constabulary",
         "--prefill", "-o", f"{out}/s11-template.xlsx"],
        ["template", "action-update", "--agency", "WCC Children", "-o", f"{out}/update.xlsx"],
        ["template", "action-update", "--due-within", "45", "-o", f"{out}/chasers"],
        ["template", "ma-audit", "--audit", "1", "--all", "-o", f"{out}/ma"],
        ["export", "dataset", "-o", f"{out}/dataset.xlsx"],
        ["export", "training", "-o", f"{out}/training.xlsx"],
        ["template", "dataset", "--quarter", "2026/27-Q2", "--agency", "Police",
         "-o", f"{out}/returns"],
    ):  # fmt: skip
        assert cli.main([*db, *argv]) == 0, argv
    return sorted(out.rglob("*.xlsx"))


@pytest.fixture(scope="module")
def written(demo_template, tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("books")
    copy = out / "demo.sqlite"
    shutil.copy(demo_template, copy)  # templates mark returns issued: never the shared file
    return workbooks(copy, out)


def test_every_sheet_of_every_workbook_is_set_up_to_print(written):
    assert len(written) > 10
    for path in written:
        book = openpyxl.load_workbook(path)
        visible = [s for s in book.worksheets if s.sheet_state == "visible"]
        for sheet in visible:
            where = f"{path.name}!{sheet.title}"
            setup = sheet.page_setup
            assert int(setup.paperSize) == 9, where  # A4
            assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), where
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, where
            widths = sum(
                (sheet.column_dimensions[c].width or 8.43) for c in sheet.column_dimensions
            )
            if widths > PORTRAIT_UNITS * 1.5:
                assert setup.orientation == "landscape", where
            if sheet.freeze_panes:
                assert sheet.print_title_rows, where  # the heading row on every page
            footer = f"{sheet.oddFooter.left.text} {sheet.oddFooter.right.text}"
            assert "Page &P of &N" in footer, where
            header = sheet.oddHeader.center.text or ""
            assert "OFFICIAL" in header and "OFFICIAL" in sheet.oddFooter.center.text, where
            for row in sheet.iter_rows():
                long = [
                    c for c in row
                    if isinstance(c.value, str) and c.alignment.wrap_text and len(c.value) > 120
                ]  # fmt: skip
                if long:
                    height = sheet.row_dimensions[row[0].row].height
                    assert height and height > 15, f"{where} row {row[0].row}"


# Pages each template may take when LibreOffice prints it (measured: 4, 5, 3, 3, 3): a Section
# 11 return of 31 criteria with last year's answers, an agency's 35 actions, a chaser, an audit
# return of a few cases, the police's dataset return of 5 figures.
PAGE_LIMITS = {"s11-template": 5, "update": 6, "Action chaser": 4, "Audit": 4, "Dataset return": 4}


def test_templates_print_in_a_few_pages_with_criterion_and_answer_together(written, resave):
    checked = set()
    for path in written:
        limit = next((n for key, n in PAGE_LIMITS.items() if path.name.startswith(key)), None)
        if limit is None or any(path.name.startswith(k) for k in checked - {"Action chaser"}):
            continue
        key = next(k for k in PAGE_LIMITS if path.name.startswith(k))
        if key in checked:
            continue
        checked.add(key)
        pdf = resave(path, to="pdf")
        pages = PdfReader(pdf).pages
        assert len(pages) <= limit, (path.name, len(pages))
        if key == "s11-template":
            # Each criterion's reference and its rating cell print on the same page: every
            # page of the self-assessment shows ratings next to criteria.
            texts = [page.extract_text() for page in pages]
            assessment = [t for t in texts if "Criterion" in t]
            assert assessment and all("Fully met" in t or "Partially met" in t for t in assessment)
    assert checked == set(PAGE_LIMITS)
