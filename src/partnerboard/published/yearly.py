"""The yearly report of the safeguarding partners, as the public reads it on the website.

Content comes from `services.yearly_report.build_report(public=True)`: every figure and table
drawn afresh from the registers read as the public (no restricted record is loaded at all),
with the team's narrative as taken back from the edited Word draft. The team's working notes
stay in the draft: the evidence the registers lack, and parts nobody wrote that hold no
figures (a preview shows every heading, with "To be written." where text is missing). `services.publication` says it is the public version and what it leaves out.

A report is published once its year has ended and each of the five required sections has
narrative (`ReportDocument.unready`); before that it is refused, or written as a preview, which
says "Preview" in its titles, its first heading and its file name, and across every PDF page.
"""

from __future__ import annotations

from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.public_sector_year import Period
from partnerboard.errors import UserError
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.published.framing import framing
from partnerboard.published.model import (
    Block,
    Contents,
    Notice,
    PublishedDocument,
    Strong,
    bullets,
    heading,
    para,
    paragraphs,
    short,
    table,
)
from partnerboard.services.publication import PublicVersion, yearly_report_version
from partnerboard.services.yearly_report import build_report
from partnerboard.services.yearly_report.document import (
    Bullets,
    Content,
    Figures,
    ReportDocument,
    ReportSection,
    Table,
    Text,
)

KIND = "yearly-report"


def _shown(section: ReportSection) -> bool:
    """A required section always; a part with nothing to show (no narrative, no figures) not."""
    required = section.level == 1 and section.slot.requirement is not None
    return required or bool(section.narrative or section.content)


def _narrative(block: Text | Bullets, level: int) -> list[Block]:
    if isinstance(block, Bullets):
        return [bullets(block.items)]
    if block.kind == "subheading":
        return [heading(level, block.text)]
    return list(paragraphs(block.text))


def _content(content: Content) -> list[Block]:
    if isinstance(content, Figures):
        return [
            table(
                content.caption,
                ("What", "Figure"),
                [(f.label, f.value) for f in content.rows],
                (3, 1),
            )
        ]
    if isinstance(content, Table):
        rows = [*content.rows, *([content.total] if content.total else [])]
        return [table(content.caption, content.header, rows, content.widths)]
    if isinstance(content, Bullets):
        return [bullets(content.items)]
    return [para(content.text, tone="note" if content.kind == "note" else "body")]


def _section(section: ReportSection, preview: bool) -> list[Block]:
    level = section.level + 1  # a section of the report is a level-2 heading, its parts level 3
    blocks: list[Block] = [heading(level, section.slot.title)]
    if section.statutory:
        blocks.append(para(f"Working Together 2023 asks for: {section.statutory}", tone="note"))
    for block in section.narrative:
        blocks += _narrative(block, level + 1)
    if preview and not section.narrative:
        blocks.append(para(Strong("To be written."), tone="note"))
    for content in section.content:
        blocks += _content(content)
    return blocks


def _reasons(report: ReportDocument) -> str:
    reasons = "; ".join(report.unready)
    return f" {reasons[:1].upper()}{reasons[1:]}." if reasons else ""


def build(
    report: ReportDocument, version: PublicVersion, *, preview: bool = False, **frame: Any
) -> PublishedDocument:
    year = report.year
    title = f"Preview: {report.title}" if preview else report.title
    blocks: list[Block] = [
        heading(1, title),
        para(
            f"The safeguarding partners' report for {year.label}: 1 April {year.year} to "
            f"31 March {year.year + 1}. Figures are as the records stood on "
            f"{format_date(report.as_at)}.",
            tone="subtitle",
        ),
    ]
    if preview:
        blocks.append(para(Strong("Preview: not for publication."), _reasons(report)))
    blocks += [Notice(version.statement, version.left_out), Contents()]
    for section in report.sections:
        if preview or _shown(section):  # a preview shows where the team's text will go
            blocks += _section(section, preview)
    blocks.append(heading(2, "About this report"))
    blocks += [para(line, tone="note") for line in report.about]
    return PublishedDocument(
        kind=f"preview-{KIND}" if preview else KIND,
        title=title,
        short_title=short(title),
        version=version,
        blocks=tuple(blocks),
        preview=preview,
        subject="The safeguarding partners' yearly report (Working Together 2023)",
        keywords=("yearly report", year.label, "safeguarding partners"),
        **frame,
    )


def public_yearly_report(
    db: Database,
    year: Period,
    *,
    preview: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> PublishedDocument:
    """The public version of `year`'s report; refused (one line) until it may be published,
    unless a preview is asked for."""
    report = build_report(db, year, public=True, progress=progress, cancel=cancel)
    if report.unready and not preview:
        raise UserError(
            f"The {year.label} report is not ready to publish: "
            + "; and ".join(report.unready)
            + ". Take the narrative from the edited draft first, or ask for a preview."
        )
    frame = framing(db)
    return build(report, yearly_report_version(frame["partnership"]), preview=preview, **frame)
