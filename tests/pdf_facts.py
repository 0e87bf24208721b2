"""Read a PDF back as facts (pages, text, fonts, metadata): PDFs are checked, never compared."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject


@dataclass
class PdfFacts:
    reader: PdfReader
    # pdftotext -layout of each page (what a person copying text gets).
    page_texts: list[str]
    # pypdf's text of each page (keeps the rotated DRAFT mark in one piece).
    pypdf_texts: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.page_texts)

    @property
    def pages(self) -> int:
        return len(self.reader.pages)

    def fonts(self) -> list[tuple[str, bool]]:
        """(BaseFont, embedded) of every font in every page's resources, form XObjects included."""
        found: list[tuple[str, bool]] = []
        for page in self.reader.pages:
            _collect_fonts(page.get("/Resources"), found)
        return found


def _collect_fonts(resources: object, found: list[tuple[str, bool]]) -> None:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            for descendant in font.get("/DescendantFonts", []) or []:
                descriptor = descendant.get_object().get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), embedded))
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if isinstance(xobject, DictionaryObject) and xobject.get("/Subtype") == "/Form":
                _collect_fonts(xobject.get("/Resources"), found)


def _pdftotext(path: Path, page: int) -> str:
    command = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def read_pdf(tmp_path: Path) -> Callable[[bytes], PdfFacts]:
    """Parse PDF bytes with pypdf and poppler's pdftotext."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    counter = iter(range(1_000_000))

    def read(data: bytes) -> PdfFacts:
        path = tmp_path / f"read-{next(counter)}.pdf"
        path.write_bytes(data)
        reader = PdfReader(io.BytesIO(data))
        pages = range(1, len(reader.pages) + 1)
        return PdfFacts(
            reader,
            [_pdftotext(path, n) for n in pages],
            [page.extract_text() for page in reader.pages],
        )

    return read
