"""A writer to be killed: edits through the services, printing each id once its commit returned.

    python -m tests.trust.crash_writer DATABASE

starts a *zygote*: it imports everything once, then for each seed read from standard input
forks a writer process (so that forty writers do not pay forty Python start-ups) and prints
`pid N`; when that writer has died it prints `dead N`. A writer prints `ready`, then one line
per acknowledged commit: `agency 12`, `person 40`, `action 7`, `update 3` (an action update)
or `phone 12 0163…` (an agency's phone changed to that value). A writer never stops by itself:
the test kills it with SIGKILL at a random moment. The zygote never opens the database.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date

from partnerboard.db.schema import open_database
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, UpdateInput, add_update, create_action


def say(line: str) -> None:
    """One line in one write(2): a kill can then never leave half a line for the zygote's
    `dead N` to be glued to (print() may write the text and the newline separately)."""
    os.write(1, f"{line}\n".encode())


def main(path: str, seed: int) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    agencies = [a.id for a in p.list_agencies(db)]
    actions: list[int] = []
    say("ready")
    n = 0
    while True:
        n += 1
        kind = rng.choice(["agency", "person", "action", "update", "phone"])
        if kind == "agency" or not agencies:
            row = p.save_agency(db, p.AgencyInput(name=f"Agency {seed}-{n}", sector="other"))
            agencies.append(row.id)
            say(f"agency {row.id}")
        elif kind == "person":
            row = p.save_person(db, p.PersonInput(name=f"Person {seed}-{n}", agency_id=agencies[0]))
            say(f"person {row.id}")
        elif kind == "action" or not actions:
            ident = create_action(db, ActionInput(text=f"Action {seed}-{n}", lead_person_id=None))
            actions.append(ident)
            say(f"action {ident}")
        elif kind == "update":
            ident = add_update(
                db, rng.choice(actions), UpdateInput(date(2026, 11, 1), f"Progress {n}", "amber")
            )
            say(f"update {ident}")
        else:
            agency = p.get_agency(db, rng.choice(agencies))
            phone = f"01632 {seed % 1000:03d}{n:04d}"
            p.save_agency(
                db,
                p.AgencyInput(name=agency.name, sector=agency.sector.value, phone=phone),
                agency.id,
                agency.row_version,
            )
            say(f"phone {agency.id} {phone}")


def zygote(path: str) -> None:
    for line in sys.stdin:
        seed = int(line)
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                main(path, seed)
            finally:
                os._exit(1)
        say(f"pid {pid}")
        os.waitpid(pid, 0)
        say(f"dead {pid}")


if __name__ == "__main__":
    zygote(sys.argv[1])
