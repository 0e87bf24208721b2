"""The guard every returned file passes before any parser sees it.

openpyxl and calamine have no size limits of their own (TECH-NOTES: a 1.85 KB file ran past
90 s and 4 GB; a 400 MB zip bomb parsed for 35 s), so this module looks at the raw bytes and
the zip directory first and refuses, in plain English, anything that is not a plain .xlsx
workbook of a sensible size:

- wrong formats, named so the partner knows what to do: an old .xls or a password-protected
  workbook (both are OLE compound files), a CSV or text file, a web page, an OpenDocument or
  binary (.xlsb) workbook, a Word or PowerPoint document, an empty or truncated file;
- zip bombs: too many parts, parts or totals too large once uncompressed, a compression ratio
  no spreadsheet has; each part is then decompressed in bounded chunks, which also catches a
  directory that lies about sizes and any damaged (CRC) part;
- odd part names (absolute, `..`, duplicates), macros (`vbaProject.bin`, .xlsm content types,
  ActiveX) and links to other workbooks or external data;
- XML declarations (`<!DOCTYPE`, `<!ENTITY`) in any XML part: entity bombs and external
  entities (XXE) are refused by name before calamine, whose parser is not defusedxml, sees them.

`open_package` returns the open, checked `Package`; the reader then reads its parts.
"""

from __future__ import annotations

import posixpath
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from defusedxml import ElementTree as SafeET

from partnerboard.errors import UserError

MB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)


@dataclass(frozen=True)
class Limits:
    """Bounds on what a returned workbook may be; generous for real returns, tight for bombs."""

    max_file_bytes: int = 20 * MB
    max_parts: int = 500
    max_part_bytes: int = 32 * MB
    max_total_bytes: int = 128 * MB
    # XML compresses well (10-30x); a sheet of whitespace compresses 1000x. The ratio is only
    # judged for parts big enough to matter.
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 * MB
    max_rows: int = 5000
    max_columns: int = 200
    max_cells: int = 250_000
    max_seconds: float = 20.0


DEFAULT_LIMITS = Limits()


class UnsafeWorkbook(UserError):
    """The file was refused before parsing; `code` names the reason for programs and tests."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


@dataclass
class Package:
    """A checked .xlsx package: the file's bytes (read once, so that what was checked is what is
    parsed), the open zip, its parts' names and its main workbook part."""

    path: Path
    data: bytes
    archive: zipfile.ZipFile
    names: frozenset[str]
    workbook_part: str
    limits: Limits
    # XML parts as unpacked by the check, so that the reader does not unpack them twice.
    unpacked: dict[str, bytes] = field(default_factory=dict)

    def read(self, name: str) -> bytes:
        """One part's bytes (already checked: bounded size, intact)."""
        return _unpacked(self.archive, self.unpacked, name)

    def has(self, name: str) -> bool:
        return name in self.names

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_package(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> Package:
    """Check `path` and return it open as a `Package`; raises `UnsafeWorkbook` with the reason."""
    path = Path(path)
    _check_file(path, limits)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnsafeWorkbook("unreadable", f"The file cannot be read ({error.strerror}).") from None
    if len(data) > limits.max_file_bytes:  # it grew since it was measured
        raise UnsafeWorkbook("too_large", "The file is too large.")
    if not data.startswith(ZIP_MAGICS):
        raise _not_a_zip(data[: 1 * MB], path.suffix.casefold())
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise UnsafeWorkbook(
            "damaged",
            "The file is incomplete or damaged (it looks cut short, for example by an "
            "interrupted download or e-mail attachment). Ask for it to be sent again.",
        ) from None
    try:
        infos = archive.infolist()
        _check_directory(infos, limits)
        unpacked = _check_parts_intact(archive, infos, limits, data)
        names = frozenset(info.filename for info in infos)
        workbook_part = _find_workbook(archive, names, unpacked)
        _check_content(archive, names, unpacked)
    except BaseException:
        archive.close()
        raise
    return Package(path, data, archive, names, workbook_part, limits, unpacked)


def _check_file(path: Path, limits: Limits) -> int:
    try:
        if not path.is_file():
            raise UnsafeWorkbook("not_found", f"There is no file at {path}.")
        size = path.stat().st_size
    except OSError as error:
        raise UnsafeWorkbook("unreadable", f"The file cannot be read ({error.strerror}).") from None
    if size == 0:
        raise UnsafeWorkbook("empty", "The file is empty (0 bytes). Ask for it to be sent again.")
    if size > limits.max_file_bytes:
        raise UnsafeWorkbook(
            "too_large",
            f"The file is too large ({_mb(size)}; a return is at most "
            f"{_mb(limits.max_file_bytes)}). Remove pictures or extra sheets and save it again.",
        )
    return size


def _not_a_zip(head: bytes, suffix: str = "") -> UnsafeWorkbook:
    """Name what the file is instead of a workbook, so the partner knows how to fix it."""
    if head.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in head:
            return UnsafeWorkbook(
                "encrypted",
                "The workbook is password-protected (encrypted), so it cannot be read. Open it, "
                "remove the password (Excel: File > Info > Protect Workbook) and save it again "
                "as an Excel Workbook (.xlsx).",
            )
        return UnsafeWorkbook(
            "ole",
            "The file is password-protected or in the old Excel 97-2003 .xls format. Open it, "
            "remove any password and save it as an Excel Workbook (.xlsx).",
        )
    text = _as_text(head)
    if text is None:
        return UnsafeWorkbook(
            "not_workbook",
            "The file is not an Excel workbook (.xlsx). Save it from Excel or LibreOffice as an "
            "Excel Workbook (.xlsx).",
        )
    sample = text.lstrip().casefold()
    if sample.startswith("{\\rtf"):
        what = "a Rich Text (RTF) document"
    elif sample.startswith("%pdf"):
        what = "a PDF"
    elif sample.startswith("<") and any(tag in sample for tag in ("<html", "<table", "<!doctype")):
        what = "a web page (HTML) saved with a spreadsheet name"
    elif sample.startswith("<"):
        what = "an XML file"
    elif suffix in (".csv", ".txt", ".tsv"):
        return UnsafeWorkbook(
            "text",
            f"The file is a {'CSV' if suffix == '.csv' else 'text'} file ({suffix}), not an "
            "Excel workbook: it keeps only the values, not the template they belong to, so it "
            "cannot be matched to a return. Please fill in the template that was sent and save "
            "it as an Excel Workbook (.xlsx).",
        )
    elif any(sep in sample for sep in (",", ";", "\t")):
        what = f"a CSV or text file renamed {suffix or '.xlsx'}"
    else:
        what = f"a text file renamed {suffix or '.xlsx'}"
    return UnsafeWorkbook(
        "text",
        f"The file is {what}, not an Excel workbook. Open the template that was sent, fill it "
        "in and save it as an Excel Workbook (.xlsx).",
    )


def _as_text(head: bytes) -> str | None:
    """The sample as text if it plausibly is text (UTF-8/16 or a single-byte code page)."""
    sample = head[:4096]
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if sample.startswith(bom):
            return sample[len(bom) :].decode(encoding, errors="replace")
    if b"\x00" in sample:
        return None
    text = sample.decode("utf-8", errors="replace") if sample else ""
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return text if text and printable / len(text) > 0.9 else None


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_parts:
        raise UnsafeWorkbook(
            "too_many_parts",
            f"The file has {len(infos)} internal parts (a workbook has a few dozen at most); "
            "it was refused as possibly harmful.",
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        folded = name.casefold()
        parts = name.split("/")
        if (
            not name
            or len(name) > 260
            or name.startswith("/")
            or "\\" in name
            or "\x00" in name
            or ":" in name
            or ".." in parts
            or posixpath.normpath(name) != name.rstrip("/")
        ):
            raise UnsafeWorkbook(
                "bad_part_name",
                "The file contains a part with an unsafe name; it was refused as possibly "
                "harmful. Save the workbook again from Excel or LibreOffice.",
            )
        if folded in seen:
            raise UnsafeWorkbook(
                "duplicate_part",
                "The file contains two parts of the same name; it was refused as possibly "
                "harmful. Save the workbook again from Excel or LibreOffice.",
            )
        seen.add(folded)
        if info.flag_bits & 0x1:
            raise UnsafeWorkbook(
                "encrypted",
                "Parts of the file are password-protected, so it cannot be read. Remove the "
                "password and save it again as an Excel Workbook (.xlsx).",
            )
        total += info.file_size
        too_big = info.file_size > limits.max_part_bytes or total > limits.max_total_bytes
        ratio = info.file_size / max(info.compress_size, 1)
        if too_big or (info.file_size > limits.ratio_floor_bytes and ratio > limits.max_ratio):
            raise UnsafeWorkbook(
                "zip_bomb",
                "The file would expand to far more data than a workbook holds (a 'zip bomb'); "
                "it was refused as possibly harmful.",
            )


def _find_workbook(
    archive: zipfile.ZipFile, names: frozenset[str], unpacked: dict[str, bytes]
) -> str:
    """The main workbook part named by the package relationships, or a refusal saying what it is."""
    target = None
    if "_rels/.rels" in names:
        target = _office_document(_unpacked(archive, unpacked, "_rels/.rels"))
    if target and target in names and target.endswith(".xml") and target.startswith("xl/"):
        return target
    if "mimetype" in names:
        kind = archive.read("mimetype")[:100].decode("ascii", errors="replace")
        what = (
            "an OpenDocument spreadsheet (.ods)"
            if "spreadsheet" in kind
            else "an OpenDocument file"
        )
    elif any(n.startswith("xl/") and n.endswith(".bin") for n in names):
        what = "an Excel binary workbook (.xlsb)"
    elif "word/document.xml" in names:
        what = "a Word document"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint presentation"
    else:
        what = "a zip archive, not an Excel workbook"
    if "spreadsheet" in what:
        # LibreOffice keeps the template's sheets (and its hidden details) when it saves the
        # same file as .xlsx: nothing needs typing again.
        raise UnsafeWorkbook(
            "not_workbook",
            f"The file is {what}. Open it in LibreOffice and save it again as an Excel "
            "Workbook (.xlsx): File > Save As, file type “Excel 2007-365 (.xlsx)”. Nothing "
            "needs typing again.",
        )
    raise UnsafeWorkbook(
        "not_workbook",
        f"The file is {what}. Open the template that was sent and save it as an Excel "
        "Workbook (.xlsx).",
    )


def _unpacked(archive: zipfile.ZipFile, unpacked: dict[str, bytes], name: str) -> bytes:
    found = unpacked.get(name)
    return found if found is not None else archive.read(name)


# Every return of a template has the same package relationships: parsed once.
@lru_cache(maxsize=32)
def _office_document(rels: bytes) -> str | None:
    """The main part the package relationships name (None if they name none, or are unusable)."""
    try:
        root = SafeET.fromstring(rels)
    except Exception:  # defusedxml refusals and ParseError alike: the part is unusable
        return None
    for rel in root.iter(f"{RELS_NS}Relationship"):
        if rel.get("Type") in OFFICE_DOCUMENT:
            return rel.get("Target", "").lstrip("/")
    return None


def _check_content(
    archive: zipfile.ZipFile, names: frozenset[str], unpacked: dict[str, bytes]
) -> None:
    folded = [n.casefold() for n in names]
    content_types = ""
    if "[Content_Types].xml" in names:
        content_types = _unpacked(archive, unpacked, "[Content_Types].xml").decode(
            "utf-8", errors="replace"
        )
    if (
        any(n.endswith("vbaproject.bin") or n.startswith("xl/activex/") for n in folded)
        or "macroenabled" in content_types.casefold()
    ):
        raise UnsafeWorkbook(
            "macros",
            "The workbook contains macros (.xlsm), which are never opened here. Save it as an "
            "Excel Workbook (.xlsx), without macros, and send it again.",
        )
    if any(n.startswith("xl/externallinks/") for n in folded):
        raise UnsafeWorkbook(
            "external_links",
            "The workbook links to other workbooks. Remove the links (Excel: Data > Edit Links > "
            "Break Link) and save it again.",
        )
    if "xl/connections.xml" in folded:
        raise UnsafeWorkbook(
            "external_data",
            "The workbook connects to external data. Remove the connections (Excel: Data > "
            "Queries & Connections) and save it again.",
        )


# What zipfile raises on a damaged archive: besides BadZipFile, a mangled header gives a
# ValueError ("negative seek value", found by the importer's fuzz test), struct.error and more.
_UNPACKING_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    ValueError,
    struct.error,
    IndexError,
    KeyError,
    OverflowError,
)


def _check_parts_intact(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    limits: Limits,
    data: bytes | None = None,
) -> dict[str, bytes]:
    """Decompress every part in bounded chunks: sizes that lie, CRC errors and time all stop it.

    Returns the XML parts' bytes (bounded by the limits) for the reader to use. A small part
    that is plainly intact is unpacked straight from the file's bytes (`_unpack_plain`); any
    other part, and any part that does not come out exactly as the directory says, goes
    through zipfile in chunks, which decides what is wrong with it.
    """
    deadline = time.monotonic() + limits.max_seconds
    kept: dict[str, bytes] = {}
    view = memoryview(data) if data is not None else None
    for info in infos:
        if info.is_dir():
            continue
        keep = info.filename.endswith((".xml", ".rels"))
        plain = _unpack_plain(view, info) if view is not None else None
        if plain is not None:
            if time.monotonic() > deadline:
                raise _too_slow()
            if keep:
                kept[info.filename] = plain
                _check_no_declarations(plain)
            continue
        chunks: list[bytes] = []
        read = 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(256 * 1024):
                    read += len(chunk)
                    if read > limits.max_part_bytes or read > info.file_size:
                        raise UnsafeWorkbook(
                            "zip_bomb",
                            "The file expands to more data than it declares (a 'zip bomb'); "
                            "it was refused as possibly harmful.",
                        )
                    if time.monotonic() > deadline:
                        raise _too_slow()
                    if keep:
                        chunks.append(chunk)
        except _UNPACKING_ERRORS:
            raise UnsafeWorkbook(
                "damaged",
                "The file is damaged (part of it cannot be unpacked). Ask for it to be sent "
                "again, saved as an Excel Workbook (.xlsx).",
            ) from None
        if keep:
            kept[info.filename] = b"".join(chunks)
            _check_no_declarations(kept[info.filename])
    return kept


def _too_slow() -> UnsafeWorkbook:
    return UnsafeWorkbook(
        "too_slow",
        "The file took too long to check and was refused. Save it again from Excel or "
        "LibreOffice, without pictures or extra sheets.",
    )


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's own layout of a part's local header
_PLAIN_PART_BYTES = 256 * 1024  # larger parts: unpacked in chunks, the deadline checked between
_ODD_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, compressed patch data, strong encryption


def _unpack_plain(data: memoryview, info: zipfile.ZipInfo) -> bytes | None:
    """The part's bytes, unpacked in one call, when everything about it is as its directory
    entry says: a local header of the same name, stored or deflated, at most
    `_PLAIN_PART_BYTES`, exactly `file_size` bytes out (never more are produced) and the CRC
    right. None otherwise: zipfile then reads it and names the fault. Returns what
    `zipfile.ZipFile.read` would, for a tenth of its cost on a workbook's small parts."""
    size = info.file_size
    if size > _PLAIN_PART_BYTES or info.compress_type not in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    ):
        return None
    offset = info.header_offset
    if offset < 0 or offset + _LOCAL_HEADER.size > len(data):
        return None
    header = _LOCAL_HEADER.unpack_from(data, offset)
    if header[0] != b"PK\x03\x04" or (header[3] | info.flag_bits) & _ODD_FLAGS:
        return None
    start = offset + _LOCAL_HEADER.size
    try:
        expected = info.orig_filename.encode("utf-8" if header[3] & 0x800 else "cp437")
    except UnicodeEncodeError:
        return None
    if data[start : start + header[10]] != expected:
        return None
    start += header[10] + header[11]
    end = getattr(info, "_end_offset", None)  # where the next part begins (Python ≥ 3.12)
    raw = data[start : start + info.compress_size]
    if len(raw) != info.compress_size or (end is not None and start + len(raw) > end):
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        out = bytes(raw)
        return out if len(out) == size and zlib.crc32(out) == info.CRC else None
    return _inflated(bytes(raw), size, info.CRC)


# Returns of one template share most parts byte for byte (styles, theme, instructions): the
# same compressed bytes, size and CRC always inflate to the same checked part.
@lru_cache(maxsize=64)
def _inflated(raw: bytes, size: int, crc: int) -> bytes | None:
    try:
        out = zlib.decompressobj(-15).decompress(raw, size + 1)
    except zlib.error:
        return None
    return out if len(out) == size and zlib.crc32(out) == crc else None


# Spreadsheet programs never write a DTD; one in a workbook is an entity bomb ("billion laughs")
# or an external entity reaching for a file on this computer (XXE). defusedxml refuses them where
# it parses, but calamine has its own parser, so every XML part is refused here, by name, first.
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


def _check_no_declarations(data: bytes) -> None:
    if b"<!" not in data and b"<\x00!" not in data:  # what every marker begins with
        return
    if any(marker in data for marker in _DECLARATIONS):
        raise UnsafeWorkbook(
            "xml_entities",
            "The workbook contains XML declarations (a DOCTYPE or entities) that spreadsheet "
            "programs never write; they can expand to gigabytes or read files on this computer, "
            "so the file was refused as possibly harmful. Save it again from Excel or "
            "LibreOffice as an Excel Workbook (.xlsx).",
        )


def openpyxl_for_partner_files():
    """openpyxl, for any code that must parse a partner's file with it (`load_workbook`).

    openpyxl parses with defusedxml only when defusedxml is installed, and says nothing when it
    is not (`openpyxl.xml.DEFUSEDXML`); a packaging mistake would then leave entity bombs and
    external entities to the standard library's parser. Partner files are read by `reader`
    (calamine, after this guard); anything that opens one with openpyxl goes through here.
    """
    import openpyxl  # noqa: PLC0415  (≈0.2 s; only when a partner file is parsed with it)
    from openpyxl import xml as openpyxl_xml  # noqa: PLC0415

    if not openpyxl_xml.DEFUSEDXML:
        raise UnsafeWorkbook(
            "xml_unprotected",
            "Partner workbooks cannot be opened: this installation of partnerboard lacks its "
            "protection against harmful XML (the defusedxml package). Reinstall partnerboard "
            "or ask whoever supports it.",
        )
    return openpyxl
