"""Colours of sign-up answers and coverage, as (fill, text) pairs that read at 4.5:1 or better."""

from __future__ import annotations

from partnerboard.domain.thresholds import SIGNUP_RAG, coverage_rag

# The palette's RAG fills with the text colour that reads on each.
_RAG = {
    "green": ("#00703C", "#FFFFFF"),
    "amber": ("#F5A623", "#0B0C0C"),
    "red": ("#C62828", "#FFFFFF"),
}
_PLAIN: tuple[str | None, str | None] = (None, None)


def signup_colours(cell) -> tuple[str | None, str | None]:
    """Fill and text colour of a matrix cell (None: not asked to sign up, left plain)."""
    return _PLAIN if cell is None else _RAG[SIGNUP_RAG[cell.status]]


def coverage_colours(percent: int | None) -> tuple[str | None, str | None]:
    rag = coverage_rag(percent)
    return _PLAIN if rag is None else _RAG[rag]
