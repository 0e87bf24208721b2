"""Counting lost updates after concurrent editing, from the clients' own logs.

Every save a client logged carries the action, the version its form showed (`base`), the text
its form showed (`before`), the unique text it wrote (`token`) and whether the save was
acknowledged. With optimistic locking each acknowledged save raises the row's version by
exactly one, so for one action the acknowledged saves must form a single chain:

- an acknowledged save is **kept** when its token is the action's final text, or when another
  acknowledged save was made on top of it: that save's form showed this token (`before`) at
  the version this save produced (`base` + 1): its author saw the value before replacing it.
  Any other acknowledged save is **lost** (its value vanished without anyone having seen it).
- as a cross-check, the final version must be the first version plus the number of
  acknowledged saves (a refused save must not have written; no save may be counted twice),
  and no two acknowledged saves may start from the same version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass
class LostUpdateReport:
    acknowledged: int = 0
    refused: int = 0
    lost: int = 0
    problems: list[str] = field(default_factory=list)


def check_saves(
    saves: Iterable[Mapping[str, object]],
    initial: Mapping[int, tuple[str, int]],
    final: Mapping[int, tuple[str, int]],
) -> LostUpdateReport:
    """`initial` and `final`: action id -> (text, row_version) before and after the editing."""
    report = LostUpdateReport()
    by_action: dict[int, list[Mapping[str, object]]] = defaultdict(list)
    for save in saves:
        if save["ok"]:
            report.acknowledged += 1
            by_action[int(save["action"])].append(save)  # type: ignore[arg-type]
        else:
            report.refused += 1
    for action_id, (text0, version0) in initial.items():
        chain = by_action.get(action_id, [])
        final_text, final_version = final[action_id]
        seen_on = {(s["before"], s["base"]) for s in chain}
        for save in chain:
            kept = save["token"] == final_text or (save["token"], int(save["base"]) + 1) in seen_on  # type: ignore[call-overload]
            if not kept:
                report.lost += 1
                report.problems.append(f"action {action_id}: {save['token']!r} was lost")
        bases = [int(s["base"]) for s in chain]  # type: ignore[call-overload]
        if len(set(bases)) != len(bases):
            report.problems.append(f"action {action_id}: two saves accepted on one version")
        if final_version != version0 + len(chain):
            report.problems.append(
                f"action {action_id}: version {final_version} after {len(chain)} "
                f"acknowledged saves from version {version0}"
            )
        if not chain and final_text != text0:
            report.problems.append(f"action {action_id}: changed without an acknowledged save")
    return report
