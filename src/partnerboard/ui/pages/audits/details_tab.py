"""The audit itself: theme, title, questions, period, lead, status and the agencies taking part.

One form for the chosen audit (or a new one, from New audit), saved with Ctrl+S or Save; its
history from the audit trail beside it. The status moves one step at a time; the form says so
when a jump is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.audits import AuditStatus
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import audits, partnership
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.widgets.check_list import CheckList
from partnerboard.ui.widgets.history import RecordHistory

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page

DATES = ("period_start", "period_end", "return_deadline", "moderation_on")


class DetailsTab(QWidget, unsaved.Editors):
    # an audit was saved: the page shows it (its id)
    audit_saved = Signal(int)

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.editing: audits.AuditRow | None = None
        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        self.form = Form()
        form = self.form
        form.text("theme", "Theme", required=True, max_length=200,
                  placeholder="e.g. Neglect, Domestic abuse, Exploitation")  # fmt: skip
        form.text("title", "Title", required=True, max_length=300)
        form.choice("status", "Status", [(s.value, s.label) for s in AuditStatus])
        form.date("period_start", "Period audited from")
        form.date("period_end", "Period audited to")
        form.choice("lead_person_id", "Lead", [], none_label="No lead yet")
        form.choice("board_id", "Reports to", [], none_label="No board")
        form.date("return_deadline", "Returns due by")
        form.date("moderation_on", "Moderation panel on")
        self.agencies = CheckList(visible_rows=8)
        form.custom("agency_ids", "Agencies taking part", self.agencies)
        form.multiline("questions", "Questions (one a line)", height=90)
        form.multiline("summary", "Summary", height=70)
        self.editor = unsaved.FormEditor([form], self._unsaved_what, self.save, self._discard)
        self.save_button = QPushButton("&Save audit")
        self.save_button.setAccessibleName("Save audit")
        self.save_button.clicked.connect(self.save)
        if not page.only_for(Permission.EDIT_RECORDS, self.save_button):
            form.setEnabled(False)  # read: nothing to type that could not be saved
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.history = RecordHistory(page.context)

        editor = QWidget()
        box = QVBoxLayout(editor)
        box.addWidget(self.form_title)
        box.addWidget(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.history)
        splitter.setSizes([620, 520])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

    def _options(self) -> None:
        db = self.page.db
        people = partnership.list_people(db, include_inactive=False)
        self.form.set_choices("lead_person_id", [(p.id, p.display_name) for p in people])
        boards = partnership.list_boards(db, include_inactive=False)
        self.form.set_choices("board_id", [(b.id, b.name) for b in boards])
        agencies = partnership.list_agencies(db, include_inactive=False)
        self.agencies.set_options([(a.id, a.display_name) for a in agencies])

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor]

    def _unsaved_what(self) -> str:
        return (
            f"your changes to the audit “{self.editing.title}”" if self.editing else "the new audit"
        )

    def _discard(self) -> None:
        if self.editing is None:
            self.start_new(focus=False)
        else:
            self.load(self.editing)

    def load(self, audit: audits.AuditRow | None, keep_edits: bool = False) -> None:
        """Show `audit`; after a refresh (`keep_edits`), edits in progress stay on the form
        (a save then says if someone else changed the audit meanwhile)."""
        if keep_edits and self.editor.dirty():
            return
        self._options()
        if audit is None:
            self.start_new(focus=False)
            return
        self.editing = audit
        values: dict[str, Any] = {name: getattr(audit, name) for name in DATES}
        values.update(
            theme=audit.theme, title=audit.title, status=audit.status.value,
            lead_person_id=audit.lead_person_id, board_id=audit.board_id,
            agency_ids=list(audit.agency_ids), questions="\n".join(audit.questions),
            summary=audit.summary,
        )  # fmt: skip
        self.form.load(values)
        self.form_title.setText(f"<h3>{_escape(audit.title)}</h3>")
        self.history.show_record("ma_audit", audit.id)

    def start_new(self, focus: bool = True) -> None:
        self.editing = None
        self._options()
        self.form.load({"status": AuditStatus.PLANNED.value})
        self.form_title.setText("<h3>New audit</h3>")
        self.history.clear()
        if focus:
            self.form.field("theme").setFocus()

    def save(self) -> bool:
        editing = self.editing
        try:
            values = self.form.values()
            data = audits.AuditInput(
                theme=values["theme"], title=values["title"],
                lead_person_id=values["lead_person_id"], board_id=values["board_id"],
                summary=values["summary"], agency_ids=values["agency_ids"],
                questions=values["questions"].splitlines(), status=values["status"],
                **{name: values[name] for name in DATES},
            )  # fmt: skip
            saved = audits.save_audit(
                self.page.db, data, editing.id if editing else None,
                editing.row_version if editing else None,
            )  # fmt: skip
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot save this audit", self.page.context.status)
            return False
        except StaleRecord as stale:
            if dialogs.confirm(self, "Audit changed by someone else", str(stale), yes="Reload"):
                self.form.mark_clean()
                self.page.refresh()
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save this audit", str(problem))
            return False
        self.form.mark_clean()
        self.page.refresh()
        self.audit_saved.emit(saved.id)
        self.page.context.status(f"Saved the audit “{saved.title}”.")
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
