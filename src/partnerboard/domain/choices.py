"""A string enum whose members carry the label that users read.

The value is what the database stores (short, stable, lower case); the label is what forms,
workbooks and reports show. Parsing accepts either, in any case, so that a partner who types
"partially met" into a workbook gets the same answer as one who picked it from the list.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Choice(StrEnum):
    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def parse(cls, text: object) -> Self | None:
        """The member whose value or label matches `text` (ignoring case and spaces), or None."""
        if text is None:
            return None
        wanted = " ".join(str(text).split()).casefold()
        for member in cls:
            if wanted in (member.value.casefold(), member.label.casefold()):
                return member
        return None

    @classmethod
    def labels(cls) -> list[str]:
        return [member.label for member in cls]
