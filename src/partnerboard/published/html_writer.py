"""A published document as one self-contained, accessible HTML page.

The page has the document language (en-GB), a title, one h1 and headings in order, tables
with a caption and header cells (`<th scope>`), lists as lists, charts as images whose
alternative text states the figures, and the logo inline with alternative text. Every string
is escaped; there are no scripts and no external files, so the page can be put on any
website as it is. Tests run html-validate and axe-core over every published page.
"""

from __future__ import annotations

import base64
from html import escape

from partnerboard.domain.dates import format_date
from partnerboard.domain.palette import Swatch
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

# Contrast on white: text 19:1, muted #505a5f 7.1:1, white on the header blue 9.7:1.
STYLE = """
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #0b0c0c;
       max-width: 52rem; margin: 0 auto; padding: 1rem; line-height: 1.5; }
header { border-bottom: 2px solid #b1b4b6; margin-bottom: 1rem; overflow: hidden; }
header img { float: right; max-height: 3.5rem; max-width: 9rem; }
.partnership { font-weight: bold; margin: 0.25rem 0; }
.marking { text-align: center; font-weight: bold; letter-spacing: 0.05em; margin: 0.25rem 0; }
.subtitle { color: #505a5f; font-size: 1.15rem; margin-top: -0.5rem; }
.note { color: #505a5f; font-size: 0.95rem; }
.notice { border-left: 0.3rem solid #24466b; background: #f3f2f1; padding: 0.5rem 1rem;
          margin: 1rem 0; }
.notice p { margin: 0.25rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
thead th { background: #24466b; color: #ffffff; }
tbody th { font-weight: normal; }
tbody tr:nth-child(even) { background: #f3f2f1; }
.facts th { border: 0; font-weight: bold; width: 12rem; padding-left: 0; }
.facts td { border: 0; }
.facts tbody tr { background: none; }
.badge { display: inline-block; padding: 0 0.4rem; border-radius: 0.2rem; font-weight: bold; }
figure { margin: 0.5rem 0 1rem; }
figure img { width: 100%; height: auto; }
figcaption { color: #505a5f; font-style: italic; }
nav ul { list-style: none; padding-left: 0; }
nav li { margin: 0.2rem 0; }
footer { border-top: 2px solid #b1b4b6; margin-top: 2rem; color: #505a5f; }
a { color: #1d70b8; }
@media print { body { max-width: none; } thead { display: table-header-group; } }
"""


def _inline(parts: tuple[Inline, ...]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Strong):
            out.append(f"<strong>{escape(part.text)}</strong>")
        elif isinstance(part, Link):
            words = escape(part.text)
            out.append(f'<a href="{escape(part.url)}">{words}</a>' if part.safe else words)
        else:
            out.append(escape(part).replace("\n", "<br>"))
    return "".join(out)


def _swatch_class(swatch: Swatch) -> str:
    """One class per colour pair, e.g. "c-c62828-ffffff" (styles live in <style>, not inline)."""
    return f"c-{swatch.fill[1:]}-{swatch.text[1:]}".lower()


def _badge_styles(document: PublishedDocument) -> str:
    swatches = {
        cell.swatch
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
        if isinstance(cell, Badge)
    }
    return "".join(
        f".{_swatch_class(s)} {{ background: {s.fill}; color: {s.text}; }}\n"
        for s in sorted(swatches, key=_swatch_class)
    )


def _cell(value: object, tag: str, scope: str = "") -> str:
    scoped = f' scope="{scope}"' if scope else ""
    if isinstance(value, Badge):
        inner = f'<span class="badge {_swatch_class(value.swatch)}">{escape(value.text)}</span>'
    else:
        inner = escape(str(value)).replace("\n", "<br>")
    return f"<{tag}{scoped}>{inner}</{tag}>"


def _table(block: Table) -> str:
    head = "".join(_cell(h, "th", "col") for h in block.header)
    rows = "".join(
        "<tr>" + _cell(row[0], "th", "row") + "".join(_cell(c, "td") for c in row[1:]) + "</tr>"
        for row in block.rows
    )
    return (
        f"<table><caption>{escape(block.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _facts(block: Facts) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{escape(value)}</td></tr>'
        for label, value in block.pairs
    )
    return (
        f'<table class="facts"><caption>{escape(block.caption)}</caption>'
        f"<tbody>{rows}</tbody></table>"
    )


def _chart(block: Chart) -> str:
    svg = base64.b64encode(stacked_bar_svg(block.data).encode("utf-8")).decode("ascii")
    return (
        f'<figure><img src="data:image/svg+xml;base64,{svg}" alt="{escape(block.alt)}">'
        f"<figcaption>{escape(block.title)}</figcaption></figure>"
    )


def _notice(block: Notice) -> str:
    left_out = "".join(f"<li>{escape(line)}</li>" for line in block.left_out)
    listed = f"<p>Left out of this version:</p><ul>{left_out}</ul>" if left_out else ""
    return f'<div class="notice"><p><strong>{escape(block.statement)}</strong></p>{listed}</div>'


def _section_ids(document: PublishedDocument) -> dict[int, str]:
    """An id for each level-2 heading (by its place in the blocks), for a list of contents."""
    return {
        index: f"section-{number}"
        for number, index in enumerate(
            (i for i, b in enumerate(document.blocks) if isinstance(b, Heading) and b.level == 2),
            start=1,
        )
    }


def _contents(block: Contents, document: PublishedDocument, ids: dict[int, str]) -> str:
    """The sections as links, unnumbered (their titles carry any numbers), as in the PDF."""
    entries = "".join(
        f'<li><a href="#{ids[i]}">{escape(b.text)}</a></li>'
        for i, b in enumerate(document.blocks)
        if i in ids
    )
    return (
        f'<nav aria-labelledby="contents"><h2 id="contents">{escape(block.title)}</h2>'
        f"<ul>{entries}</ul></nav>"
    )


def _block(block: Block, anchor: str | None = None) -> str:
    if isinstance(block, Heading):
        named = f' id="{anchor}"' if anchor else ""
        return f"<h{block.level}{named}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        tone = f' class="{block.tone}"' if block.tone != "body" else ""
        return f"<p{tone}>{_inline(block.parts)}</p>"
    if isinstance(block, BulletList):
        return "<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Chart):
        return _chart(block)
    if isinstance(block, Notice):
        return _notice(block)
    raise TypeError(f"no HTML for {type(block).__name__}")


def _blocks(document: PublishedDocument) -> list[str]:
    ids = _section_ids(document)
    return [
        _contents(block, document, ids)
        if isinstance(block, Contents)
        else _block(block, ids.get(i))
        for i, block in enumerate(document.blocks)
    ]


def _logo(document: PublishedDocument) -> str:
    if not document.logo:
        return ""
    mime = "image/png" if document.logo.startswith(b"\x89PNG") else "image/jpeg"
    data = base64.b64encode(document.logo).decode("ascii")
    return f'<img src="data:{mime};base64,{data}" alt="{escape(document.partnership)} logo">'


def render_html(document: PublishedDocument) -> str:
    """The page as text (UTF-8 when written)."""
    marking = f'<p class="marking">{escape(document.marking)}</p>' if document.marking else ""
    contact = ""
    if document.contact:
        link = Link(document.contact, document.contact)
        if "@" in document.contact and not link.safe:
            link = Link(document.contact, f"mailto:{document.contact}")
        contact = f" Contact: {_inline((link,))}."
    published = (
        f"<p>Published by {escape(document.partnership)} on "
        f"{escape(format_date(document.generated_on))}.{contact}</p>"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.short_title)}</title>",
        f"<style>{STYLE}{_badge_styles(document)}</style>",
        "</head>",
        "<body>",
        f'<header>{marking}{_logo(document)}<p class="partnership">'
        f"{escape(document.partnership)}</p></header>",
        "<main>",
        *_blocks(document),
        "</main>",
        f"<footer>{published}{marking}</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)
