"""The yearly report as a structured document: plain data that any renderer turns into a file.

The draft goes to Word (`exports.yearly_report_docx`); the public version becomes a published
document (`published.yearly`: accessible HTML and a tagged PDF, like every published document).
Nothing here knows about files: a renderer walks `ReportDocument.sections` in order and draws
each piece of `content` by its type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import Classification
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.yearly_report import Requirement, Slot


@dataclass(frozen=True)
class Figure:
    """One key figure: what it counts, as printed, and the number behind it."""

    label: str
    value: str
    number: float | None = None


@dataclass(frozen=True)
class Figures:
    """Key figures, shown as a two-column table (what / how many)."""

    caption: str
    rows: tuple[Figure, ...]


@dataclass(frozen=True)
class Table:
    """A data table; the first cell of each row is that row's header."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths (a renderer scales them to the page)
    total: tuple[str, ...] | None = None  # a last row of totals, if any

    def __post_init__(self) -> None:
        assert len(self.widths) == len(self.header), self.caption
        assert all(len(r) == len(self.header) for r in self.rows), self.caption


@dataclass(frozen=True)
class Text:
    """A paragraph. `kind`: "figure" (a sentence drawn from the registers), "note" (how a
    figure was counted), "narrative" (the team's), "subheading" (the team's)."""

    text: str
    kind: str = "figure"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: str = "figure"  # or "narrative"


Content = Figures | Table | Text | Bullets


@dataclass(frozen=True)
class PartData:
    """What a provider returns for one part of the report, for the year asked about."""

    key: str
    content: tuple[Content, ...] = ()
    # Evidence the registers do not hold for the year ("no Section 11 round during 2025/26").
    gaps: tuple[str, ...] = ()
    # Restricted records counted or listed here (each listed one is labelled "Restricted").
    restricted: int = 0

    @property
    def has_evidence(self) -> bool:
        return any(isinstance(c, Figures | Table) for c in self.content)


@dataclass(frozen=True)
class ReportSection:
    """A heading and what follows it: the team's narrative, then what the registers hold."""

    slot: Slot
    level: int  # 1: a section (a requirement, the foreword ...); 2: a part of a section
    narrative: tuple[Text | Bullets, ...]  # empty: still to be written
    statutory: str | None = None  # the requirement as the guidance words it
    content: tuple[Content, ...] = ()
    gaps: tuple[str, ...] = ()

    @property
    def written(self) -> bool:
        return bool(self.narrative)


@dataclass(frozen=True)
class RequirementCheck:
    """Whether the registers hold evidence for a requirement, and which evidence they lack."""

    requirement: Requirement
    parts: tuple[str, ...]  # titles of the parts that draw on the registers
    gaps: tuple[str, ...]
    evidence: bool  # at least one part holds figures or a table for the year


@dataclass(frozen=True)
class ReportDocument:
    partnership: str
    short_name: str
    year: Period
    as_at: date  # figures as they stood on this day: 31 March, or today in a year not ended
    made_on: date
    public: bool
    classification: Classification  # `domain.marking`: from what the report holds
    checks: tuple[RequirementCheck, ...]
    sections: tuple[ReportSection, ...]
    about: tuple[str, ...]  # how the figures were drawn
    restricted: int  # restricted records counted or listed (0 in a public version)
    logo: bytes | None = None
    unwritten: tuple[str, ...] = field(default=())  # titles of sections still to be written

    @property
    def title(self) -> str:
        return f"Yearly report {self.year.label}"

    @property
    def marking(self) -> str:
        """ "" on a public version (it says it is public instead)."""
        return self.classification.marking

    @property
    def year_ended(self) -> bool:
        return self.as_at >= self.year.end

    @property
    def gaps(self) -> tuple[str, ...]:
        return tuple(g for check in self.checks for g in check.gaps)

    @property
    def unready(self) -> tuple[str, ...]:
        """Why the report may not be published yet (empty: it may): its year has not ended, or
        a required section has no narrative."""
        problems = []
        if not self.year_ended:
            problems.append(
                f"{self.year.label} has not ended (it ends on {format_date(self.year.end)})"
            )
        written = {s.slot.requirement for s in self.sections if s.written and s.slot.requirement}
        missing = [r.heading for r in Requirement if r not in written]
        if missing:
            problems.append("no narrative has been written for " + "; ".join(missing))
        return tuple(problems)


# ---------------------------------------------------------------- the team's narrative as text


def narrative_content(text: str | None) -> tuple[Text | Bullets, ...]:
    """Stored narrative (see `db.models.engagement.ReportNarrative`) as paragraphs and lists."""
    blocks: list[Text | Bullets] = []
    for block in (text or "").split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append(Bullets(tuple(line[2:].strip() for line in lines), "narrative"))
        elif lines[0].startswith("### "):
            blocks.append(Text(lines[0][4:].strip(), "subheading"))
            if lines[1:]:
                blocks.append(Text(" ".join(lines[1:]), "narrative"))
        else:
            blocks.append(Text("\n".join(lines), "narrative"))
    return tuple(blocks)


def narrative_text(blocks: list[Text | Bullets]) -> str:
    """The inverse of `narrative_content`: what is stored."""
    parts = []
    for block in blocks:
        if isinstance(block, Bullets):
            parts.append("\n".join(f"- {item}" for item in block.items))
        elif block.kind == "subheading":
            parts.append(f"### {block.text}")
        else:
            parts.append(block.text)
    return "\n\n".join(p for p in parts if p.strip())
