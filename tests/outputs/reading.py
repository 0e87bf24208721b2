"""Every output read back as its receiver would: text per page, header and footer, first sheet."""

from __future__ import annotations

import subprocess
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl


@dataclass
class Read:
    """What a file says: its pages (or sheets), its header and footer, and everything in it."""

    path: Path
    first: str  # the first page, first sheet or the start of a Word document
    body: str  # everything
    furniture: list[str] = field(default_factory=list)  # each page's or sheet's header+footer


def read(path: Path) -> Read:
    if path.suffix == ".pdf":
        pages = []
        number = 1
        while True:
            done = subprocess.run(
                ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0 or not done.stdout.strip():
                break
            pages.append(done.stdout)
            number += 1
        # Header and footer: the first and last lines of each page.
        furniture = []
        for page in pages:
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            furniture.append(" | ".join([lines[0], lines[-1]]))
        return Read(path, pages[0], "\n".join(pages), furniture)
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        sheets = [s for s in book.worksheets if s.sheet_state == "visible"]

        def text_of(sheet) -> str:
            return "\n".join(
                str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None
            )

        furniture = [
            f"{s.oddHeader.center.text or ''} | {s.oddFooter.center.text or ''}" for s in sheets
        ]
        return Read(path, text_of(sheets[0]), "\n".join(text_of(s) for s in sheets), furniture)
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        paragraphs = [p.text for p in document.paragraphs]
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        section = document.sections[0]
        header = " ".join(p.text for p in section.header.paragraphs)
        footer = " ".join(p.text for p in section.footer.paragraphs)
        body = "\n".join(paragraphs + cells)
        return Read(path, "\n".join(paragraphs[:3]), body, [f"{header} | {footer}"])
    if path.suffix == ".html":  # a published page: one page, its header and footer
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        furniture = " | ".join(" ".join(page.parts[part]) for part in ("header", "footer"))
        return Read(path, " ".join(page.parts["main"]), " ".join(page.text), [furniture])
    with zipfile.ZipFile(path):  # pragma: no cover - no other kinds are written
        raise AssertionError(f"unexpected output {path}")


class _Page(HTMLParser):
    """The words of a page, and those of its header, main part and footer."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, list[str]] = {"header": [], "main": [], "footer": []}
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.parts:
            self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and data.strip():
            self.parts[self._open[-1]].append(data.strip())
            self.text.append(data.strip())
