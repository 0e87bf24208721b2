"""Fuzzing the importer with mutations of a real filled return (hypothesis, bounded, reproducible).

Two families: the zip's bytes flipped, inserted or deleted; and the XML of the answers sheet and
of sharedStrings.xml rewritten (random text, entities, huge numbers, bad dates, odd Unicode,
very long strings) and re-zipped. Property: `import_paths` never raises; each file is imported
or refused with a message, and a refused file leaves the database as it was.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerboard.workbooks.importer import FileStatus, import_paths
from tests.fixtures.hostile import make_corpus
from tests.fixtures_s11 import snapshot
from tests.workbooks.test_hostile_corpus import state

FUZZ = settings(
    max_examples=150,
    deadline=5000,  # ms per example: a guard against a hang, generous for a loaded machine
    derandomize=True,  # the same examples on every run and in CI
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Baseline:
    """The baseline's bytes, kept out of hypothesis's report of a failing example."""

    def __init__(self, data: bytes):
        self.data = data

    def __repr__(self) -> str:
        return f"<filled return, {len(self.data)} bytes>"


@pytest.fixture(scope="module")
def fuzz_setup(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("fuzz")
    db, _world = make_corpus.corpus_database(folder / "partnerboard.sqlite")
    base = Baseline(make_corpus.base_return(folder / "base"))
    yield db, base.data, folder
    db.close()


def check_import(db, folder: Path, data: bytes) -> None:
    path = folder / "mutated.xlsx"
    path.write_bytes(data)
    before = (snapshot(db), state(db.target.path))
    report = import_paths(db, [path])  # any exception fails the test
    [result] = report.files
    if result.status == FileStatus.REJECTED:
        assert result.errors, "a refusal says why"
        assert all(e.message.strip() for e in result.errors)
        assert (snapshot(db), state(db.target.path)) == before
    else:
        assert result.status in (FileStatus.IMPORTED, FileStatus.UNCHANGED)


byte_edit = st.tuples(
    st.sampled_from(["flip", "insert", "delete"]),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.binary(min_size=1, max_size=8),
)


@FUZZ
@given(edits=st.lists(byte_edit, min_size=1, max_size=6))
def test_mutated_zip_bytes(fuzz_setup, edits) -> None:
    db, base, folder = fuzz_setup
    data = bytearray(base)
    for operation, where, value in edits:
        at = int(where * (len(data) - 1))
        if operation == "flip":
            data[at] ^= value[0] or 0xFF
        elif operation == "insert":
            data[at:at] = value
        else:
            del data[at : at + len(value)]
    check_import(db, folder, bytes(data))


NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "&lol;",
            "&amp;&lt;&#0;&#x1F600;&#xD800;",
            "1e308",
            "-1e400",
            "99999999999999999999999999999",
            "NaN",
            "31/02/2026",
            "00/00/0000",
            "2026-13-45",
            "\u202e\u200b\ufeff\U0001f4a9",
            "_x0000_ _x001B_",
            "=1+1",
            "x" * 40_000,
            "]]><![CDATA[",
            "</t></si><si><t>",
            '<c r="XFD1048576"><v>1</v></c>',
        ]
    ),
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def xml_edit(draw):
    """(part, text to replace, replacement): values, raw XML fragments or references."""
    part = draw(st.sampled_from([make_corpus.SHEET, make_corpus.STRINGS]))
    target = draw(
        st.sampled_from(
            [b"Fully met", make_corpus.EVIDENCE.encode(), b"<v>0</v>", b'r="D9"', b"</row>"]
        )
    )
    text = draw(NASTY_TEXT)
    raw = draw(st.booleans())  # raw: the text goes in unescaped, so the XML may break
    value = text if raw else _escape(text)
    return part, target, value.encode("utf-8", errors="surrogatepass")


@FUZZ
@given(edits=st.lists(xml_edit(), min_size=1, max_size=4))
def test_mutated_sheet_and_shared_strings_xml(fuzz_setup, edits) -> None:
    db, base, folder = fuzz_setup
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for part, target, value in edits:
        if target in parts[part]:
            parts[part] = parts[part].replace(target, value, 1)
    check_import(db, folder, make_corpus.zipped(parts))


def test_one_byte_deleted_mid_file_is_refused_not_a_crash(fuzz_setup) -> None:
    """Found by the fuzz test: zipfile raised ValueError ("negative seek value")."""
    db, base, folder = fuzz_setup
    middle = len(base) // 2
    path = folder / "cut.xlsx"
    path.write_bytes(base[:middle] + base[middle + 1 :])
    [result] = import_paths(db, [path]).files
    assert result.status == FileStatus.REJECTED
    assert "damaged" in result.errors[0].message
