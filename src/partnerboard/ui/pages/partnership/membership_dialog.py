"""Add or change a seat on a board: the person, their role and their named deputy."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.domain.partnership import MembershipRole
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services import partnership
from partnerboard.services.partnership import MembershipInput, MembershipRow
from partnerboard.ui.form_dialog import FormDialog


class MembershipDialog(FormDialog):
    problem_title = "Cannot save this seat"

    def __init__(
        self,
        db: Database,
        board_id: int,
        existing: MembershipRow | None = None,
        parent: QWidget | None = None,
    ):
        board = partnership.get_board(db, board_id)
        super().__init__(
            f"{'Change seat' if existing else 'Add member'} – {board.name}", "&Save", parent
        )
        self.db, self.board_id, self.existing = db, board_id, existing
        self.saved: MembershipRow | None = None
        people = [
            (p.id, p.display_name) for p in partnership.list_people(db, include_inactive=False)
        ]
        self.form.choice(
            "person_id", "Member", people, none_label="Choose a person…", required=True
        )
        self.form.choice("role", "Role", [(r.value, r.label) for r in MembershipRole])
        self.form.choice("deputy_person_id", "Named deputy", people, none_label="No named deputy")
        self.form.date("starts_on", "Member since")
        self.form.date("ends_on", "Seat ends")
        if existing is not None:
            self.form.load(
                {
                    "person_id": existing.person_id,
                    "role": existing.role.value,
                    "deputy_person_id": existing.deputy_person_id,
                    "starts_on": existing.starts_on,
                    "ends_on": existing.ends_on,
                }
            )
            self.form.field("person_id").setEnabled(False)
        else:
            self.form.load({"role": MembershipRole.MEMBER.value})
        self.resize(520, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        if values["person_id"] is None:
            raise ValidationFailed(
                FieldError("person_id", "Choose the person who sits on the board.")
            )
        data = MembershipInput(
            board_id=self.board_id,
            person_id=values["person_id"],
            role=values["role"],
            deputy_person_id=values["deputy_person_id"],
            starts_on=values["starts_on"],
            ends_on=values["ends_on"],
        )
        self.saved = partnership.save_membership(
            self.db,
            data,
            self.existing.id if self.existing else None,
            self.existing.row_version if self.existing else None,
        )
