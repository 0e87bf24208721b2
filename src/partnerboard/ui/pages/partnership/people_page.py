"""People: members, deputies and contacts, with the agency they work for and their board seats."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from partnerboard.services import partnership
from partnerboard.services.partnership import PersonInput, PersonRow
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.table_model import Column


class PeoplePage(RegisterPage):
    key = "people"
    title = "People"
    noun = "person"
    plural = "people"
    tables = frozenset({"person", "agency", "membership", "board"})
    row_table = "person"

    def columns(self) -> list[Column[PersonRow]]:
        return [
            Column("name", "Name", lambda r: r.name),
            Column("job_title", "Job title", lambda r: r.job_title),
            Column("agency", "Agency", lambda r: r.agency_name),
            Column("email", "E-mail", lambda r: r.email),
            Column("phone", "Telephone", lambda r: r.phone, visible=False),
            Column("boards", "Boards", lambda r: r.boards),
            Column("active", "Active", lambda r: r.active, visible=False),
        ]

    def filter_widgets(self) -> list[QWidget]:
        self.agency_filter = QComboBox()
        self.agency_filter.setAccessibleName("Filter by agency")
        self.agency_filter.setMinimumContentsLength(18)
        self.agency_filter.currentIndexChanged.connect(self._filter_agency)
        return [self.agency_filter]

    def _filter_agency(self) -> None:
        agency_id = self.agency_filter.currentData()
        self.proxy.set_predicate(
            "agency", None if agency_id is None else (lambda r: r.agency_id == agency_id)
        )
        self._update_count()

    def load_rows(self) -> list[PersonRow]:
        agencies = partnership.list_agencies(self.db, include_inactive=False)
        options = [(a.id, a.display_name) for a in agencies]
        self.form.set_choices("agency_id", options)
        current = self.agency_filter.currentData()
        self.agency_filter.blockSignals(True)
        self.agency_filter.clear()
        self.agency_filter.addItem("All agencies", None)
        for value, label in options:
            self.agency_filter.addItem(label, value)
        self.agency_filter.setCurrentIndex(max(self.agency_filter.findData(current), 0))
        self.agency_filter.blockSignals(False)
        return partnership.list_people(self.db)

    def load_rows_by_id(self, ids: Collection[int]) -> list[PersonRow]:
        return partnership.list_people(self.db, ids=ids)

    def row_place(self, row: PersonRow) -> Any:
        return row.name

    def build_form(self, form: Form) -> None:
        form.text("name", "Name", required=True)
        form.text("job_title", "Job title")
        form.choice("agency_id", "Agency", [], none_label="No agency (independent)")
        form.text("email", "E-mail", max_length=254)
        form.text("phone", "Telephone", max_length=40)
        form.multiline("notes", "Notes")

    def extra_panel(self) -> QWidget:
        box = QGroupBox("Board memberships")
        layout = QVBoxLayout(box)
        self.memberships_label = QLabel()
        self.memberships_label.setWordWrap(True)
        self.memberships_label.setAccessibleName("Board memberships")
        layout.addWidget(self.memberships_label)
        hint = QLabel("Seats, roles and deputies are managed on the Boards page.")
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(hint)
        return box

    def record_loaded(self, row: PersonRow | None) -> None:
        if row is None:
            self.memberships_label.setText("None yet.")
            return
        seats = partnership.list_memberships(self.db, person_id=row.id)
        deputising = [
            m for m in partnership.list_memberships(self.db) if m.deputy_person_id == row.id
        ]
        lines = [
            f"{m.board_name}: {m.role.label}"
            + (f" (deputy: {m.deputy_name})" if m.deputy_name else "")
            for m in seats
        ]
        lines += [f"{m.board_name}: named deputy for {m.person_name}" for m in deputising]
        self.memberships_label.setText("\n".join(lines) if lines else "Not on any board.")

    def row_values(self, row: PersonRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "job_title": row.job_title,
            "agency_id": row.agency_id,
            "email": row.email,
            "phone": row.phone,
            "notes": row.notes,
        }

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> PersonRow:
        data = PersonInput(
            name=values["name"],
            job_title=values["job_title"],
            agency_id=values["agency_id"],
            email=values["email"],
            phone=values["phone"],
            notes=values["notes"],
        )
        return partnership.save_person(self.db, data, record_id, version)

    def set_active(self, record_id: int, active: bool) -> PersonRow:
        return partnership.set_person_active(self.db, record_id, active)
