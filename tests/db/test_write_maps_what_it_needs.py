"""A write maps the registers its tables' keys point at, not every model (`db.database`): the
first write of an action maps the registers its keys name and no other; a one-file Section 11
import leaves training, performance and thresholds unmapped and writes exactly the rows and
audit entries it writes with every model mapped; `check` finds both databases sound. Each runs
in a fresh process, on real SQLite, with a real workbook."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from partnerboard.db.models import MODULE_OF, TABLES, load_all
from tests.fixtures_s11 import S11World, police_return_closed, world  # noqa: F401  (fixture)

IMPORT = """
import json, sys
from partnerboard.db import models
if sys.argv[1] == "all":
    models.load_all()
from partnerboard import cli
status = cli.main(sys.argv[2:])
mapped = sorted(m.rpartition(".")[2] for m in sys.modules if m.startswith(models.__name__ + "."))
print(json.dumps([status, mapped]))
"""
UNRELATED = {"training", "performance", "thresholds", "engagement"}
# What the trail records, without when (the clock) and the chain's hashes.
ENTRIES = "SELECT seq, who, action, table_name, record_key, before, after FROM audit_entry"
# Times of day (the two imports run a moment apart; the day is the same).
MOMENT = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d)?")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", *args], capture_output=True, text=True, timeout=120, check=False
    )


def _rows(path: Path, tables: tuple[str, ...]) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as connection:
        found = {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
        found["audit_entry"] = connection.execute(f"{ENTRIES} ORDER BY seq").fetchall()
    connection.close()
    return {
        table: [tuple(MOMENT.sub("<moment>", v) if isinstance(v, str) else v for v in row)
                for row in rows]
        for table, rows in found.items()
    }  # fmt: skip


def test_a_one_file_import_maps_only_what_it_writes_and_writes_the_same(
    world: S11World,  # noqa: F811
    tmp_path: Path,
):
    filled, path = police_return_closed(world, tmp_path)
    everything = tmp_path / "everything.sqlite"
    shutil.copy(path, everything)
    before = _rows(path, TABLES["section11"])

    done = {
        "partial": _run(IMPORT, "partial", "--db", str(path), "import", str(filled)),
        "all": _run(IMPORT, "all", "--db", str(everything), "import", str(filled)),
    }
    (status, mapped), (status_all, mapped_all) = (
        json.loads(done[k].stdout.splitlines()[-1]) for k in ("partial", "all")
    )
    assert (status, status_all) == (0, 0), done["partial"].stderr + done["all"].stderr
    assert set(mapped_all) == set(TABLES)
    assert "section11" in mapped
    assert not UNRELATED.intersection(mapped)

    after = _rows(path, TABLES["section11"])
    assert after == _rows(everything, TABLES["section11"])
    criteria = len(world.framework.criteria)
    assert len(after["s11_submission"]) == len(before["s11_submission"]) + 1
    assert len(after["s11_answer"]) == len(before["s11_answer"]) + criteria
    written = after["audit_entry"][len(before["audit_entry"]) :]
    assert [(e[2], e[3], e[4]) for e in written] == [
        ("insert", "s11_submission", "1"),
        ("insert", "s11_answer", "*"),
        ("update", "s11_return", "1"),
        ("import", "workbook", "police.xlsx"),
    ]
    assert len(json.loads(written[1][6])["rows"]) == criteria

    checked = _run("import sys; from partnerboard import cli; sys.exit(cli.main(sys.argv[1:]))",
                   "--db", str(path), "check")  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_table_names_its_register():
    by_module: dict[str, set[str]] = {}
    for mapper in load_all().registry.mappers:
        module = mapper.class_.__module__.rpartition(".")[2]
        by_module.setdefault(module, set()).add(mapper.local_table.name)
    assert {m: set(t) for m, t in TABLES.items()} == by_module
    assert set(MODULE_OF) == set(load_all().metadata.tables)


ACTION = """
import json, sys
from partnerboard.db import models
from partnerboard.db.schema import open_database
from partnerboard.services.actions.core import ActionInput, create_action
db = open_database(sys.argv[1])
new = create_action(db, ActionInput(text="Agree the referral pathway", lead_name="Sam Lead"))
db.close()
mapped = sorted(m.rpartition(".")[2] for m in sys.modules if m.startswith(models.__name__ + "."))
print(json.dumps([new, mapped]))
"""


def test_an_action_written_first_maps_the_registers_its_keys_point_at_only(db_path: Path):
    """An action's keys point at meetings, audits, Section 11, reviews and indicators (mapped
    for the flush), not at training, thresholds or engagement (left unmapped)."""
    done = _run(ACTION, str(db_path))
    assert done.returncode == 0, done.stderr
    new, mapped = json.loads(done.stdout.splitlines()[-1])
    pointed_at = {
        MODULE_OF[key.column.table.name]
        for key in load_all().metadata.tables["action"].foreign_keys
    }
    assert pointed_at == {"partnership", "actions", "meetings", "audits", "section11", "reviews",
                          "performance"}  # fmt: skip
    assert set(mapped) == pointed_at | {"access"}
    with sqlite3.connect(db_path) as connection:
        row = connection.execute("SELECT text FROM action WHERE id = ?", (new,)).fetchone()
        entry = connection.execute(
            "SELECT action, record_key FROM audit_entry WHERE table_name = 'action'"
        ).fetchall()
    connection.close()
    assert row == ("Agree the referral pathway",)
    assert entry == [("insert", str(new))]
    checked = _run("import sys; from partnerboard import cli; sys.exit(cli.main(sys.argv[1:]))",
                   "--db", str(db_path), "check")  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
