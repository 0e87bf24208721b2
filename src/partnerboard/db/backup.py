"""Consistent copies of a database: SQLite's online backup, or pg_dump for PostgreSQL.

Copying the live SQLite file is not a backup (most copies taken during writes were torn or
missing commits, TECH-NOTES); the online backup API in one step (`pages=-1`) always gave a
consistent copy, also while another process was writing. The copy goes to a temporary file
that is renamed into place only when complete.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlalchemy import Engine

if TYPE_CHECKING:
    from partnerboard.db.database import Database

from partnerboard.clock import Clock, default_clock
from partnerboard.db.audit_anchor import manifest_path, write_manifest
from partnerboard.db.storage_errors import storage_error
from partnerboard.db.target import DatabaseTarget, parse_target
from partnerboard.domain.access import Permission
from partnerboard.errors import UserError
from partnerboard.settings import app_paths


def timestamp(clock: Clock | None = None) -> str:
    """Local date and time for a backup's file name (by `clock`, else the default clock)."""
    return (clock or default_clock()).now_local().strftime("%Y%m%d-%H%M%S")


def _trail_end(path: Path) -> tuple[int, str] | None:
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT seq, hash FROM audit_chain_head").fetchone()
    except sqlite3.Error:  # a database from before the audit trail
        return None
    finally:
        connection.close()
    return (int(row[0]), str(row[1])) if row else None


def backup_sqlite(source: Path, destination: Path) -> Path:
    """A consistent copy of `source` at `destination`, with its trail's end signed beside it
    (`audit_anchor.write_manifest`). Written under a `.partial` name and renamed when complete:
    a failure (a full disk) leaves nothing named like a backup."""
    destination = destination.resolve()
    if destination == source.resolve():
        raise UserError("The backup cannot overwrite the database itself.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=-1)
                # A backup should stand alone: one file, no -wal beside it.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        end = _trail_end(partial)
        os.replace(partial, destination)
        if end is not None:
            write_manifest(destination, parse_target(str(source)), *end)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        manifest_path(destination).with_name(manifest_path(destination).name + ".partial").unlink(
            missing_ok=True
        )
        raise storage_error(error, destination.parent, "The backup failed") from None
    return destination


def pg_dump_command() -> str:
    found = shutil.which("pg_dump")
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"), reverse=True):
        return str(candidate)
    raise UserError(
        "pg_dump was not found; install the PostgreSQL client tools to back up a shared database."
    )


def backup_postgres(target: DatabaseTarget, destination: Path) -> Path:
    url = target.url
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    command = [pg_dump_command(), "--format=custom", f"--file={partial}", "--no-owner"]
    if url.host:
        command.append(f"--host={url.host}")
    if url.port:
        command.append(f"--port={url.port}")
    if url.username:
        command.append(f"--username={url.username}")
    command.append(str(url.database))
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        message = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise UserError(f"pg_dump failed: {message}")
    os.replace(partial, destination)
    return destination


def backup_database(db: Database, destination: Path) -> Path:
    """A backup asked for by someone (the command, File → Back up): only whoever may back up
    (`Permission.BACK_UP`), since the copy holds every record, password hash and key."""
    db.principal.require(Permission.BACK_UP)
    return backup_target(db.target, destination)


def backup_target(target: DatabaseTarget, destination: Path) -> Path:
    if target.path is not None:
        return backup_sqlite(target.path, destination)
    return backup_postgres(target, destination)


def backup_before_upgrade(
    target: DatabaseTarget, engine: Engine, revision: str, backups: Path | None
) -> Path:
    folder = backups or app_paths().backups
    if target.path is not None:
        name = f"{target.path.stem}-before-upgrade-from-{revision}-{timestamp()}.sqlite"
    else:
        name = f"{target.url.database}-before-upgrade-from-{revision}-{timestamp()}.dump"
    engine.dispose()  # no pooled connection holds a transaction open during the copy
    return backup_target(target, folder / name)
