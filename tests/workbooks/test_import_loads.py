"""A one-file `partnerboard import` loads the kind its file names, not every kind (each kind's
module imports its register's services), nor what only other paths need (openpyxl for the error
list, the migration machinery, the Section 11 analysis and challenge, the action log)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

from partnerboard.services import section11 as s11
from partnerboard.workbooks import importer
from partnerboard.workbooks.importer import FileStatus, import_paths, kind_named
from partnerboard.workbooks.section11.template import round_context, write_template
from tests.fixtures_s11 import S11World, fill_return, police_return_closed

LOADED = """
import json, sys
from partnerboard import cli
status = cli.main(sys.argv[1:])
print(json.dumps([status, sorted(sys.modules)]))
"""


def test_each_kind_module_declares_its_name_in_its_layout():
    """`kind_named` finds a kind's module by the `layout.KIND` beside it: every kind module
    the manifests name must keep that promise, or its files would only be found the slow way."""
    for module in importer.KIND_MODULES:
        loaded = importlib.import_module(module)
        kinds = [k for k in importer.registered_kinds().values() if type(k).__module__ == module]
        assert len(kinds) == 1, module
        layout = importlib.import_module(module.rpartition(".")[0] + ".layout")
        assert kinds[0].name == layout.KIND, loaded
        assert kind_named(kinds[0].name) is kinds[0]
    assert kind_named("future_form") is None  # unknown after every kind module was asked


def test_a_one_file_import_loads_only_its_kind(world: S11World, tmp_path: Path):
    filled, path = police_return_closed(world, tmp_path)

    done = subprocess.run(
        [sys.executable, "-c", LOADED, "--db", str(path), "import", str(filled)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, modules = json.loads(done.stdout.splitlines()[-1])
    assert status == 0, done.stdout + done.stderr
    assert done.stdout.startswith("IMPORTED  police.xlsx  (Section 11 return, ")
    kinds = {m for m in modules if m in importer.KIND_MODULES}
    assert kinds == {"partnerboard.workbooks.section11.importer"}
    unused = {
        "openpyxl",  # the error list, only with --errors-to
        "alembic",  # only when the database needs an upgrade
        "partnerboard.services.actions",  # raising an action arising from a return
        "partnerboard.services.section11.analysis",  # the compliance matrix
        "partnerboard.services.section11.challenge",
    }
    assert not unused.intersection(modules)


def test_two_returns_of_a_round_share_its_lookups(world: S11World, tmp_path: Path):
    """The round, its returns and the criteria are read once for a batch: the second file of
    the round is checked against the same look-ups, and each goes to its own agency's return."""
    context = round_context(world.db, world.round.id)
    files = [
        fill_return(
            write_template(world.db, context, agency.id, tmp_path / f"t{agency.id}.xlsx", False),
            tmp_path / f"{agency.id}.xlsx",
        )
        for agency in (world.police, world.health)
    ]
    report = import_paths(world.db, files)
    assert [f.status for f in report.files] == [FileStatus.IMPORTED, FileStatus.IMPORTED]
    assert {f.agency for f in report.files} == {world.police.name, world.health.name}
    assert {f.records for f in report.files} == {len(world.framework.criteria)}
    returns = {r.agency_name: r for r in s11.round_returns(world.db, world.round.id)}
    assert {name: r.submissions for name, r in returns.items()} == {
        world.police.name: 1,
        world.health.name: 1,
    }
