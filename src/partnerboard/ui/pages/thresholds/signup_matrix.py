"""The parts of the sign-up page: the agencies × versions matrix and the coverage-by-sector panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.partnership import StatutoryPartner
from partnerboard.services import threshold_signups as su
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable
from partnerboard.ui.widgets.threshold_colours import coverage_colours, signup_colours

FIXED_COLUMNS = 3  # agency, sector, statutory partner; then one column per version
AGENCY_COLUMN_MAX = 290  # wider names are elided (the whole name is in the tooltip)


def cell_text(cell: su.SignupCell | None) -> str:
    if cell is None:
        return "–"
    if cell.signed_on is None:
        return cell.status.label
    return f"{cell.status.label} {cell.signed_on:%d/%m/%Y}"


def cell_tooltip(cell: su.SignupCell | None) -> str:
    if cell is None:
        return "Not asked to sign up to this version"
    parts = [cell.status.label]
    if cell.signatory_name:
        role = f", {cell.signatory_role}" if cell.signatory_role else ""
        parts.append(f"by {cell.signatory_name}{role}")
    if cell.method:
        parts.append(f"({cell.method.label.lower()})")
    if cell.note:
        parts.append(f"– {cell.note}")
    return " ".join(parts)


def matrix_columns(versions: tuple[su.MatrixVersion, ...]) -> list[Column[su.MatrixRow]]:
    columns: list[Column[su.MatrixRow]] = [
        Column("agency", "Agency", lambda r: r.agency_name, tooltip=lambda r: r.agency_name),
        Column("sector", "Sector", lambda r: r.sector),
        Column(
            "statutory",
            "Statutory",
            lambda r: r.statutory_partner is not StatutoryPartner.NONE,
            text=lambda r: "" if r.statutory_partner is StatutoryPartner.NONE else "Yes",
            tooltip=lambda r: (
                f"Statutory safeguarding partner ({r.statutory_partner.label})"
                if r.statutory_partner is not StatutoryPartner.NONE
                else None
            ),
        ),
    ]
    for position, version in enumerate(versions):
        columns.append(
            Column(
                f"v{version.id}",
                f"{version.label}{' (current)' if version.is_current else ''}",
                lambda r, p=position: r.cells[p].status.value if r.cells[p] else None,
                text=lambda r, p=position: cell_text(r.cells[p]),
                tooltip=lambda r, p=position: cell_tooltip(r.cells[p]),
                background=lambda r, p=position: signup_colours(r.cells[p])[0],
                foreground=lambda r, p=position: signup_colours(r.cells[p])[1],
            )
        )
    return columns


class MatrixTable(QTableView):
    """Agencies down, versions across; one cell is selected at a time (arrows move it)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model_: RowTableModel[su.MatrixRow] = RowTableModel([])
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model_)
        self.setObjectName("table_signup_matrix")
        self.setAccessibleName("Sign-up matrix: agencies by versions")
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setStretchLastSection(False)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def show_matrix(self, matrix: su.SignupMatrix | None) -> None:
        self.model_.beginResetModel()
        self.model_.columns = matrix_columns(matrix.versions if matrix else ())
        self.model_.endResetModel()
        self.model_.set_rows(matrix.rows if matrix else [])
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        header.resizeSection(0, min(header.sectionSize(0), AGENCY_COLUMN_MAX))

    def select_cell(self, agency_id: int, column: int) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.row_at(proxy_row).agency_id == agency_id:
                self.setCurrentIndex(self.proxy.index(proxy_row, column))
                return True
        return False


class CoveragePanel(QGroupBox):
    """Coverage of one version by sector (the current one unless another is chosen)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Coverage by sector", parent)
        self.matrix: su.SignupMatrix | None = None
        self.version = QComboBox()
        self.version.setAccessibleName("Coverage of version")
        self.version.currentIndexChanged.connect(lambda _i: self._show())
        self.model: RowTableModel[su.CoverageLine] = RowTableModel(self._columns())
        self.table = RegisterTable(
            self.model, FilterProxy(self), "signup_coverage", sort_column=None
        )
        self.table.setSortingEnabled(False)
        self.table.setAccessibleName("Coverage by sector")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        caption = QLabel("&Version:")
        caption.setBuddy(self.version)
        row.addWidget(caption)
        row.addWidget(self.version, 1)
        layout.addLayout(row)
        layout.addWidget(self.table)

    @staticmethod
    def _columns() -> list[Column[su.CoverageLine]]:
        def share(line: su.CoverageLine) -> str:
            return "–" if line.percent_agreed is None else f"{line.percent_agreed}%"

        return [
            Column("label", "Sector", lambda c: c.label),
            Column("in_scope", "Agencies", lambda c: c.in_scope, align_right=True),
            Column("agreed", "Agreed", lambda c: c.agreed, align_right=True),
            Column("declined", "Declined", lambda c: c.declined, align_right=True),
            Column("pending", "Pending", lambda c: c.pending, align_right=True),
            Column(
                "share",
                "% agreed",
                lambda c: c.percent_agreed,
                text=share,
                align_right=True,
                background=lambda c: coverage_colours(c.percent_agreed)[0],
                foreground=lambda c: coverage_colours(c.percent_agreed)[1],
            ),
        ]

    def show_matrix(self, matrix: su.SignupMatrix | None) -> None:
        self.matrix = matrix
        versions = matrix.versions if matrix else ()
        keep = self.version.currentData()
        self.version.blockSignals(True)
        self.version.clear()
        for version in reversed(versions):
            current = " (current)" if version.is_current else ""
            self.version.addItem(f"{version.label}{current}", version.id)
        current = matrix.current if matrix else None
        wanted = keep if keep in [v.id for v in versions] else (current.id if current else None)
        self.version.setCurrentIndex(max(self.version.findData(wanted), 0))
        self.version.blockSignals(False)
        self._show()

    def _show(self) -> None:
        version_id = self.version.currentData()
        lines = su.coverage_by_sector(self.matrix, version_id) if self.matrix and version_id else []
        self.model.set_rows(lines)
        self.table.fit_columns()
