"""How command modules add themselves to the command line.

A module under `partnerboard.cli` exposes `register(cli: CommandLine)` and adds commands
(`demo`, `check`) or kinds under a shared verb (`export actions`, `report minutes`,
`template s11`), each with the permission it needs from the one table of who may do what
(`domain.access.PERMISSIONS`); the command's context refuses it, in one line, to anyone whose
role lacks that permission before the command runs. Heavy libraries (openpyxl, reportlab, Qt) are imported inside the `run`
functions so that a command pays only for what it uses.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.errors import UserError

if TYPE_CHECKING:
    from partnerboard.domain.public_sector_year import Period

SHARED_VERBS = {
    "export": "write a register to a file (Excel, Word, HTML)",
    "report": "print a report as PDF (the yearly report: a Word draft)",
    "template": "generate partner workbooks (templates) to send out",
}


@dataclass
class CommandContext:
    """What a running command gets: its arguments, the database (opened on first use, and the
    signed-in user's permission for the command checked there), output."""

    args: argparse.Namespace
    open_db: Callable[[], Database]
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            opened = self.open_db()
            try:
                opened.principal.require(self.permission)
            except BaseException:
                opened.close()
                raise
            self._db = opened
        return self._db

    def output_file(self, *suffixes: str) -> Path:
        """`--output` checked: it ends in one of `suffixes` (".pdf") and its folder exists (one
        message if not). Every command that writes one file checks it here."""
        path = Path(self.args.output).expanduser()
        if path.suffix.lower() not in suffixes:
            raise UserError(f"The output file must end in {' or '.join(suffixes)}: {path.name}")
        if not path.parent.is_dir():
            raise UserError(f"There is no folder {path.parent} to write {path.name} in.")
        return path

    def period(
        self,
        text: str | None,
        option: str,
        kinds: Sequence[str],
        default: Callable[[date], Period] | None = None,
    ) -> Period:
        """The period `option` names ('2025/26', 'Q3 2025/26', '2026/27-Q2', 'latest' …) if it
        is one of `kinds`, read by the one parser of periods and refused in one line naming the
        option; not given: `default(today)` by the database's clock."""
        from partnerboard.domain.public_sector_year import Period  # noqa: PLC0415  (its commands only)

        today = self.db.clock.today()
        if not text:
            if default is None:
                raise UserError(f"Give {option}.")
            return default(today)
        try:
            return Period.parse(text, kinds, today=today)
        except ValueError as error:
            raise UserError(f"{option}: {error}") from None

    @property
    def permission(self) -> Permission:
        """What the command needs (`domain.access.PERMISSIONS`), declared where it registers."""
        return self.args.permission

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def print_json(self, data: Any) -> None:
        json.dump(data, self.out, indent=2, ensure_ascii=False, default=str)
        self.out.write("\n")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


Runner = Callable[[CommandContext], int]


def add_import_options(
    parser: argparse.ArgumentParser, fields: Sequence[str], example: str, sheet: str = "found"
) -> None:
    """The options of every command that brings a spreadsheet in: FILE, --sheet, --header-row,
    --map FIELD=HEADER (read by `domain.log_import.parse_map`), --dry-run and --json."""
    parser.add_argument("file", metavar="FILE", help="the workbook or CSV file (.xlsx or .csv)")
    parser.add_argument("--sheet", metavar="NAME", help=f"the sheet to read (default: {sheet})")
    parser.add_argument("--header-row", type=int, metavar="N", help="the row of the headings")
    parser.add_argument(
        "--map",
        action="append",
        metavar="FIELD=HEADER",
        help=f"which column holds a field, when its heading is not recognised, e.g. --map "
        f"{example} (or a column letter: --map {fields[0]}=D); fields: {', '.join(fields)}",
    )
    parser.add_argument("--dry-run", action="store_true", help="check and list; write nothing")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def check_output_argument(args: argparse.Namespace) -> None:
    """`-o PATH/` (ending in a separator) names a folder, never a file called PATH: created for
    commands that write into a folder (`output_folders`), refused with one line by the others.
    A path that is neither a file nor a folder (a device such as /dev/null, a pipe) is refused:
    a file is written beside it and moved into its place, which would replace the device."""
    given = getattr(args, "output", None)
    if not given:
        return
    path = Path(given).expanduser()
    if path.exists() and not (path.is_file() or path.is_dir()):
        raise UserError(f"{path} is not a file or a folder: give the name of a file to write.")
    if not given.endswith(("/", os.sep)):
        return
    folder = Path(given).expanduser()
    if not getattr(args, "output_folders", False):
        raise UserError(
            f"“{given}” names a folder; this command writes one file: give its name, e.g. "
            f"{folder / 'name'}{_suffix(args)}."
        )
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder.")
    folder.mkdir(parents=True, exist_ok=True)


def _suffix(args: argparse.Namespace) -> str:
    return {"report": ".pdf", "export": ".xlsx"}.get(getattr(args, "command", ""), "")


class CommandLine:
    def __init__(self, parser: argparse.ArgumentParser):
        self.parser = parser
        self._commands = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._verbs: dict[str, argparse._SubParsersAction] = {}

    def command(
        self, name: str, help: str, run: Runner, permission: Permission
    ) -> argparse.ArgumentParser:
        sub = self._commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run, permission=permission)
        return sub

    def kind(
        self, verb: str, name: str, help: str, run: Runner, permission: Permission
    ) -> argparse.ArgumentParser:
        if verb not in self._verbs:
            verb_parser = self._commands.add_parser(
                verb, help=SHARED_VERBS[verb], description=SHARED_VERBS[verb]
            )
            self._verbs[verb] = verb_parser.add_subparsers(
                dest="kind", metavar="KIND", required=True
            )
        sub = self._verbs[verb].add_parser(name, help=help, description=help)
        sub.set_defaults(run=run, permission=permission)
        return sub
