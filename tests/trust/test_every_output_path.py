"""A member signed in meets no restricted record anywhere: every command that writes or prints
(exports, PDFs, templates, lists) and every page of the app.

Restricted records are planted with marker words; the same outputs made by business support
must show every marker (so each check can fail), those made by a member none, except the one
record whose audience names that member. The commands are those the registers' manifests
declare; they are checked against the command line's own parser, so a new export, report or
template fails here until its manifest names it.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from partnerboard import cli, registers
from partnerboard.domain.access import Role
from tests.fixtures_restricted import HIDDEN, NAMED, markers_in, run_outputs


def commands(f: dict, out: Path) -> dict[str, list[str]]:
    """Every output command, as the registers' manifests declare it (`partnerboard.registers`),
    with what it needs from the planted database."""
    return {output.name: output.argv(f, out) for output in registers.outputs()}


PUBLISHED = (
    "publish ",
    "report minutes --public",
    "report agenda --public",
    "export minutes --public",
)


def test_every_output_command_is_walked(planted, tmp_path):
    """A new export, report, template or list kind must be added to its register's outputs."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001
    walked = {" ".join(c.split()[:2]) for c in commands(planted, tmp_path)}
    for group in ("export", "report", "template"):
        kinds = next(a for a in sub.choices[group]._actions if a.dest == "kind").choices  # noqa: SLF001
        assert {f"{group} {k}" for k in kinds} <= walked, group
    assert "list agencies" in walked and "deadlines" in walked
    # Each thing `publish` can publish (--meeting, --briefing, --thresholds, --yearly).
    groups = sub.choices["publish"]._mutually_exclusive_groups  # noqa: SLF001
    assert {f"publish {a.dest}" for g in groups for a in g._group_actions} <= walked  # noqa: SLF001


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        parts = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True)
                 for v in row if v is not None]  # fmt: skip
        book.close()
        return "\n".join(parts)
    if path.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as document:
            return document.read("word/document.xml").decode("utf-8")
    return path.read_text(encoding="utf-8", errors="replace")


def _run_all(planted: dict, out: Path, login: str | None) -> dict[str, str]:
    """What each command printed and wrote, as one text per command (and its exit status)."""
    ran = run_outputs(planted, commands(planted, out), out, login)
    return {
        name: "\n".join([f"exit {r.status}", r.printed, *(_file_text(f) for f in r.written)])
        for name, r in ran.items()
    }


@pytest.fixture(scope="module")
def as_business_support(planted, tmp_path_factory) -> dict[str, str]:
    return _run_all(planted, tmp_path_factory.mktemp("bs") / "out", None)


def test_business_support_outputs_show_every_planted_record(as_business_support):
    failed = {
        n: t.splitlines()[1:3] for n, t in as_business_support.items() if not t.startswith("exit 0")
    }
    assert not failed, failed
    shown = set().union(*(markers_in(t) for t in as_business_support.values()))
    assert shown == {*HIDDEN.values(), NAMED}


def test_published_documents_hold_nothing_restricted_even_for_business_support(
    as_business_support,
):
    published = {n: t for n, t in as_business_support.items() if n.startswith(PUBLISHED)}
    assert len(published) == 8
    assert {n: markers_in(t) for n, t in published.items() if markers_in(t)} == {}
    for name, text in published.items():  # each wrote its documents, and says it is public
        assert text.startswith("exit 0") and "This is the public version" in text, name


@pytest.mark.parametrize("login", ["member1", "reader1"])
def test_a_member_or_reader_meets_no_restricted_record_in_any_output(
    planted, tmp_path, login, as_business_support
):
    seen = _run_all(planted, tmp_path / "out", login)
    leaks = {name: markers_in(text) - {NAMED} for name, text in seen.items()}
    assert not {n: m for n, m in leaks.items() if m}, "restricted records leaked"
    named = {n for n, t in seen.items() if NAMED.casefold() in t.casefold()}
    # Commands the table of who may do what keeps from them are refused before they run.
    role = Role.MEMBER if login == "member1" else Role.READ_ONLY
    parser = cli.build_parser()
    needs = {n: parser.parse_args(a).permission for n, a in commands(planted, tmp_path).items()}
    refused = {n for n in seen if not role.may(needs[n])}
    assert refused == {"export audit-trail", *(n for n in seen if n.startswith("template "))}
    for name in refused:
        assert seen[name].startswith("exit 1") and "Nothing was done." in seen[name], name
    if login == "member1":  # restricted to them by name: shown where business support sees it
        expected = {n for n, t in as_business_support.items() if NAMED.casefold() in t.casefold()}
        assert named == expected - refused
    else:
        assert not named
    # Outputs that never held a restricted record work for them as for anyone.
    for name in ("export s11", "report thresholds", "list agencies", "report briefing"):
        assert seen[name].startswith("exit 0"), (name, seen[name][:300])
