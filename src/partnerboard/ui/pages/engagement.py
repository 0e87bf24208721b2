"""The engagement log: each time the partners sought the views of children and families.

What was heard and what changed as a result feed the yearly report's section on feedback.
Entries are deactivated, never deleted. No child is named: who took part is described.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from partnerboard.domain.engagement import EngagementInput, EngagementMethod
from partnerboard.services import engagement, partnership
from partnerboard.services.engagement import EngagementRow
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.table_model import Column


class EngagementPage(RegisterPage):
    key = "engagement"
    title = "Engagement log"
    noun = "activity"
    plural = "activities"
    tables = frozenset({"engagement_entry", "agency"})
    row_table = "engagement_entry"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.form_title.setWordWrap(True)
        combo = self.form.field("lead_agency_id")
        assert isinstance(combo, QComboBox)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(24)

    def columns(self) -> list[Column[EngagementRow]]:
        return [
            Column("held_on", "Date", lambda r: r.held_on),
            Column("activity", "Activity", lambda r: r.activity),
            Column("method", "Kind", lambda r: r.method),
            Column("count", "Taking part", lambda r: r.participant_count, align_right=True),
            Column("agency", "Led by", lambda r: r.lead_agency_short),
            Column(
                "changed",
                "Change recorded",
                lambda r: bool(r.changed),
                background=lambda r: None if r.changed else "#F5A623",
                foreground=lambda r: None if r.changed else "#0B0C0C",
            ),
            Column("heard", "Views heard", lambda r: r.heard, visible=False),
        ]

    def load_rows(self) -> list[EngagementRow]:
        self.form.set_choices(
            "lead_agency_id",
            [(a.id, a.name) for a in partnership.list_agencies(self.db, include_inactive=False)],
        )
        return engagement.list_engagement(self.db)

    def load_rows_by_id(self, ids: Collection[int]) -> list[EngagementRow]:
        return engagement.list_engagement(self.db, ids=ids)

    def row_place(self, row: EngagementRow) -> Any:
        return row.held_on

    def build_form(self, form: Form) -> None:
        # Captions start with different letters: each is its field's access key (Alt+letter).
        form.date("held_on", "When it took place", optional=False, required=True)
        form.text("activity", "Activity", required=True, max_length=300)
        form.choice("method", "Kind of activity", [(m.value, m.label) for m in EngagementMethod])
        form.text(
            "participants",
            "People taking part (described, never named)",
            max_length=1000,
            placeholder="e.g. Children in Care Council, 9 young people aged 11 to 17",
        )
        form.number("participant_count", "Count of people taking part", maximum=100_000)
        form.choice("lead_agency_id", "Led by (agency)", [], none_label="No agency named")
        form.multiline("heard", "Views heard: what children and families told us", required=True)
        form.multiline("changed", "Result: what changed because of it")

    def new_record_values(self) -> dict[str, Any]:
        return {"held_on": self.db.clock.today(), "method": EngagementMethod.OTHER.value}

    def row_values(self, row: EngagementRow) -> dict[str, Any]:
        return {
            "held_on": row.held_on,
            "activity": row.activity,
            "method": row.method.value,
            "participants": row.participants or "",
            "participant_count": row.participant_count,
            "lead_agency_id": row.lead_agency_id,
            "heard": row.heard or "",
            "changed": row.changed or "",
        }

    def row_label(self, row: EngagementRow) -> str:
        return row.activity

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> EngagementRow:
        return engagement.save_engagement(
            self.db,
            EngagementInput(
                activity=values["activity"],
                held_on=values["held_on"],
                method=values["method"] or EngagementMethod.OTHER.value,
                participants=values["participants"],
                participant_count=values["participant_count"],
                lead_agency_id=values["lead_agency_id"],
                heard=values["heard"],
                changed=values["changed"],
            ),
            record_id,
            version,
        )

    def set_active(self, record_id: int, active: bool) -> EngagementRow:
        return engagement.set_engagement_active(self.db, record_id, active)
