"""The performance dataset in the yearly report: headline trends of the indicators in the year.

The dataset register (indicators, values per quarter "2025/26-Q2", RAG and direction of travel
by polarity) is built separately; until it is merged, `dataset_year` finds none and the report
says so on its first page ("no performance dataset held for 2025/26"). To plug it in, make
`dataset_year` return a `DatasetYear` for the quarters of `ctx.year` up to `ctx.as_at`, read
through `ctx.db`.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerboard.services.yearly_report.context import YearContext
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table, Text


@dataclass(frozen=True)
class IndicatorLine:
    reference: str
    title: str
    unit: str  # "%", "rate per 10,000 children", "days" ...
    values: tuple[str, ...]  # as printed, one per period of `DatasetYear.periods` ("" if none)
    rag: str | None  # "Red" / "Amber" / "Green" at the end of the year
    direction: str  # "Improving" / "Worsening" / "No change" / "" (by the indicator's polarity)
    commentary: str | None = None


@dataclass(frozen=True)
class DatasetYear:
    """What the dataset register must return for a year."""

    periods: tuple[str, ...]  # "2025/26-Q1" … "2025/26-Q4"
    indicators: tuple[IndicatorLine, ...]  # the headline indicators, exceptions first


def dataset_year(ctx: YearContext) -> DatasetYear | None:
    """The year's dataset; None while the dataset register is not part of the app."""
    return None


def dataset_part(ctx: YearContext, year: DatasetYear | None = None) -> PartData:
    year = year if year is not None else dataset_year(ctx)
    with_values = [i for i in (year.indicators if year else ()) if any(v for v in i.values)]
    if year is None or not with_values:
        return PartData("dataset", gaps=(f"no performance dataset held for {ctx.label}",))
    count = {rag: sum(1 for i in with_values if i.rag == rag) for rag in ("Red", "Amber", "Green")}
    worse = sum(1 for i in with_values if i.direction == "Worsening")
    content = (
        Figures(
            f"Key figures: the performance dataset, {ctx.label}",
            (
                Figure("Indicators reported", str(len(with_values)), len(with_values)),
                *(
                    Figure(f"Rated {rag} at the end of the year", str(n), n)
                    for rag, n in count.items()
                ),
                Figure("Worsening over the year", str(worse), worse),
            ),
        ),
        Table(
            f"Headline indicators, {ctx.label}",
            ("Indicator", "Unit", *year.periods, "RAG", "Direction"),
            tuple(
                (f"{i.reference} {i.title}", i.unit, *i.values, i.rag or "", i.direction)
                for i in with_values
            ),
            (30, 12, *(9 for _ in year.periods), 9, 13),
        ),
        Text("Direction of travel is judged by each indicator's polarity.", "note"),
    )
    return PartData("dataset", content)
