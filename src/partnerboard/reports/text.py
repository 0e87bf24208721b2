"""User text into reportlab, safely.

A reportlab `Paragraph` parses its text as markup: an unescaped `<b>` typed by a partner aborts
the whole PDF, `<a href>` becomes a live link and `<img src=...>` makes reportlab open a local
file (TECH-NOTES). So no user string reaches a Paragraph except through `para()` or
`markup()`, which escape it, keep its line breaks and drop control characters.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from partnerboard.domain.dates import format_date, format_datetime
from partnerboard.reports.scripts import for_display
from partnerboard.reports.styles import report_styles

# C0 and C1 controls (bar tab and newline), DEL, lone surrogates and non-characters: reportlab
# either prints them as boxes or fails to encode them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Every way a line can end, including the vertical tab and form feed that Excel cells carry.
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def as_text(value: object) -> str:
    """A value as people read it: dates dd/mm/yyyy, Yes/No, a choice's label, '' for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    return str(value)


def clean_text(value: object) -> str:
    """`as_text(value)` with line ends made '\\n', tabs made spaces and control characters gone."""
    text = _LINE_BREAK.sub("\n", as_text(value))
    return _CONTROL.sub("", text.replace("\t", "    "))


def one_line(value: object) -> str:
    """`clean_text` on a single line, for headers, footers and PDF metadata."""
    return " ".join(clean_text(value).split())


def markup(value: object) -> str:
    """Paragraph markup that shows `value` literally, line breaks kept as <br/>; names in
    right-to-left scripts shaped and ordered, emoji named (`scripts.for_display`)."""
    lines = (escape(line) for line in for_display(clean_text(value)).split("\n"))
    return "<br/>".join(lines)


def drawn(value: object) -> str:
    """`one_line(value)` as drawn straight on a canvas (headers, footers, chart labels)."""
    return for_display(one_line(value))


class LaidOutOnce(Paragraph):
    """A Paragraph that is not laid out again for the width it was last laid out for.

    A table lays out every cell several times at the same width (sizing its rows, then again
    for what is left after each page break): 57 % of the layouts of a long action report
    were repeats, and half of its time. The line breaks depend only on the width (the
    height offered is not used), so the last answer stands; a split makes new paragraphs.
    """

    _laid_out_for: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        last = self._laid_out_for
        # (`split` drops the layout when the paragraph cannot split: lay it out again then.)
        if last is not None and last[0] == availWidth and "blPara" in self.__dict__:
            return last[1]
        size = super().wrap(availWidth, availHeight)
        self._laid_out_for = (availWidth, size)
        return size


def para(value: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph showing `value` literally (escaped); `style` defaults to body text."""
    return LaidOutOnce(markup(value), style or report_styles().body)


def rich(template: str, *values: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph from trusted markup with escaped user values, e.g.

    `rich("<b>Lead:</b> {}", person.name)`. Only `template` is markup: write it in code,
    never from data. Each `{}` receives `markup(value)`.
    """
    return para_markup(template.format(*(markup(v) for v in values)), style)


def para_markup(trusted_markup: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph from markup written in code (never from user data: use `para` or `rich`)."""
    return LaidOutOnce(trusted_markup, style or report_styles().body)


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """`text` (one line) cut with an ellipsis so that it fits `width` points in `font`."""
    text = text[:300]  # nothing longer fits a line; keeps the loop below short
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_text(text: str, font: str, size: float, width: float, max_lines: int = 2) -> list[str]:
    """`text` broken into at most `max_lines` lines of `width` points, the last one cut to fit."""
    words = one_line(text).split(" ")
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if not current or stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if len(lines) == max_lines - 1:
            current = " ".join([current, *words[index:]])
            break
        lines.append(current)
        current = word
    lines.append(current)
    return [fit_text(line, font, size, width) for line in lines if line]
