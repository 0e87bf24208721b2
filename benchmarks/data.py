"""The benchmarks' own data, seeded, made once per run in the work folder.

- the demo partnership (`services.demo.build_demo`, seed 2026);
- a big action log: `tools/action_log_load.py` (100,000 actions, ~400,000 updates, seed 1);
- a log of 5,000 actions for the action report (the same tool, seed 2);
- 60 filled Section 11 returns (`benchmarks/s11_import.prepare`: the template generator
  behind `partnerboard template s11`, filled in with openpyxl as partners would);
- one meeting with 40 attendees, 20 minuted items and 60 actions arising (`meeting_data`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select

from benchmarks.harness import REPO, Run

BIG_ACTIONS = 100_000
REPORT_ACTIONS = 5_000


class Data:
    def __init__(self, run: Run):
        self.run = run
        self.folder = run.work / "data"
        self.folder.mkdir(parents=True, exist_ok=True)
        self._made: dict[str, object] = {}

    def _once(self, name: str, make):
        if name not in self._made:
            print(f"  (making {name} …)", flush=True)
            self._made[name] = make()
        return self._made[name]

    def copy(self, database: Path, name: str) -> Path:
        """A fresh copy of a closed database, for a measure that writes."""
        target = self.folder / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(database, target)
        return target

    # ------------------------------------------------------------ databases
    def demo_db(self) -> Path:
        def make() -> Path:
            from partnerboard.db.schema import open_database  # noqa: PLC0415
            from partnerboard.services.demo import build_demo  # noqa: PLC0415
            from partnerboard.services.partnership import ensure_partnership  # noqa: PLC0415

            path = self.folder / "demo.sqlite"
            db = open_database(str(path))
            ensure_partnership(db)
            build_demo(db)
            db.close()
            return path

        return self._once("the demo database", make)

    def _loaded(self, name: str, actions: int, seed: int) -> Path:
        path = self.folder / name
        self.run.child(
            [
                str(REPO / "tools" / "action_log_load.py"),
                "--db",
                str(path),
                "--actions",
                str(actions),
                "--seed",
                str(seed),
            ],
            timeout=1800,
        )
        return path

    def big_db(self) -> Path:
        return self._once(
            f"a log of {BIG_ACTIONS:,} actions",
            lambda: self._loaded("big.sqlite", BIG_ACTIONS, 1),
        )

    def report_db(self) -> tuple[Path, list[int]]:
        """A log of 5,000 generated actions (plus the demo's own), and the generated ones' ids."""

        def make() -> tuple[Path, list[int]]:
            path = self._loaded("report.sqlite", REPORT_ACTIONS, 2)
            return path, load_action_ids(path)

        return self._once(f"a log of {REPORT_ACTIONS:,} actions", make)

    def s11_returns(self) -> tuple[Path, list[Path]]:
        def make() -> tuple[Path, list[Path]]:
            from benchmarks.s11_import import prepare  # noqa: PLC0415

            return prepare(60, self.folder / "s11")

        return self._once("60 filled Section 11 returns", make)

    def minutes_meeting(self) -> tuple[Path, int]:
        def make() -> tuple[Path, int]:
            from benchmarks.meeting_data import big_meeting  # noqa: PLC0415

            return big_meeting(self.folder / "meeting.sqlite")

        return self._once("a meeting of 40 attendees, 20 items, 60 actions", make)


def load_action_ids(path: Path) -> list[int]:
    """Ids of the actions `tools/action_log_load.py` made (in its 'Load workstream's)."""
    from partnerboard.db.models.actions import Action, Workstream  # noqa: PLC0415
    from partnerboard.db.schema import open_database  # noqa: PLC0415

    db = open_database(str(path))
    try:
        with db.reader() as session:
            return list(
                session.scalars(
                    select(Action.id)
                    .join(Workstream, Workstream.id == Action.workstream_id)
                    .where(Workstream.title.like("Load workstream %"))
                    .order_by(Action.id)
                )
            )
    finally:
        db.close()
