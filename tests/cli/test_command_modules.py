"""A command imports only the module its register's manifest names for it; what the user reads
(usage, mistakes, --help) is what the full command line says."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from partnerboard import cli

LOADED = """
import json, sys
from partnerboard import cli
try:
    status = cli.main(sys.argv[1:])
except SystemExit as done:
    status = done.code
print(json.dumps([status, sorted(m for m in sys.modules if m.startswith(("partnerboard.cli.",
      "sqlalchemy", "argon2")))]))
"""


def loaded(*argv: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *argv], capture_output=True, text=True, timeout=120
    )
    status, modules = json.loads(done.stdout.splitlines()[-1])
    return status, set(modules)


def test_a_command_imports_only_the_module_that_adds_it(demo_db_path):
    status, modules = loaded("--db", str(demo_db_path), "list", "boards", "--json")
    assert status == 0
    commands = {m for m in modules if m.startswith("partnerboard.cli.")}
    # registry builds the parser; sign_in signs in (--user) for every command that opens the db
    # (the user commands' module, access, is not needed for that)
    assert commands == {"partnerboard.cli.partnership", "partnerboard.cli.registry",
                        "partnerboard.cli.sign_in"}  # fmt: skip
    assert "argon2" not in modules  # password hashing only when a password is hashed or checked
    status, modules = loaded("--version")
    assert status == 0 and not modules  # neither a command module nor SQLAlchemy
    status, modules = loaded("--help")  # the full command line: every module
    assert status == 0 and set(cli.COMMAND_MODULES) <= modules


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "bogus"],
        ["list", "boards", "--bogus"],
        ["export", "s11", "--round"],
        ["export", "s11", "--bogus", "x"],
        ["--smoke", "list", "boards"],
        ["list", "boards", "--version"],
        ["export", "--help"],
        ["report", "s11-feedback", "--help"],
        ["--version", "list", "boards"],
    ],
)
def test_what_the_user_reads_is_what_the_full_command_line_says(argv, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    said = capsys.readouterr()
    with pytest.raises(SystemExit) as full:
        parser = cli.build_parser()
        args = parser.parse_args(argv)
        if args.smoke:  # as the command line refuses it after reading the arguments
            parser.error("--smoke opens the app; give it without a command")
    assert (done.value.code, said) == (full.value.code, capsys.readouterr())
