"""Partner sign-up: the matrix of agencies × versions, coverage by sector, and recording answers.

Pick a cell (arrow keys or mouse) to load that agency's answer to that version into the form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.partnership import Sector
from partnerboard.domain.thresholds import SignupMethod, SignupStatus
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.thresholds.outputs import OutputButtons
from partnerboard.ui.pages.thresholds.signup_matrix import FIXED_COLUMNS, CoveragePanel, MatrixTable
from partnerboard.ui.widgets.choices import refill


class SignupPage(Page):
    key = "signup"
    title = "Partner sign-up"
    tables = frozenset({"threshold_document", "threshold_version", "threshold_signup", "agency"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.matrix: su.SignupMatrix | None = None
        self.agency_id: int | None = None
        self.cell_version: int | None = None
        self._document_shown: int | None = None

        self.document = QComboBox()
        self.document.setAccessibleName("Threshold document")
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document.setMinimumContentsLength(20)
        self.document.currentIndexChanged.connect(lambda _i: self._document_chosen())
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search agencies…")
        self.search.setAccessibleName("Search agencies")
        self.search.setClearButtonEnabled(True)
        self.sector_filter = QComboBox()
        self.sector_filter.setAccessibleName("Filter by sector")
        self.sector_filter.addItem("All sectors", None)
        self.sector_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.sector_filter.setMinimumContentsLength(12)
        for sector in Sector:
            self.sector_filter.addItem(sector.label, sector)
        self.not_signed = QCheckBox("Only &not signed the current version")
        self.not_signed.setAccessibleName("Only agencies that have not signed the current version")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Sign-up to the current version")
        self.headline.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )

        self.table = MatrixTable()
        self.model, self.proxy = self.table.model_, self.table.proxy
        self.table.selectionModel().currentChanged.connect(self._cell_changed)
        self.search.textChanged.connect(self.proxy.set_text)
        self.sector_filter.currentIndexChanged.connect(self._filter)
        self.not_signed.toggled.connect(self._filter)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of agencies shown")

        self.coverage = CoveragePanel()

        self.form_title = QLabel("<h3>Choose an agency in the matrix</h3>")
        self.form = Form()
        self.form.choice("version_id", "Version", [])
        self.form.choice("status", "Sign-up", [(s.value, s.label) for s in SignupStatus])
        self.form.text("signatory_name", "Signed by")
        self.form.text("signatory_role", "Signatory's role")
        self.form.date("signed_on", "Date agreed or declined")
        self.form.choice(
            "method", "How", [(m.value, m.label) for m in SignupMethod], none_label="Not recorded"
        )
        self.form.multiline("note", "Note")
        self.form.ignore_changes("version_id")  # choosing a version moves, it does not edit
        self.editor = unsaved.FormEditor(
            [self.form], self._unsaved_what, self.save,
            lambda: self._load_cell(self.agency_id, self.cell_version, force=True)
            if self.agency_id is not None and self.cell_version is not None
            else None,
        )  # fmt: skip
        self.form.field("version_id").currentIndexChanged.connect(self._version_picked)  # type: ignore[attr-defined]
        self.save_button = QPushButton("&Save sign-up")
        self.save_button.setAccessibleName("Save sign-up")
        self.save_button.clicked.connect(self.save)
        self.outputs = OutputButtons(self, kinds=("signup_xlsx", "signup_pdf"))
        self._layout_page()
        if not self.only_for(Permission.EDIT_RECORDS, self.save_button):
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self._enable_form(False)

    # ------------------------------------------------------------ layout
    def _layout_page(self) -> None:
        top = QHBoxLayout()
        caption = QLabel("&Document:")
        caption.setBuddy(self.document)
        top.addWidget(caption)
        top.addWidget(self.document, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.sector_filter, 1)
        filters.addWidget(self.not_signed)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(top)
        left_box.addLayout(filters)
        left_box.addWidget(self.headline)
        matrix = QWidget()
        matrix_box = QVBoxLayout(matrix)
        matrix_box.setContentsMargins(0, 0, 0, 0)
        matrix_box.addWidget(self.table)
        footer = QHBoxLayout()
        footer.addWidget(self.outputs)
        footer.addStretch(1)
        footer.addWidget(self.count_label)
        matrix_box.addLayout(footer)
        parts = QSplitter(Qt.Orientation.Vertical)
        parts.addWidget(matrix)
        parts.addWidget(self.coverage)
        parts.setSizes([330, 410])
        parts.setChildrenCollapsible(False)
        left_box.addWidget(parts, 1)

        editor = QWidget()
        editor_box = QVBoxLayout(editor)
        editor_box.addWidget(self.form_title)
        editor_box.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        editor_box.addLayout(buttons)
        editor_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(290)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 300])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

    # ------------------------------------------------------------ loading
    def refresh(self) -> None:
        documents = th.list_documents(self.db)
        refill(self.document, [(d.id, d.title) for d in documents], self.document.currentData())
        self._load_matrix()

    def open_with(self, **options: Any) -> None:
        if "document_id" in options:
            self.document.setCurrentIndex(self.document.findData(options["document_id"]))
        if options.get("not_signed"):
            self.not_signed.setChecked(True)

    def document_id(self) -> int | None:
        return self.document.currentData()

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor]

    def _unsaved_what(self) -> str:
        row = self.matrix and next(
            (r for r in self.matrix.rows if r.agency_id == self.agency_id), None
        )
        return f"the sign-up of {row.agency_name}" if row else "the sign-up"

    def _document_chosen(self) -> None:
        if not unsaved.settle_choice(self, self.document, self._document_shown):
            return
        self._load_matrix()

    def _load_matrix(self) -> None:
        document_id = self.document_id()
        self._document_shown = document_id
        self.matrix = su.signup_matrix(self.db, document_id) if document_id is not None else None
        versions = self.matrix.versions if self.matrix else ()
        self.table.show_matrix(self.matrix)
        self.form.set_choices("version_id", [(v.id, v.label) for v in reversed(versions)])
        self.coverage.show_matrix(self.matrix)
        self._show_headline()
        self._filter()
        if self.agency_id is not None and self.cell_version is not None:
            self._load_cell(self.agency_id, self.cell_version, force=not self.editor.dirty())

    def _show_headline(self) -> None:
        current = self.matrix.current if self.matrix else None
        if self.matrix is None:
            self.headline.setText(
                "No threshold document yet: add one on the Threshold documents page."
            )
            return
        if current is None:
            self.headline.setText(f"{self.matrix.document_title} has no versions yet.")
            return
        total = next(
            line
            for line in su.coverage_by_sector(self.matrix, current.id)
            if line.label == "All agencies"
        )
        approved = f", approved {current.approved_on:%d/%m/%Y}" if current.approved_on else ""
        self.headline.setText(
            f"<b>{current.label} is current{approved}:</b> {total.agreed} of {total.in_scope} agencies "
            f"have agreed ({total.percent_agreed or 0}%), {total.pending} pending, "
            f"{total.declined} declined."
        )

    def _filter(self) -> None:
        sector = self.sector_filter.currentData()
        self.proxy.set_predicate(
            "sector", None if sector is None else (lambda r: r.sector is sector)
        )
        if self.not_signed.isChecked() and self.matrix is not None:
            waiting = {r.agency_id for r in self.matrix.not_signed_current()}
            self.proxy.set_predicate("not_signed", lambda r: r.agency_id in waiting)
        else:
            self.proxy.set_predicate("not_signed", None)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown} of {total} agencies" if shown != total else f"{total} agencies"
        )

    # ------------------------------------------------------------ the form
    def _enable_form(self, enabled: bool) -> None:
        self.form.setEnabled(enabled)
        self.save_button.setEnabled(enabled)

    def _cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.matrix is None:
            return
        row = self.proxy.row_at(current.row())
        column = current.column() - FIXED_COLUMNS
        if 0 <= column < len(self.matrix.versions):
            version_id = self.matrix.versions[column].id
        else:
            chosen = self.matrix.current or (
                self.matrix.versions[-1] if self.matrix.versions else None
            )
            version_id = chosen.id if chosen else None
        if row is not None and version_id is not None:
            self._load_cell(row.agency_id, version_id)

    def _version_picked(self) -> None:
        version_id = self.form.value("version_id")
        if (
            self.agency_id is not None
            and version_id is not None
            and version_id != self.cell_version
            and not self._load_cell(self.agency_id, version_id)
        ):
            combo = self.form.field("version_id")
            combo.blockSignals(True)  # refused: the version being edited stays chosen
            combo.setCurrentIndex(combo.findData(self.cell_version))  # type: ignore[attr-defined]
            combo.blockSignals(False)

    def select_cell(self, agency_id: int, version_id: int) -> bool:
        """Select the matrix cell of an agency and a version (as a click or the arrows would)."""
        if self.matrix is None:
            return False
        return self.table.select_cell(agency_id, FIXED_COLUMNS + self.matrix.position(version_id))

    def _load_cell(self, agency_id: int, version_id: int, force: bool = False) -> bool:
        """Show a cell on the form; False when the user stayed with unsaved edits."""
        if self.matrix is None:
            return False
        if (agency_id, version_id) == (self.agency_id, self.cell_version) and not force:
            return True
        if not force and not unsaved.settle(self, self.editor):
            if self.agency_id is not None and self.cell_version is not None:
                self.table.blockSignals(True)
                self.select_cell(self.agency_id, self.cell_version)
                self.table.blockSignals(False)
            return False
        row = next((r for r in self.matrix.rows if r.agency_id == agency_id), None)
        if row is None:
            return False
        cell = self.matrix.cell(row, version_id)
        self.agency_id, self.cell_version = agency_id, version_id
        self.cell = cell
        version = self.matrix.versions[self.matrix.position(version_id)]
        self.form_title.setText(f"<h3>{_escape(row.agency_name)}</h3>")
        self.form.load(
            {
                "version_id": version_id,
                "status": (cell.status if cell else SignupStatus.PENDING).value,
                "signatory_name": cell.signatory_name if cell else None,
                "signatory_role": cell.signatory_role if cell else None,
                "signed_on": cell.signed_on if cell else None,
                "method": cell.method.value if cell and cell.method else None,
                "note": cell.note if cell else None,
            }
        )
        self._enable_form(True)
        if cell is None:
            self.form_title.setText(
                f"<h3>{_escape(row.agency_name)}</h3><p>Not asked to sign up to {version.label}; "
                "recording an answer adds it.</p>"
            )
        return True

    def save(self) -> bool:
        if self.agency_id is None or self.cell_version is None:
            return False
        cell = getattr(self, "cell", None)
        try:
            values = self.form.values()
            data = su.SignupInput(
                status=values["status"],
                signatory_name=values["signatory_name"],
                signatory_role=values["signatory_role"],
                signed_on=values["signed_on"],
                method=values["method"],
                note=values["note"],
            )
            su.record_signup(
                self.db, self.cell_version, self.agency_id, data, cell.row_version if cell else None
            )
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot save this sign-up", self.context.status)
            return False
        except StaleRecord as stale:
            dialogs.show_problem(self, "Sign-up changed by someone else", str(stale))
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save this sign-up", str(problem))
            return False
        self.form.mark_clean()
        agency, version = self.agency_id, self.cell_version
        self._load_matrix()
        self._load_cell(agency, version, force=True)
        self.select_cell(agency, version)
        self.context.status("Sign-up saved.")
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
