"""Column widths from content, shared by the PDF tables (`reports.blocks`) and the Word tables
(`exports.word`): columns share the width in proportion to their weights, but none is narrower
than its longest word, so that a name is never split in the middle and a date stays on one line.
"""

from __future__ import annotations

from collections.abc import Sequence


def share_widths(weights: Sequence[float], minimums: Sequence[float], total: float) -> list[float]:
    """Column widths that add up to `total`, in proportion to `weights`, each at least its
    minimum where they can all be met (the others give way in proportion to their weights)."""
    if sum(minimums) >= total:
        scale = total / sum(minimums)
        return [m * scale for m in minimums]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = total - sum(fixed.values())
        weight = sum(weights[i] for i in free)
        shares = {i: room * weights[i] / weight for i in free}
        short = [i for i in free if shares[i] < minimums[i]]
        if not short:
            return [fixed.get(i, shares.get(i, 0.0)) for i in range(len(weights))]
        for i in short:
            fixed[i] = minimums[i]
