"""The action's form: its fields, the values shown for an action, and what a save sends."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtWidgets import QComboBox

from partnerboard.db.database import Database
from partnerboard.domain.actions import ActionSource
from partnerboard.domain.dates import format_date
from partnerboard.services import actions
from partnerboard.services.actions.detail import ActionDetail
from partnerboard.ui.forms import Form
from partnerboard.ui.widgets.audience import add_restriction_fields


def build_form(form: Form, db: Database) -> None:
    """Every field of an action, in the order of the improvement plan's columns."""
    form.text("reference", "Reference", max_length=40, placeholder="next in the workstream")
    form.choice("workstream_id", "Workstream", [], none_label="No workstream")
    form.multiline("text", "Action", required=True, height=60)
    form.choice("lead_person_id", "Lead", [], none_label="No lead person")
    form.text("lead_name", "Lead as written")
    form.choice("lead_agency_id", "Lead agency", [], none_label="No agency")
    form.choice("board_id", "Owning board", [], none_label="No board")
    form.choice("source_kind", "Source", [(s.value, s.label) for s in ActionSource])
    form.text("source_note", "Source details", max_length=500)
    form.date("raised_on", "Raised on")
    form.date("due_on", "Due (by when)")
    form.text("due_change_reason", "Why the due date changed", max_length=500)
    form.multiline("difference", "How it will make a difference")
    form.multiline("measure", "How we will know")
    add_restriction_fields(form, db)
    for key in ("workstream_id", "lead_person_id", "lead_agency_id", "board_id"):
        combo = form.field(key)
        assert isinstance(combo, QComboBox)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(20)


def form_values(detail: ActionDetail) -> dict[str, Any]:
    row = detail.row
    return {
        "reference": row.reference,
        "workstream_id": row.workstream_id,
        "text": row.text,
        "lead_person_id": row.lead_person_id,
        "lead_name": detail.lead_name,
        "lead_agency_id": row.lead_agency_id,
        "board_id": row.board_id,
        "source_kind": row.source_kind.value,
        "source_note": detail.source_note,
        "raised_on": row.raised_on,
        "due_on": row.due_on,
        "difference": detail.difference,
        "measure": detail.measure,
        "restricted": row.restricted,
        "restricted_to": detail.restricted_to,
    }


def facts_html(detail: ActionDetail, today: date) -> str:
    """Status, RAG, due date and links to other actions, as the pane's summary line."""
    row = detail.row
    parts = [f"<b>{escape(row.status.label)}</b>"]
    if row.rag:
        parts.append(f"RAG {escape(row.rag.label)} ({escape(row.rag.meaning.lower())})")
    else:
        parts.append("not rated yet")
    if row.due_on:
        overdue = " – <b>overdue</b>" if row.overdue(today) else ""
        parts.append(f"due {format_date(row.due_on)}{overdue}")
    if row.closed_on:
        parts.append(f"finished {format_date(row.closed_on)}")
    lines = [", ".join(parts) + "."]
    if detail.closure_note:
        lines.append(escape(detail.closure_note))
    if detail.replaced_by:
        lines.append(f"Replaced by {escape(detail.replaced_by[1])}")
    for _ident, label in detail.absorbed:
        lines.append(f"Took over {escape(label)}")
    if detail.source:
        lines.append(f"Source: {escape(detail.source)}")
    if row.former_references:
        lines.append(f"Formerly {escape(row.former_references)}")
    if row.proposed:
        lines.append(f"{row.proposed} partner update(s) waiting for a decision.")
    return "<br>".join(lines)


def edit_from(values: dict[str, Any]) -> actions.ActionEdit:
    reference = (values["reference"] or "").strip() or None
    return actions.ActionEdit(
        text=values["text"],
        workstream_id=values["workstream_id"],
        reference=reference,
        source_kind=values["source_kind"] or ActionSource.OTHER.value,
        source_note=values["source_note"],
        lead_person_id=values["lead_person_id"],
        lead_name=values["lead_name"],
        lead_agency_id=values["lead_agency_id"],
        board_id=values["board_id"],
        raised_on=values["raised_on"],
        due_on=values["due_on"],
        difference=values["difference"],
        measure=values["measure"],
        restricted=values["restricted"],
        restricted_to=values["restricted_to"],
        due_change_reason=values["due_change_reason"],
    )
