"""Writing a published document: the HTML page and the tagged PDF side by side, under one name.

    written = write_document(public_minutes(db, 5), folder, "Executive-2026-08-11-minutes")
    written.html, written.pdf

Both files are written through a temporary file and renamed, so a failure never leaves half a
document where a good one was. Names are plain ASCII (letters, digits, hyphens): they go on
websites and through mail gateways.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from partnerboard.errors import UserError
from partnerboard.published.html_writer import render_html
from partnerboard.published.model import PublishedDocument
from partnerboard.published.pdf_writer import render_pdf


@dataclass(frozen=True)
class Written:
    document: PublishedDocument
    html: Path
    pdf: Path


def slug(*parts: object) -> str:
    """'Executive – 11/08/2026' → 'Executive-11-08-2026': safe in a file name and a web address."""
    text = unicodedata.normalize("NFKD", " ".join(str(p) for p in parts if p))
    ascii_text = text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9.]+", "-", ascii_text).strip("-.") or "document"


def check_folder(folder: str | os.PathLike[str]) -> Path:
    """The folder to publish into, if it is one or can be made (nothing is made yet)."""
    path = Path(folder).expanduser()
    if path.exists() and not path.is_dir():
        raise UserError(f"{path} is a file, not a folder: name a folder to publish into.")
    if not path.exists() and not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist.")
    return path


def output_folder(folder: str | os.PathLike[str]) -> Path:
    """The folder to publish into, made if its parent exists."""
    path = check_folder(folder)
    path.mkdir(exist_ok=True)
    return path


def write_atomically(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"Could not write {path}: {error.strerror or error}.") from error
    return path


def write_html(document: PublishedDocument, path: Path) -> Path:
    return write_atomically(path, render_html(document).encode("utf-8"))


def write_pdf(document: PublishedDocument, path: Path) -> Path:
    return write_atomically(path, render_pdf(document))


def write_document(document: PublishedDocument, folder: Path, stem: str) -> Written:
    """`stem`.html and `stem`.pdf in `folder`, with the same content."""
    return Written(
        document,
        write_html(document, folder / f"{stem}.html"),
        write_pdf(document, folder / f"{stem}.pdf"),
    )
