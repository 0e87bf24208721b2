"""Reading a Word file back as a reader sees it: headings, paragraphs, and each table with its
caption (the paragraph in the Caption style just before it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


@dataclass
class WordFile:
    path: Path
    document: object
    headings: list[tuple[int, str]] = field(default_factory=list)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (style, text)
    tables: dict[str, list[list[str]]] = field(default_factory=dict)  # caption -> rows

    def figures(self, caption: str) -> dict[str, str]:
        """A key-figures table as label -> value."""
        return {row[0]: row[1] for row in self.tables[caption][1:]}

    def table(self, caption: str) -> list[dict[str, str]]:
        header, *rows = self.tables[caption]
        return [dict(zip(header, row, strict=True)) for row in rows]

    def caption_starting(self, start: str) -> str:
        found = [c for c in self.tables if c.startswith(start)]
        assert len(found) == 1, (start, list(self.tables))
        return found[0]

    def texts(self, style: str | None = None) -> list[str]:
        return [t for s, t in self.paragraphs if style is None or s == style]


def read_word(path: Path) -> WordFile:
    document = docx.Document(str(path))
    found = WordFile(path, document)
    caption = None
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document._body)  # noqa: SLF001
            style = paragraph.style.name if paragraph.style is not None else ""
            text = paragraph.text.strip()
            if style.startswith("Heading"):
                found.headings.append((int(style.split()[-1]), text))
            if style == "Caption":
                caption = text
            elif text:
                found.paragraphs.append((style, text))
        elif tag == "tbl":
            table = Table(element, document._body)  # noqa: SLF001
            rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
            assert caption is not None, f"a table without a caption: {rows[:1]}"
            found.tables[caption] = rows
            caption = None
    return found
