"""The performance dataset in the yearly report: the headline trends of the year, by theme.

Everything comes from the scorecard (`services.performance.build_scorecard`), read as it stood
on the day figures stand on (`as_of`: corrections and late returns recorded after 31 March are
left out). The latest quarter reported is the one the board's scorecard reported on that day,
the latest complete quarter (on 31 March, Q3: Q4 ends that day and its returns come later); one
scorecard per quarter of the year up to it gives each quarter's figure and the returns still
missing. RAG, direction of travel and exceptions are the scorecard's own, of each indicator's
latest figure. Read through `ctx.db`, so a public version has no restricted indicator at all;
partners' commentary, written for the board, stays in the draft.
"""

from __future__ import annotations

from collections import defaultdict

from partnerboard.domain.actions import reference_key
from partnerboard.domain.performance import Direction
from partnerboard.domain.public_sector_year import Period
from partnerboard.services.performance import Scorecard, ScoreRow, build_scorecard
from partnerboard.services.yearly_report.context import YearContext, count_text, labelled
from partnerboard.services.yearly_report.document import (
    Content,
    Figure,
    Figures,
    PartData,
    Table,
    Text,
)


def year_scorecards(ctx: YearContext) -> list[Scorecard]:
    """The scorecard of each quarter of the year that had ended by the day figures stand on,
    each as it stood on that day (empty: none had ended)."""
    reported = Period.latest_complete(ctx.as_at)
    return [
        build_scorecard(ctx.db, quarter, as_of=ctx.as_at)
        for quarter in ctx.year.quarters()
        if quarter <= reported
    ]


def _in(row: ScoreRow | None, quarter: Period) -> bool:
    return row is not None and row.period is not None and row.period.quarter == quarter


def _name(row: ScoreRow) -> str:
    return labelled(f"{row.indicator.reference} {row.indicator.title}", row.indicator.restricted)


def dataset_part(ctx: YearContext) -> PartData:
    cards = year_scorecards(ctx)
    by_quarter = [(card.period, {r.id: r for r in card.rows}) for card in cards]
    latest = cards[-1] if cards else None
    rows = [
        r
        for r in (latest.rows if latest else ())
        if any(_in(found.get(r.id), q) for q, found in by_quarter)
    ]
    if latest is None or not rows:
        return PartData("dataset", gaps=(f"no performance dataset held for {ctx.label}",))
    quarters = [q for q, _found in by_quarter]

    def cells(row: ScoreRow) -> tuple[str, ...]:
        return tuple(
            found[row.id].value_text() if _in(found.get(row.id), q) else "–"
            for q, found in by_quarter
        )

    exceptions = [r for r in rows if r.exception]
    reported = {r.id for r in rows}
    missing = _missing(cards, latest)
    content: list[Content] = [
        _key_figures(ctx, latest.period, rows, exceptions, len(missing)),
        Text(
            f"Each indicator's figure for each quarter of {ctx.label}, as recorded by {ctx.at}; "
            f"RAG against its target and direction of travel (by its polarity, against the "
            f"period before) are those of its latest figure. The latest quarter reported on "
            f"{ctx.at} was {latest.period.label}. “–”: no figure had been received.",
            "note",
        ),
    ]
    if exceptions:
        content.append(_exceptions(ctx, exceptions))
    for theme, found in latest.by_theme():
        shown = [r for r in found if r.id in reported]
        if shown:
            content.append(
                Table(
                    f"{theme}: indicators, {ctx.label}",
                    (
                        "Indicator",
                        "Target",
                        *(q.label.split()[0] for q in quarters),
                        "RAG",
                        "Direction of travel",
                    ),
                    tuple(
                        (
                            _name(r),
                            r.indicator.target_text(),
                            *cells(r),
                            r.rag_label,
                            _direction(r.direction),
                        )
                        for r in shown
                    ),
                    (34, 13, *(9 for _ in quarters), 12, 14),
                )  # fmt: skip
            )
    if missing:
        content.append(
            Table(
                f"Figures not received by {ctx.at}",
                ("Supplying agency", "Indicators", "Periods"),
                missing,
                (30, 40, 30),
            )
        )
    restricted = sum(1 for r in rows if r.indicator.restricted)
    return PartData("dataset", tuple(content), restricted=restricted)


def _direction(direction: Direction) -> str:
    return "–" if direction is Direction.NONE else direction.label


def _key_figures(
    ctx: YearContext,
    reported: Period,
    rows: list[ScoreRow],
    exceptions: list[ScoreRow],
    owing: int,
) -> Figures:
    def number(label: str, n: int) -> Figure:
        return Figure(label, str(n), n)

    rags = {key: sum(1 for r in rows if r.rag_key == key) for key in ("red", "amber", "green")}
    directions = {d: sum(1 for r in rows if r.direction is d) for d in Direction}
    return Figures(
        f"Key figures: the performance dataset, {ctx.label}",
        (
            number(f"Indicators with figures for {ctx.label}", len(rows)),
            Figure(f"Latest quarter reported on {ctx.at}", reported.label),
            *(number(f"Rated {k.title()} on {ctx.at}", n) for k, n in rags.items()),
            number("Improving on the period before", directions[Direction.IMPROVING]),
            number("Worsening on the period before", directions[Direction.WORSENING]),
            number("Exceptions (Red, or worsening two periods running)", len(exceptions)),
            Figure(
                f"Supplying agencies with figures outstanding on {ctx.at}",
                count_text(owing, "agency", "agencies") if owing else "None",
                owing,
            ),
        ),
    )


def _exceptions(ctx: YearContext, exceptions: list[ScoreRow]) -> Table:
    """The exceptions; the draft adds the partners' commentary for the team to draw on."""
    header = ("Indicator", "Why an exception", "Latest figure")
    widths: tuple[int, ...] = (36, 26, 18)
    if not ctx.public:
        header, widths = (*header, "Commentary"), (30, 20, 14, 36)
    return Table(
        f"Exceptions on {ctx.at}",
        header,
        tuple(
            (
                _name(r),
                r.why_exception,
                f"{r.value_text()} ({r.period_text()})",
                *(() if ctx.public else (r.commentary or "–",)),
            )
            for r in exceptions
        ),
        widths,
    )


def _missing(cards: list[Scorecard], latest: Scorecard) -> tuple[tuple[str, ...], ...]:
    """Supplying agency -> the indicators and periods still owed, over the year's quarters.

    Only indicators collected by then (with a figure in the scorecard's trend) owe figures: one
    added to the dataset later owed nothing for this year."""
    collected = {r.indicator.reference: r.indicator.restricted for r in latest.rows if r.period}
    owed: dict[str, tuple[set[str], list[str]]] = defaultdict(lambda: (set(), []))
    for card in cards:
        for m in card.missing:
            wanted = [ref for ref in m.references if ref in collected]
            if wanted:
                references, periods = owed[m.agency_name]
                references.update(wanted)
                periods.extend(p for p in m.periods if p not in periods)
    return tuple(
        (
            agency,
            ", ".join(labelled(r, collected[r]) for r in sorted(references, key=reference_key)),
            ", ".join(periods),
        )
        for agency, (references, periods) in sorted(owed.items())
    )
