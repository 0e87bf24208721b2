"""The register's table model without widgets: filter, sort, replace rows, RAG fills."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from partnerboard.domain import palette
from partnerboard.domain.actions import ActionSource, ActionStatus, Rag, reference_key
from partnerboard.services.actions.filtering import ActionFilter, Show
from partnerboard.services.actions.register import ActionRow
from partnerboard.ui.pages.actions.columns import register_columns
from partnerboard.ui.pages.actions.model import ActionTableModel

TODAY = date(2026, 11, 23)
RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN, None]


def make_row(n: int, workstream: int, **changes) -> ActionRow:
    reference = f"{workstream}.{n}"
    rag = RAGS[n % 4]
    values = dict(
        id=workstream * 1000 + n,
        reference=reference,
        reference_key=reference_key(reference),
        workstream_id=workstream,
        workstream=f"{workstream}. Workstream {workstream}",
        workstream_number=workstream,
        text=f"Action number {n} of workstream {workstream}",
        lead_person_id=None,
        lead=f"Lead {n % 7}",
        lead_agency_id=n % 5 + 1,
        agency=f"Agency {n % 5 + 1}",
        board_id=1,
        board="Executive",
        raised_on=TODAY - timedelta(days=300),
        due_on=TODAY + timedelta(days=n - 50),
        status=ActionStatus.CLOSED if n % 10 == 0 else ActionStatus.OPEN,
        closed_on=None,
        rag=rag,
        last_update_on=TODAY - timedelta(days=n % 90),
        proposed=0,
        source_kind=ActionSource.OTHER,
        restricted=False,
        former_references="",
        search="",
    )
    values.update(changes)
    row = ActionRow(**values)
    search = f"{row.reference} {row.text} {row.lead} {row.agency} {row.status.label} {rag.label if rag else ''}"
    return row._replace(search=search.casefold())


def model_with(rows: list[ActionRow]) -> ActionTableModel:
    model = ActionTableModel(register_columns(lambda: TODAY), TODAY)
    model.load(sorted(rows, key=lambda r: r.reference_key), today=TODAY)
    return model


def column(model: ActionTableModel, key: str) -> int:
    return model.column_index(key)


def test_filtering_and_sorting_happen_in_the_model():
    rows = [make_row(n, w) for w in (1, 2, 3) for n in range(1, 121)]
    model = model_with(rows)
    open_rows = [r for r in rows if r.status is ActionStatus.OPEN]
    assert model.rowCount() == len(open_rows)  # the default filter shows open actions
    first = model.index(0, column(model, "reference"))
    assert first.data() == "1.1" and model.index(1, 0).data() == "1.2"
    assert (
        model.index(8, 0).data() == "1.9" and model.index(9, 0).data() == "1.11"
    )  # 1.10 is closed

    model.set_filter(ActionFilter(rags=frozenset({"red"}), overdue=True))
    expected = [r for r in open_rows if r.rag is Rag.RED and r.overdue(TODAY)]
    assert model.rowCount() == len(expected) > 0

    model.sort(column(model, "due"), Qt.SortOrder.DescendingOrder)
    dues = [row.due_on for row in model.rows()]
    assert dues == sorted(dues, reverse=True)
    # Typing narrows within the current sort order.
    model.set_filter(ActionFilter(rags=frozenset({"red"}), overdue=True, text="2."))
    assert [r.workstream_id for r in model.rows()] == [2] * len(
        [r for r in expected if r.workstream_id == 2]
    )
    assert [r.due_on for r in model.rows()] == sorted(
        (r.due_on for r in model.rows()), reverse=True
    )

    model.set_filter(ActionFilter(show=Show.ALL))
    model.sort(column(model, "rag"), Qt.SortOrder.AscendingOrder)
    order = [row.rag for row in model.rows()]
    assert order[0] is Rag.RED and order[-1] is None
    model.sort(-1)
    assert [r.reference for r in model.rows()][:3] == ["1.1", "1.2", "1.3"]


def test_replacing_rows_keeps_filter_and_order():
    rows = [make_row(n, 1) for n in range(1, 30)]
    model = model_with(rows)
    model.set_filter(ActionFilter(rags=frozenset({"green"})))
    greens = model.rowCount()
    changed = rows[0]._replace(rag=Rag.GREEN, search=rows[0].search + " green")
    new = make_row(99, 1, rag=Rag.GREEN)
    model.replace_rows([changed, new])
    references = [r.reference for r in model.rows()]
    assert len(references) == greens + 2
    assert references[0] == "1.1" and references[-1] == "1.99"
    assert len(model.all_rows()) == 30


def test_an_action_is_found_where_it_is_shown_after_filters_sorts_and_changes():
    """The page finds the selected action after each keystroke by a look-up; it must say
    where each row is shown, or that it is not shown, whatever was filtered, sorted or
    changed before."""
    rows = [make_row(n, w) for w in (1, 2) for n in range(1, 60)]
    model = model_with(rows)
    ids = [row.id for row in rows] + [99_999]

    def check() -> None:
        shown = [row.id for row in model.rows()]
        for ident in ids:
            expected = shown.index(ident) if ident in shown else None
            assert model.position_of_id(ident) == expected, ident

    check()
    model.set_filter(ActionFilter(text="lead 3"))
    check()
    model.sort(column(model, "due"), Qt.SortOrder.DescendingOrder)
    check()
    model.replace_rows([rows[3]._replace(search="lead 3 now"), make_row(77, 3)])
    ids.append(make_row(77, 3).id)
    check()
    model.set_filter(ActionFilter(show=Show.ALL))
    check()


def test_rag_cells_carry_the_palette_fill_and_readable_text():
    model = model_with([make_row(1, 1, rag=Rag.RED), make_row(2, 1, rag=None)])
    rag = column(model, "rag")
    red = model.index(0, rag)
    assert red.data() == "Red"
    assert red.data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == palette.RED.fill
    assert (
        red.data(Qt.ItemDataRole.ForegroundRole).color().name().upper() == palette.RED.text.upper()
    )
    assert model.index(1, rag).data() == "Not rated"
    overdue_due = model.index(0, column(model, "due"))
    assert (
        overdue_due.data(Qt.ItemDataRole.ForegroundRole).color().name().upper() == palette.RED.fill
    )
