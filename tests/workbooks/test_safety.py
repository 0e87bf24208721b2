"""The guard refuses hostile and wrong files before any parser sees them, naming the problem."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from partnerboard.spreadsheets.safety import Limits, UnsafeWorkbook, open_package


def plain_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    book.save(path)
    return path


def rezip(
    source: Path, target: Path, extra: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()
) -> Path:
    """A copy of an xlsx package with parts added or left out."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            if info.filename not in drop:
                copy.writestr(info, original.read(info))
        for name, data in (extra or {}).items():
            copy.writestr(name, data)
    return target


def refused(path: Path, limits: Limits | None = None) -> UnsafeWorkbook:
    with pytest.raises(UnsafeWorkbook) as caught:
        open_package(path, limits or Limits())
    return caught.value


def test_a_plain_workbook_passes(tmp_path: Path) -> None:
    with open_package(plain_workbook(tmp_path / "ok.xlsx")) as package:
        assert package.workbook_part == "xl/workbook.xml"
        assert package.has("xl/worksheets/sheet1.xml")


def test_empty_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert refused(tmp_path / "empty.xlsx").code == "empty"
    assert refused(tmp_path / "nowhere.xlsx").code == "not_found"


def test_too_large_file(tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "big.xlsx")
    error = refused(path, Limits(max_file_bytes=1000))
    assert error.code == "too_large"
    assert "too large" in str(error)


def test_truncated_file(tmp_path: Path) -> None:
    whole = plain_workbook(tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    error = refused(tmp_path / "cut.xlsx")
    assert error.code == "damaged"
    assert "incomplete or damaged" in str(error)


def minimal_cfb(stream_names: tuple[str, ...] = ()) -> bytes:
    """A compound-file header and one directory sector, as an old .xls or encrypted file has."""
    header = bytearray(512)
    header[:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
    directory = bytearray(512)
    for index, name in enumerate(("Root Entry", *stream_names)):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[index * 128 : index * 128 + len(encoded)] = encoded
        struct.pack_into("<H", directory, index * 128 + 64, len(encoded))
    return bytes(header) + bytes(directory)


def test_old_xls_or_ole_file(tmp_path: Path) -> None:
    (tmp_path / "old.xlsx").write_bytes(minimal_cfb(("Workbook",)))
    error = refused(tmp_path / "old.xlsx")
    assert error.code == "ole"
    assert "password-protected or in the old Excel 97-2003 .xls format" in str(error)


def test_encrypted_workbook_made_by_msoffcrypto(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = plain_workbook(tmp_path / "plain.xlsx")
    encrypted = io.BytesIO()
    with plain.open("rb") as handle:
        OOXMLFile(handle).encrypt("secret", encrypted)
    (tmp_path / "locked.xlsx").write_bytes(encrypted.getvalue())
    error = refused(tmp_path / "locked.xlsx")
    assert error.code == "encrypted"
    assert "password-protected" in str(error)


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"Agency,Rating\nPolice,Fully met\n", "CSV or text file"),
        (b"\xef\xbb\xbfAgency;Rating\r\nPolice;Fully met\r\n", "CSV or text file"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "web page"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ],
)
def test_text_files_renamed_xlsx(tmp_path: Path, content: bytes, what: str) -> None:
    (tmp_path / "renamed.xlsx").write_bytes(content)
    error = refused(tmp_path / "renamed.xlsx")
    assert error.code == "text"
    assert what in str(error)


def test_binary_junk(tmp_path: Path) -> None:
    (tmp_path / "junk.xlsx").write_bytes(bytes(range(256)) * 4)
    assert refused(tmp_path / "junk.xlsx").code == "not_workbook"


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024))
    error = refused(path)
    assert error.code == "zip_bomb"
    assert "zip bomb" in str(error)


def test_zip_bomb_by_total_size(tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "ok.xlsx")
    assert refused(path, Limits(max_total_bytes=2000)).code == "zip_bomb"


def test_directory_that_lies_about_sizes(tmp_path: Path) -> None:
    """A central directory claiming a part is tiny: decompression is bounded by the claim."""
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/big.xml", b"<a>" + b"x" * 200_000 + b"</a>")
    data = bytearray(path.read_bytes())
    # Patch the uncompressed size in the central directory entry of xl/big.xml to 10 bytes.
    entry = data.rfind(b"PK\x01\x02")
    assert data[entry + 46 : entry + 46 + 10] == b"xl/big.xml"
    struct.pack_into("<I", data, entry + 24, 10)
    path.write_bytes(bytes(data))
    assert refused(path).code in {"zip_bomb", "damaged"}


def test_too_many_parts(tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "ok.xlsx")
    extra = {f"xl/media/image{i}.png": b"x" for i in range(30)}
    many = rezip(path, tmp_path / "many.xlsx", extra)
    assert refused(many, Limits(max_parts=20)).code == "too_many_parts"


@pytest.mark.parametrize(
    "name", ["../evil.xml", "/etc/passwd", "xl\\worksheets\\s.xml", "xl/./a.xml"]
)
def test_unsafe_part_names(tmp_path: Path, name: str) -> None:
    path = plain_workbook(tmp_path / "ok.xlsx")
    # zipfile would drop a leading "/": write a placeholder of the same length, then patch it.
    placeholder = "Q" + name[1:]
    bad = rezip(path, tmp_path / "bad.xlsx", {placeholder: b"x"})
    data = bad.read_bytes().replace(placeholder.encode(), name.encode())
    bad.write_bytes(data)
    assert name in {i.filename for i in zipfile.ZipFile(bad).infolist()}
    assert refused(bad).code == "bad_part_name"


def test_duplicate_part_names(tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "ok.xlsx")
    with pytest.warns(UserWarning, match="Duplicate name"):
        bad = rezip(path, tmp_path / "dup.xlsx", {"xl/worksheets/sheet1.xml": b"<worksheet/>"})
    assert refused(bad).code == "duplicate_part"


def test_macros_refused(tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "ok.xlsx")
    macro = rezip(path, tmp_path / "macro.xlsx", {"xl/vbaProject.bin": b"\x00" * 64})
    error = refused(macro)
    assert error.code == "macros"
    assert ".xlsm" in str(error)


def test_macro_content_type_refused(tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(path) as original:
        types = original.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
        )
    macro = rezip(
        path, tmp_path / "m.xlsx", {"[Content_Types].xml": types}, drop=("[Content_Types].xml",)
    )
    assert refused(macro).code == "macros"


def test_external_links_refused(tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "ok.xlsx")
    linked = rezip(path, tmp_path / "linked.xlsx", {"xl/externalLinks/externalLink1.xml": b"<x/>"})
    error = refused(linked)
    assert error.code == "external_links"
    assert "links to other workbooks" in str(error)


def test_other_zip_documents_are_named(tmp_path: Path) -> None:
    word = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert "Word document" in str(refused(word))
    ods = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office/>")
    assert "OpenDocument spreadsheet (.ods)" in str(refused(ods))


def _patched(path: Path, target: Path, change: Callable[[bytearray, int], None]) -> Path:
    """A copy of a stored (uncompressed) package with bytes of its first sheet changed:
    `change(data, offset)`, where `offset` is that part's local header."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        change(data, archive.getinfo("xl/worksheets/sheet1.xml").header_offset)
    target.write_bytes(bytes(data))
    return target


def _stored(tmp_path: Path) -> Path:
    return rezip_stored(plain_workbook(tmp_path / "ok.xlsx"), tmp_path / "stored.xlsx")


def rezip_stored(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            copy.writestr(info.filename, original.read(info), zipfile.ZIP_STORED)
    return target


def test_a_part_whose_bytes_were_changed_is_refused_as_damaged(tmp_path: Path) -> None:
    """Its CRC no longer matches: the part is unpacked whole, so the check must still see it."""

    def flip(data: bytearray, offset: int) -> None:
        start = offset + 30 + len("xl/worksheets/sheet1.xml")
        at = data.index(b"hello", start)
        data[at : at + 5] = b"HELLO"

    error = refused(_patched(_stored(tmp_path), tmp_path / "changed.xlsx", flip))
    assert error.code == "damaged"
    assert "cannot be unpacked" in str(error)


def test_a_part_named_differently_in_its_header_is_refused_as_damaged(tmp_path: Path) -> None:
    def rename(data: bytearray, offset: int) -> None:
        start = offset + 30
        data[start : start + 3] = b"XL/"

    error = refused(_patched(_stored(tmp_path), tmp_path / "renamed.xlsx", rename))
    assert error.code == "damaged"


@pytest.mark.parametrize("how", ["deflated", "stored", "libreoffice"])
def test_the_guard_hands_on_exactly_the_parts_zipfile_reads(tmp_path: Path, how, request) -> None:
    """What the guard unpacked (and the reader then parses) is each part as zipfile reads it."""
    path = plain_workbook(tmp_path / "ok.xlsx")
    if how == "stored":
        path = rezip_stored(path, tmp_path / "stored.xlsx")
    elif how == "libreoffice":
        path = request.getfixturevalue("resave")(path)
    with open_package(path) as package, zipfile.ZipFile(path) as archive:
        xml = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        assert xml and sorted(package.unpacked) == sorted(xml)
        for name in xml:
            assert package.unpacked[name] == archive.read(name)
