"""Workstreams ("ambitions") of the improvement plan: number, title, lead, board, our approach."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from partnerboard.services import actions, partnership
from partnerboard.services.actions.filtering import Show
from partnerboard.services.actions.workstreams import WorkstreamInput, WorkstreamRow
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.table_model import Column


class WorkstreamsPage(RegisterPage):
    key = "workstreams"
    title = "Workstreams"
    noun = "workstream"
    plural = "workstreams"
    tables = frozenset({"workstream", "action", "person", "board"})

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.form_title.setWordWrap(True)  # ambitions have long titles

    def columns(self) -> list[Column[WorkstreamRow]]:
        return [
            Column("number", "No.", lambda r: r.number, align_right=True),
            Column("title", "Workstream (ambition)", lambda r: r.title),
            Column("lead", "Lead", lambda r: r.lead),
            Column("board", "Board", lambda r: r.board),
            Column("open", "Open actions", lambda r: r.open_actions, align_right=True),
            Column("all", "All actions", lambda r: r.all_actions, align_right=True),
            Column("active", "Active", lambda r: r.active, visible=False),
        ]

    def load_rows(self) -> list[WorkstreamRow]:
        people = partnership.list_people(self.db, include_inactive=False)
        boards = partnership.list_boards(self.db, include_inactive=False)
        self.form.set_choices("lead_person_id", [(p.id, p.display_name) for p in people])
        self.form.set_choices("board_id", [(b.id, b.short_name or b.name) for b in boards])
        return actions.list_workstreams(self.db)

    def build_form(self, form: Form) -> None:
        form.number("number", "Number", minimum=1, maximum=9999)
        form.text("title", "Title", required=True, max_length=300)
        form.choice("lead_person_id", "Lead", [], none_label="No lead person")
        form.text("lead_name", "Lead as written")
        form.choice("board_id", "Board", [], none_label="No board")
        form.multiline("approach", "Our approach", height=110)
        for key in ("lead_person_id", "board_id"):
            combo = form.field(key)
            assert isinstance(combo, QComboBox)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(20)

    def extra_panel(self) -> QWidget | None:
        self.open_actions_button = QPushButton("Show its &actions")
        self.open_actions_button.setAccessibleName("Show the workstream's actions")
        self.open_actions_button.clicked.connect(self._show_actions)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open_actions_button)
        row.addStretch(1)
        return holder

    def record_loaded(self, row: WorkstreamRow | None) -> None:
        self.open_actions_button.setEnabled(row is not None)

    def _show_actions(self) -> None:
        if self.editing_id is not None:
            self.context.open_page("actions", workstream_id=self.editing_id, show=Show.ALL)

    def row_label(self, row: WorkstreamRow) -> str:
        return row.label

    def row_values(self, row: WorkstreamRow) -> dict[str, Any]:
        return {
            "number": row.number,
            "title": row.title,
            "lead_person_id": row.lead_person_id,
            "lead_name": row.lead_name,
            "board_id": row.board_id,
            "approach": row.approach,
        }

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> WorkstreamRow:
        data = WorkstreamInput(
            title=values["title"],
            number=values["number"],
            lead_person_id=values["lead_person_id"],
            lead_name=values["lead_name"],
            board_id=values["board_id"],
            approach=values["approach"],
        )
        return actions.save_workstream(self.db, data, record_id, version)

    def set_active(self, record_id: int, active: bool) -> WorkstreamRow:
        return actions.set_workstream_active(self.db, record_id, active)
