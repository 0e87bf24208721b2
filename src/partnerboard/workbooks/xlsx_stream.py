"""A small streaming .xlsx writer for the big exports: rows go straight into the zip as text.

openpyxl builds a Python object, a style lookup and an XML element per cell: 1.5 million cells
(100,000 actions) took over 30 s. This writes each row as one string (about 5 s) in bounded
memory, with what the exports need and nothing else: inline text (never a formula), numbers,
real dates, a few cell styles (bold, font colour, solid fill, top or wrapped alignment, date
format, quote prefix), column widths, row heights, a frozen header row, an auto-filter, and
printing as every export prints (`printing`): A4 landscape, one page wide, the header row on
every page, the marking in the header and footer with the title and "Page X of Y".

Values follow `spreadsheets.cells.put`: text is cleaned of characters a workbook cannot hold, and
text starting with a formula trigger gets the quote prefix Excel gives typed text.

    with XlsxStream(path) as book:
        bold = book.style(bold=True)
        sheet = book.sheet("Actions", widths=[8, 30], rows=len(rows) + 1, freeze_header=True)
        sheet.row([("Ref", bold), ("Title", bold)])
        ...
        sheet.auto_filter()
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from partnerboard.spreadsheets.cells import FORMULA_TRIGGERS, clean_text
from partnerboard.spreadsheets.formats import DATE
from partnerboard.workbooks.printing import PORTRAIT_UNITS, header_footer_codes

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DATE_FORMAT_ID = 164
EPOCH = date(1899, 12, 30).toordinal()  # Excel's day 0 (1900 date system, after 1 March 1900)


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    colour: str | None = None  # font colour, "RRGGBB"
    fill: str | None = None  # solid fill, "RRGGBB"
    wrap: bool = False
    top: bool = False
    date: bool = False
    quote: bool = False


class Sheet:
    """One worksheet being written, row after row (see `XlsxStream.sheet`)."""

    def __init__(
        self,
        book: XlsxStream,
        name: str,
        index: int,
        stream: Any,
        columns: int,
        header_footer: tuple[str, str],
        landscape: bool,
    ):
        self.book, self.name, self.index = book, name, index
        self._out = stream
        self._letters = [column_letter(n) for n in range(1, columns + 1)]
        self.rows = 0
        self._filter: str | None = None
        self._header_footer = header_footer
        self._landscape = landscape

    def row(self, cells: Sequence[tuple[Any, int]], height: float | None = None) -> None:
        """Append one row: (value, style) per column; a None value leaves the cell empty.
        `height` in points, for a row of wrapped text (spreadsheets do not always grow one)."""
        self.rows += 1
        number = str(self.rows)
        parts = [
            f'<row r="{number}" ht="{height:g}" customHeight="1">'
            if height
            else f'<row r="{number}">'
        ]
        add = parts.append
        book = self.book
        for letter, (value, style) in zip(self._letters, cells, strict=False):
            if value is None:
                continue
            ref = letter + number
            if type(value) is not str:
                label = getattr(value, "label", None)  # a choice shows its label
                if isinstance(label, str):
                    value = label
            if isinstance(value, str):
                text = clean_text(value)
                if text.startswith(FORMULA_TRIGGERS):
                    style = book.quoted(style)
                add(
                    f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{_escape(text)}</t></is></c>"
                )
            elif isinstance(value, bool):
                add(
                    f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{"Yes" if value else "No"}</t></is></c>'
                )
            elif isinstance(value, datetime):
                serial = (
                    value.toordinal()
                    - EPOCH
                    + (value.hour * 3600 + value.minute * 60 + value.second) / 86400
                )
                add(f'<c r="{ref}" s="{book.dated(style)}"><v>{serial!r}</v></c>')
            elif isinstance(value, date):
                add(f'<c r="{ref}" s="{book.dated(style)}"><v>{value.toordinal() - EPOCH}</v></c>')
            elif isinstance(value, (int, float)):
                add(f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>')
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a workbook")
        add("</row>")
        self._out.write("".join(parts).encode("utf-8"))

    def auto_filter(self) -> None:
        """An auto-filter over every row written (the first row being the headings)."""
        self._filter = f"A1:{self._letters[-1]}{max(self.rows, 2)}"

    def close(self) -> str | None:
        self._out.write(b"</sheetData>")
        if self._filter:
            self._out.write(f'<autoFilter ref="{self._filter}"/>'.encode())
        orientation = "landscape" if self._landscape else "portrait"
        header, footer = self._header_footer
        self._out.write(
            (
                '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.25" '
                f'footer="0.25"/><pageSetup paperSize="9" orientation="{orientation}" '
                'fitToWidth="1" fitToHeight="0"/>'
                f"<headerFooter><oddHeader>{_escape(header)}</oddHeader>"
                f"<oddFooter>{_escape(footer)}</oddFooter></headerFooter></worksheet>"
            ).encode()
        )
        self._out.close()
        return self._filter


class XlsxStream:
    """A workbook written sheet by sheet; styles are registered first, as numbers."""

    def __init__(self, path: Path, *, title: str = "", marking: str = ""):
        """`title` and `marking` go in every sheet's header and footer (`printing`)."""
        self.path = path
        self.title, self.marking = title, marking
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._styles: list[_Style] = [_Style()]
        self._index: dict[_Style, int] = {_Style(): 0}
        self._sheets: list[tuple[str, str | None]] = []
        self._print_titles: set[int] = set()  # sheets (from 0) whose header row repeats
        self._current: Sheet | None = None
        self._dated: dict[int, int] = {}
        self._quoted: dict[int, int] = {}

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, kind, error, tb) -> None:
        if kind is None:
            self.close()
        else:
            self._zip.close()

    # ------------------------------------------------------------------ styles
    def style(
        self,
        *,
        bold: bool = False,
        colour: str | None = None,
        fill: str | None = None,
        wrap: bool = False,
        top: bool = False,
    ) -> int:
        """The number of a cell style (colours as "#RRGGBB" or "RRGGBB")."""
        return self._register(
            _Style(
                bold,
                colour.lstrip("#").upper() if colour else None,
                fill.lstrip("#").upper() if fill else None,
                wrap,
                top,
            )
        )

    def _register(self, style: _Style) -> int:
        found = self._index.get(style)
        if found is None:
            found = self._index[style] = len(self._styles)
            self._styles.append(style)
        return found

    def dated(self, style: int) -> int:
        """`style` showing a date as dd/mm/yyyy."""
        found = self._dated.get(style)
        if found is None:
            found = self._dated[style] = self._register(replace(self._styles[style], date=True))
        return found

    def quoted(self, style: int) -> int:
        """`style` with the quote prefix (text that looks like a formula stays text)."""
        found = self._quoted.get(style)
        if found is None:
            found = self._quoted[style] = self._register(replace(self._styles[style], quote=True))
        return found

    # ------------------------------------------------------------------ sheets
    def sheet(
        self,
        name: str,
        widths: Iterable[float],
        *,
        rows: int | None = None,
        freeze_header: bool = False,
    ) -> Sheet:
        """Start the next sheet (the previous one is finished). `rows`: how many will be
        written, for the sheet's dimension (readers use it to size the sheet). It prints
        landscape when its columns are wider than a portrait page."""
        self._finish_sheet()
        widths = list(widths)
        index = len(self._sheets) + 1
        stream = self._zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True)
        last = column_letter(len(widths))
        head = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">',
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        ]
        if rows:
            head.append(f'<dimension ref="A1:{last}{rows}"/>')
        if freeze_header:
            head.append(
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
                'activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            )
        else:
            head.append('<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
        head.append('<sheetFormatPr defaultRowHeight="15"/><cols>')
        for number, width in enumerate(widths, start=1):
            head.append(f'<col min="{number}" max="{number}" width="{width:g}" customWidth="1"/>')
        head.append("</cols><sheetData>")
        stream.write("".join(head).encode("utf-8"))
        codes = header_footer_codes(self.title, name, self.marking)
        landscape = sum(widths) > PORTRAIT_UNITS
        self._current = Sheet(self, name, index, stream, len(widths), codes, landscape)
        self._sheets.append((name, None))
        if freeze_header:  # the header row is printed on every page too
            self._print_titles.add(index - 1)
        return self._current

    def _finish_sheet(self) -> None:
        if self._current is not None:
            ref = self._current.close()
            self._sheets[-1] = (self._current.name, ref)
            self._current = None

    # ------------------------------------------------------------------ the rest
    def close(self) -> None:
        self._finish_sheet()
        write = self._zip.writestr
        sheets = range(1, len(self._sheets) + 1)
        write(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for n in sheets
            )
            + "</Types>",
        )
        write(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        write(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{PACKAGE_RELS}">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in sheets
            )
            + f'<Relationship Id="rId{len(self._sheets) + 1}" Type="{RELS}/styles" '
            'Target="styles.xml"/></Relationships>',
        )
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
            f"{_quoted_sheet(name)}!{_absolute(ref)}</definedName>"
            for n, (name, ref) in enumerate(self._sheets)
            if ref
        ) + "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
            f"{_quoted_sheet(name)}!$1:$1</definedName>"
            for n, (name, _ref) in enumerate(self._sheets)
            if n in self._print_titles
        )
        write(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView/></bookViews>'
            "<sheets>"
            + "".join(
                f'<sheet name="{_attribute(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, (name, _ref) in enumerate(self._sheets, start=1)
            )
            + "</sheets>"
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>",
        )
        write("xl/styles.xml", self._styles_xml())
        self._zip.close()

    def _styles_xml(self) -> str:
        fonts: dict[tuple[bool, str | None], int] = {(False, None): 0}
        fills: dict[str | None, int] = {None: 0, "gray125": 1}
        xfs = []
        for style in self._styles:
            font = fonts.setdefault((style.bold, style.colour), len(fonts))
            fill = fills.setdefault(style.fill, len(fills)) if style.fill else 0
            number = DATE_FORMAT_ID if style.date else 0
            align = ""
            if style.wrap or style.top:
                align = (
                    "<alignment"
                    + (' vertical="top"' if style.top or style.wrap else "")
                    + (' wrapText="1"' if style.wrap else "")
                    + "/>"
                )
            xfs.append(
                f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
                + (' applyNumberFormat="1"' if number else "")
                + (' applyFont="1"' if font else "")
                + (' applyFill="1"' if fill else "")
                + (' applyAlignment="1"' if align else "")
                + (' quotePrefix="1"' if style.quote else "")
                + (f">{align}</xf>" if align else "/>")
            )
        font_xml = "".join(
            "<font>"
            + ("<b/>" if bold else "")
            + '<sz val="11"/>'
            + (f'<color rgb="FF{colour}"/>' if colour else "")
            + '<name val="Calibri"/><family val="2"/></font>'
            for bold, colour in fonts
        )
        fill_xml = '<fill><patternFill patternType="none"/></fill>'
        fill_xml += '<fill><patternFill patternType="gray125"/></fill>'
        fill_xml += "".join(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{colour}"/>'
            '<bgColor indexed="64"/></patternFill></fill>'
            for colour in list(fills)[2:]
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<styleSheet xmlns="{MAIN}">'
            f'<numFmts count="1"><numFmt numFmtId="{DATE_FORMAT_ID}" '
            f'formatCode="{DATE.number_format}"/></numFmts>'
            f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
            f'<fills count="{len(fills)}">{fill_xml}</fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


def _quoted_sheet(name: str) -> str:
    return "'" + _escape(name.replace("'", "''")) + "'"


def _absolute(ref: str) -> str:
    first, last = ref.split(":")
    return ":".join(
        "$"
        + "".join(c for c in part if c.isalpha())
        + "$"
        + "".join(c for c in part if c.isdigit())
        for part in (first, last)
    )
