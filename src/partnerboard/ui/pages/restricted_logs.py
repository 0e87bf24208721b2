"""Restricting a whole log (the Users page, business support only).

A board's terms of reference may keep a log (e.g. escalations under mediation) for the chair
and co-chair: every record of that log, restricted or not, is then seen only by business
support, the chairs and those ticked here (`services.restriction`, enforced per session).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QWidget,
)

from partnerboard.domain.access import Audience
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import restriction
from partnerboard.ui import dialogs
from partnerboard.ui.widgets.audience import AUDIENCE_LABEL, AudienceList
from partnerboard.ui.widgets.choices import refill


class RestrictedLogsPanel(QGroupBox):
    def __init__(self, context, parent: QWidget | None = None):
        super().__init__("Restricted logs", parent)
        self.context = context
        self.db = context.db
        self.log = QComboBox()
        self.log.setAccessibleName("Log to restrict")
        self.restricted = QCheckBox("Restrict the &whole log")
        self.restricted.setAccessibleName("Restrict the whole log")
        self.audience = AudienceList(self.db)
        self.audience.setAccessibleName(AUDIENCE_LABEL)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName("Restriction of the log")
        self.apply_button = QPushButton("&Apply to the log")
        self.apply_button.setAccessibleName("Apply the restriction to the log")
        layout = QFormLayout(self)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        caption = QLabel("L&og")
        caption.setBuddy(self.log)
        layout.addRow(caption, self.log)
        layout.addRow(self.restricted)
        audience_caption = QLabel(AUDIENCE_LABEL)
        audience_caption.setBuddy(self.audience)
        layout.addRow(audience_caption)
        layout.addRow(self.audience)
        layout.addRow(self.state)
        layout.addRow(self.apply_button)
        self.restricted.toggled.connect(self.audience.setEnabled)
        self.log.currentIndexChanged.connect(self._show_log)
        self.apply_button.clicked.connect(self.apply)
        self.reload()

    def reload(self) -> None:
        self.logs = {log.kind: log for log in restriction.log_restrictions(self.db)}
        refill(self.log, [(k, log.title) for k, log in self.logs.items()], self.log.currentData())
        self.audience.set_options(restriction.audience_options(self.db))
        self._show_log()

    def _show_log(self) -> None:
        log = self.logs.get(self.log.currentData())
        if log is None:
            return
        self.restricted.setChecked(log.restricted)
        self.audience.set_form_value(log.audience.stored())
        self.audience.setEnabled(log.restricted)
        self.state.setText(restriction.describe_log(self.db, log))

    def apply(self) -> None:
        kind = self.log.currentData()
        audience = (
            Audience.parse(self.audience.form_value()) if self.restricted.isChecked() else None
        )
        try:
            log = restriction.restrict_log(self.db, kind, audience)
        except ValidationFailed as problem:
            dialogs.show_problem(
                self, "Restricted logs", " ".join(e.message for e in problem.errors)
            )
            return
        except UserError as problem:
            dialogs.show_problem(self, "Restricted logs", str(problem))
            return
        self.logs[kind] = log
        self.state.setText(restriction.describe_log(self.db, log))
        self.context.status(self.state.text())
