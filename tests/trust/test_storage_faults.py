"""When the disk is full, the database locked, or an output path names a folder: one plain line,
nothing lost, nothing left named like a backup that is not one.

A full disk is made real without being root: SQLite's `max_page_count` (the database cannot
grow: SQLITE_FULL, as on a full disk) and the process's file-size limit (RLIMIT_FSIZE: every
write past it fails as a full disk does, for Python and for SQLite).
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event

from partnerboard import cli
from partnerboard.db import database
from partnerboard.db.schema import open_database
from partnerboard.errors import UserError
from partnerboard.services import partnership as p
from tests.trust.helpers import trail


def test_a_full_database_is_said_to_be_full_and_nothing_is_lost(demo_db_path):
    db = open_database(str(demo_db_path))
    try:
        db.engine.dispose()
        pages = sqlite3.connect(demo_db_path).execute("PRAGMA page_count").fetchone()[0]
        # Every connection of the app may grow the file by no more than it is now.
        event.listen(
            db.engine,
            "connect",
            lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages}"),
        )
        before = trail(demo_db_path)
        big = "x" * 200_000  # more than the free pages can hold
        with pytest.raises(UserError) as refused:
            p.save_agency(db, p.AgencyInput(name="Too big", sector="other", notes=big))
    finally:
        db.close()
    message = str(refused.value)
    assert message.startswith("The change could not be saved: there is no room left on the disk")
    assert "nothing was lost" in message and "damaged" not in message
    assert trail(demo_db_path) == before
    assert "Too big" not in {a.name for a in p.list_agencies(open_database(str(demo_db_path)))}


def test_a_database_locked_too_long_is_one_line(demo_db_path, monkeypatch):
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(demo_db_path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            status = cli.main(["--db", str(demo_db_path), "list", "agencies"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert status != 70, printed.getvalue()  # not "unexpected error"
    last = printed.getvalue().strip().splitlines()[-1]
    assert "locked by another program" in last and "Traceback" not in printed.getvalue()


RESTORE_WITHOUT_ROOM = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from partnerboard.db.restore import restore_database
    from partnerboard.db.target import parse_target
    from partnerboard.errors import UserError

    database, backup, folder, limit = sys.argv[1:5]
    # This process may write no file larger than `limit` bytes: the current database's copy
    # does not fit, as on a disk with that much room left.
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), int(limit)))
    try:
        restore_database(parse_target(database), Path(backup), Path(folder))
    except UserError as error:
        print("REFUSED", error)
    """
)


def test_a_restore_without_room_changes_nothing_and_leaves_no_false_backup(demo_db_path, tmp_path):
    from partnerboard.db.auto_backup import make_automatic_backup

    db = open_database(str(demo_db_path))
    saved = make_automatic_backup(db.target, tmp_path / "backups", keep=2)
    # The database grows after the backup: the backup fits in the room left, its copy does not.
    p.save_agency(db, p.AgencyInput(name="After the backup", sector="other", notes="x" * 900_000))
    db.close()
    with sqlite3.connect(demo_db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = demo_db_path.read_bytes()
    room = (saved.stat().st_size + len(before)) // 2
    safety = tmp_path / "safety"
    done = subprocess.run(
        [sys.executable, "-c", RESTORE_WITHOUT_ROOM, str(demo_db_path), str(saved), str(safety),
         str(room)],
        capture_output=True, text=True, timeout=120, env=os.environ,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("REFUSED The current database could not be kept first, so "
                                  "nothing was restored: there is no room left"), done.stdout  # fmt: skip
    assert demo_db_path.read_bytes() == before  # unchanged
    leftovers = [f.name for f in safety.glob("*")] if safety.exists() else []
    assert not [n for n in leftovers if n.endswith(".sqlite")], leftovers  # no false backup
    assert not leftovers


@pytest.mark.parametrize(
    "argv, expect",
    [
        (["export", "actions", "-o", "{out}/new/"], "names a folder; this command writes one file"),
        (["report", "thresholds", "-o", "{out}/new/"], "give its name, e.g."),
    ],
)
def test_an_output_ending_in_a_slash_is_never_a_file(demo_db_path, tmp_path, argv, expect):
    out = tmp_path / "out"
    out.mkdir()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        status = cli.main(["--db", str(demo_db_path), *[a.format(out=out) for a in argv]])
    assert status == 1 and expect in printed.getvalue()
    assert not (out / "new").exists()  # neither a file nor a folder was made


def test_a_folder_output_is_made_as_a_folder(demo_db_path, tmp_path):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        status = cli.main(
            ["--db", str(demo_db_path), "template", "action-update", "--all", "-o",
             f"{tmp_path}/sent/"]
        )  # fmt: skip
        backed = cli.main(["--db", str(demo_db_path), "backup", "-o", f"{tmp_path}/copies/"])
    assert status == 0 and backed == 0, printed.getvalue()
    assert (tmp_path / "sent").is_dir() and list((tmp_path / "sent").glob("*.xlsx"))
    copies = list((tmp_path / "copies").glob("demo-backup-*.sqlite"))
    assert len(copies) == 1 and Path(f"{copies[0]}.manifest").exists()


def test_an_output_that_is_neither_file_nor_folder_is_refused_and_kept(demo_db_path, tmp_path):
    """`-o` naming a device or a pipe (as /dev/null is) is refused in one line: the file written
    beside it and moved into its place would replace it."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        status = cli.main(["--db", str(demo_db_path), "export", "actions", "-o", str(pipe)])
    assert status == 1
    assert printed.getvalue().strip() == (
        f"partnerboard: {pipe} is not a file or a folder: give the name of a file to write."
    )
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still the pipe
