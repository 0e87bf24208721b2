"""How board papers break across pages: headings kept with the start of what follows, short
blocks kept whole, and nothing else moved.

reportlab's `keepWithNext` keeps a heading with the *whole* next flowable: a heading before a
table longer than the space left went to a new page with its table, leaving half a page empty
("Open actions" always started a page). `KeepWithStart` (the paper's `keepTogetherClass`, so
every `keepWithNext` uses it) asks only that the heading and the *start* of what follows fit:
a table's header and first two rows, a paragraph's first two lines. Otherwise what follows
breaks where it must.

`keep_short(flowables)` keeps a block on one page when it is short (an agenda item, a
letter's closing and signature), and lets a long one flow.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table
from reportlab.platypus.flowables import _listWrapOn

# A short block kept whole is at most this tall (about a third of an A4 page of text).
SHORT_BLOCK = 250.0
_START_ROWS = 2  # body rows of a table that must fit under its heading
_START_LINES = 2  # lines of a paragraph that must fit under its heading


def kept_with_next(flowable: Flowable) -> Flowable:
    """Mark `flowable` (e.g. a presenter line under a heading) to stay with what follows."""
    flowable.keepWithNext = 1
    return flowable


def start_height(flowable: Flowable, width: float, height: float) -> float:
    """How much of `flowable` must fit under a heading: its start, not all of it."""
    canvas = getattr(flowable, "canv", None)
    _, full = flowable.wrapOn(canvas, width, height)
    before = flowable.getSpaceBefore()
    if isinstance(flowable, Table):
        rows = list(getattr(flowable, "_rowHeights", None) or [])
        if rows:
            head = flowable.repeatRows
            return before + sum(rows[: head + min(_START_ROWS, len(rows) - head)])
    if isinstance(flowable, Paragraph):
        lines = getattr(getattr(flowable, "blPara", None), "lines", None)
        if lines:
            return before + min(full, flowable.style.leading * _START_LINES)
    return before + full


class KeepWithStart(KeepTogether):
    """Flowables marked keepWithNext, then the one they keep with: together on a page as far as
    the start of the last (see the module doc)."""

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        content = list(self._content)
        if len(content) < 2:
            return content
        *leading, following = content
        canvas = getattr(self, "canv", None)
        _, lead = _listWrapOn(leading, aW, canvas)
        need = lead + start_height(following, aW, aH)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        if need > aH and not at_top:
            return [self.FrameBreak(), *content]
        return content


class _KeepShort(KeepTogether):
    """KeepTogether for a short block; a long one flows as if it were not wrapped."""

    def __init__(self, flowables: Sequence[Flowable], limit: float) -> None:
        super().__init__(list(flowables))
        self._limit = limit

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803
        return aW, 0xFFFFFF  # always asked to split, where it is measured (as far as needed)

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803
        canvas = getattr(self, "canv", None)
        total = 0.0
        for flowable in self._content:
            if isinstance(flowable, Table) and len(getattr(flowable, "_cellvalues", ())) > 8:
                return list(self._content)  # a long table: not a short block
            _, height = flowable.wrapOn(canvas, aW, aH)
            total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if total > self._limit:
                return list(self._content)
        KeepTogether.wrap(self, aW, aH)  # measured as a whole: keep it together
        return super().split(aW, aH)


def keep_short(flowables: Sequence[Flowable], limit: float = SHORT_BLOCK) -> Flowable:
    """`flowables` kept on one page if together they are at most `limit` points tall."""
    return _KeepShort(flowables, limit)
