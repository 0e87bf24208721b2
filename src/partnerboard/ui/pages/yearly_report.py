"""The yearly report: check a year against what the report must contain, draw the Word draft,
take the team's narrative back from it, and publish the public version (accessible HTML and a
tagged PDF, as every published document: `published.publish.publish_yearly`).

Everything long (reading every register, writing the files) runs off the GUI thread through
`ui.operations`; the table shows each section, whether the registers hold evidence for it, and
whether the team's narrative has been taken in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_datetime
from partnerboard.domain.public_sector_year import YEAR, Period, whole_year
from partnerboard.services.yearly_report import build_report
from partnerboard.services.yearly_report.document import ReportDocument
from partnerboard.services.yearly_report.narrative import NarrativeRow, load_narrative
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

YEARS_BACK = 5
GAP_FILL = "#F5A623"


@dataclass(frozen=True)
class SectionLine:
    title: str  # a part of a section is indented under it
    evidence: str
    gaps: str
    narrative: str


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    """Where to save (tests replace this); None when the user cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None


def ask_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return Path(name) if name else None


def ask_folder(parent: QWidget, title: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title)
    return Path(name) if name else None


def section_lines(
    document: ReportDocument, narrative: dict[str, NarrativeRow]
) -> list[SectionLine]:
    lines = []
    for section in document.sections:
        slot = section.slot
        taken = narrative.get(slot.key)
        written = (
            f"Written (from {taken.source_file or 'the draft'}, {format_datetime(taken.updated_at)})"
            if taken
            else "To be written"
        )
        drawn = section.level == 2
        lines.append(
            SectionLine(
                f"    {slot.title}" if drawn else slot.title,
                ("Gaps" if section.content else "None") if section.gaps else ("Yes" if drawn else ""),
                "; ".join(section.gaps),
                written,
            )
        )  # fmt: skip
    return lines


class YearlyReportPage(Page):
    key = "yearly_report"
    title = "Yearly report"
    tables = frozenset()  # every register feeds it: any change makes it stale

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.document: ReportDocument | None = None
        self.year = QComboBox()
        self.year.setAccessibleName("Year (1 April to 31 March)")
        today = self.db.clock.today()
        current = Period.containing(today, YEAR)
        for offset in range(YEARS_BACK + 1):
            year = whole_year(current.year - offset)
            self.year.addItem(year.label + (" (in progress)" if offset == 0 else ""), year)
        self.year.setCurrentIndex(1)  # the last year that has ended
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the registers hold for this year")
        self.model: RowTableModel[SectionLine] = RowTableModel(
            [
                Column("title", "Section", lambda s: s.title),
                Column(
                    "evidence",
                    "Evidence in the registers",
                    lambda s: s.evidence,
                    background=lambda s: GAP_FILL if s.gaps else None,
                    foreground=lambda s: "#0B0C0C" if s.gaps else None,
                ),
                Column("gaps", "What the registers do not hold", lambda s: s.gaps),
                Column("narrative", "Narrative", lambda s: s.narrative),
            ]
        )
        self.table = RegisterTable(
            self.model, FilterProxy(self), "yearly_report_sections", sort_column=None
        )
        self.table.setAccessibleName("Sections of the report")
        self.draft_button = self._button(
            "Draw the &Word draft…", "Draw the draft as a Word document", self.draft
        )
        self.take_button = self._button(
            "Take the &narrative from an edited draft…",
            "Take the team's narrative from an edited Word draft",
            self.take,
        )
        self.publish_button = self._button(
            "&Publish…",
            "Publish the public version as HTML and tagged PDF",
            lambda: self.publish(preview=False),
        )
        self.preview_button = self._button("Pre&view the public version…", "Write a preview of the public version", lambda: self.publish(preview=True))  # fmt: skip
        # Drawing, previewing and publishing read the registers (everyone may, as `publish`);
        # taking the narrative back stores it.
        self.may_take = self.only_for(Permission.EDIT_RECORDS, self.take_button)
        self._layout()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        bar = QHBoxLayout()
        label = QLabel("&Year")
        label.setBuddy(self.year)
        bar.addWidget(label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        buttons = QHBoxLayout()
        for button in (
            self.draft_button,
            self.take_button,
            self.preview_button,
            self.publish_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(self.summary)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)

    def chosen_year(self) -> Period:
        return self.year.currentData()

    # ------------------------------------------------------------ reading
    def refresh(self) -> None:
        db, year = self.db, self.chosen_year()
        self.summary.setText(f"Reading the registers for {year.label}…")
        self.context.operations.run(
            lambda _progress, _cancel: (build_report(db, year), load_narrative(db, year)),
            self._show,
            label=f"Reading the registers for {year.label}…",
            progress=False,
        )

    def _show(self, result: tuple[ReportDocument, dict[str, NarrativeRow]]) -> None:
        document, narrative = result
        if document.year != self.chosen_year():
            return  # the year changed while it was read; that read is on its way
        self.document = document
        self.model.set_rows(section_lines(document, narrative))
        self.table.fit_columns(420)
        empty = [c.requirement.heading for c in document.checks if not c.evidence]
        text = [
            f"{document.year.label}: figures as the records stood on "
            f"{document.as_at:%d/%m/%Y}. {len(document.gaps)} gap(s) in the evidence; "
            f"{len(document.unwritten)} of {len(document.sections)} sections still to be written."
        ]
        if empty:
            text.append("No evidence at all for: " + "; ".join(empty) + ".")
        self.summary.setText(" ".join(text))

    # ------------------------------------------------------------ writing
    def draft(self) -> None:
        from partnerboard.exports.yearly_report_docx import yearly_report_docx  # noqa: PLC0415

        year = self.chosen_year()
        path = ask_save_path(
            self,
            "Draw the Word draft",
            f"yearly-report-{year.slug}-draft.docx",
            "Word document (*.docx)",
        )
        if path is None:
            return
        db = self.db
        self.context.operations.run(
            lambda progress, cancel: yearly_report_docx(db, year, path, progress, cancel),
            lambda document: self.context.status(
                f"Saved the draft for {year.label} to {path}: {len(document.gaps)} gap(s) listed on its first page."
            ),
            label=f"Drawing the yearly report for {year.label}…",
        )  # fmt: skip

    def take(self) -> None:
        from partnerboard.exports.yearly_report_narrative import take_narrative  # noqa: PLC0415

        if not self.may_take:
            return
        path = ask_open_path(
            self, "Take the narrative from an edited draft", "Word document (*.docx)"
        )
        if path is None:
            return
        db, year = self.db, self.chosen_year()

        def done(taken) -> None:
            self.context.status(
                f"Took the narrative of {taken.year.label} from {path.name}: "
                f"{len(taken.stored.written)} section(s) written, "
                f"{len(taken.unwritten)} still to be written."
            )
            self.refresh()

        self.context.operations.run(
            lambda _progress, _cancel: take_narrative(db, path, year),
            done,
            label="Taking the narrative…",
            write=True,
        )

    def publish(self, *, preview: bool) -> None:
        from partnerboard.published.publish import publish_yearly  # noqa: PLC0415

        folder = ask_folder(self, "Folder for the preview" if preview else "Folder to publish into")
        if folder is None:
            return
        db, year = self.db, self.chosen_year()
        what = "a preview of the yearly report" if preview else "the yearly report"

        def done(written) -> None:
            names = ", ".join(w.html.stem for w in written)
            self.context.status(
                f"Published {what} for {year.label} ({names}) as HTML and tagged PDF in {folder}."
            )

        self.context.operations.run(
            lambda progress, cancel: publish_yearly(
                db, year, folder, preview=preview, progress=progress, cancel=cancel
            ),
            done,
            label=f"Publishing {what} for {year.label}…",
        )
