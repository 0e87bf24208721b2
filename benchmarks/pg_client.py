"""One client of the shared-server measure: a person editing actions as fast as a form allows.

    python -m benchmarks.pg_client URL CLIENT SETTINGS_JSON

Loop until the end time: pick an action of the pool, load it (`get_action`, as the form
does), "think" for a moment, change its text to a token unique to this save and save it
through `save_action` with the version the form displayed. A `StaleRecord` refusal is
followed by a reload and a fresh edit. Every save is logged: the action, the version and
the text the form showed (`base`, `before`), the token written, whether it was acknowledged,
and how long the call took. Prints one JSON object as its last line.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.errors import StaleRecord
from partnerboard.services.actions import ActionDetail, ActionEdit, get_action, save_action


def edit_of(detail: ActionDetail, text: str) -> ActionEdit:
    """The form as loaded, with the text changed (what the register's form sends)."""
    row = detail.row
    return ActionEdit(
        text=text,
        workstream_id=row.workstream_id,
        reference=row.reference,
        source_kind=row.source_kind.value,
        source_note=detail.source_note,
        lead_person_id=row.lead_person_id,
        lead_name=detail.lead_name,
        lead_agency_id=row.lead_agency_id,
        board_id=row.board_id,
        raised_on=row.raised_on,
        due_on=row.due_on,
        difference=detail.difference,
        measure=detail.measure,
        restricted=row.restricted,
    )


def main() -> None:
    url, client, settings = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    folder = Path(settings["folder"])
    rng = random.Random(settings["seed"] * 1000 + client)
    pool: list[int] = settings["pool"]
    think = settings["think_s"]
    db = open_database(url, principal=Principal(f"Client {client}", Role.BUSINESS_SUPPORT))
    get_action(db, pool[0])  # connect and warm up before the start
    (folder / f"ready-{client}").touch()
    go = folder / "go"
    while not go.exists():
        time.sleep(0.01)
    end = float(go.read_text())
    saves: list[dict[str, object]] = []
    count = 0
    while time.time() < end:
        action_id = rng.choice(pool)
        detail = get_action(db, action_id)
        while time.time() < end:
            time.sleep(rng.uniform(*think))
            count += 1
            token = f"Benchmark edit by client {client}, number {count}"
            started = time.perf_counter()
            try:
                save_action(db, edit_of(detail, token), action_id, detail.row_version)
                acknowledged = True
            except StaleRecord:
                acknowledged = False
            saves.append(
                {
                    "action": action_id,
                    "base": detail.row_version,
                    "before": detail.row.text,
                    "token": token,
                    "ok": acknowledged,
                    "ms": (time.perf_counter() - started) * 1000,
                }
            )
            if acknowledged:
                break
            detail = get_action(db, action_id)  # reload, then edit again
    db.close()
    print(json.dumps({"client": client, "saves": saves}))


if __name__ == "__main__":
    main()
