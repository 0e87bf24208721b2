"""Every report, export and workbook, made from a database with restricted records by business
support and by a member, read back as its receiver reads it: the protective marking is there
exactly when restricted content (or case-level text) is, every restricted row says so, public
versions say they are public and what they leave out, and no author is an operating-system login.

One rule (`domain.marking`) decides all of this; here each output is checked by its content.
"""

from __future__ import annotations

import getpass
import re
from pathlib import Path

import pytest

from partnerboard.domain.marking import OFFICIAL, SENSITIVE
from tests.fixtures_restricted import HIDDEN, NAMED, markers_in, run_outputs
from tests.outputs.reading import Read, read
from tests.trust.test_every_output_path import PUBLISHED, commands

# Outputs that hold agencies' reflections on individual cases: sensitive whoever makes them.
CASE_TEXT = {"report audit", "export audits", "template ma-audit"}


# Every output the command line writes (`tests.trust.test_every_output_path.commands` walks
# them all from the parser, so a new one is checked here too), but for listings printed on the
# screen and the audit trail (a record of every change, for business support and the chairs).
NOT_DOCUMENTS = ("list ", "deadlines", "export audit-trail")


def public(name: str) -> bool:
    """A public version: classified public (no marking); it says so on its first page."""
    return name.startswith(PUBLISHED)


def outputs(f: dict, out: Path) -> dict[str, list[str]]:
    every = commands(f, out)
    chosen = {
        name: argv
        for name, argv in every.items()
        if not name.startswith(NOT_DOCUMENTS) and not name.endswith(" list")
    }
    # The letter is refused before a return is validated: its draft is what can be made.
    chosen["report s11-feedback"] = [*every["report s11-feedback"], "--draft"]
    chosen["report briefing restricted"] = [
        "report", "briefing", "--review", HIDDEN["review"], "-o", f"{out}/br.pdf",
    ]  # fmt: skip
    return chosen


def make_all(planted: dict, out: Path, login: str | None) -> dict[str, list[Read]]:
    """Run every output command; what each wrote, read back."""
    made: dict[str, list[Read]] = {}
    for name, ran in run_outputs(planted, outputs(planted, out), out, login).items():
        if ran.status != 0:
            # A reader is refused what the table keeps for business support (templates): the
            # role walk (tests/trust/test_roles_table.py) checks each refusal.
            refused = "You are signed in as" in ran.printed and "Nothing was done." in ran.printed
            assert login and ("briefing restricted" in name or refused), (name, ran.printed)
            continue
        made[name] = [read(path) for path in ran.written]
    return made


@pytest.fixture(scope="module")
def by_business_support(planted, tmp_path_factory) -> dict[str, list[Read]]:
    return make_all(planted, tmp_path_factory.mktemp("bs") / "out", None)


@pytest.fixture(scope="module")
def by_reader(planted, tmp_path_factory) -> dict[str, list[Read]]:
    return make_all(planted, tmp_path_factory.mktemp("ro") / "out", "reader1")


def marked(found: Read) -> str:
    """The marking a file carries on every page or sheet ('' if none); fails if it varies."""
    kinds = set()
    for furniture in found.furniture:
        kinds.add(
            SENSITIVE if SENSITIVE in furniture else OFFICIAL if OFFICIAL in furniture else ""
        )
    assert len(kinds) == 1, (found.path.name, found.furniture)
    return kinds.pop()


def check_marking_follows_content(made: dict[str, list[Read]]) -> None:
    for name, files in made.items():
        assert files, name
        for found in files:
            holds = bool(markers_in(found.body)) or "Restricted:" in found.body
            restricted_column = re.search(r"\bRestricted\b", found.body) and holds
            sensitive = holds or restricted_column or name in CASE_TEXT
            expected = SENSITIVE if sensitive else OFFICIAL
            if public(name):  # holds nothing restricted, has no marking, says it is public
                assert not holds and marked(found) == "", (name, found.path.name)
                assert "public version" in " ".join(found.first.split()), (name, found.path)
                continue
            assert marked(found) == expected, (name, found.path.name)
            # The first page (first sheet) says what it holds when it is sensitive.
            if sensitive:
                assert SENSITIVE in found.first, (name, found.path.name)


def test_business_support_outputs_are_marked_by_what_they_hold(by_business_support):
    made = by_business_support
    check_marking_follows_content(made)
    # Outputs holding planted restricted records are sensitive, and those holding none are not.
    sensitive = {
        "report actions", "report minutes", "report agenda", "report audit",
        "report briefing restricted", "export actions", "export minutes", "export audits",
        "export reviews", "export escalations", "template ma-audit",
        # A restricted indicator (QZ1), and a course answering a restricted action (NEG-1).
        "report performance", "export dataset", "report training", "export training",
    }  # fmt: skip
    for name in sensitive:
        assert all(marked(f) == SENSITIVE for f in made[name]), name
    for name in ("report s11-feedback", "report briefing", "report thresholds", "export s11",
                 "export attendance", "export thresholds", "template s11"):  # fmt: skip
        assert all(marked(f) == OFFICIAL for f in made[name]), name
    # Of the action-update workbooks, exactly those holding a restricted action are sensitive;
    # of the dataset returns, exactly the one asking for the restricted indicator.
    for name, marker in (("template action-update", HIDDEN["action"]),
                         ("template dataset", HIDDEN["indicator"])):  # fmt: skip
        with_secret = [f for f in made[name] if marker in f.body]
        assert len(with_secret) >= 1 and all(marked(f) == SENSITIVE for f in with_secret), name
        assert any(marked(f) == OFFICIAL for f in made[name]), name


def test_each_restricted_row_says_restricted(by_business_support):
    made = by_business_support

    def flat(name: str) -> str:
        return " ".join(" ".join(f.body for f in made[name]).split())

    for name in ("report actions", "template action-update"):
        assert f"Restricted: {HIDDEN['action']}" in flat(name), name
    for name in ("report performance", "export dataset", "template dataset"):
        assert f"Restricted: {HIDDEN['indicator']}" in flat(name), name
    for name in ("report training", "export training"):  # "Restricted: A27 Qzxaction …"
        assert re.search(rf"Restricted: \S+ {HIDDEN['action']}", flat(name)), name
    assert f"{HIDDEN['item']} next – Restricted" in flat("report agenda")
    assert f"Restricted: {NAMED}" in flat("report actions")
    # A restricted item says so in its heading, in the PDF and in Word.
    assert f"{HIDDEN['item']} case – Restricted" in flat("report minutes")
    assert f"{HIDDEN['item']} case – Restricted" in flat("export minutes")
    # Workbooks: a Restricted column on each restricted row.
    for name, marker in (
        ("export actions", HIDDEN["action"]),
        ("export escalations", HIDDEN["escalation"]),
        ("export reviews", HIDDEN["review"]),
        ("export dataset", HIDDEN["indicator"]),
    ):
        assert restricted_cell(made[name][0].path, marker), name


def restricted_cell(path: Path, marker: str) -> bool:
    """Whether the row holding `marker` says Restricted (column 'Restricted': Yes/Restricted)."""
    import openpyxl  # noqa: PLC0415

    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        if "Restricted" not in header:
            continue
        column = header.index("Restricted")
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if any(marker in str(v) for v in row if v is not None):
                return row[column] in ("Yes", "Restricted")
    return False


def test_a_reader_who_sees_nothing_restricted_gets_official_papers(by_reader):
    made = by_reader
    check_marking_follows_content(made)
    assert "report briefing restricted" not in made  # refused: they may not see the review
    for name, files in made.items():
        for found in files:
            assert not markers_in(found.body), name
            if name not in CASE_TEXT and not public(name):
                assert marked(found) == OFFICIAL, (name, found.path.name)


def test_no_output_names_the_operating_system_login(by_business_support, planted):
    login = getpass.getuser()
    for name, files in by_business_support.items():
        for found in files:
            assert f"Exported by\n{login}" not in found.body, name
            if found.path.suffix == ".pdf":
                from pypdf import PdfReader  # noqa: PLC0415

                author = PdfReader(found.path).metadata.author
                assert author and author != login, (name, author)
            if found.path.suffix == ".docx":
                import docx  # noqa: PLC0415

                properties = docx.Document(str(found.path)).core_properties
                assert properties.author not in (login, "python-docx"), name
                assert properties.last_modified_by != login, name
