"""What the agenda, attendance and minutes tabs share: the meeting shown, saving with care.

Every save goes through `MeetingTab.attempt`: it asks for a correction's reason when the
minutes are approved (once per meeting shown), shows broken rules beside their fields and
expected problems in a plain message, and returns None when nothing was saved.

Each tab is an editor made of its forms (`ui.unsaved.Editors`): the page asks about their
unsaved work before another meeting or tab is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from partnerboard.domain.meetings import MinutesLocked
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services.meetings.rows import MeetingRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.unsaved import Editors

if TYPE_CHECKING:
    from partnerboard.db.database import Database
    from partnerboard.ui.context import AppContext

T = TypeVar("T")


class MeetingHost(Protocol):
    """What a tab asks of the page that shows it (`meeting_page.MeetingPage`, a widget): the
    tabs never import their page, the page imports its tabs."""

    context: AppContext

    @property
    def db(self) -> Database: ...

    def show_meeting(self, meeting_id: int | None) -> None:
        """Show this meeting (reloaded from the database)."""

    def correction_reason(self) -> tuple[bool, str | None]:
        """(go on, reason): the reason for changing approved minutes, asked once per meeting."""

    def refresh(self) -> None: ...


class MeetingTab(QWidget, Editors):
    title = ""

    def __init__(self, host: MeetingHost):
        super().__init__()
        self.host = host
        self.meeting: MeetingRow | None = None
        self.setAccessibleName(self.title)

    @property
    def db(self):
        return self.host.db

    def show_meeting(self, meeting: MeetingRow | None) -> None:
        """Load the tab for `meeting` (None: no meeting chosen); subclasses extend."""
        self.meeting = meeting
        self.setEnabled(meeting is not None)

    def read(self, form: Form, what: str) -> dict | None:
        """The form's values, or None (with the reasons beside the fields) when it holds what
        cannot be saved as typed (a date that is not one, a text too long)."""
        try:
            return form.values()
        except ValidationFailed as failed:
            form.refuse(failed, self, f"Cannot save {what}", self.host.context.status)
            return None

    def attempt(
        self,
        action: Callable[[str | None], T],
        what: str,
        form: Form | None = None,
        *,
        needs_reason: bool = True,
    ) -> T | None:
        """Run `action(correction_reason)`; on a broken rule show why, and return None.

        `needs_reason=False` for what does not change these minutes (carrying items forward).
        """
        if self.meeting is None:
            return None
        proceed, reason = self.host.correction_reason() if needs_reason else (True, None)
        if not proceed:
            return None
        try:
            return action(reason)
        except ValidationFailed as failed:
            if form is not None:
                form.refuse(failed, self, f"Cannot save {what}", self.host.context.status)
            else:
                dialogs.show_problem(self, f"Cannot save {what}", str(failed))
        except MinutesLocked as locked:
            dialogs.show_problem(self, "Minutes are approved", str(locked))
        except StaleRecord as stale:
            dialogs.show_problem(self, "Changed by someone else", str(stale))
            self.host.refresh()
        except UserError as problem:
            dialogs.show_problem(self, f"Cannot save {what}", str(problem))
        return None
