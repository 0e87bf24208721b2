"""Each register declared once: its pages, commands, workbook kinds and outputs.

A register's manifest (one small module here, e.g. `registers.section11`) names its parts with
plain strings, never importing them, so that reading every manifest costs start-up nothing.
From the manifests are built the main window's pages (`ui.pages.PAGES`), the command line's
modules (`cli.COMMAND_MODULES`, and which module a command needs), the kinds of returned
workbook (`workbooks.importer.KIND_MODULES`) and the outputs the trust and marking tests walk.
`tests/test_architecture.py` fails on a page, command module or workbook kind no manifest
claims, and on a name that does not import.

`MANIFESTS` lists them in the command line's order (the order of `partnerboard --help`); the
navigation shows the pages grouped under `NAVIGATION`'s headings, in manifest order within one.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

MANIFESTS = (
    "core",
    "partnership",
    "actions",
    "meetings",
    "imports",
    "section11",
    "audits",
    "reviews",
    "thresholds",
    "training",
    "performance",
    "access",
    "recovery",
    "publishing",
    "yearly",
)

# The headings of the navigation list, in the order shown.
NAVIGATION = (
    "Action log",
    "Partnership",
    "Meetings",
    "Audits",
    "Partner workbooks",
    "Learning",
    "Training",
    "Thresholds",
    "Performance",
    "Administration",
)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    where: str  # "module:Class", imported when the page is first built
    group: str  # heading in the navigation list (one of `NAVIGATION`)
    # Built only for roles with this permission (`domain.access.PERMISSIONS`), e.g. users, imports
    permission: str | None = None
    takes_files: bool = False  # files dropped on the window go to this page

    @property
    def page(self) -> Any:  # -> type[ui.pages.base.Page]
        module, name = self.where.split(":")
        return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Commands:
    """A module under `partnerboard.cli` and the commands its `register(cli)` adds: a command
    ("deadlines") or a kind under a shared verb ("export s11")."""

    module: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Output:
    """A command that writes or prints a register's records, as the trust and marking tests run
    it against the planted database: `{meeting}`, `{planned}`, `{round}`, `{agency}`, `{audit}`,
    `{review}` are filled from it and `{out}` is the folder written into."""

    name: str
    command: str  # split on spaces, then each word filled in

    def argv(self, facts: dict[str, Any], out: Path) -> list[str]:
        return [word.format(**facts, out=out) for word in self.command.split()]


@dataclass(frozen=True)
class Register:
    name: str
    pages: tuple[PageSpec, ...] = ()
    commands: tuple[Commands, ...] = ()
    kinds: tuple[str, ...] = ()  # modules that call `workbooks.importer.register_kind`
    outputs: tuple[Output, ...] = ()
    infrastructure: bool = False  # shared machinery rather than a register of records


@cache
def registers() -> tuple[Register, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}").REGISTER for name in MANIFESTS)


def pages(manifests: tuple[Register, ...] | None = None) -> list[PageSpec]:
    """Every page, in navigation order: by heading, then in manifest order."""
    specs = [spec for register in manifests or registers() for spec in register.pages]
    return sorted(specs, key=lambda spec: NAVIGATION.index(spec.group))


def command_modules(manifests: tuple[Register, ...] | None = None) -> tuple[str, ...]:
    return tuple(c.module for register in manifests or registers() for c in register.commands)


def modules_for(command: str, kind: str | None) -> tuple[str, ...]:
    """The module(s) adding `command` (`command kind` under a shared verb); () if none does."""
    wanted = {command, f"{command} {kind}"}
    return tuple(
        c.module
        for register in registers()
        for c in register.commands
        if wanted.intersection(c.names)
    )


def kind_modules(manifests: tuple[Register, ...] | None = None) -> tuple[str, ...]:
    return tuple(module for register in manifests or registers() for module in register.kinds)


def outputs(manifests: tuple[Register, ...] | None = None) -> tuple[Output, ...]:
    return tuple(output for register in manifests or registers() for output in register.outputs)
