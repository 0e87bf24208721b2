"""Agencies: the partner organisations, their sector, statutory role and Section 11 duty."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from partnerboard.domain.partnership import Sector, StatutoryPartner
from partnerboard.services import partnership
from partnerboard.services.partnership import AgencyInput, AgencyRow
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.table_model import Column


class AgenciesPage(RegisterPage):
    key = "agencies"
    title = "Agencies"
    noun = "agency"
    plural = "agencies"
    tables = frozenset({"agency", "person"})
    row_table = "agency"

    def columns(self) -> list[Column[AgencyRow]]:
        return [
            Column("name", "Name", lambda r: r.name),
            Column("short_name", "Short name", lambda r: r.short_name),
            Column("sector", "Sector", lambda r: r.sector),
            Column(
                "statutory",
                "Statutory partner",
                lambda r: r.statutory_partner,
                text=lambda r: (
                    ""
                    if r.statutory_partner == StatutoryPartner.NONE
                    else r.statutory_partner.label
                ),
            ),
            Column("s11", "Section 11 duty", lambda r: r.section11_duty),
            Column("contact", "Main contact", lambda r: r.contact_name),
            Column("email", "E-mail", lambda r: r.email),
            Column("phone", "Telephone", lambda r: r.phone, visible=False),
            Column("active", "Active", lambda r: r.active, visible=False),
        ]

    def filter_widgets(self) -> list[QWidget]:
        self.sector_filter = QComboBox()
        self.sector_filter.setAccessibleName("Filter by sector")
        self.sector_filter.addItem("All sectors", None)
        for sector in Sector:
            self.sector_filter.addItem(sector.label, sector)
        self.sector_filter.currentIndexChanged.connect(self._filter_sector)
        return [self.sector_filter]

    def _filter_sector(self) -> None:
        sector = self.sector_filter.currentData()
        self.proxy.set_predicate(
            "sector", None if sector is None else (lambda r: r.sector == sector)
        )
        self._update_count()

    def load_rows(self) -> list[AgencyRow]:
        people = partnership.list_people(self.db, include_inactive=False)
        self.form.set_choices("contact_person_id", [(p.id, p.display_name) for p in people])
        return partnership.list_agencies(self.db)

    def load_rows_by_id(self, ids: Collection[int]) -> list[AgencyRow]:
        return partnership.list_agencies(self.db, ids=ids)

    def row_place(self, row: AgencyRow) -> Any:
        return row.name

    def build_form(self, form: Form) -> None:
        form.text("name", "Name", required=True)
        form.text("short_name", "Short name", max_length=40)
        form.choice(
            "sector",
            "Sector",
            [(s.value, s.label) for s in Sector],
            none_label="Choose…",
            required=True,
        )
        form.choice(
            "statutory_partner", "Statutory partner", [(s.value, s.label) for s in StatutoryPartner]
        )
        form.check("section11_duty", "Under the Section 11 duty")
        form.choice("contact_person_id", "Main contact", [], none_label="No contact chosen")
        form.text("email", "E-mail", max_length=254, placeholder="safeguarding@agency.org.uk")
        form.text("phone", "Telephone", max_length=40)
        form.multiline("address", "Address")
        form.multiline("notes", "Notes")

    def new_record_values(self) -> dict[str, Any]:
        return {"statutory_partner": StatutoryPartner.NONE.value}

    def row_values(self, row: AgencyRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "short_name": row.short_name,
            "sector": row.sector.value,
            "statutory_partner": row.statutory_partner.value,
            "section11_duty": row.section11_duty,
            "contact_person_id": row.contact_person_id,
            "email": row.email,
            "phone": row.phone,
            "address": row.address,
            "notes": row.notes,
        }

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> AgencyRow:
        data = AgencyInput(
            name=values["name"],
            sector=values["sector"] or "",
            short_name=values["short_name"],
            statutory_partner=values["statutory_partner"] or StatutoryPartner.NONE.value,
            section11_duty=values["section11_duty"],
            contact_person_id=values["contact_person_id"],
            email=values["email"],
            phone=values["phone"],
            address=values["address"],
            notes=values["notes"],
        )
        return partnership.save_agency(self.db, data, record_id, version)

    def set_active(self, record_id: int, active: bool) -> AgencyRow:
        return partnership.set_agency_active(self.db, record_id, active)
