"""Reading the input cells of a returned template, and the sign-off sheet every kind shares.

`InputCells` reads one sheet's input cells as text or dates, refusing formulas (their cached
value can be anything) and collecting every problem with its sheet and cell, so that a kind's
`extract` lists all that is wrong in one go. The sign-off sheet (who completed the return,
their role, e-mail address and the date) is written and read the same way by every kind.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from partnerboard.domain.partnership import check_email
from partnerboard.domain.section11 import check_text
from partnerboard.spreadsheets.formats import DATE, TEXT
from partnerboard.spreadsheets.reader import Sheet, Workbook
from partnerboard.workbooks.importer import CellError
from partnerboard.workbooks.section11.layout import SIGN_OFF, SIGN_OFF_SHEET, SIGN_OFF_VALUE_COLUMN

if TYPE_CHECKING:  # the template's writer: not loaded when a return is only read
    from partnerboard.workbooks.conventions import TemplateWriter


class InputCells:
    """Reads input cells of one sheet, collecting errors with their cell references."""

    def __init__(self, sheet: Sheet, errors: list[CellError]):
        self.sheet = sheet
        self.errors = errors

    def error(self, ref: str, message: str) -> None:
        self.errors.append(CellError(self.sheet.name, ref, message))

    def has_error(self, ref: str) -> bool:
        return any(e.cell == ref and e.sheet == self.sheet.name for e in self.errors)

    def raw(self, ref: str) -> Any:
        formula = self.sheet.formula(ref)
        if formula is not None:
            self.error(
                ref,
                f"The cell holds a formula (={formula}); formulas are not read. Type the "
                "answer itself.",
            )
            return None
        return self.sheet.value(ref)

    def text(self, ref: str, label: str, limit: int) -> str | None:
        value = TEXT.read(self.raw(ref))
        for problem in check_text("", value, label, limit):
            self.error(ref, problem.message)
        return value

    def date(self, ref: str) -> date | None:
        try:
            value = DATE.read(self.raw(ref))
        except ValueError as error:
            self.error(ref, str(error))
            return None
        if value is not None and not DATE.plausible(value):
            self.error(ref, f"{value:%d/%m/%Y} is not a plausible date; check the year.")
            return None
        return value


def write_sign_off_sheet(writer: TemplateWriter, signed: dict[str, Any]) -> None:
    """The "Sign-off" input sheet: name, role, e-mail address and date, each required."""
    from partnerboard.spreadsheets.cells import put  # noqa: PLC0415
    from partnerboard.workbooks.conventions import Prompt  # noqa: PLC0415

    sheet = writer.input_sheet(SIGN_OFF_SHEET)

    put(sheet["A1"], "Sign-off")
    writer.style_title(sheet["A1"])
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions[SIGN_OFF_VALUE_COLUMN].width = 48
    for item in SIGN_OFF:
        put(sheet.cell(item.row, 1), item.label)
        ref = f"{SIGN_OFF_VALUE_COLUMN}{item.row}"
        if item.kind == "date":
            writer.date_cell(
                sheet, ref, Prompt(item.label, "As dd/mm/yyyy."), signed.get(item.field)
            )
        else:
            writer.text_cell(
                sheet, ref, Prompt(item.label, "Required."), item.max_length,
                signed.get(item.field), wrap=False,
            )  # fmt: skip


def read_sign_off(book: Workbook, errors: list[CellError]) -> dict[str, Any]:
    """The sign-off values by field name; a missing sheet or value is an error."""
    sheet = book.sheet(SIGN_OFF_SHEET)
    if sheet is None:
        errors.append(CellError(SIGN_OFF_SHEET, "", "The sheet is missing (renamed or deleted?)."))
        return {}
    cells = InputCells(sheet, errors)
    signed: dict[str, Any] = {}
    for item in SIGN_OFF:
        ref = f"{SIGN_OFF_VALUE_COLUMN}{item.row}"
        if item.kind == "date":
            value: Any = cells.date(ref)
        else:
            value = cells.text(ref, item.label, item.max_length)
            if item.kind == "email":
                for problem in check_email("", value):
                    cells.error(ref, problem.message)
        if value is None and not cells.has_error(ref):
            cells.error(ref, f"{item.label} is required.")
        signed[item.field] = value
    return signed
