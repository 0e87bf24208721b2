"""A minimal A4 letter layout for reportlab: embedded DejaVu fonts, header, "Page X of Y".

Stand-in until the shared layout (`reports/layout.py`, being written on another branch) lands:
the feedback letter uses only `styles()`, `para()`, `build_pdf()` and `FONT`/`BOLD`, so that
switching over means replacing this import. Every user string goes through `para()`, which
escapes it: reportlab's Paragraph parses markup, so an unescaped `<b>` from a partner would
abort the PDF and `<img src=...>` would make reportlab open a local file (TECH-NOTES).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
_registered = False


def register_fonts() -> None:
    """Register the shipped DejaVu family once (embedded in every PDF, unlike Helvetica)."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping  # noqa: PLC0415
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    from partnerboard.settings import resource  # noqa: PLC0415

    for name in (FONT, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, ITALIC)
    addMapping(FONT, 1, 1, BOLD_ITALIC)
    _registered = True


def escape_text(text: object) -> str:
    """User text made safe for a Paragraph: markup escaped, line breaks kept."""
    if text is None:
        return ""
    return escape(str(text)).replace("\r\n", "\n").replace("\n", "<br/>")


def styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_LEFT  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415

    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5),
        "cell_on_dark": ParagraphStyle(
            "cell_on_dark", parent=body, fontSize=9, leading=11.5, textColor="#ffffff"
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=BOLD, fontSize=9, leading=11.5
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceAfter=8
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=True,
        ),  # fmt: skip
    }


def para(text: object, style: Any, markup: str | None = None) -> Any:
    """A Paragraph of user text (escaped). `markup` wraps it, e.g. "<b>{}</b>" (trusted)."""
    from reportlab.platypus import Paragraph  # noqa: PLC0415

    safe = escape_text(text)
    return Paragraph(markup.format(safe) if markup else safe, style)


def _numbered_canvas(header: str, footer: str) -> type:
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.pdfgen.canvas import Canvas  # noqa: PLC0415

    class NumberedCanvas(Canvas):
        """Keeps each page until the end so that every footer can say "Page X of Y"."""

        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, total: int) -> None:
            width, height = A4
            self.setFont(BOLD, 9)
            self.setFillColorRGB(0.12, 0.22, 0.39)
            self.drawString(56, height - 40, header)
            self.setStrokeColorRGB(0.12, 0.22, 0.39)
            self.line(56, height - 46, width - 56, height - 46)
            self.setFont(FONT, 8)
            self.setFillColorRGB(0.3, 0.3, 0.3)
            self.drawString(56, 30, footer)
            self.drawRightString(width - 56, 30, f"Page {self._pageNumber} of {total}")

    return NumberedCanvas


def build_pdf(
    path: Path,
    story: Sequence[Any],
    *,
    title: str,
    author: str,
    header: str,
    footer: str,
    on_story: Callable[[], None] | None = None,
) -> Path:
    """Lay out `story` on A4 with the header and footer, write it to `path` (atomically)."""
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import SimpleDocTemplate  # noqa: PLC0415

    register_fonts()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    document = SimpleDocTemplate(
        str(temporary),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=22 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=author,
        lang="en-GB",
        initialFontName=FONT,
    )
    document.build(list(story), canvasmaker=_numbered_canvas(header, footer))
    temporary.replace(path)
    return path
