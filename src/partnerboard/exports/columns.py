"""Table column widths on a printed page, so that no word is split across lines.

A date, a reference ("S11-2025-College-1") or a heading word cannot break, and the layout
engines (Word, LibreOffice, Typst) let it run into the next column when its column is too
narrow. `fit_widths` makes each column at least as wide as its longest word, from an estimate
of the widest character of the table's text, and shares out what is left by the relative
widths asked for (`columns.share_widths`, as the board papers' tables do). The Word draft (`exports.word`) and the tagged PDFs (`published.pdf_writer`)
both size their tables with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from partnerboard.columns import share_widths

# Table text at 9 pt (bold in headers, DejaVu Sans where Arial is missing): how wide a character
# is at most, and a cell's padding, in millimetres. Scale `CHAR_MM` for another size.
CHAR_MM, CELL_PAD_MM = 2.25, 2.6
MAX_SHARE = 0.45  # no column takes more than this share of the width to fit one word


def words(text: str) -> list[str]:
    """Where a line may break: at spaces, and after a hyphen ("S11-2025-" "College-" "1")."""
    return [w for part in text.split() for w in re.findall(r"[^-]*-|[^-]+", part)]


def fit_widths(
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    total_mm: float,
    *,
    char_mm: float = CHAR_MM,
    pad_mm: float = CELL_PAD_MM,
) -> list[float]:
    """Column widths in mm: `widths` (relative) scaled to `total_mm`, but each column at least as
    wide as its longest word, so that no word (a date, a reference, a heading) is split."""
    needs = [
        min(
            max((len(w) for row in rows for w in words(row[i])), default=1) * char_mm + pad_mm,
            total_mm * MAX_SHARE,
        )
        for i in range(len(widths))
    ]
    return share_widths(widths, needs, total_mm)
