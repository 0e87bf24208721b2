"""The page of every board paper: A4, header, footer, DRAFT mark, metadata and bookmarks.

    info = ReportInfo(title="Minutes of the board, 22/11/2026", partnership="Tamshire SSP",
                      classification=classify([("agenda item", 1)], author="Tamshire SSP"),
                      draft=True)
    pdf = build_pdf(info, [heading("Present"), para(names), data_table(...)])

The header carries the protective marking, the partnership's name, the paper's title and the
logo; the footer the date of printing, the marking again and 'Page X of Y'. The marking, the
notice at the top of the first page (what a sensitive paper holds, or that this is the public
version and what it leaves out) and the author all come from the paper's `classification`
(`domain.marking`): no report decides them itself. Each `heading()` becomes a bookmark.
Headings keep with the start of what follows (`flow.KeepWithStart`). The document language is
en-GB and the viewer shows the title, not the file name.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from partnerboard import __version__
from partnerboard.domain import palette
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import Classification
from partnerboard.reports import fonts
from partnerboard.reports.flow import KeepWithStart
from partnerboard.reports.styles import MUTED, RULE, TEXT, report_styles
from partnerboard.reports.text import drawn, fit_text, markup, one_line

log = logging.getLogger(__name__)

LANGUAGE = "en-GB"
MARGIN_SIDE = 18 * mm
MARGIN_TOP = 31 * mm  # the header sits above this
MARGIN_BOTTOM = 22 * mm  # the footer sits below this
_LOGO_MAX = (32 * mm, 14 * mm)


@dataclass(frozen=True)
class ReportInfo:
    """What the page furniture of one paper says; all text is plain (escaped when drawn)."""

    title: str
    partnership: str
    # What the paper holds: its marking (top and foot of every page), first-page notice and
    # author (`domain.marking.classify`).
    classification: Classification
    subject: str = ""
    # A diagonal DRAFT on every page, e.g. for minutes not yet approved.
    draft: bool = False
    # PNG or JPEG bytes of the partnership's logo; an unreadable logo is left out, not fatal.
    logo: bytes | None = None
    # The date printed as "Generated dd/mm/yyyy" (the database's clock: every writer passes it).
    generated_on: date | None = None

    def __post_init__(self) -> None:
        if self.generated_on is None:
            raise ValueError("ReportInfo needs generated_on (the database's clock).")

    landscape: bool = False
    keywords: tuple[str, ...] = ()

    @property
    def marking(self) -> str:
        return self.classification.marking

    @property
    def author(self) -> str:
        return self.classification.author

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def content_width(self) -> float:
        """Width of the text column in points, e.g. to size a chart."""
        return self.pagesize[0] - 2 * MARGIN_SIDE


class Heading(Paragraph):
    """A heading paragraph that also becomes a bookmark (outline entry) at `level` 1–3."""

    def __init__(self, text: str, level: int = 1) -> None:
        self.level = max(1, level)
        self.outline_text = one_line(text)
        super().__init__(markup(text), report_styles().heading(self.level))


def heading(text: object, level: int = 1) -> Heading:
    """A heading of `level` 1–3, escaped, kept with what follows it, and bookmarked."""
    return Heading(str(text if text is not None else ""), level)


def build_pdf(
    info: ReportInfo,
    story: Sequence[Flowable],
    target: str | os.PathLike[str] | None = None,
    *,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """Lay `story` out on board-paper pages and return the PDF bytes.

    With `target`, the file is also written there, atomically (a temporary file renamed, so a
    failed build never leaves half a PDF). `on_page(n)` is called as each page is finished;
    raise from it (e.g. a cancellation) to stop the build.
    """
    buffer = io.BytesIO()
    document = _PaperTemplate(buffer, info)
    story = [*notice_flowables(info.classification), *story]
    if on_page is not None:
        document.setProgressCallBack(lambda kind, value: on_page(value) if kind == "PAGE" else None)
    document.build(list(story), canvasmaker=partial(_CountingCanvas, paper=document))
    data = buffer.getvalue()
    if target is not None:
        _write_atomically(Path(target), data)
    return data


class PageProgress:
    """`on_page` for `build_pdf` that reports each page to a job's progress, stops it when the
    job is cancelled, and remembers how many pages were made."""

    def __init__(self, progress: Callable[[int, int, str], None], cancel: object = None) -> None:
        self.progress, self.cancel, self.pages = progress, cancel, 0

    def __call__(self, number: int) -> None:
        self.pages = number
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()  # type: ignore[attr-defined]
        self.progress(number, 0, f"Page {number}")


def notice_flowables(classification: Classification) -> list[Flowable]:
    """The line at the top of the first page saying what the paper holds ([] if nothing to say)."""
    from reportlab.platypus import Table, TableStyle  # noqa: PLC0415

    text = classification.notice
    if not text:
        return []
    styles = report_styles()
    label, _, rest = text.partition(": ")
    line = Paragraph(f"<b>{markup(label)}:</b> {markup(rest)}", styles.small)
    box = Table([[line]], colWidths=["100%"], hAlign="LEFT", spaceAfter=8)
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),  # not Helvetica
                ("BOX", (0, 0), (-1, -1), 1, TEXT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [box]


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _PaperTemplate(BaseDocTemplate):
    def __init__(self, target: io.BytesIO, info: ReportInfo) -> None:
        fonts.register_fonts()
        self.info = info
        self.printed_on = format_date(info.generated_on)
        self.marking = fit_text(drawn(info.marking), fonts.BOLD, 9, 70 * mm)
        self._logo = _read_logo(info.logo)
        self._last_level = 0
        self._bookmarks = 0
        super().__init__(
            target,
            pagesize=info.pagesize,
            leftMargin=MARGIN_SIDE,
            rightMargin=MARGIN_SIDE,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=one_line(info.title),
            author=one_line(info.author),
            subject=one_line(info.subject),
            keywords=[one_line(k) for k in (*info.keywords, *info.classification.keywords)],
            creator=f"partnerboard {__version__}",
            lang=LANGUAGE,
            displayDocTitle=1,
            # Without these every page's preamble names Helvetica, which is never embedded.
            initialFontName=fonts.BODY,
            initialFontSize=10,
            # Every keepWithNext keeps a heading with the start of what follows, not all of it.
            keepTogetherClass=KeepWithStart,
        )
        body = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [PageTemplate("paper", [body], onPage=self._decorate, onPageEnd=self._draw_mark)]
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Heading):
            return
        # PDF outlines cannot skip a level (a level 3 straight after a level 1 raises).
        level = min(flowable.level - 1, self._last_level + 1) if self._bookmarks else 0
        self._last_level = level
        self._bookmarks += 1
        key = f"heading-{self._bookmarks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.outline_text, key, level=level, closed=False)
        if self._bookmarks == 1:
            self.canv.showOutline()

    def _decorate(self, canvas: Canvas, _document: BaseDocTemplate) -> None:
        canvas.saveState()
        self._draw_header(canvas)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_header(self, canvas: Canvas) -> None:
        page_width, page_height = self.pagesize
        left, right = MARGIN_SIDE, page_width - MARGIN_SIDE
        text_right = right
        if self._logo is not None:
            width, height = _fit(self._logo.getSize(), _LOGO_MAX)
            top = page_height - 9.5 * mm
            canvas.drawImage(self._logo, right - width, top - height, width, height, mask="auto")
            text_right = right - width - 6 * mm
        if self.marking:
            # Protective markings go at the top and the foot of every page (GSC convention).
            canvas.setFillColor(TEXT)
            canvas.setFont(fonts.BOLD, 9)
            canvas.drawCentredString(page_width / 2, page_height - 8 * mm, self.marking)
        canvas.setFillColor(TEXT)
        canvas.setFont(fonts.BOLD, 11)
        name = fit_text(drawn(self.info.partnership), fonts.BOLD, 11, text_right - left)
        canvas.drawString(left, page_height - 16 * mm, name)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.BODY, 9)
        title = fit_text(drawn(self.info.title), fonts.BODY, 9, text_right - left)
        canvas.drawString(left, page_height - 21.5 * mm, title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.75)
        canvas.line(left, page_height - 25 * mm, right, page_height - 25 * mm)

    def _draw_footer(self, canvas: Canvas) -> None:
        """All of the footer but "Page X of Y", which `_CountingCanvas` adds at the end."""
        page_width = self.pagesize[0]
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.75)
        canvas.line(MARGIN_SIDE, 17 * mm, page_width - MARGIN_SIDE, 17 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.BODY, 8)
        canvas.drawString(MARGIN_SIDE, 12 * mm, f"Generated {self.printed_on}")
        if self.marking:
            canvas.setFillColor(TEXT)
            canvas.setFont(fonts.BOLD, 9)
            canvas.drawCentredString(page_width / 2, 12 * mm, self.marking)

    def _draw_mark(self, canvas: Canvas, _document: BaseDocTemplate) -> None:
        if not self.info.draft:
            return
        width, height = self.pagesize
        canvas.saveState()
        # Drawn over the content, faint enough to read through, so coloured cells cannot hide it.
        canvas.setFillColor(colors.HexColor(palette.MUTED_TEXT))
        canvas.setFillAlpha(0.16)
        canvas.setFont(fonts.BOLD, 120)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(45 if not self.info.landscape else 30)
        canvas.drawCentredString(0, -42, "DRAFT")
        canvas.restoreState()

    def draw_page_number(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.BODY, 8)
        right = self.pagesize[0] - MARGIN_SIDE
        canvas.drawRightString(right, 12 * mm, f"Page {page} of {pages}")
        canvas.restoreState()


class _CountingCanvas(Canvas):
    """Holds every page back until the end, so that each can say 'Page X of Y' in one pass."""

    def __init__(self, *args: object, paper: _PaperTemplate, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._paper = paper
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._paper.draw_page_number(self, number, total)
            super().showPage()
        super().save()


def _read_logo(data: bytes | None) -> ImageReader | None:
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
        if width <= 0 or height <= 0:
            raise ValueError("empty image")
    except Exception:  # noqa: BLE001 (Pillow raises many kinds; a bad logo must not stop a paper)
        log.warning("The partnership logo could not be read; the paper is printed without it.")
        return None
    return reader


def _fit(size: tuple[int, int], box: tuple[float, float]) -> tuple[float, float]:
    width, height = size
    scale = min(box[0] / width, box[1] / height)
    return width * scale, height * scale
