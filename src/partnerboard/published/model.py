"""A published document as data: headings, paragraphs, lists, tables, facts and charts.

Each document module (`minutes`, `agenda`, `briefing`, `thresholds`) builds one
`PublishedDocument`; `html_writer` and `pdf_writer` render any of them, so the web page and
the tagged PDF always hold the same content in the same order. The model holds plain text
only: values are turned into what people read (dates dd/mm/yyyy, a choice's label) and
stripped of control characters when a block is made, and neither writer ever reads a string
as markup.

The structure a screen reader relies on is checked here, once for both formats: one title
(the only level-1 heading, first), no skipped heading levels, a table's rows as wide as its
header, and a draft (or a preview) that says so in its title and its first heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.palette import Swatch
from partnerboard.exports.text import plain
from partnerboard.services.publication import PublicVersion


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Link:
    """A web or e-mail address; only http(s) and mailto are made links, anything else is text."""

    text: str
    url: str

    @property
    def safe(self) -> bool:
        return self.url.lower().startswith(("https://", "http://", "mailto:"))


Inline = str | Strong | Link


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = the document's title (one only), 2 = sections, 3 and 4 below them
    text: str


# body: running text; subtitle: under the title; note: smaller, muted (presenters, status).
Tone = Literal["body", "subtitle", "note"]


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...]
    tone: Tone = "body"


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Badge:
    """A table cell drawn on a colour (a RAG rating); its text says what the colour means."""

    text: str
    swatch: Swatch


Cell = str | Badge


@dataclass(frozen=True)
class Table:
    """A data table: column headers, and the first cell of each row as its row header."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty

    def __post_init__(self) -> None:
        if self.widths and len(self.widths) != len(self.header):
            raise ValueError("widths needs one weight per column")
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError(
                    f"a row of “{self.caption}” has {len(row)} cells for {len(self.header)} columns"
                )


@dataclass(frozen=True)
class Facts:
    """Label and value pairs (date, place, chair …) shown as a short list of facts."""

    caption: str
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Chart:
    """A stacked bar chart; `alt` states every figure in words (the text alternative)."""

    title: str
    data: Breakdown

    @property
    def alt(self) -> str:
        return self.data.describe(self.title)


@dataclass(frozen=True)
class Notice:
    """What the document is: "This is the public version …", and what was left out of it."""

    statement: str
    left_out: tuple[str, ...]


@dataclass(frozen=True)
class Contents:
    """A list of the document's sections (its level-2 headings), under a level-2 heading of its
    own; links to them on the web page, a tagged table of contents in the PDF."""

    title: str = "Contents"


Block = Heading | Paragraph | BulletList | Table | Facts | Chart | Notice | Contents
SHORT_TITLE = 70  # a browser tab shows little more; html-validate's long-title rule agrees


@dataclass(frozen=True)
class PublishedDocument:
    kind: str  # "minutes", "agenda", "briefing" …: names the files
    title: str  # the PDF's title and running header
    short_title: str  # the web page's title (a browser tab; at most 70 characters)
    partnership: str
    generated_on: date  # the database's clock
    version: PublicVersion
    blocks: tuple[Block, ...]
    draft: bool = False
    # Written before it may be published (a yearly report whose year has not ended): says
    # "preview" where a draft says "draft".
    preview: bool = False
    logo: bytes | None = None
    contact: str | None = None  # the partnership's website or e-mail, in the footer
    made_at: datetime | None = None  # naive UTC from the database's clock (the PDF's date)
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        headings = [
            Heading(2, b.title) if isinstance(b, Contents) else b
            for b in self.blocks
            if isinstance(b, Heading | Contents)
        ]
        if not headings or self.blocks[0] is not headings[0] or headings[0].level != 1:
            raise ValueError("a published document starts with its title (a level-1 heading)")
        if sum(1 for h in headings if h.level == 1) != 1:
            raise ValueError("a published document has exactly one level-1 heading")
        for before, after in zip(headings, headings[1:], strict=False):
            if after.level > before.level + 1 or after.level < 2:
                raise ValueError(f"heading “{after.text}” skips a level after “{before.text}”")
        titles = (self.title, self.short_title, headings[0].text)
        word = self.unfinished
        if word and not all(word in t.casefold() for t in titles):
            raise ValueError(f"a {word} says “{word}” in its titles and its first heading")
        if len(self.short_title) > SHORT_TITLE:
            raise ValueError(f"“{self.short_title}” is longer than {SHORT_TITLE} characters")

    @property
    def unfinished(self) -> str:
        """The word said in its titles and first heading and marked across every PDF page:
        "draft" or "preview"; empty for a document in its final form."""
        return "draft" if self.draft else "preview" if self.preview else ""

    @property
    def heading(self) -> str:
        return next(b.text for b in self.blocks if isinstance(b, Heading))

    @property
    def marking(self) -> str:
        return self.version.marking


# ---------------------------------------------------------------- building blocks from values


def text(value: object) -> str:
    """A value as people read it (dates dd/mm/yyyy, a choice's label), controls removed."""
    return plain(value).strip()


def short(title: str) -> str:
    """`title` cut to fit a browser tab, at a word, with an ellipsis if anything is left out."""
    if len(title) <= SHORT_TITLE:
        return title
    cut = title[: SHORT_TITLE - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return f"{cut}…"


def heading(level: int, value: object) -> Heading:
    return Heading(level, " ".join(text(value).split()))


def paragraphs(value: object, tone: Tone = "body") -> list[Paragraph]:
    """Text typed by a person: each blank-line-separated block a paragraph (lines kept)."""
    blocks = [b.strip() for b in text(value).split("\n\n")]
    return [Paragraph((b,), tone) for b in blocks if b]


def para(*parts: Inline | object, tone: Tone = "body") -> Paragraph:
    return Paragraph(tuple(p if isinstance(p, (Strong, Link)) else plain(p) for p in parts), tone)


def bullets(items: Iterable[object]) -> BulletList:
    return BulletList(tuple((text(i),) for i in items))


def table(
    caption: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float] = (),
) -> Table:
    cells = tuple(tuple(c if isinstance(c, Badge) else text(c) for c in row) for row in rows)
    return Table(caption, tuple(header), cells, tuple(widths))


def facts(caption: str, pairs: Iterable[tuple[str, object]]) -> Facts:
    return Facts(caption, tuple((label, text(value)) for label, value in pairs))


def badge(value: object, label: str | None = None) -> Badge:
    """A RAG, rating or grade on its colour ('Amber', 'Not met'); grey and 'Not rated' if unknown."""
    swatch = palette.named_swatch(value) or palette.GREY
    if label is None:
        words = text(value)
        label = words[:1].upper() + words[1:].replace("_", " ") if words else "Not rated"
    return Badge(label, swatch)
