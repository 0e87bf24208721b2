"""The published yearly report as one self-contained, accessible HTML page.

Drawn from the public version of the report (`build_report(..., public=True)`: read as the
public, so no restricted record is in any figure or table) with the team's narrative. Like the
public minutes (`exports.minutes_html`): the document language (en-GB), a title, one h1 and
headings in order, a list of contents, tables with captions and header cells (`<th scope>`),
every user string escaped, no scripts and no external files.

A year that has not ended, or a report whose sections the team has not all written, is refused
unless asked for a preview, which says so at its top.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.public_year import PublicYear
from partnerboard.domain.yearly_report import PUBLIC_NOTE, Requirement
from partnerboard.errors import UserError
from partnerboard.exports.minutes_html import STYLE, logo_img
from partnerboard.exports.minutes_html import _table as data_table
from partnerboard.exports.minutes_html import _text as paragraphs
from partnerboard.exports.text import plain
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.yearly_report import build_report
from partnerboard.services.yearly_report.document import (
    Bullets,
    Figures,
    ReportDocument,
    ReportSection,
    Table,
    Text,
)

EXTRA_STYLE = """
nav ol { padding-left: 1.5rem; }
.preview { border: 3px solid #b00020; padding: 0.5rem 1rem; }
footer { border-top: 2px solid #b1b4b6; margin-top: 2rem; }
"""


def published_file_name(year: PublicYear) -> str:
    return f"yearly-report-{year.slug}.html"


def unready(document: ReportDocument) -> list[str]:
    """Why the report cannot be published yet (empty: it can)."""
    problems = []
    if not document.year_ended:
        problems.append(
            f"{document.year.label} has not ended (it ends on {format_date(document.year.end)})"
        )
    written = {s.slot.requirement for s in document.sections if s.written and s.slot.requirement}
    missing = [r.heading for r in Requirement if r not in written]
    if missing:
        problems.append("no narrative has been written for " + "; ".join(missing))
    return problems


def publish_yearly_report(
    db: Database,
    year: PublicYear,
    folder: str | os.PathLike[str],
    *,
    preview: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[ReportDocument, Path]:
    """Write the public version of `year`'s report into `folder` (made if it is missing);
    returns it and the path. Nothing is written when it is refused."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file; give a folder to publish into.")
    if not folder.parent.is_dir():
        raise UserError(f"There is no folder {folder.parent} to make {folder.name} in.")
    document = build_report(db, year, public=True, progress=progress, cancel=cancel)
    problems = unready(document)
    if problems and not preview:
        raise UserError(
            f"The {year.label} report is not ready to publish: "
            + "; and ".join(problems)
            + ". Take the narrative from the edited draft first, or ask for a preview."
        )
    folder.mkdir(exist_ok=True)
    path = folder / published_file_name(year)
    path.write_text(render_report_html(document, preview=bool(problems) or preview), "utf-8")
    return document, path


def _id(section: ReportSection) -> str:
    return f"s-{section.slot.key.replace('_', '-')}"


def _shown(section: ReportSection) -> bool:
    """Published: a part with nothing to show (no narrative, no figures) is left out."""
    return (
        section.level == 1
        and section.slot.requirement is not None
        or bool(section.narrative or section.content)
    )


def render_report_html(document: ReportDocument, *, preview: bool = False) -> str:
    title = f"{document.title}: {document.partnership}"
    logo = logo_img(document.logo, document.partnership)
    sections = [s for s in document.sections if _shown(s)]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(plain(title))}{' (preview)' if preview else ''}</title>",
        f"<style>{STYLE}{EXTRA_STYLE}</style>",
        "</head>",
        "<body>",
        f"<header>{logo}<p>{escape(plain(document.partnership))}</p></header>",
        "<main>",
        f"<h1>{escape(plain(document.title))}</h1>",
    ]
    if preview:
        parts.append(
            '<p class="preview"><strong>Preview: not for publication.</strong> '
            + escape(_preview_reason(document))
            + "</p>"
        )
    parts.append(
        f'<p class="note">{escape(PUBLIC_NOTE)} Figures are as the records stood on '
        f"{escape(format_date(document.as_at))}.</p>"
    )
    parts.append('<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>')
    parts += [
        f'<li><a href="#{_id(s)}">{escape(plain(s.slot.title))}</a></li>'
        for s in sections
        if s.level == 1
    ]
    parts.append('<li><a href="#about">About this report</a></li></ol></nav>')
    for section in sections:
        parts += _section(section, preview)
    parts.append('<h2 id="about">About this report</h2>')
    parts += [f'<p class="note">{escape(plain(line))}</p>' for line in document.about]
    parts += [
        "</main>",
        f"<footer><p>{escape(plain(document.partnership))}: {escape(plain(document.title))}, "
        f"published {escape(format_date(document.made_on))}.</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _preview_reason(document: ReportDocument) -> str:
    reasons = "; ".join(unready(document))
    return f"{reasons[:1].upper()}{reasons[1:]}." if reasons else ""


def _list(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{escape(plain(i))}</li>" for i in items) + "</ul>"


def _section(section: ReportSection, preview: bool) -> list[str]:
    level = section.level + 1  # h2 for a section, h3 for a part of one
    out = [f'<h{level} id="{_id(section)}">{escape(plain(section.slot.title))}</h{level}>']
    if section.statutory:
        out.append(
            f'<p class="note">Working Together 2023 asks for: {escape(section.statutory)}</p>'
        )
    for block in section.narrative:
        out.append(_narrative(block, level + 1))
    if not section.narrative and preview:
        out.append('<p class="note"><strong>To be written.</strong></p>')
    for content in section.content:
        out.append(_content(content))
    return out


def _narrative(block: Text | Bullets, level: int) -> str:
    if isinstance(block, Bullets):
        return _list(block.items)
    if block.kind == "subheading":
        return f"<h{level}>{escape(plain(block.text))}</h{level}>"
    return paragraphs(block.text)


def _content(content: Figures | Table | Text | Bullets) -> str:
    if isinstance(content, Figures):
        return data_table(
            content.caption, ("What", "Figure"), [(f.label, f.value) for f in content.rows]
        )
    if isinstance(content, Table):
        rows = [*content.rows, *([content.total] if content.total else [])]
        return data_table(content.caption, content.header, rows)
    if isinstance(content, Bullets):
        return _list(content.items)
    css = ' class="note"' if content.kind == "note" else ""
    return f"<p{css}>{escape(plain(content.text))}</p>"
