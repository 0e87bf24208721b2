"""How every partner template is laid out, so that all kinds look and behave the same.

- an **Instructions** sheet first: what the form is for, the deadline, how to fill it in;
- **input sheets** that are protected, with only the input cells unlocked (partners may still
  widen columns and rows to read);
- a **list validation** on every choice cell, its list taken from a named range on the
  hidden **Lists** sheet (LibreOffice keeps such validations, TECH-NOTES), a **date
  validation** on every date cell, a **text length** limit on text cells, and input help (a
  prompt) on each;
- the very hidden metadata sheet with its check value (`metadata.write_metadata`);
- its protective marking (`domain.marking`) first on the Instructions sheet, and every sheet
  printing A4, one page wide, heading row repeated, marking, title and page number in the header
  and footer, rows as tall as their text (`printing.finish_workbook`).

Protection and validation guide a partner; they are not security. Partners can unprotect a
sheet or paste past a drop-down, and LibreOffice unhides the metadata sheet, so importers
re-check every value.

openpyxl is imported when a template is built, never at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from partnerboard.domain.marking import Classification
from partnerboard.spreadsheets.cells import put
from partnerboard.spreadsheets.formats import CHOICE, DATE, DECIMAL, TEXT, WHOLE
from partnerboard.spreadsheets.reader import column_letters
from partnerboard.workbooks.metadata import Metadata, write_metadata
from partnerboard.workbooks.printing import finish_workbook, marking_facts

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Lists"

TITLE_COLOUR = "1F3864"
HEADER_FILL = "D9E1F2"
SECTION_FILL = "E7E6E6"
INPUT_FILL = "FFF2CC"  # light yellow: visible on screen and on a mono printout


@dataclass(frozen=True)
class Prompt:
    """Input help shown when a cell is selected (Excel: at most 32 + 255 characters)."""

    title: str
    text: str

    def fitted(self) -> tuple[str, str]:
        return self.title[:32], self.text[:255]


class TemplateWriter:
    """Builds one template workbook following the conventions; call `save` last."""

    def __init__(self, title: str, classification: Classification) -> None:
        from openpyxl import Workbook  # noqa: PLC0415  (costly import; only when writing)

        self.title, self.classification = title, classification
        self.book = Workbook()
        self.instructions = self.book.active
        self.instructions.title = INSTRUCTIONS_SHEET
        self._lists_sheet: Any = None
        self._lists: dict[str, str] = {}
        self._validations: dict[tuple[int, str, tuple[str, str]], Any] = {}
        self._input_sheets: list[Any] = []

    # ------------------------------------------------------------ styles

    @staticmethod
    def style_title(cell: Any) -> None:
        from openpyxl.styles import Font  # noqa: PLC0415

        cell.font = Font(bold=True, size=14, color=TITLE_COLOUR)

    @staticmethod
    def style_header(cell: Any) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415

        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=Side(style="thin"))

    @staticmethod
    def style_section(cell: Any) -> None:
        from openpyxl.styles import Font, PatternFill  # noqa: PLC0415

        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=SECTION_FILL)

    @staticmethod
    def wrap(cell: Any) -> None:
        from openpyxl.styles import Alignment  # noqa: PLC0415

        cell.alignment = Alignment(wrap_text=True, vertical="top")

    # ------------------------------------------------------------ instructions

    def write_instructions(
        self, title: str, facts: list[tuple[str, str]], paragraphs: list[str]
    ) -> None:
        from openpyxl.styles import Font  # noqa: PLC0415

        sheet = self.instructions
        sheet.column_dimensions["A"].width = 24
        sheet.column_dimensions["B"].width = 90
        put(sheet["A1"], title)
        self.style_title(sheet["A1"])
        row = 3
        for label, value in [*marking_facts(self.classification), *facts]:
            put(sheet.cell(row, 1), label)
            sheet.cell(row, 1).font = Font(bold=True)
            self.wrap(sheet.cell(row, 1))  # top-aligned, level with its value
            put(sheet.cell(row, 2), value)
            self.wrap(sheet.cell(row, 2))
            row += 1
        row += 1
        for paragraph in paragraphs:
            put(sheet.cell(row, 1), paragraph)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            self.wrap(sheet.cell(row, 1))  # its height: `printing.fit_row_heights`
            row += 1
        sheet.protection.sheet = True

    # ------------------------------------------------------------ lists and input cells

    def add_list(self, name: str, values: list[str]) -> str:
        """Put `values` on the hidden Lists sheet as the named range `name`; returns the name."""
        from openpyxl.workbook.defined_name import DefinedName  # noqa: PLC0415

        if self._lists_sheet is None:
            self._lists_sheet = self.book.create_sheet(LISTS_SHEET)
            self._lists_sheet.sheet_state = "hidden"
            self._lists_sheet.protection.sheet = True
        column = len(self._lists) + 1
        letter = column_letters(column)
        put(self._lists_sheet.cell(1, column), name)
        for row, value in enumerate(values, start=2):
            put(self._lists_sheet.cell(row, column), value)
        last = max(2, len(values) + 1)
        reference = f"'{LISTS_SHEET}'!${letter}$2:${letter}${last}"
        self.book.defined_names[name] = DefinedName(name, attr_text=reference)
        self._lists[name] = reference
        return name

    def input_sheet(self, title: str) -> Any:
        sheet = self.book.create_sheet(title)
        sheet.protection.sheet = True
        # Partners may widen columns and rows to read long text; nothing else.
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        self._input_sheets.append(sheet)
        return sheet

    def _validation(self, sheet: Any, kind: str, prompt: Prompt, **options: Any) -> Any:
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

        key = (id(sheet), kind + repr(sorted(options.items())), prompt.fitted())
        found = self._validations.get(key)
        if found is None:
            title, text = prompt.fitted()
            found = DataValidation(
                allow_blank=True,
                showInputMessage=True,
                showErrorMessage=True,
                promptTitle=title,
                prompt=text,
                **options,
            )
            sheet.add_data_validation(found)
            self._validations[key] = found
        return found

    def _unlock(self, cell: Any) -> None:
        from openpyxl.styles import Alignment, PatternFill, Protection  # noqa: PLC0415

        cell.protection = Protection(locked=False)
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL)
        cell.alignment = Alignment(vertical="top")  # level with the text it answers

    def choice_cell(
        self, sheet: Any, ref: str, list_name: str, prompt: Prompt, value: str | None = None
    ) -> None:
        cell = sheet[ref]
        self._unlock(cell)
        CHOICE.write(cell, value)
        validation = self._validation(
            sheet,
            "list",
            prompt,
            type="list",
            # Stored as in the file format (no "="), as Excel and LibreOffice write it.
            formula1=list_name,
            errorTitle="Choose from the list",
            error="Please choose one of the options in the drop-down list.",
        )
        validation.add(ref)

    def date_cell(self, sheet: Any, ref: str, prompt: Prompt, value: date | None = None) -> None:
        cell = sheet[ref]
        self._unlock(cell)
        DATE.write(cell, value)
        validation = self._validation(
            sheet,
            "date",
            prompt,
            type="date",
            operator="between",
            formula1=str(DATE.serial(DATE.earliest)),
            formula2=str(DATE.serial(DATE.latest)),
            errorTitle="Enter a date",
            error="Please enter a date as dd/mm/yyyy, for example 31/03/2027.",
        )
        validation.add(ref)

    def number_cell(
        self,
        sheet: Any,
        ref: str,
        prompt: Prompt,
        *,
        minimum: float = 0,
        maximum: float = 1e9,
        whole: bool = False,
        value: float | None = None,
    ) -> None:
        """A figure: a whole or decimal number between `minimum` and `maximum`."""
        cell = sheet[ref]
        self._unlock(cell)
        (WHOLE if whole else DECIMAL).write(cell, value)
        kind = "whole" if whole else "decimal"
        validation = self._validation(
            sheet,
            kind,
            prompt,
            type=kind,
            operator="between",
            formula1=f"{minimum:g}",
            formula2=f"{maximum:g}",
            errorTitle="Enter a number",
            error=(
                f"Please enter a {'whole ' if whole else ''}number from {minimum:g} to "
                f"{maximum:,.0f}."
            ),
        )
        validation.add(ref)

    def text_cell(
        self,
        sheet: Any,
        ref: str,
        prompt: Prompt,
        max_length: int,
        value: str | None = None,
        wrap: bool = True,
    ) -> None:
        cell = sheet[ref]
        self._unlock(cell)
        if wrap:
            self.wrap(cell)
        TEXT.write(cell, value)
        validation = self._validation(
            sheet,
            "text",
            prompt,
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(max_length),
            errorTitle="Too long",
            error=f"Please keep this to at most {max_length} characters.",
        )
        validation.add(ref)

    # ------------------------------------------------------------ finishing

    def save(self, path: Path, metadata: Metadata, key: str) -> Path:
        """Sign and write the workbook (it opens on the Instructions sheet)."""
        from openpyxl.workbook.protection import WorkbookProtection  # noqa: PLC0415

        finish_workbook(self.book, self.title, self.classification)
        write_metadata(self.book, metadata, key)
        # Excel honours a locked structure (no unhiding of the metadata sheet); LibreOffice
        # drops it on re-save, which is why the importer trusts nothing it reads.
        self.book.security = WorkbookProtection(lockStructure=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".part")
        self.book.save(temporary)
        temporary.replace(path)
        return path
