"""The metadata sheet of a template and its check value.

Every template carries a *very hidden* sheet of key/value rows naming its kind, template
version, partnership, agency, round or audit and when it was generated, plus a check value:
an HMAC-SHA256 over those values with the partnership's secret `template_key`. A template of
this partnership checks out; a copy whose hidden details were edited, or another
partnership's template, does not.

LibreOffice turns a very hidden sheet into a plain hidden one (a partner can unhide and edit
it) and Excel lets a determined partner do the same, so nothing read here is trusted until the
check value matches, and the importer re-checks every fact against the database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from partnerboard.errors import UserError
from partnerboard.spreadsheets.cells import cell_text, put
from partnerboard.spreadsheets.reader import Workbook

META_SHEET = "pb_metadata"
HEADER = "partnerboard template details: do not edit (a changed value makes the file unreadable)"
FIRST_ROW = 3
MAX_ROWS = 60
CHECK_KEY = "check"


class MetadataProblem(UserError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Metadata:
    """What a template says about itself. `values` holds the kind's own keys (all text)."""

    kind: str
    version: str
    partnership: str
    generated_at: datetime
    values: dict[str, str] = field(default_factory=dict)
    check: str | None = None

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def get_int(self, key: str) -> int | None:
        text = self.values.get(key)
        try:
            return int(text) if text is not None else None
        except ValueError:
            return None

    def all_values(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "template_version": self.version,
            "partnership": self.partnership,
            "generated_at": self.generated_at.strftime("%Y-%m-%dT%H:%M:%S"),
            **self.values,
        }


def canonical(values: dict[str, str]) -> bytes:
    """One unambiguous byte string for a set of metadata values (keys sorted, JSON-escaped)."""
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def check_value(values: dict[str, str], key: str) -> str:
    return hmac.new(key.encode("utf-8"), canonical(values), hashlib.sha256).hexdigest()


def write_metadata(workbook: Any, metadata: Metadata, key: str) -> None:
    """Add the very hidden metadata sheet to an openpyxl workbook, signed with `key`."""
    sheet = workbook.create_sheet(META_SHEET)
    sheet.sheet_state = "veryHidden"
    put(sheet["A1"], HEADER)
    values = metadata.all_values()
    for row, (name, value) in enumerate(sorted(values.items()), start=FIRST_ROW):
        put(sheet.cell(row, 1), name)
        # Values are stored as text, so that no spreadsheet turns "0012" into 12 on re-save.
        cell = sheet.cell(row, 2)
        put(cell, value)
        cell.data_type = "s"
    put(sheet.cell(FIRST_ROW + len(values), 1), CHECK_KEY)
    put(sheet.cell(FIRST_ROW + len(values), 2), check_value(values, key))
    sheet.protection.sheet = True


def read_metadata(book: Workbook) -> Metadata:
    """The metadata of a returned workbook, not yet verified (see `verify`)."""
    sheet = book.sheet(META_SHEET)
    if sheet is None:
        raise MetadataProblem(
            "no_metadata",
            "The workbook has no partnerboard details sheet, so it is not a template generated "
            "by partnerboard (or its contents were copied into a new workbook). Ask the partner "
            "to fill in the template that was sent to them and return that file.",
        )
    if sheet.formulas:
        raise MetadataProblem(
            "metadata_edited",
            "The workbook's hidden details sheet has been edited (it holds formulas). Send the "
            "agency a fresh template.",
        )
    values: dict[str, str] = {}
    for row in range(FIRST_ROW, FIRST_ROW + MAX_ROWS):
        name = cell_text(sheet.at(row, 1))
        if name is None:
            break
        values[name] = cell_text(sheet.at(row, 2)) or ""
    check = values.pop(CHECK_KEY, None)
    kind = values.pop("kind", None)
    version = values.pop("template_version", None)
    partnership = values.pop("partnership", None)
    generated = values.pop("generated_at", None)
    generated_at = _generated_at(generated or "")
    if not kind or not version or partnership is None or generated_at is None:
        raise MetadataProblem(
            "metadata_edited",
            "The workbook's hidden details are incomplete (edited or damaged). Send the agency "
            "a fresh template.",
        )
    return Metadata(kind, version, partnership, generated_at, values, check)


def verify(metadata: Metadata, key: str, partnership_name: str) -> None:
    """Raise `MetadataProblem` unless the check value shows a genuine template of this partnership."""
    expected = check_value(metadata.all_values(), key)
    if metadata.check and hmac.compare_digest(metadata.check.lower(), expected):
        return
    if metadata.partnership.strip().casefold() != partnership_name.strip().casefold():
        raise MetadataProblem(
            "other_partnership",
            f"This template was generated by {metadata.partnership}, not by {partnership_name}. "
            "Check that the file was meant for this partnership.",
        )
    raise MetadataProblem(
        "bad_check",
        "The template's check value does not match: it was not generated by this "
        "partnership's partnerboard, or its hidden details were edited. Send the agency a "
        "fresh template.",
    )


# `generated_at` as written ("%Y-%m-%dT%H:%M:%S"), read as `datetime.strptime` reads that format
# (its fields, digits and letter case) without it: strptime's first call builds its locale
# tables and regular expressions, more time than the rest of reading a return.
_GENERATED_AT = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2}| \d)T(\d{1,2}):(\d{1,2}):(\d{1,2})", re.IGNORECASE
)


def _generated_at(text: str) -> datetime | None:
    match = _GENERATED_AT.fullmatch(text)
    if match is None:
        return None
    try:
        return datetime(*(int(part) for part in match.groups()))
    except ValueError:  # a month 13, a 30 February …
        return None
