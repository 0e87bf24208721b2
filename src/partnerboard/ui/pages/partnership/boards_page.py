"""Boards and sub-groups: terms of reference, quorum rule, and who sits on each."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from partnerboard.domain.access import Permission
from partnerboard.domain.partnership import BoardKind
from partnerboard.services import partnership
from partnerboard.services.partnership import BoardInput, BoardRow, MembershipRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.partnership.membership_dialog import MembershipDialog
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable


class BoardsPage(RegisterPage):
    key = "boards"
    title = "Boards"
    noun = "board"
    plural = "boards"
    tables = frozenset({"board", "membership", "person", "agency"})

    def columns(self) -> list[Column[BoardRow]]:
        return [
            Column(
                "name",
                "Name",
                lambda r: r.name,
                sort_key=lambda r: (r.sort_order, r.name.casefold()),
            ),
            Column("kind", "Kind", lambda r: r.kind),
            Column("parent", "Reports to", lambda r: r.parent_name),
            Column("chair", "Chair", lambda r: r.chair_name),
            Column("members", "Members", lambda r: r.member_count, align_right=True),
            Column("frequency", "Meets", lambda r: r.meeting_frequency),
            Column("quorum", "Quorum", lambda r: r.quorum_rule, visible=False),
        ]

    def load_rows(self) -> list[BoardRow]:
        rows = partnership.list_boards(self.db)
        self.form.set_choices("parent_board_id", [(b.id, b.name) for b in rows if b.active])
        return rows

    def build_form(self, form: Form) -> None:
        form.text("name", "Name", required=True)
        form.text("short_name", "Short name", max_length=40)
        form.choice("kind", "Kind", [(k.value, k.label) for k in BoardKind])
        form.choice("parent_board_id", "Reports to", [], none_label="Nobody (top level)")
        form.multiline("purpose", "Purpose (terms of reference)")
        form.text("meeting_frequency", "Meets", placeholder="e.g. Quarterly")
        form.number("quorum_minimum", "Quorum: members present", minimum=1, maximum=200)
        form.check(
            "quorum_counts_deputies", "Deputies with delegated authority count towards quorum"
        )
        form.check("quorum_needs_statutory_partners", "Each statutory partner must be represented")
        form.multiline("quorum_note", "Quorum rule as worded in the terms of reference")
        form.number("sort_order", "Order in lists", minimum=0, maximum=999, optional=False)

    def extra_panel(self) -> QWidget:
        box = QGroupBox("Members")
        self.members_box = box
        layout = QVBoxLayout(box)
        self.member_model: RowTableModel[MembershipRow] = RowTableModel(
            [
                Column("person", "Member", lambda m: m.person_name),
                Column("agency", "Agency", lambda m: m.agency_name),
                Column("role", "Role", lambda m: m.role),
                Column("deputy", "Named deputy", lambda m: m.deputy_name),
                Column("since", "Since", lambda m: m.starts_on, visible=False),
            ]
        )
        self.member_proxy = FilterProxy(self)
        self.members = RegisterTable(
            self.member_model, self.member_proxy, "board_members", sort_column=None
        )
        self.members.setAccessibleName("Board members")
        self.members.setMinimumHeight(220)
        self.members.doubleClicked.connect(lambda _index: self.edit_member())
        layout.addWidget(self.members)
        buttons = QHBoxLayout()
        self.add_member_button = QPushButton("&Add member…")
        self.add_member_button.setAccessibleName("Add member")
        self.add_member_button.clicked.connect(self.add_member)
        self.edit_member_button = QPushButton("&Change seat…")
        self.edit_member_button.setAccessibleName("Change seat")
        self.edit_member_button.clicked.connect(self.edit_member)
        self.end_member_button = QPushButton("&End membership")
        self.end_member_button.setAccessibleName("End membership")
        self.end_member_button.clicked.connect(self.end_member)
        for button in (self.add_member_button, self.edit_member_button, self.end_member_button):
            buttons.addWidget(button)
            self.only_for(Permission.EDIT_RECORDS, button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def record_loaded(self, row: BoardRow | None) -> None:
        self.members_box.setEnabled(row is not None)
        rows = partnership.list_memberships(self.db, board_id=row.id) if row is not None else []
        self.member_model.set_rows(rows)
        self.members.fit_columns(220)
        self.members_box.setTitle(
            f"Members ({len(rows)})" if row is not None else "Members (save the board first)"
        )

    def _selected_member(self) -> MembershipRow | None:
        index = self.members.currentIndex()
        return self.member_proxy.row_at(index.row()) if index.isValid() else None

    def add_member(self) -> None:
        if self.editing_id is None:
            return
        dialog = MembershipDialog(self.db, self.editing_id, parent=self)
        if dialog.exec() and dialog.saved:
            self.context.status(f"{dialog.saved.person_name} added to {dialog.saved.board_name}.")
            self.refresh()

    def edit_member(self) -> None:
        member = self._selected_member()
        if member is None or self.editing_id is None:
            return
        dialog = MembershipDialog(self.db, self.editing_id, existing=member, parent=self)
        if dialog.exec() and dialog.saved:
            self.context.status(f"Seat of {member.person_name} changed.")
            self.refresh()

    def end_member(self) -> None:
        member = self._selected_member()
        if member is None:
            return
        if not dialogs.confirm(
            self,
            "End membership",
            f"End {member.person_name}'s membership of {member.board_name}?",
            yes="End membership",
        ):
            return
        partnership.end_membership(self.db, member.id)
        self.context.status(f"{member.person_name} no longer sits on {member.board_name}.")
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        if self.editing_id is not None:
            self.record_loaded(partnership.get_board(self.db, self.editing_id))

    def new_record_values(self) -> dict[str, Any]:
        return {"kind": BoardKind.SUB_GROUP.value, "quorum_counts_deputies": True}

    def row_values(self, row: BoardRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "short_name": row.short_name,
            "kind": row.kind.value,
            "parent_board_id": row.parent_board_id,
            "purpose": row.purpose,
            "meeting_frequency": row.meeting_frequency,
            "quorum_minimum": row.quorum_minimum,
            "quorum_counts_deputies": row.quorum_counts_deputies,
            "quorum_needs_statutory_partners": row.quorum_needs_statutory_partners,
            "quorum_note": row.quorum_note,
            "sort_order": row.sort_order,
        }

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> BoardRow:
        data = BoardInput(
            name=values["name"],
            kind=values["kind"] or BoardKind.BOARD.value,
            short_name=values["short_name"],
            parent_board_id=values["parent_board_id"],
            purpose=values["purpose"],
            meeting_frequency=values["meeting_frequency"],
            quorum_minimum=values["quorum_minimum"],
            quorum_counts_deputies=values["quorum_counts_deputies"],
            quorum_needs_statutory_partners=values["quorum_needs_statutory_partners"],
            quorum_note=values["quorum_note"],
            sort_order=values["sort_order"] or 0,
        )
        return partnership.save_board(self.db, data, record_id, version)

    def set_active(self, record_id: int, active: bool) -> BoardRow:
        return partnership.set_board_active(self.db, record_id, active)
