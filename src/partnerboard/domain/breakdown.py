"""`Breakdown`: counts by category and series, the data behind every chart.

One value object feeds both the PDF charts (`partnerboard.reports.charts`) and the Qt charts
(`partnerboard.ui.widgets.charts`), and it can say in words what the chart shows, for screen
readers and for a caption under a printed chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from partnerboard.domain import palette
from partnerboard.domain.palette import Swatch


@dataclass(frozen=True)
class Breakdown:
    """Counts of things by category (a bar) and series (a segment of the bar).

    `counts[c][s]` is the count for category `c` and series `s`. `colours` gives one swatch per
    series; left empty, each series takes its palette colour by name ('Red', 'Good') or a
    neutral one. `category_colours`, one per category, colours a one-series chart bar by bar
    (see `distribution`).
    """

    categories: tuple[str, ...]
    series: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    colours: tuple[Swatch, ...] = ()
    category_colours: tuple[Swatch, ...] = ()
    # The categories count the same things in different ways (an agency's own ratings and the
    # board's, of the same 31 criteria): there is no grand total, and the legend gives none.
    alternatives: bool = False

    def __post_init__(self) -> None:
        # Accept lists from callers but store tuples, so that the object stays immutable.
        set_ = object.__setattr__
        set_(self, "categories", tuple(str(c) for c in self.categories))
        set_(self, "series", tuple(str(s) for s in self.series))
        set_(self, "counts", tuple(tuple(int(v) for v in row) for row in self.counts))
        set_(self, "colours", tuple(self.colours))
        set_(self, "category_colours", tuple(self.category_colours))
        if len(self.counts) != len(self.categories):
            raise ValueError("counts needs one row per category")
        for row in self.counts:
            if len(row) != len(self.series):
                raise ValueError("each row of counts needs one value per series")
            if any(value < 0 for value in row):
                raise ValueError("counts cannot be negative")
        if self.colours and len(self.colours) != len(self.series):
            raise ValueError("colours needs one swatch per series")
        if self.category_colours and len(self.category_colours) != len(self.categories):
            raise ValueError("category_colours needs one swatch per category")
        if not self.colours:
            set_(
                self,
                "colours",
                tuple(palette.series_swatch(name, i) for i, name in enumerate(self.series)),
            )

    @classmethod
    def empty(cls) -> Breakdown:
        """A breakdown with nothing in it (charts show 'No data yet')."""
        return cls((), (), ())

    @classmethod
    def distribution(
        cls, labels: Sequence[str], counts: Sequence[int], *, series: str = "Count"
    ) -> Breakdown:
        """One bar per label (e.g. a grade), each in its own palette colour where known."""
        swatches = tuple(
            palette.named_swatch(label) or palette.SERIES[i % len(palette.SERIES)]
            for i, label in enumerate(labels)
        )
        return cls(
            tuple(labels),
            (series,),
            tuple((count,) for count in counts),
            category_colours=swatches,
        )

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to draw (no categories, or every count is zero)."""
        return self.total == 0

    def category_total(self, category: int) -> int:
        return sum(self.counts[category])

    def series_total(self, series: int) -> int:
        return sum(row[series] for row in self.counts)

    @property
    def max_category_total(self) -> int:
        return max((sum(row) for row in self.counts), default=0)

    def swatch(self, category: int, series: int) -> Swatch:
        """The colour of one segment: by category in a one-series distribution, else by series."""
        if self.category_colours and len(self.series) == 1:
            return self.category_colours[category]
        return self.colours[series]

    def describe(self, title: str = "") -> str:
        """What the chart shows, in words, e.g. for a screen reader or a printed caption.

        'RAG by workstream. 14 in total. Safer families: Red 3, Amber 5, Green 2 (10). ...'
        """
        lead = f"{title.rstrip('.')}. " if title else ""
        if self.is_empty:
            return f"{lead}No data yet."
        if len(self.series) == 1:
            parts = ", ".join(
                f"{name} {row[0]}" for name, row in zip(self.categories, self.counts, strict=True)
            )
            return f"{lead}{self.total} in total: {parts}."
        sentences = [] if self.alternatives else [f"{self.total} in total."]
        for name, row in zip(self.categories, self.counts, strict=True):
            pieces = [f"{s} {v}" for s, v in zip(self.series, row, strict=True) if v]
            detail = f"{', '.join(pieces)} ({sum(row)})" if pieces else "none"
            sentences.append(f"{name}: {detail}.")
        return lead + " ".join(sentences)
