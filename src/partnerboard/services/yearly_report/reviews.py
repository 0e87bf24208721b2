"""Practice reviews in the yearly report: the reviews of the year, their statutory deadlines,
the decisions taken, and the recommendations of local and national reviews with what was done.

A review belongs to the year when the partnership was aware of it by the day figures stand on
and it had not closed before the year began. Its dates after that day are read as not yet
happened, so deadlines are judged as they stood. Recommendations are action-log actions (from
a review in the register, or, without one, from a national review): those open on that day or
completed during the year, with their latest update as the record of what was done.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.domain.actions import NOT_RATED_LABEL, ActionSource, Rag
from partnerboard.domain.dates import format_date
from partnerboard.domain.reviews import Deadline, DeadlineState, ReviewDecision, ReviewStatus
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.rows import ActionRow
from partnerboard.services.review_deadlines import deadlines_of
from partnerboard.services.reviews import ReviewRow, list_reviews
from partnerboard.services.yearly_report.context import YearContext, labelled, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table, Text
from partnerboard.services.yearly_report.priorities import action_year


def as_then(ctx: YearContext, row: ReviewRow) -> ReviewRow:
    """The review as it stood on the day figures stand on (later dates not yet happened)."""
    decided = row.decision_on is None or ctx.by_then(row.decision_on) is not None
    closed = ctx.by_then(row.closed_on)
    status = row.status
    if status is ReviewStatus.CLOSED and closed is None:
        status = ReviewStatus.ACTION_PLAN if decided and row.decision else ReviewStatus.OPEN
    return replace(
        row,
        notified_on=ctx.by_then(row.notified_on),
        rapid_review_on=ctx.by_then(row.rapid_review_on),
        decision=row.decision if decided else None,
        decision_on=ctx.by_then(row.decision_on),
        published_on=ctx.by_then(row.published_on),
        closed_on=closed,
        status=status,
    )


def reviews_of_year(ctx: YearContext) -> list[ReviewRow]:
    def read() -> list[ReviewRow]:
        return [
            as_then(ctx, r)
            for r in reversed(list_reviews(ctx.db))
            if r.aware_on <= ctx.as_at and (r.closed_on is None or r.closed_on >= ctx.start)
        ]

    return ctx.once("reviews", read)


DEADLINES = (
    ("notify", "Panel notified"),
    ("rapid_review", "Rapid review"),
    ("publication", "Published"),
)


def _deadline_text(ctx: YearContext, deadline: Deadline | None) -> str:
    if deadline is None:
        return "–"
    if deadline.done_on is not None:
        late = deadline.state is DeadlineState.LATE
        return f"{format_date(deadline.done_on)} ({'late' if late else 'on time'})"
    if deadline.due is None:
        return deadline.state.label
    if deadline.state is DeadlineState.OVERDUE:
        return f"Overdue on {ctx.at} (due {format_date(deadline.due)})"
    return f"{deadline.state.label} {format_date(deadline.due)}"


def practice_reviews_part(ctx: YearContext) -> PartData:
    reviews = reviews_of_year(ctx)
    if not reviews:
        return PartData("practice_reviews", gaps=(f"no practice reviews recorded for {ctx.label}",))
    deadlines = {r.id: {d.key: d for d in deadlines_of(r, ctx.as_at)} for r in reviews}
    due = [d for ds in deadlines.values() for d in ds.values() if ctx.within(d.due)]
    met = sum(1 for d in due if d.state is DeadlineState.MET)

    def count(test) -> int:
        return sum(1 for r in reviews if test(r))

    figures = (
        Figure(f"Cases the partnership became aware of during {ctx.label}", str(count(lambda r: ctx.within(r.aware_on))), count(lambda r: ctx.within(r.aware_on))),
        Figure(f"Rapid reviews held during {ctx.label}", str(count(lambda r: ctx.within(r.rapid_review_on))), count(lambda r: ctx.within(r.rapid_review_on))),
        Figure("Decisions to hold a local review", str(count(lambda r: ctx.within(r.decision_on) and r.decision is ReviewDecision.LCSPR)), count(lambda r: ctx.within(r.decision_on) and r.decision is ReviewDecision.LCSPR)),
        Figure(f"Local reviews published during {ctx.label}", str(count(lambda r: ctx.within(r.published_on))), count(lambda r: ctx.within(r.published_on))),
        Figure(f"Statutory deadlines falling due during {ctx.label} met on time", share(met, len(due)), met),
        Figure(f"Reviews closed during {ctx.label}", str(count(lambda r: ctx.within(r.closed_on))), count(lambda r: ctx.within(r.closed_on))),
    )  # fmt: skip
    rows = tuple(
        (
            labelled(r.reference, r.restricted),
            r.kind.label,
            format_date(r.aware_on),
            "\n".join(
                f"{title}: {_deadline_text(ctx, deadlines[r.id][key])}"
                for key, title in DEADLINES
                if key in deadlines[r.id]
            )
            or "No statutory clock",
            f"{r.decision.label} ({format_date(r.decision_on) or 'date not recorded'})"
            if r.decision
            else "Not yet decided",
            r.status.label,
        )
        for r in reviews
    )
    content = (
        Figures(f"Key figures: practice reviews, {ctx.label}", figures),
        Table(
            f"Practice reviews open or held during {ctx.label}, as on {ctx.at}",
            (
                "Review",
                "Kind",
                "Aware on",
                "Statutory deadlines",
                "Decision",
                f"Status on {ctx.at}",
            ),
            rows,
            (14, 15, 11, 28, 19, 13),
        ),
        Text(
            "Working Together 2023: the national panel is notified within 5 working days of "
            "becoming aware of a serious incident, a rapid review completed within 15 working "
            "days, and a local review published within 6 months of the decision to hold one.",
            "note",
        ),
    )
    return PartData("practice_reviews", content, (), sum(1 for r in reviews if r.restricted))


def _status_text(ctx: YearContext, row: ActionRow) -> str:
    if not row.is_open:
        return f"{row.status.label} {format_date(row.closed_on)}"
    rag = row.rag.label if row.rag else NOT_RATED_LABEL
    return f"{rag}, overdue" if row.overdue(ctx.as_at) else rag


def recommendations_part(ctx: YearContext) -> PartData:
    year = action_year(ctx)
    with ctx.db.reader() as session:
        sources = dict(
            session.execute(
                select(Action.id, Action.source_review_id).where(
                    Action.source_kind == ActionSource.REVIEW_RECOMMENDATION.value
                )
            ).all()
        )
        actions = [r for r in (*year.open, *year.closed) if r.id in sources]
        done = latest_narratives(session, [r.id for r in actions], ctx.as_at)
    if not actions:
        return PartData(
            "recommendations",
            gaps=(f"no recommendations from local or national reviews recorded for {ctx.label}",),
        )
    references = {r.id: r for r in list_reviews(ctx.db)}
    by_review: dict[int | None, list[ActionRow]] = defaultdict(list)
    for row in sorted(actions, key=lambda r: r.reference_key):
        by_review[sources[row.id]].append(row)
    complete = [r for r in actions if not r.is_open or r.rag is Rag.GREEN]
    overdue = [r for r in actions if r.overdue(ctx.as_at)]
    national = len(by_review.get(None, []))

    def line(row: ActionRow) -> tuple[str, ...]:
        return (
            row.reference,
            labelled(row.text, row.restricted),
            row.agency or row.lead or "",
            format_date(row.due_on),
            _status_text(ctx, row),
            done.get(row.id, "No update recorded."),
        )

    content: list = [
        Figures(
            f"Key figures: review recommendations, {ctx.label}",
            (
                Figure(f"Recommendations being implemented during {ctx.label}", str(len(actions)), len(actions)),
                Figure(f"Complete on {ctx.at} (closed, or rated Green)", share(len(complete), len(actions)), len(complete)),
                Figure(f"Overdue on {ctx.at}", str(len(overdue)), len(overdue)),
                Figure("From national reviews", str(national), national),
            ),
        )
    ]  # fmt: skip
    header = ("Ref.", "Recommendation", "Lead", "Due", f"Status on {ctx.at}", "What was done")
    widths = (7, 30, 13, 11, 12, 27)
    for review_id, rows in sorted(by_review.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        review = references.get(review_id) if review_id is not None else None
        if review_id is None:
            caption = "Recommendations of national reviews"
        elif review is not None:
            caption = labelled(
                f"Recommendations of {review.kind.label.lower()} {review.reference}",
                review.restricted,
            )
        else:
            caption = "Recommendations of a review not shown"
        content.append(Table(caption, header, tuple(line(r) for r in rows), widths))
        if review is not None and review.decision and ctx.within(review.decision_on):
            content.append(
                Text(
                    f"Decision on {review.reference}, {format_date(review.decision_on)}"
                    f"{f' by {review.decision_by}' if review.decision_by else ''}: "
                    f"{review.decision.label}."
                )
            )
    return PartData("recommendations", tuple(content), (), sum(1 for r in actions if r.restricted))
