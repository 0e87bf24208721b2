"""Models are mapped per register when first imported; whatever needs every table gets all.

Each test runs in a fresh process, where only what the code under test imports is mapped.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from partnerboard.db import models
from partnerboard.db.models import load_all
from partnerboard.db.models.access import RESTRICTABLE_KINDS
from partnerboard.db.visibility import REGISTER_OF


def _fresh(script: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _model_count() -> int:
    return len(load_all().registry.mappers)


def test_one_register_maps_alone_and_the_base_of_models_maps_all(tmp_path):
    found = _fresh(
        """
import json, sys
from sqlalchemy import create_engine, inspect
import partnerboard.db.models.actions
from partnerboard.db.base import Base as Bare
alone = sorted(m.split(".")[-1] for m in sys.modules if m.startswith("partnerboard.db.models."))
mapped_alone = len(Bare.registry.mappers)
from partnerboard.db.models import Base
engine = create_engine(f"sqlite:///{sys.argv[1]}")
Base.metadata.create_all(engine)
print(json.dumps({"alone": alone, "mapped_alone": mapped_alone,
                  "mapped": len(Base.registry.mappers),
                  "created": len(inspect(engine).get_table_names())}))
""",
        str(tmp_path / "created.sqlite"),
    )
    assert found["alone"] == ["actions"]
    assert found["mapped_alone"] < found["mapped"]
    assert found["mapped"] == _model_count() == 61
    assert found["created"] == 61


def test_check_finds_a_missing_table_of_a_register_never_mapped(db_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("DROP TABLE report_narrative")
    connection.close()
    found = _fresh(
        """
import json, sys
from partnerboard.db.schema import open_database
from partnerboard.db.check import check_database
db = open_database(sys.argv[1])
problems = check_database(db).problems
db.close()
print(json.dumps({"problems": problems}))
""",
        str(db_path),
    )
    assert "Table report_narrative is missing." in found["problems"]


def test_the_first_write_maps_every_register_its_keys_point_at(db_path):
    # An action's keys point at meetings, audits, Section 11, reviews and indicators; the
    # write must not need the code that writes it to have imported them.
    found = _fresh(
        """
import json, sys
from partnerboard.db.schema import open_database
from partnerboard.services.actions.core import ActionInput, create_action
db = open_database(sys.argv[1])
before = "partnerboard.db.models.audits" in sys.modules
new = create_action(db, ActionInput(text="Agree the referral pathway", lead_name="Sam Lead"))
db.close()
print(json.dumps({"audits_before": before, "new": new}))
""",
        str(db_path),
    )
    assert not found["audits_before"]
    with sqlite3.connect(db_path) as connection:
        text = connection.execute("SELECT text FROM action WHERE id = ?", (found["new"],))
        assert text.fetchone() == ("Agree the referral pathway",)
    connection.close()


def test_every_model_module_is_named_and_every_restrictable_kind_has_its_register():
    files = {p.stem for p in Path(models.__file__).parent.glob("*.py")} - {"__init__"}
    assert files == set(models.MODULES)
    assert set(REGISTER_OF) == set(RESTRICTABLE_KINDS)
    tables_of = {
        mapper.class_.__module__.rsplit(".", 1)[-1]: set() for mapper in load_all().registry.mappers
    }
    for mapper in load_all().registry.mappers:
        tables_of[mapper.class_.__module__.rsplit(".", 1)[-1]].add(mapper.local_table.name)
    for kind, register in REGISTER_OF.items():
        assert kind in tables_of[register]
