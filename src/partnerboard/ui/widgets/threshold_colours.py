"""Colours of sign-up answers and coverage: the palette's RAG fills with text that reads on them."""

from __future__ import annotations

from partnerboard.domain import palette
from partnerboard.domain.thresholds import SIGNUP_RAG, coverage_rag

_PLAIN: tuple[str | None, str | None] = (None, None)


def _rag(rag: str | None) -> tuple[str | None, str | None]:
    swatch = palette.named_swatch(rag) if rag else None
    return _PLAIN if swatch is None else (swatch.fill, swatch.text)


def signup_colours(cell) -> tuple[str | None, str | None]:
    """Fill and text colour of a matrix cell (None: not asked to sign up, left plain)."""
    return _PLAIN if cell is None else _rag(SIGNUP_RAG[cell.status])


def coverage_colours(percent: int | None) -> tuple[str | None, str | None]:
    return _rag(coverage_rag(percent))
