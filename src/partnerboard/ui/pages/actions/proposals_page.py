"""Partner updates waiting for a decision: accept or reject them one by one, or all shown.

An accepted update becomes the action's latest progress (its RAG counts from then on); a
rejected one is kept, marked rejected, with who decided and the note given.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date
from partnerboard.errors import UserError
from partnerboard.services import actions
from partnerboard.services.actions.proposals import ProposalRow
from partnerboard.ui import dialogs
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.actions.columns import rag_column
from partnerboard.ui.pages.base import Page
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable


def _columns() -> list[Column[ProposalRow]]:
    return [
        Column("reference", "Ref", lambda r: r.reference, sort_key=lambda r: r.reference_key),
        Column("action", "Action", lambda r: r.action_text, tooltip=lambda r: r.action_text),
        rag_column("current", "Current RAG", lambda r: r.current_rag),
        rag_column("proposed", "Proposed RAG", lambda r: r.proposed_rag),
        Column("agency", "Agency", lambda r: r.agency),
        Column("on", "Dated", lambda r: r.update_on),
        Column("author", "From", lambda r: r.author),
        Column("due", "New due date", lambda r: r.proposed_due_on),
        Column("narrative", "Progress", lambda r: r.narrative, tooltip=lambda r: r.narrative),
        Column("file", "File", lambda r: r.source_file, visible=False),
    ]


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class ProposalsPage(Page):
    key = "action_updates"
    title = "Partner updates"
    tables = frozenset({"action_update", "action", "agency"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model: RowTableModel[ProposalRow] = RowTableModel(_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, self.key, sort_column=None)
        self.table.setAccessibleName("Partner updates waiting for a decision")
        self.agency = QComboBox()
        self.agency.setAccessibleName("Filter by agency")
        self.agency.currentIndexChanged.connect(self._filter_agency)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of updates shown")
        self.text = QTextBrowser()
        self.text.setAccessibleName("The chosen update in full")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note to record with the decision")
        self.note.setPlaceholderText("Note to record with the decision (e.g. why it was rejected)")
        self.accept_button = _button("&Accept", "Accept the chosen update")
        self.reject_button = _button("&Reject", "Reject the chosen update")
        self.accept_all_button = _button("Accept a&ll shown", "Accept all updates shown")
        self.reject_all_button = _button("Reject all shown", "Reject all updates shown")
        self.open_button = _button("&Open the action", "Open the action in the register")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.accept_all_button.clicked.connect(lambda: self.decide_all(True))
        self.reject_all_button.clicked.connect(lambda: self.decide_all(False))
        self.open_button.clicked.connect(self._open_action)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsRemoved):
            signal.connect(self._update_count)
        self._layout_page()
        self.only_for(  # only business support decides; others see what is waiting
            Permission.EDIT_RECORDS,
            self.accept_button,
            self.reject_button,
            self.accept_all_button,
            self.reject_all_button,
            self.note,
        )

    def _layout_page(self) -> None:
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel("Updates returned by partners, waiting for your decision."), 1)
        top.addWidget(self.agency)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.accept_all_button)
        footer.addWidget(self.reject_all_button)
        footer.addStretch(1)
        footer.addWidget(self.count_label)
        box.addLayout(footer)
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(self.text, 1)
        side.addWidget(self.note)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([800, 400])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

    # ------------------------------------------------------------ data
    def refresh(self) -> None:
        keep = self.current()
        rows = actions.list_proposals(self.db)
        current_agency = self.agency.currentData()
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem("All agencies", None)
        for agency_id, name in sorted(
            {(r.agency_id, r.agency or "No agency") for r in rows}, key=lambda x: x[1]
        ):
            self.agency.addItem(name, agency_id)
        self.agency.setCurrentIndex(max(0, self.agency.findData(current_agency)))
        self.agency.blockSignals(False)
        self.model.set_rows(rows)
        self._filter_agency()
        self.table.fit_columns()
        if keep is not None:
            self._select(keep.id)
        if self.current() is None and self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_current()

    def _filter_agency(self) -> None:
        agency_id = self.agency.currentData()
        self.proxy.set_predicate(
            "agency", None if agency_id is None else (lambda r: r.agency_id == agency_id)
        )
        self._update_count()

    def _update_count(self, *_args) -> None:
        self.count_label.setText(f"{self.proxy.rowCount()} waiting")
        has = self.proxy.rowCount() > 0 and self.db.principal.role.edits_all
        self.accept_all_button.setEnabled(has)
        self.reject_all_button.setEnabled(has)

    def current(self) -> ProposalRow | None:
        index = self.table.currentIndex()
        return self.proxy.row_at(index.row()) if index.isValid() else None

    def _select(self, update_id: int) -> None:
        for position in range(self.proxy.rowCount()):
            if self.proxy.row_at(position).id == update_id:
                self.table.selectRow(position)
                return

    def _show_current(self) -> None:
        row = self.current()
        edits = self.db.principal.role.edits_all  # only business support decides
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(row is not None and edits)
        self.open_button.setEnabled(row is not None)
        if row is None:
            self.text.setHtml("<p><i>No partner update is waiting.</i></p>")
            return
        due = ""
        if row.proposed_due_on:
            due = (
                f"<p><b>Asks to move the due date</b> from {format_date(row.due_on) or 'not set'} "
                f"to {format_date(row.proposed_due_on)}: {escape(row.due_change_reason or '')}</p>"
            )
        rag = row.proposed_rag.label if row.proposed_rag else "no RAG"
        current = row.current_rag.label if row.current_rag else "not rated"
        self.text.setHtml(
            f"<h3>{escape(row.reference)} – {escape(row.action_text)}</h3>"
            f"<p>From {escape(row.author or 'unknown')} ({escape(row.agency or 'no agency')}), "
            f"dated {format_date(row.update_on)}. Proposed RAG <b>{rag}</b> (now {current}).</p>"
            f"<p>{escape(row.narrative or '').replace(chr(10), '<br>')}</p>{due}"
            f"<p style='color:#505A5F;'>{escape(row.source_file or '')}</p>"
        )

    # ------------------------------------------------------------ decisions
    def decide(self, accept: bool) -> None:
        row = self.current()
        if row is None:
            return
        try:
            if accept:
                actions.accept_update(self.db, row.id, self.note.text())
            else:
                actions.reject_update(self.db, row.id, self.note.text())
        except UserError as problem:
            dialogs.show_problem(self, "Cannot decide", str(problem))
            return
        self.note.clear()
        self.context.status(
            f"{'Accepted' if accept else 'Rejected'} the update to {row.reference}."
        )

    def decide_all(self, accept: bool) -> None:
        rows = self.proxy.visible_rows()
        if not rows:
            return
        verb = "Accept" if accept else "Reject"
        if not dialogs.confirm(
            self, f"{verb} all", f"{verb} all {len(rows)} updates shown?", yes=f"{verb} all"
        ):
            return
        try:
            count = actions.decide_all(self.db, [r.id for r in rows], accept, self.note.text())
        except UserError as problem:
            dialogs.show_problem(self, "Cannot decide", str(problem))
            return
        self.note.clear()
        self.context.status(f"{verb}ed {count} partner updates.")

    def _open_action(self) -> None:
        row = self.current()
        if row is not None:
            self.context.open_page("actions", action_id=row.action_id)
