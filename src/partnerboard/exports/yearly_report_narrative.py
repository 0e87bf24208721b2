"""Taking the team's narrative back from the edited Word draft of a yearly report.

The draft marks every heading the team writes under with a bookmark naming its slot, and draws
its own text in styles of its own (`exports.yearly_report_docx.GENERATED_STYLES`). So under each
such heading, every paragraph in another style is the team's: paragraphs, list items, and Heading
3 subheadings; a highlighted "To be written" paragraph counts once its prompt is written over.
A heading without a bookmark (the first page's, "About this report") ends a slot. Text is read
with tracked insertions and without tracked deletions; tables the team adds are not read.

Drawn paragraphs changed in Word are reported, not taken: figures always come from the registers.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.domain.yearly_report import SLOTS_BY_KEY, is_placeholder
from partnerboard.errors import UserError
from partnerboard.exports.yearly_report_docx import (
    BOOKMARK_PREFIX,
    FIGURE,
    GAP,
    GENERATED_STYLES,
    IDENTIFIER,
    NOTE,
    TO_WRITE,
    YEAR_BOOKMARK,
    drawn_texts,
)
from partnerboard.services.yearly_report import build_report
from partnerboard.services.yearly_report.document import Bullets, Text, narrative_text
from partnerboard.services.yearly_report.narrative import StoredNarrative, store_narrative

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TITLE = re.compile(r"Yearly report\s+(\d{4}\s*/\s*\d{2})")
_HEADING = re.compile(r"^(?:Heading|heading)\s*(\d)$")
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class DraftNarrative:
    """What the edited file holds: the year, the team's text per slot found, and drawn
    paragraphs that no longer read as drawn."""

    year: Period
    texts: dict[str, str]  # slot key -> stored form of the team's text ("" = nothing written)
    drawn: dict[str, list[str]]  # slot key -> texts of the drawn paragraphs as the file has them


@dataclass(frozen=True)
class TakenNarrative:
    year: Period
    stored: StoredNarrative
    missing: tuple[str, ...]  # titles of slots whose heading the file no longer has
    unwritten: tuple[str, ...]  # titles of slots found with nothing written
    changed_figures: tuple[str, ...]  # titles of slots where a drawn paragraph was edited


def _text(paragraph: Any) -> str:
    """A paragraph's text as the team sees it: tracked insertions in, deletions out."""
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any(a.tag == f"{_W}del" for a in node.iterancestors()):
            continue
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == f"{_W}tab" else "\n")
    return "".join(parts).strip()


def _year(document: Any) -> Period:
    body = document.element.body
    for mark in body.iter(f"{_W}bookmarkStart"):
        name = mark.get(f"{_W}name") or ""
        if name.startswith(YEAR_BOOKMARK):
            return Period.parse(name[len(YEAR_BOOKMARK) :].replace("_", "/"), (YEAR,))
    identifier = document.core_properties.identifier or ""
    if identifier.startswith(IDENTIFIER):
        return Period.parse(identifier[len(IDENTIFIER) :], (YEAR,))
    for paragraph in document.paragraphs[:5]:
        found = _TITLE.search(paragraph.text)
        if found:
            return Period.parse(found.group(1).replace(" ", ""), (YEAR,))
    raise UserError(
        "This Word file is not a yearly report drafted by partnerboard (it has no year); "
        "draw the draft with “report yearly” and edit that."
    )


def _open(path: Path) -> Any:
    import docx  # noqa: PLC0415  (python-docx: only when a Word file is read)

    if not path.is_file():
        raise UserError(f"There is no file {path}.")
    if path.suffix.lower() != ".docx":
        raise UserError(f"{path.name} is not a Word file (.docx); save it as .docx and try again.")
    try:
        with zipfile.ZipFile(path) as package:
            if sum(i.file_size for i in package.infolist()) > MAX_BYTES:
                raise UserError(f"{path.name} is too large to be a yearly report draft.")
        return docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UserError(f"{path.name} cannot be read as a Word document ({error}).") from None


def read_narrative(target: str | os.PathLike[str]) -> DraftNarrative:
    path = Path(target)
    document = _open(path)
    year = _year(document)
    blocks: dict[str, list[Text | Bullets]] = {}
    drawn: dict[str, list[str]] = {}
    current: str | None = None
    for element in document.element.body.iterchildren(f"{_W}p"):
        paragraph = _paragraph(document, element)
        style = paragraph.style.name if paragraph.style is not None else ""
        text = _text(element)
        slot = _slot_of(element)
        level = _HEADING.match(style)
        if slot is not None:
            current = slot
            blocks.setdefault(slot, [])
            drawn.setdefault(slot, [])
            continue
        if style == "Title" or (level and int(level.group(1)) <= 2):
            current = None  # a heading that is not the team's: what follows is not theirs
            continue
        if current is None or not text:
            continue
        if level:
            blocks[current].append(Text(text, "subheading"))
        elif style in (FIGURE, NOTE, GAP):
            drawn[current].append(text)
        elif style == TO_WRITE and is_placeholder(text) or style in GENERATED_STYLES - {TO_WRITE}:
            continue
        elif style.startswith("List"):
            last = blocks[current][-1] if blocks[current] else None
            if isinstance(last, Bullets):
                blocks[current][-1] = Bullets((*last.items, text), "narrative")
            else:
                blocks[current].append(Bullets((text,), "narrative"))
        else:
            blocks[current].append(Text(text, "narrative"))
    return DraftNarrative(year, {k: narrative_text(v) for k, v in blocks.items()}, drawn)


def _paragraph(document: Any, element: Any) -> Any:
    from docx.text.paragraph import Paragraph  # noqa: PLC0415

    return Paragraph(element, document._body)  # noqa: SLF001


def _slot_of(element: Any) -> str | None:
    for mark in element.iter(f"{_W}bookmarkStart"):
        name = mark.get(f"{_W}name") or ""
        key = name[len(BOOKMARK_PREFIX) :]
        if name.startswith(BOOKMARK_PREFIX) and key in SLOTS_BY_KEY:
            return key
    return None


def take_narrative(
    db: Database, target: str | os.PathLike[str], year: Period | None = None
) -> TakenNarrative:
    """Read the team's text from the edited draft and keep it for its year."""
    draft = read_narrative(target)
    if year is not None and draft.year != year:
        raise UserError(
            f"{Path(target).name} is the draft for {draft.year.label}, not {year.label}."
        )
    expected = drawn_texts(build_report(db, draft.year))
    changed = tuple(
        SLOTS_BY_KEY[key].title
        for key, texts in draft.drawn.items()
        if any(t not in expected.get(key, set()) for t in texts)
    )
    stored = store_narrative(db, draft.year, draft.texts, Path(target).name)
    return TakenNarrative(
        draft.year,
        stored,
        tuple(s.title for k, s in SLOTS_BY_KEY.items() if k not in draft.texts),
        tuple(SLOTS_BY_KEY[k].title for k, t in draft.texts.items() if not t.strip()),
        changed,
    )
