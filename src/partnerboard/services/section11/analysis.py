"""Compliance at a glance: the agencies × standards matrix of a round, and year on year.

A standard's rating for an agency is the mean level of its criteria's ratings (the board's
moderated rating where there is one, unless asked for the agencies' own), mapped back to the
nearest option of the round's scale; "Not applicable" is left out. Levels (0 worst .. 1 best)
make rounds on different scales comparable. Standards are matched across framework versions by
their number and criteria by their code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.section11 import (
    S11Answer,
    S11Criterion,
    S11Moderation,
    S11Return,
    S11Round,
    S11Standard,
    S11Submission,
)
from partnerboard.domain.section11 import (
    Change,
    Rating,
    RatingScale,
    ReturnStatus,
    average_level,
    change_between,
    is_overdue,
)
from partnerboard.services.common import fetch
from partnerboard.services.section11.rounds import RoundRow, get_round, list_rounds


@dataclass(frozen=True)
class MatrixCell:
    level: float | None
    rating: Rating | None  # the scale's option nearest the level
    counts: tuple[tuple[str, int], ...]  # (label, how many criteria) in the scale's order
    rated: int  # criteria with a rating
    total: int  # criteria of the standard
    moderated: int  # criteria whose rating the board moderated

    @property
    def colour(self) -> str | None:
        return self.rating.colour if self.rating else None

    def share(self, label: str) -> float | None:
        """Of the criteria rated, the percentage rated `label` (None when none is rated)."""
        if not self.rated:
            return None
        return 100 * dict(self.counts).get(label, 0) / self.rated

    def describe(self) -> str:
        counts = ", ".join(f"{label}: {n}" for label, n in self.counts if n)
        note = f"; {self.moderated} moderated" if self.moderated else ""
        return f"{counts or 'no ratings'} ({self.rated} of {self.total} rated{note})"


@dataclass(frozen=True)
class MatrixRow:
    return_id: int
    agency_id: int
    agency_name: str
    agency_short_name: str | None
    status: ReturnStatus
    overdue: bool
    cells: tuple[MatrixCell | None, ...]  # one per standard; None when nothing was returned
    overall: MatrixCell | None


@dataclass(frozen=True)
class ComplianceMatrix:
    round: RoundRow
    standards: tuple[tuple[int, str], ...]  # (number, title)
    rows: tuple[MatrixRow, ...]
    by_standard: tuple[MatrixCell | None, ...]  # every agency together, per standard
    moderated: bool


def _cell(
    ratings: list[tuple[str | None, bool]], total: int, rating_scale: RatingScale
) -> MatrixCell | None:
    """A cell from (rating value, moderated?) pairs of the criteria answered."""
    if not ratings:
        return None
    options = [rating_scale.get(value) for value, _ in ratings]
    level = average_level([o.level for o in options if o is not None])
    counts = tuple(
        (option.label, sum(1 for o in options if o is not None and o.value == option.value))
        for option in rating_scale.options
    )
    return MatrixCell(
        level,
        rating_scale.nearest(level),
        counts,
        sum(1 for o in options if o is not None),
        total,
        sum(1 for _, moderated in ratings if moderated),
    )


def _effective_ratings(
    session: Session, round_id: int, use_moderated: bool
) -> dict[int, dict[int, tuple[str | None, bool]]]:
    """return id -> criterion id -> (rating, moderated?) for the current submissions of a round."""
    result: dict[int, dict[int, tuple[str | None, bool]]] = defaultdict(dict)
    for return_id, criterion_id, rating in session.execute(
        select(S11Submission.return_id, S11Answer.criterion_id, S11Answer.rating)
        .join(S11Submission, S11Submission.id == S11Answer.submission_id)
        .join(S11Return, S11Return.id == S11Submission.return_id)
        .where(S11Return.round_id == round_id, S11Submission.superseded.is_(False))
    ):
        result[return_id][criterion_id] = (rating, False)
    if use_moderated:
        for return_id, criterion_id, rating in session.execute(
            select(S11Moderation.return_id, S11Moderation.criterion_id, S11Moderation.rating)
            .join(S11Return, S11Return.id == S11Moderation.return_id)
            .where(S11Return.round_id == round_id)
            .order_by(S11Moderation.moderated_on, S11Moderation.id)
        ):
            if criterion_id in result[return_id]:
                original = result[return_id][criterion_id][0]
                result[return_id][criterion_id] = (rating, rating != original)
    return result


def compliance_matrix(
    db: Database, round_id: int, use_moderated: bool = True, today: date | None = None
) -> ComplianceMatrix:
    """Agencies × standards of one round (see the module docstring for how a cell is rated)."""
    the_round = get_round(db, round_id)
    rating_scale = the_round.scale
    today = today or db.clock.today()
    with db.reader() as session:
        fetch(session, S11Round, round_id, "round")
        standards = list(
            session.scalars(
                select(S11Standard)
                .where(S11Standard.framework_id == the_round.framework_id)
                .order_by(S11Standard.number)
            )
        )
        standard_of: dict[int, int] = {}
        totals: dict[int, int] = defaultdict(int)
        for criterion_id, standard_id in session.execute(
            select(S11Criterion.id, S11Criterion.standard_id).where(
                S11Criterion.standard_id.in_([s.id for s in standards])
            )
        ):
            standard_of[criterion_id] = standard_id
            totals[standard_id] += 1
        ratings = _effective_ratings(session, round_id, use_moderated)
        returns = session.execute(
            select(S11Return, Agency)
            .join(Agency, Agency.id == S11Return.agency_id)
            .where(S11Return.round_id == round_id)
        )
        rows = []
        per_standard: dict[int, list[tuple[str | None, bool]]] = defaultdict(list)
        for the_return, agency in returns:
            answered = ratings.get(the_return.id, {})
            by_standard: dict[int, list[tuple[str | None, bool]]] = defaultdict(list)
            for criterion_id, pair in answered.items():
                if criterion_id in standard_of:
                    by_standard[standard_of[criterion_id]].append(pair)
                    per_standard[standard_of[criterion_id]].append(pair)
            status = ReturnStatus(the_return.status)
            rows.append(
                MatrixRow(
                    the_return.id,
                    agency.id,
                    agency.name,
                    agency.short_name,
                    status,
                    is_overdue(status, the_return.extended_to or the_round.deadline, today),
                    tuple(_cell(by_standard[s.id], totals[s.id], rating_scale) for s in standards),
                    _cell(list(answered.values()), sum(totals.values()), rating_scale),
                )  # fmt: skip
            )
        standard_titles = tuple((s.number, s.title) for s in standards)
        standard_ids = [s.id for s in standards]
    rows.sort(key=lambda r: r.agency_name.casefold())
    return ComplianceMatrix(
        the_round,
        standard_titles,
        tuple(rows),
        tuple(
            _cell(per_standard[i], totals[i] * max(len(rows), 1), rating_scale)
            for i in standard_ids
        ),
        use_moderated,
    )


@dataclass(frozen=True)
class TrendRow:
    standard_number: int | None  # None: all standards together
    title: str
    cells: tuple[MatrixCell | None, ...]  # one per round, oldest first
    change: Change  # between the last two rounds that have a rating
    # Every agency together: how the share of each rating moved between those two rounds, in
    # percentage points ("Fully met", +8); a mean of many agencies says little on its own.
    shift: tuple[tuple[str, int], ...] = ()

    def shift_text(self) -> str:
        moved = [f"{label} {points:+d} pts" for label, points in self.shift if points]
        return "; ".join(moved) if self.shift else ""


@dataclass(frozen=True)
class YearOnYear:
    agency_id: int | None  # None: every agency together
    agency_name: str | None
    rounds: tuple[RoundRow, ...]  # oldest first
    rows: tuple[TrendRow, ...]


def _change(cells: tuple[MatrixCell | None, ...]) -> Change:
    """Change of the *shown* rating (not of the mean behind it) between the last two rounds
    with one, so that "Fully met → Fully met" never reads as an improvement."""
    shown = [c.rating.level if c and c.rating else None for c in cells]
    if not shown or shown[-1] is None:
        return Change.NONE
    earlier = [level for level in shown[:-1] if level is not None]
    return change_between(earlier[-1] if earlier else None, shown[-1])


def _last_two(cells: tuple[MatrixCell | None, ...]) -> tuple[MatrixCell | None, MatrixCell | None]:
    rated = [c for c in cells if c is not None and c.rated]
    if not rated or cells[-1] is None or not cells[-1].rated:
        return None, None
    return (rated[-2] if len(rated) > 1 else None), rated[-1]


def _change_of_mean(cells: tuple[MatrixCell | None, ...]) -> Change:
    """Every agency together: the change of the mean level (to two places), not of the rating
    nearest to it — averaging many agencies pulls every standard to the middle rating."""
    before, after = _last_two(cells)
    if after is None or after.level is None:
        return Change.NONE
    if before is None or before.level is None:
        return Change.NEW
    return change_between(round(before.level, 2), round(after.level, 2))


def _shift(cells: tuple[MatrixCell | None, ...], labels: list[str]) -> tuple[tuple[str, int], ...]:
    before, after = _last_two(cells)
    if before is None or after is None:
        return ()
    return tuple(
        (label, round((after.share(label) or 0) - (before.share(label) or 0))) for label in labels
    )


def year_on_year(
    db: Database,
    agency_id: int | None = None,
    use_moderated: bool = True,
    last: int = 5,
    until_round_id: int | None = None,
) -> YearOnYear:
    """Each standard's rating per round (the last `last` rounds, up to and including
    `until_round_id` if given), for one agency or every agency together."""
    newest_first = list_rounds(db)
    if until_round_id is not None:
        ids = [r.id for r in newest_first]
        newest_first = newest_first[ids.index(until_round_id) :] if until_round_id in ids else []
    rounds = tuple(reversed(newest_first[:last]))
    titles: dict[int, str] = {}
    cells: dict[int | None, list[MatrixCell | None]] = defaultdict(list)
    agency_name = None
    for index, the_round in enumerate(rounds):
        matrix = compliance_matrix(db, the_round.id, use_moderated)
        titles.update(dict(matrix.standards))
        if agency_id is None:
            found: dict[int | None, MatrixCell | None] = dict(
                zip([n for n, _ in matrix.standards], matrix.by_standard, strict=True)
            )
            everyone = [r.overall for r in matrix.rows]
            found[None] = merge_cells(everyone, the_round.scale)
        else:
            row = next((r for r in matrix.rows if r.agency_id == agency_id), None)
            agency_name = row.agency_name if row else agency_name
            found = (
                dict(zip([n for n, _ in matrix.standards], row.cells, strict=True)) if row else {}
            )
            found[None] = row.overall if row else None
        for number in set(titles) | {None}:
            while len(cells[number]) < index:
                cells[number].append(None)
            cells[number].append(found.get(number))
    if agency_id is not None and agency_name is None:
        with db.reader() as session:
            agency_name = fetch(session, Agency, agency_id, "agency").name
    rows = []
    labels = list(dict.fromkeys(o.label for r in rounds for o in r.scale.options if o.applicable))
    for number in [*sorted(titles), None]:
        series = tuple(cells[number] + [None] * (len(rounds) - len(cells[number])))
        title = titles[number] if number is not None else "All standards"
        if agency_id is None:
            rows.append(
                TrendRow(number, title, series, _change_of_mean(series), _shift(series, labels))
            )
        else:
            rows.append(TrendRow(number, title, series, _change(series)))
    return YearOnYear(agency_id, agency_name, rounds, tuple(rows))


def merge_cells(cells: list[MatrixCell | None], rating_scale: RatingScale) -> MatrixCell | None:
    """Cells of several agencies (or standards) as one: counts added, levels weighted by the
    criteria rated."""
    present = [c for c in cells if c is not None]
    if not present:
        return None
    weighted = [(c.level, c.rated) for c in present if c.level is not None]
    rated = sum(w for _, w in weighted)
    level = sum(level * w for level, w in weighted) / rated if rated else None
    counts: dict[str, int] = defaultdict(int)
    for c in present:
        for label, n in c.counts:
            counts[label] += n
    return MatrixCell(
        level,
        rating_scale.nearest(level),
        tuple((o.label, counts[o.label]) for o in rating_scale.options),
        sum(c.rated for c in present),
        sum(c.total for c in present),
        sum(c.moderated for c in present),
    )
