"""The register's rows, filters and the dashboard's figures, on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

from partnerboard.domain.actions import ActionStatus, Rag
from partnerboard.services import actions
from partnerboard.services.actions.dashboard import load_dashboard
from partnerboard.services.actions.filtering import ActionFilter, RowSelector, Show
from partnerboard.services.actions.register import first_actions
from tests.clock import TODAY


def _plan(db):
    first = actions.save_workstream(db, actions.WorkstreamInput(title="Thresholds", number=1))
    second = actions.save_workstream(db, actions.WorkstreamInput(title="Exploitation", number=2))
    ids = {}
    for n in range(1, 11):
        ids[f"1.{n}"] = actions.create_action(
            db,
            actions.ActionInput(
                text=f"Threshold action {n}",
                workstream_id=first.id,
                raised_on=TODAY - timedelta(days=200),
                due_on=TODAY + timedelta(days=n * 10 - 35),
            ),
        )
    ids["2.1"] = actions.create_action(
        db,
        actions.ActionInput(
            text="Map exploitation hotspots",
            workstream_id=second.id,
            lead_name="Detective Chief Inspector, Exploitation",
            raised_on=TODAY - timedelta(days=100),
        ),
    )
    return first, second, ids


def test_rows_come_in_natural_order_with_current_rag_and_last_update(db):
    _first, _second, ids = _plan(db)
    actions.add_update(
        db, ids["1.2"], actions.UpdateInput(TODAY - timedelta(days=90), "Begun", "red")
    )
    actions.add_update(
        db, ids["1.2"], actions.UpdateInput(TODAY - timedelta(days=5), "Note only", None)
    )
    actions.add_update(
        db, ids["1.2"], actions.UpdateInput(TODAY - timedelta(days=30), "Better", "amber")
    )
    actions.add_update(
        db,
        ids["1.2"],
        actions.UpdateInput(
            TODAY - timedelta(days=1), "Partner says done", "green", state="proposed"
        ),
    )
    rows = actions.list_actions(db)
    assert [r.reference for r in rows] == [*(f"1.{n}" for n in range(1, 11)), "2.1"]
    row = next(r for r in rows if r.reference == "1.2")
    # The latest accepted update with a RAG decides; a later narrative-only update keeps it.
    assert row.rag is Rag.AMBER
    assert row.last_update_on == TODAY - timedelta(days=5)
    assert row.proposed == 1
    assert rows[-1].lead == "Detective Chief Inspector, Exploitation"
    assert rows[-1].workstream == "2. Exploitation"


def test_as_of_shows_a_past_quarter_as_it_stood(db):
    _first, _second, ids = _plan(db)
    actions.add_update(db, ids["1.1"], actions.UpdateInput(TODAY - timedelta(days=120), "x", "red"))
    actions.add_update(
        db, ids["1.1"], actions.UpdateInput(TODAY - timedelta(days=10), "y", "green")
    )
    actions.close_action(db, ids["1.1"], on=TODAY - timedelta(days=5))
    then = {r.reference: r for r in actions.list_actions(db, as_of=TODAY - timedelta(days=60))}
    now = {r.reference: r for r in actions.list_actions(db)}
    assert then["1.1"].rag is Rag.RED and then["1.1"].status is ActionStatus.OPEN
    assert now["1.1"].rag is Rag.GREEN and now["1.1"].status is ActionStatus.CLOSED
    # Actions raised after the day asked about did not exist then.
    earlier = {r.reference for r in actions.list_actions(db, as_of=TODAY - timedelta(days=150))}
    assert "2.1" in then and "2.1" not in earlier and "1.1" in earlier


def test_filters_combine_and_typing_narrows(db):
    first, second, ids = _plan(db)
    actions.add_update(db, ids["1.1"], actions.UpdateInput(TODAY, "stuck", "red"))
    actions.add_update(db, ids["1.4"], actions.UpdateInput(TODAY, "stuck", "red"))
    actions.close_action(db, ids["1.3"])
    rows = actions.list_actions(db)
    selector = RowSelector(rows)

    def refs(wanted: ActionFilter) -> list[str]:
        return [rows[i].reference for i in selector.select(wanted, TODAY)]

    # Due dates run from 25 days ago (1.1) in steps of 10 days; 1.3 (due 5 days ago) is closed.
    assert refs(ActionFilter(overdue=True)) == ["1.1", "1.2"]
    assert refs(ActionFilter(rags=frozenset({"red"}))) == ["1.1", "1.4"]
    assert refs(ActionFilter(rags=frozenset({"red"}), overdue=True)) == ["1.1"]
    assert refs(ActionFilter(due_within=30)) == ["1.4", "1.5", "1.6"]
    assert refs(ActionFilter(show=Show.CLOSED)) == ["1.3"]
    assert len(refs(ActionFilter(show=Show.ALL))) == 11
    assert refs(ActionFilter(workstream_id=second.id)) == ["2.1"]
    assert refs(ActionFilter(rags=frozenset({"none"}), workstream_id=first.id))[:2] == [
        "1.2",
        "1.5",
    ]
    assert refs(ActionFilter(text="exploit")) == ["2.1"]
    assert refs(ActionFilter(text="detective hotspots")) == [
        "2.1"
    ]  # lead as written, words in any order
    assert refs(ActionFilter(text="action 1")) == [
        "1.1",
        "1.2",
        "1.4",
        "1.5",
        "1.6",
        "1.7",
        "1.8",
        "1.9",
        "1.10",
    ]
    assert refs(ActionFilter(text="action 10")) == ["1.10"]  # narrowed from the answer above
    assert refs(ActionFilter(text="action 1")) == refs(ActionFilter(text="action 1"))
    assert refs(ActionFilter(text="")) == refs(ActionFilter())
    # The same filter in plain Python (the command line's export) agrees.
    wanted = ActionFilter(rags=frozenset({"red", "none"}), text="threshold")
    assert [r.reference for r in actions.apply_filter(rows, wanted, TODAY)] == [
        r.reference for r in rows if wanted.matches(r, TODAY)
    ]


def test_dashboard_counts_open_actions_by_workstream_and_rag(db):
    first, second, ids = _plan(db)
    actions.add_update(db, ids["1.1"], actions.UpdateInput(TODAY, "stuck", "red"))
    actions.add_update(db, ids["1.2"], actions.UpdateInput(TODAY, "going", "amber"))
    actions.add_update(db, ids["2.1"], actions.UpdateInput(TODAY, "done", "green"))
    actions.close_action(db, ids["1.10"])
    board = load_dashboard(db, TODAY)
    counts = {w.label: w.counts for w in board.by_workstream}
    assert counts["1. Thresholds"] == {"red": 1, "amber": 1, "green": 0, "none": 7}
    assert counts["2. Exploitation"] == {"red": 0, "amber": 0, "green": 1, "none": 0}
    assert (board.open_count, board.finished_count) == (10, 1)
    assert board.overdue_count == 3 and [r.reference for r in board.overdue] == [
        "1.1",
        "1.2",
        "1.3",
    ]
    assert board.due_soon_count == 3
    assert board.recent[0].reference in {"1.1", "1.2", "2.1"} and len(board.recent) == 3


def test_the_demo_plan_has_what_the_issue_asks_for(demo_db):
    rows = actions.list_actions(demo_db)
    workstreams = actions.list_workstreams(demo_db)
    assert len(workstreams) == 8
    assert all(6 <= w.all_actions <= 10 for w in workstreams)
    assert {r.rag for r in rows} == {Rag.RED, Rag.AMBER, Rag.GREEN, None}
    assert any(r.overdue(TODAY) for r in rows)
    assert {r.status for r in rows} == set(ActionStatus)
    assert actions.count_proposals(demo_db) > 0
    assert any(r.former_references for r in rows)
    spans = [
        (max(h.on for h in d.history) - min(h.on for h in d.history)).days
        for d in (actions.get_action(demo_db, r.id) for r in rows[:20])
        if len(d.history) >= 4
    ]
    assert spans and max(spans) >= 250  # about a year of updates


def test_the_fast_selector_agrees_with_the_rules_row_by_row(demo_db):
    """`RowSelector` filters a condition at a time for speed; `ActionFilter.matches` is the rule."""
    import itertools

    rows = actions.list_actions(demo_db)
    selector = RowSelector(rows)
    some = rows[5]
    options = {
        "show": [Show.OPEN, Show.CLOSED, Show.ALL],
        "rags": [frozenset(), frozenset({"red"}), frozenset({"amber", "none"})],
        "overdue": [False, True],
        "due_within": [None, 60],
        "workstream_id": [None, some.workstream_id, 0],
        "agency_id": [None, some.lead_agency_id],
        "text": ["", "partners", "zzz"],
        "action_ids": [None, frozenset(r.id for r in rows[::3])],
    }
    checked = 0
    for values in itertools.product(*options.values()):
        wanted = ActionFilter(**dict(zip(options, values, strict=True)))
        expected = [i for i, row in enumerate(rows) if wanted.matches(row, TODAY)]
        assert selector.select(wanted, TODAY) == expected, wanted
        checked += bool(expected)
    assert checked > 50  # most combinations select something


def test_typing_and_deleting_key_by_key_gives_the_rules_answer_every_time(demo_db):
    """The selector narrows earlier answers and remembers recent ones; neither may change what
    is found, also when the structural filter changes in between."""
    rows = actions.list_actions(demo_db)
    selector = RowSelector(rows)
    typed = ["p", "pa", "par", "partners", "partners r", "partners re"]
    steps = [*typed, *reversed(typed[:-1]), "", "re", "rev", "re", "r", "e", "er", "partners"]
    checked = 0
    for show in (Show.OPEN, Show.ALL, Show.OPEN):
        for text in steps:
            wanted = ActionFilter(show=show, text=text)
            expected = [i for i, row in enumerate(rows) if wanted.matches(row, TODAY)]
            assert selector.select(wanted, TODAY) == expected, (show, text)
            checked += bool(expected) and bool(text)
    assert checked > 20


def test_the_first_rows_are_the_top_of_the_register_and_the_total_counts_all(db):
    _first, _second, ids = _plan(db)
    actions.add_update(
        db, ids["1.10"], actions.UpdateInput(TODAY - timedelta(days=3), "Going well", "green")
    )
    actions.close_action(db, ids["1.3"], on=TODAY - timedelta(days=1))
    for include_closed in (False, True):
        every = actions.list_actions(db, include_closed=include_closed)
        for first in (1, 4, len(every) + 5):
            opening = first_actions(db, include_closed, first)
            # The same rows (RAG, last update, proposals …) in the same natural order.
            assert opening.rows == every[:first]
            assert opening.total == len(every)
    assert [r.reference for r in first_actions(db, False, 3).rows] == ["1.1", "1.2", "1.4"]
