"""How command modules add themselves to the command line.

A module under `partnerboard.cli` exposes `register(cli: CommandLine)` and adds commands
(`demo`, `check`) or kinds under a shared verb (`export actions`, `report minutes`,
`template s11`). Heavy libraries (openpyxl, reportlab, Qt) are imported inside the `run`
functions so that a command pays only for what it uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from partnerboard.db.database import Database
from partnerboard.errors import UserError

SHARED_VERBS = {
    "export": "write a register to a file (Excel, Word, HTML)",
    "report": "print a report as PDF (the yearly report: a Word draft)",
    "template": "generate partner workbooks (templates) to send out",
}


@dataclass
class CommandContext:
    """What a running command gets: its arguments, the database (opened on first use), output."""

    args: argparse.Namespace
    open_db: Callable[[], Database]
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = self.open_db()
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

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def print_json(self, data: Any) -> None:
        json.dump(data, self.out, indent=2, ensure_ascii=False, default=str)
        self.out.write("\n")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def output(self, suffix: str) -> Path:
        """The file `-o` names, refused in one line unless it ends in `suffix` in a folder
        that exists."""
        path = Path(self.args.output).expanduser()
        if path.suffix.lower() != suffix:
            raise UserError(f"Name the output file …{suffix} (got “{path.name}”).")
        if not path.parent.is_dir():
            raise UserError(f"There is no folder {path.parent} to write {path.name} in.")
        return path


Runner = Callable[[CommandContext], int]


class CommandLine:
    def __init__(self, parser: argparse.ArgumentParser):
        self.parser = parser
        self._commands = parser.add_subparsers(dest="command", metavar="COMMAND")
        self._verbs: dict[str, argparse._SubParsersAction] = {}

    def command(self, name: str, help: str, run: Runner) -> argparse.ArgumentParser:
        sub = self._commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    def kind(self, verb: str, name: str, help: str, run: Runner) -> argparse.ArgumentParser:
        if verb not in self._verbs:
            verb_parser = self._commands.add_parser(
                verb, help=SHARED_VERBS[verb], description=SHARED_VERBS[verb]
            )
            self._verbs[verb] = verb_parser.add_subparsers(
                dest="kind", metavar="KIND", required=True
            )
        sub = self._verbs[verb].add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub
