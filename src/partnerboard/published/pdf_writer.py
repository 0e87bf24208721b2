"""A published document as a tagged PDF (PDF/UA-1), made by Typst.

reportlab cannot tag a PDF; Typst (the `typst` wheel, no system libraries on any platform)
writes the structure tree, the document language, the title shown by the viewer, headings,
tables with header cells, lists, figures with alternative text and the page header and footer
as artifacts, and refuses to write a PDF/UA-1 file that breaks a rule it can check (an image
without alternative text, say). The engine was chosen on measurements: see
docs/published.md.

The layout lives in one Typst file, `resources/published/document.typ`, which reads the
document as JSON data from `sys.inputs`. No user string is ever written into Typst markup, so
`#import`, `*bold*`, `<b>` or a backslash typed by a partner are printed as they were typed.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, time
from typing import Any

from partnerboard.domain.dates import format_date
from partnerboard.exports.columns import CHAR_MM, fit_widths
from partnerboard.published.charts import stacked_bar_svg
from partnerboard.published.model import (
    Badge,
    Block,
    BulletList,
    Chart,
    Contents,
    Facts,
    Heading,
    Inline,
    Link,
    Notice,
    Paragraph,
    PublishedDocument,
    Strong,
    Table,
)
from partnerboard.published.pdf_tags import captions_into_tables
from partnerboard.settings import resource

STANDARD = "ua-1"
# The text column of `document.typ` (A4 less 18 mm each side), its table text (8.5 pt, bold in
# the header) and a cell's padding (4 pt each side), for column widths that split no word.
COLUMN_MM = 210 - 2 * 18
TABLE_CHAR_MM = CHAR_MM * 8.5 / 9
CELL_PAD_MM = 8 * 25.4 / 72


def _inline(parts: tuple[Inline, ...]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, Strong):
            out.append({"text": part.text, "strong": True})
        elif isinstance(part, Link) and part.safe:
            out.append({"text": part.text, "url": part.url})
        else:
            out.append({"text": part.text if isinstance(part, Link) else part})
    return out


def _cell(value: object) -> object:
    if isinstance(value, Badge):
        return {"text": value.text, "fill": value.swatch.fill, "ink": value.swatch.text}
    return value


def _widths(block: Table) -> list[float]:
    """Column widths in mm: as the document asks (equal if it does not say), widened where a
    word would not fit (a date, a reference), so that no word runs into the next column."""
    lines = [block.header, *block.rows]
    texts = [[c.text if isinstance(c, Badge) else str(c) for c in line] for line in lines]
    asked = block.widths or (1.0,) * len(block.header)
    return fit_widths(asked, texts, COLUMN_MM, char_mm=TABLE_CHAR_MM, pad_mm=CELL_PAD_MM)


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"type": "heading", "level": block.level, "text": block.text}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "tone": block.tone, "parts": _inline(block.parts)}
    if isinstance(block, BulletList):
        return {"type": "list", "items": [_inline(item) for item in block.items]}
    if isinstance(block, Table):
        return {
            "type": "table",
            "caption": block.caption,
            "header": list(block.header),
            "rows": [[_cell(c) for c in row] for row in block.rows],
            "widths": _widths(block),
        }
    if isinstance(block, Facts):
        return {"type": "facts", "caption": block.caption, "pairs": list(block.pairs)}
    if isinstance(block, Chart):
        return {
            "type": "chart",
            "title": block.title,
            "alt": block.alt,
            "svg": stacked_bar_svg(block.data),
        }
    if isinstance(block, Notice):
        return {"type": "notice", "statement": block.statement, "left_out": list(block.left_out)}
    if isinstance(block, Contents):
        return {"type": "contents", "title": block.title}
    raise TypeError(f"no PDF for {type(block).__name__}")


def _logo_svg(logo: bytes | None) -> str:
    """The logo wrapped in SVG, so that it travels as text; the box keeps its proportions."""
    if not logo:
        return ""
    mime = "image/png" if logo.startswith(b"\x89PNG") else "image/jpeg"
    data = base64.b64encode(logo).decode("ascii")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 140" width="320" '
        'height="140"><image width="320" height="140" preserveAspectRatio="xMaxYMin meet" '
        f'href="data:{mime};base64,{data}"/></svg>'
    )


def document_data(document: PublishedDocument) -> dict[str, Any]:
    """What the Typst template reads: every string as data."""
    return {
        "title": document.title,
        "partnership": document.partnership,
        "subject": document.subject,
        "keywords": list(document.keywords),
        "marking": document.marking,
        "mark": document.unfinished.upper(),  # "DRAFT", "PREVIEW" or none
        "published": format_date(document.generated_on),
        "logo": _logo_svg(document.logo),
        "blocks": [_block(block) for block in document.blocks],
    }


def render_pdf(document: PublishedDocument) -> bytes:
    """The document as PDF/UA-1 bytes."""
    import typst  # noqa: PLC0415  (a compiled extension: only when a PDF is made)

    made_at = document.made_at or datetime.combine(document.generated_on, time(12))
    compiler = typst.Compiler(
        str(resource("published", "document.typ")),
        font_paths=[str(resource("fonts"))],
        ignore_system_fonts=True,
    )
    try:
        made = compiler.compile(
            format="pdf",
            pdf_standards=[STANDARD],
            sys_inputs={"document": json.dumps(document_data(document), ensure_ascii=False)},
            timestamp=made_at.replace(microsecond=0, tzinfo=UTC),
        )
    except typst.TypstError as error:  # a bug in the template or the data, not the user's
        raise RuntimeError(
            f"Typst could not lay out “{document.title}”: {error.message}"
        ) from error
    return captions_into_tables(made)  # where a page break left a caption outside its table
