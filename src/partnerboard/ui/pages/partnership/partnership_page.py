"""The partnership's own details: names (never hard-coded), contact details and logo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import partnership
from partnerboard.services.partnership import PartnershipInput
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.base import Page

LOGO_MAX_BYTES = 2_000_000
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class PartnershipPage(Page):
    key = "partnership"
    title = "Partnership"
    tables = frozenset({"partnership"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.version: int | None = None
        self.form = Form()
        self.form.text("name", "Partnership name", required=True)
        self.form.text("short_name", "Short name", required=True, max_length=30)
        self.form.text("former_name", "Former name (e.g. the LSCB)")
        self.form.text("area", "Area covered")
        self.form.multiline("address", "Address")
        self.form.text("email", "E-mail", max_length=254)
        self.form.text("website", "Website", max_length=254)
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save partnership details")
        self.save_button.clicked.connect(self.save)
        self.editor = unsaved.FormEditor(
            [self.form], lambda: "your changes to the partnership's details", self.save,
            self._load_details,
        )  # fmt: skip

        logo_box = QGroupBox("Logo (printed on minutes, letters and reports)")
        self.logo_preview = QLabel("No logo")
        self.logo_preview.setAccessibleName("Logo preview")
        self.logo_preview.setMinimumHeight(90)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        choose = QPushButton("&Choose logo…")
        choose.setAccessibleName("Choose logo")
        choose.clicked.connect(self.choose_logo)
        clear = QPushButton("&Remove logo")
        clear.setAccessibleName("Remove logo")
        clear.clicked.connect(self.remove_logo)
        self.remove_logo_button = clear
        logo_layout = QHBoxLayout(logo_box)
        logo_layout.addWidget(self.logo_preview, 1)
        logo_layout.addWidget(choose)
        logo_layout.addWidget(clear)
        if not self.only_for(Permission.EDIT_RECORDS, self.save_button, choose, clear):
            self.form.setEnabled(False)  # read: nothing to type that could not be saved

        inner = QWidget()
        column = QVBoxLayout(inner)
        heading = QLabel(
            "<h2>Partnership details</h2><p>These names appear on every paper the app prints.</p>"
        )
        heading.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(logo_box)
        column.addStretch(1)
        inner.setMaximumWidth(760)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QVBoxLayout(self).addWidget(scroll)

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor]

    def refresh(self) -> None:
        # Details being typed stay on the form (a logo saved meanwhile refreshes the page).
        if not self.editor.dirty():
            self._load_details()
        self._show_logo()

    def _load_details(self) -> None:
        details = partnership.get_partnership(self.db)
        self.version = details.row_version
        self.form.load(
            {
                "name": details.name,
                "short_name": details.short_name,
                "former_name": details.former_name,
                "area": details.area,
                "address": details.address,
                "email": details.email,
                "website": details.website,
            }
        )

    def _show_logo(self) -> None:
        logo = partnership.get_logo(self.db)
        self.remove_logo_button.setEnabled(logo is not None)
        if logo is None:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("No logo")
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(logo[0])
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(80, Qt.TransformationMode.SmoothTransformation)
            )

    def save(self) -> bool:
        try:
            values = self.form.values()
            partnership.save_partnership(self.db, PartnershipInput(**values), self.version)
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot save", self.context.status)
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save", str(problem))
            return False
        self.context.status("Partnership details saved.")
        self._load_details()
        return True

    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Choose the partnership logo", "", "Images (*.png *.jpg *.jpeg)"
        )
        if name:
            self.set_logo_from(Path(name))

    def set_logo_from(self, path: Path) -> None:
        mime = LOGO_TYPES.get(path.suffix.lower())
        try:
            data = path.read_bytes()
        except OSError as error:
            dialogs.show_problem(self, "Cannot read the logo", f"{path.name}: {error.strerror}")
            return
        pixmap = QPixmap()
        if mime is None or len(data) > LOGO_MAX_BYTES or not pixmap.loadFromData(data):
            dialogs.show_problem(
                self,
                "Cannot use this logo",
                f"{path.name} is not a PNG or JPEG image of at most 2 MB.",
            )
            return
        partnership.set_logo(self.db, data, mime)
        self.context.status("Logo saved.")
        self.refresh()

    def remove_logo(self) -> None:
        partnership.set_logo(self.db, None, None)
        self.refresh()
