"""A shared PostgreSQL server on loopback: 8 clients editing the same actions for 20 s.

A throwaway server (`tests/pg_server.py`: initdb in a temporary folder, `fsync=off`, as the
tests run it), a fresh database per run holding 24 actions, and 8 client processes
(`pg_client`) editing them at once, each pausing 50–250 ms between loading and saving (far
faster than people type, so that saves collide often). Figures: the 95th percentile of the
save calls (acknowledged and refused alike), and the lost updates found by
`lost_updates.check_saves` from the clients' logs and the final rows.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import REPO, Result, Run, percentile, summary
from benchmarks.lost_updates import check_saves

CLIENTS, POOL, SECONDS, THINK_S = 8, 24, 20.0, (0.05, 0.25)
P95_GOAL_MS = 50.0


def _make_pool(url: str) -> dict[int, tuple[str, int]]:
    from partnerboard.db.schema import open_database  # noqa: PLC0415
    from partnerboard.services import actions  # noqa: PLC0415
    from partnerboard.services.partnership import ensure_partnership  # noqa: PLC0415

    db = open_database(url)
    try:
        ensure_partnership(db)
        for n in range(POOL):
            actions.create_action(db, actions.ActionInput(text=f"Shared action {n + 1}"))
        return _state(db)
    finally:
        db.close()


def _state(db) -> dict[int, tuple[str, int]]:
    from sqlalchemy import select  # noqa: PLC0415

    from partnerboard.db.models.actions import Action  # noqa: PLC0415

    with db.reader() as session:
        return {
            i: (t, v)
            for i, t, v in session.execute(select(Action.id, Action.text, Action.row_version))
        }


def _final(url: str) -> tuple[dict[int, tuple[str, int]], bool]:
    from partnerboard.db.check import check_database  # noqa: PLC0415
    from partnerboard.db.schema import open_database  # noqa: PLC0415

    db = open_database(url)
    try:
        return _state(db), check_database(db).ok
    finally:
        db.close()


def one_session(run: Run, url: str, folder: Path, seed: int) -> dict[str, object]:
    initial = _make_pool(url)
    folder.mkdir(parents=True)
    settings = {"folder": str(folder), "seed": seed, "pool": sorted(initial), "think_s": THINK_S}
    clients = [
        subprocess.Popen(
            [sys.executable, "-m", "benchmarks.pg_client", url, str(n), json.dumps(settings)],
            env=run.env(),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(CLIENTS)
    ]
    deadline = time.time() + 120
    while len(list(folder.glob("ready-*"))) < CLIENTS and time.time() < deadline:
        time.sleep(0.05)
    (folder / "go").write_text(str(time.time() + SECONDS))
    saves: list[dict[str, object]] = []
    for client in clients:
        out, err = client.communicate(timeout=SECONDS + 120)
        if client.returncode != 0:
            raise RuntimeError(f"a client failed:\n{err[-3000:]}")
        saves += json.loads(out.strip().splitlines()[-1])["saves"]
    final, audit_ok = _final(url)
    checked = check_saves(saves, initial, final)
    return {"saves": saves, "checked": checked, "audit_ok": audit_ok}


def measure(run: Run) -> None:
    from tests.pg_server import start_server  # noqa: PLC0415  (the tests' throwaway server)

    server = start_server()
    sessions = []
    try:
        for n in range(run.repeat(full=3, quick=1)):
            url = server.new_database("bench")
            sessions.append(one_session(run, url, run.work / "pg" / f"session{n}", seed=n))
    finally:
        server.stop()
    save_ms = [[s["ms"] for s in session["saves"]] for session in sessions]
    every = [ms for one in save_ms for ms in one]
    checks = [session["checked"] for session in sessions]
    details = {
        "clients": CLIENTS,
        "seconds": SECONDS,
        "actions_edited": POOL,
        "think_s": list(THINK_S),
        "saves": len(every),
        "acknowledged": sum(c.acknowledged for c in checks),
        "refused_stale": sum(c.refused for c in checks),
        "saves_per_s": round(len(every) / (SECONDS * len(sessions)), 1),
        "save_ms": summary(every),
        "acknowledged_ms": summary([s["ms"] for x in sessions for s in x["saves"] if s["ok"]]),
        "refused_ms": summary([s["ms"] for x in sessions for s in x["saves"] if not s["ok"]]),
        "audit_chain_ok": all(session["audit_ok"] for session in sessions),
        "problems": [p for c in checks for p in c.problems][:20],
    }
    run.add(
        Result(
            "pg_save_p95",
            "shared PostgreSQL, 8 clients: save p95",
            "ms",
            [percentile(one, 0.95) for one in save_ms],
            P95_GOAL_MS,
            details,
        )
    )
    run.add(
        Result(
            "pg_lost_updates",
            "shared PostgreSQL, 8 clients: lost updates",
            "count",
            [float(c.lost) for c in checks],
            0.0,
            {"acknowledged_saves_checked": details["acknowledged"]},
        )
    )
