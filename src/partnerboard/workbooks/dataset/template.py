"""Dataset return templates: one workbook per agency and quarter, listing only the indicators
that agency supplies (a monthly one once per month of the quarter), with the four earlier
figures for context, numerator and denominator cells where the indicator has them, a "Not
available" choice that needs a reason, and a commentary cell (required when the figure is Red
or worse than last time). Figures already recorded for the quarter are filled in, so a
re-issued return shows what the partnership holds.

Returned files go through the shared import (kind "dataset", `workbooks.dataset.importer`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.performance import (
    COMMENTARY_MAX,
    FIGURE_MAX,
    REASON_MAX,
    Unit,
    format_figure,
)
from partnerboard.domain.public_sector_year import MONTH, Period
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services.performance.indicators import (
    IndicatorRow,
    classification_of,
    list_indicators,
)
from partnerboard.services.performance.values import current_records
from partnerboard.spreadsheets.cells import put
from partnerboard.workbooks.conventions import Prompt, TemplateWriter
from partnerboard.workbooks.dataset import layout as L
from partnerboard.workbooks.input_cells import write_sign_off_sheet
from partnerboard.workbooks.metadata import Metadata

_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
GREY = "F2F2F2"


def template_file_name(quarter: Period, agency: str) -> str:
    """'Dataset return 2026-27 Q2 - Wrenfield Constabulary.xlsx' (valid on Windows)."""
    when = quarter.key.replace("/", "-").replace("-Q", " Q")
    name = _UNSAFE_NAME.sub(" ", f"Dataset return {when} - {agency}")
    return " ".join(name.split()).rstrip(". ")[:150] + ".xlsx"


@dataclass(frozen=True)
class Line:
    """One row of the return: an indicator and a period it owes."""

    indicator: IndicatorRow
    period: Period


def lines_for(indicators: Iterable[IndicatorRow], agency_id: int, quarter: Period) -> list[Line]:
    """The current indicators the agency supplies, with the periods of the quarter they owe."""
    lines = []
    for indicator in indicators:
        if not indicator.active or indicator.agency_id != agency_id:
            continue
        due = quarter.months() if indicator.period_kind == MONTH else [quarter]
        first = Period.from_key(indicator.starts) if indicator.starts else None
        lines += [
            Line(indicator, p) for p in due if first is None or first.kind != p.kind or p >= first
        ]
    return lines


def _instructions(writer: TemplateWriter, partnership_row: Any, agency: str, quarter: Period,
                  count: int) -> None:  # fmt: skip
    facts = [
        ("Partnership", partnership_row.name),
        ("Agency", agency),
        ("Quarter", quarter.long_label),
        ("Figures asked for", str(count)),
    ]
    if partnership_row.email:
        facts.append(("Return to", partnership_row.email))
    paragraphs = [
        "The partnership's performance dataset brings together a small number of figures from "
        "every agency each quarter, so that the board can see how well children are helped and "
        "protected. These are the figures your agency supplies.",
        f"On the “{L.FIGURES_SHEET}” sheet, for each indicator: where there are numerator and "
        "denominator cells, give both (the figure is worked out from them; if you also type the "
        "figure it must agree). Otherwise type the figure. Percentages are numbers from 0 to "
        "100 (type 82.5, not 0.825); counts are whole numbers.",
        "If a figure cannot be given, choose “Not available” and say why. Add a commentary "
        "where a figure is Red against its target or worse than the last one: what lies behind "
        "it and what is being done. The last four figures are shown for comparison.",
        f"On the “{L.FIGURES_SHEET}” sheet every row must have a figure or be marked not "
        f"available. On the “Sign-off” sheet, give your name, role, e-mail address and the date.",
        "Only the shaded cells can be changed. Please do not rename sheets, insert, delete or "
        "sort rows, or copy the figures into another workbook. Save the file as an Excel "
        "Workbook (.xlsx), in Excel or LibreOffice, and e-mail it back. If anything is wrong "
        "with it you will receive a list of what to correct.",
    ]
    writer.write_instructions(f"Dataset return {quarter.label}", facts, paragraphs)


def _earlier_text(indicator: IndicatorRow, period: Period, figures: dict) -> list[str | None]:
    """The four earlier figures: under each earlier quarter, the figure for it (a monthly
    indicator: that quarter's last month, named)."""
    texts: list[str | None] = []
    for back in range(L.EARLIER, 0, -1):
        if period.kind == MONTH:
            earlier = period.back(back)
            prefix = f"{earlier.label}: "
        else:
            earlier, prefix = period.back(back), ""
        record = figures.get((indicator.id, earlier.key))
        if record is None:
            texts.append(None)
        elif record.not_available:
            texts.append(f"{prefix}not available")
        else:
            texts.append(prefix + format_figure(record.value, indicator.unit))
    return texts


def _describe(indicator: IndicatorRow) -> str:
    parts = [indicator.labelled_title]
    if indicator.definition:
        parts.append(indicator.definition)
    if indicator.has_parts:
        parts.append(f"Numerator: {indicator.numerator}")
        parts.append(f"Denominator: {indicator.denominator}")
    return "\n".join(parts)


def _figures_sheet(
    writer: TemplateWriter,
    agency: str,
    quarter: Period,
    lines: list[Line],
    figures: dict,
) -> list[list[Any]]:
    from openpyxl.styles import PatternFill  # noqa: PLC0415

    sheet = writer.input_sheet(L.FIGURES_SHEET)
    put(sheet["A1"], f"Dataset return {quarter.label} – {agency}")
    writer.style_title(sheet["A1"])
    put(sheet["A2"], quarter.long_label)
    put(sheet["A3"], "Write in the shaded cells only. One row per indicator and period.")
    headers = [
        L.REFERENCE, L.INDICATOR, L.PERIOD, L.UNIT, L.TARGET,
        *(L.Column(letter, quarter.back(L.EARLIER - n).label, 13) for n, letter in enumerate(L.EARLIER_LETTERS)),
        *L.INPUT_COLUMNS,
    ]  # fmt: skip
    for column in headers:
        cell = sheet[f"{column.letter}{L.HEADER_ROW}"]
        put(cell, column.title)
        writer.style_header(cell)
        sheet.column_dimensions[column.letter].width = column.width
    sheet.row_dimensions[L.HEADER_ROW].height = 45
    sheet.freeze_panes = f"{L.PERIOD.letter}{L.FIRST_ROW}"
    grey = PatternFill("solid", fgColor=GREY)
    placed: list[list[Any]] = []
    for offset, line in enumerate(lines):
        row = L.FIRST_ROW + offset
        indicator, period = line.indicator, line.period
        fixed = [
            (L.REFERENCE, indicator.reference),
            (L.INDICATOR, _describe(indicator)),
            (L.PERIOD, period.label),
            (L.UNIT, indicator.unit.label),
            (L.TARGET, indicator.target_text()),
        ]
        for column, value in fixed:
            cell = sheet[f"{column.letter}{row}"]
            put(cell, value)
            writer.wrap(cell)
        for letter, text in zip(
            L.EARLIER_LETTERS, _earlier_text(indicator, period, figures), strict=True
        ):
            put(sheet[f"{letter}{row}"], text)
            writer.wrap(sheet[f"{letter}{row}"])
        _input_cells(writer, sheet, row, indicator, figures.get((indicator.id, period.key)), grey)
        # Spreadsheets do not grow a row for wrapped text a program wrote: room for every line.
        per_line = int(L.INDICATOR.width * 0.95)
        wrapped = sum(-(-len(part) // per_line) or 1 for part in _describe(indicator).split("\n"))
        sheet.row_dimensions[row].height = max(45, 13 * wrapped + 4)
        placed.append([row, indicator.id, indicator.reference, period.key])
    # Printed as every workbook (`printing.finish_workbook`, when saved), up to the last row.
    sheet.print_area = f"A1:{L.LAST_LETTER}{L.FIRST_ROW + max(len(lines), 1) - 1}"
    return placed


def _input_cells(writer: TemplateWriter, sheet: Any, row: int, indicator: IndicatorRow,
                 current: Any, grey: Any) -> None:  # fmt: skip
    unit = indicator.unit
    ref = {c.field: f"{c.letter}{row}" for c in L.INPUT_COLUMNS}
    if indicator.has_parts:
        writer.number_cell(
            sheet, ref["numerator"],
            Prompt("Numerator", f"{indicator.numerator}"[:200]),
            whole=True, maximum=FIGURE_MAX, value=current.numerator if current else None,
        )  # fmt: skip
        writer.number_cell(
            sheet, ref["denominator"],
            Prompt("Denominator", f"{indicator.denominator}"[:200]),
            whole=True, maximum=FIGURE_MAX, value=current.denominator if current else None,
        )  # fmt: skip
        help_text = "Worked out from the numerator and denominator; if you type it, it must agree."
    else:
        for field in ("numerator", "denominator"):
            sheet[ref[field]].fill = grey
        help_text = {
            Unit.PERCENTAGE: "A number from 0 to 100 (82.5 for 82.5%).",
            Unit.COUNT: "A whole number.",
        }.get(unit, "A number, 0 or more.")
    writer.number_cell(
        sheet, ref["value"], Prompt("Figure", help_text),
        maximum=100 if unit is Unit.PERCENTAGE else FIGURE_MAX, whole=unit.whole,
        value=current.value if current else None,
    )  # fmt: skip
    writer.choice_cell(
        sheet, ref["not_available"], L.NOT_AVAILABLE_LIST,
        Prompt("Not available", "Choose if the figure cannot be given, and say why."),
        L.NOT_AVAILABLE if current is not None and current.not_available else None,
    )  # fmt: skip
    writer.text_cell(
        sheet, ref["reason"], Prompt("Why not available", "Required when not available."),
        REASON_MAX, current.reason if current else None,
    )  # fmt: skip
    writer.text_cell(
        sheet, ref["commentary"],
        Prompt("Commentary", "Required when Red or worse than last time: what lies behind it."),
        COMMENTARY_MAX, current.commentary if current else None,
    )  # fmt: skip
    for field in ("numerator", "denominator", "value", "not_available"):
        writer.wrap(sheet[ref[field]])  # level with the wrapped text of the row


@dataclass(frozen=True)
class Written:
    agency: str
    path: Path
    figures: int


def write_template(
    db: Database,
    agency_id: int,
    quarter: Period,
    path: Path,
    *,
    indicators: list[IndicatorRow] | None = None,
    now: datetime | None = None,
) -> Written:
    """Write one agency's return for `quarter` to `path`."""
    quarter = quarter.quarter
    agency = partnership.get_agency(db, agency_id)
    rows = indicators if indicators is not None else list_indicators(db, include_inactive=False)
    lines = lines_for(rows, agency_id, quarter)
    if not lines:
        raise UserError(f"{agency.name} supplies no current indicator.")
    if len(lines) > L.MAX_ROWS:
        raise UserError(f"{agency.name} owes {len(lines)} figures; a return holds {L.MAX_ROWS}.")
    wanted = {p.key for line in lines for p in (line.period, *line.period.last(L.EARLIER + 1))}
    with db.reader() as session:
        records = current_records(session, {line.indicator.id for line in lines}, wanted)
    figures = {key: value for key, (value, _n) in records.items()}
    partnership_row = partnership.get_partnership(db)
    # Sensitive when the agency supplies a restricted indicator (labelled on its row).
    classification = classification_of(db, [line.indicator for line in lines])
    writer = TemplateWriter(f"Dataset return {quarter.label} – {agency.name}", classification)
    _instructions(writer, partnership_row, agency.name, quarter, len(lines))
    writer.add_list(L.NOT_AVAILABLE_LIST, [L.NOT_AVAILABLE])
    placed = _figures_sheet(writer, agency.name, quarter, lines, figures)
    write_sign_off_sheet(writer, {})
    generated = (now or db.clock.now_utc()).replace(microsecond=0)
    metadata = Metadata(
        kind=L.KIND,
        version=L.VERSION,
        partnership=partnership_row.name,
        generated_at=generated,
        values={
            L.META_AGENCY_ID: str(agency.id),
            L.META_AGENCY: agency.name,
            L.META_QUARTER: quarter.key,
            L.META_ROWS: json.dumps(placed, separators=(",", ":"), ensure_ascii=True),
        },
    )
    writer.save(path, metadata, partnership.template_key(db))
    return Written(agency.name, path, len(lines))


def supplying_agencies(indicators: Iterable[IndicatorRow]) -> list[int]:
    return sorted({i.agency_id for i in indicators if i.active and i.agency_id is not None})


def write_templates(
    db: Database,
    quarter: Period,
    folder: Path,
    agency_ids: Iterable[int] | None = None,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Any = None,
) -> list[Written]:
    """One return per agency (every agency supplying a current indicator by default)."""
    quarter = quarter.quarter
    rows = list_indicators(db, include_inactive=False)
    wanted = list(agency_ids) if agency_ids is not None else supplying_agencies(rows)
    names = {a.id: a.name for a in partnership.list_agencies(db)}
    wanted.sort(key=lambda i: names.get(i, "").casefold())
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Written] = []
    for index, agency_id in enumerate(wanted):
        if cancel is not None and cancel.cancelled:
            break
        name = names.get(agency_id, str(agency_id))
        if progress is not None:
            progress(index, len(wanted), name)
        path = folder / template_file_name(quarter, name)
        written.append(write_template(db, agency_id, quarter, path, indicators=rows))
    if progress is not None:
        progress(len(written), len(wanted), "done")
    return written
