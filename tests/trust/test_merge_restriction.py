"""Merging or superseding across a restriction carries nothing of the restricted action into
the history of one a reader can see: no reference, no text, no note; in either direction."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
import pytest

from partnerboard.domain.access import Role
from partnerboard.services.actions import ActionInput, create_action
from partnerboard.services.actions.detail import get_action
from partnerboard.services.actions.filtering import ActionFilter, Show
from partnerboard.services.actions.lifecycle import merge_action, supersede_action
from partnerboard.services.audit import record_history
from tests.trust.helpers import as_role

SECRET_REF, SECRET_TEXT, SECRET_NOTE = "Qzxref9", "Qzxmediation", "Qzxnote"


def _shown(db, action_id: int) -> str:
    """Everything a reader is shown of one action: its detail, history and record history."""
    detail = get_action(db, action_id)
    parts = [str(detail.replaced_by), str(detail.absorbed)]
    parts += [f"{h.title} {h.text}" for h in detail.history]
    parts += [h.summary() for h in record_history(db, "action", action_id)]
    return "\n".join(parts)


def _outputs(db, folder: Path) -> str:
    """The action export and the action report a reader can make."""
    from partnerboard.exports.actions import export_actions
    from partnerboard.reports.actions import action_report

    everything = ActionFilter(show=Show.ALL)
    xlsx = export_actions(db, folder / "actions.xlsx", everything).path
    pdf = action_report(db, folder / "actions.pdf", everything).path
    book = openpyxl.load_workbook(xlsx, read_only=True)
    cells = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row]
    book.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    return "\n".join([*cells, text])


def _leaks(text: str) -> set[str]:
    return {m for m in (SECRET_REF, SECRET_TEXT, SECRET_NOTE) if m.lower() in text.lower()}


@pytest.mark.parametrize("how", [merge_action, supersede_action], ids=["merge", "supersede"])
def test_a_member_sees_nothing_of_a_restricted_action_merged_into_a_public_one(
    demo_db, demo_db_path, tmp_path, how
):
    public = create_action(demo_db, ActionInput(text="Refresh the neglect toolkit"))
    secret = create_action(
        demo_db,
        ActionInput(text=f"{SECRET_TEXT} with the ICB", reference=SECRET_REF, restricted=True),
    )
    how(demo_db, secret, public, note=f"Handed over: {SECRET_NOTE}")

    # Business support still sees where it went, from both sides.
    assert _leaks(_shown(demo_db, public)) >= {SECRET_REF, SECRET_TEXT}
    assert SECRET_NOTE in _shown(demo_db, secret)

    for role in (Role.MEMBER, Role.READ_ONLY):
        reader = as_role(demo_db_path, role)
        try:
            assert _leaks(_shown(reader, public)) == set(), role
            out = tmp_path / role.value
            out.mkdir()
            assert _leaks(_outputs(reader, out)) == set(), role
        finally:
            reader.close()


def test_a_public_action_merged_into_a_restricted_one_does_not_name_it(demo_db, demo_db_path):
    public = create_action(demo_db, ActionInput(text="Publish the threshold leaflet"))
    secret = create_action(
        demo_db, ActionInput(text=SECRET_TEXT, reference=SECRET_REF, restricted=True)
    )
    merge_action(demo_db, public, secret, note=SECRET_NOTE)
    member = as_role(demo_db_path, Role.MEMBER)
    try:
        shown = _shown(member, public)
        assert _leaks(shown) == set()
        assert "Merged into another action." in shown  # the status is explained, not the target
    finally:
        member.close()


def test_merging_within_the_same_audience_keeps_both_histories(demo_db, demo_db_path):
    first = create_action(demo_db, ActionInput(text="One", restricted=True, restricted_to="member"))
    second = create_action(
        demo_db,
        ActionInput(text="Two", reference=SECRET_REF, restricted=True, restricted_to="member"),
    )
    merge_action(demo_db, second, first, note=SECRET_NOTE)
    member = as_role(demo_db_path, Role.MEMBER)
    try:  # both are theirs to see: the usual words, with the reference and the note
        assert _leaks(_shown(member, first)) == {SECRET_REF, SECRET_NOTE}
    finally:
        member.close()
