"""Training courses: what each course is for, who it is for, who delivers it, its learning
outcomes and the actions (improvement-plan actions, review recommendations) it answers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from partnerboard.domain.training import Level
from partnerboard.services import partnership, training
from partnerboard.services.actions import list_workstreams
from partnerboard.services.training import CourseInput, CourseRow
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.pages.training import TRAINING_TABLES
from partnerboard.ui.table_model import Column
from partnerboard.ui.widgets.check_list import CheckList


class TrainingCoursesPage(RegisterPage):
    key = "training_courses"
    title = "Training courses"
    noun = "course"
    plural = "courses"
    tables = TRAINING_TABLES

    def columns(self) -> list[Column[CourseRow]]:
        return [
            Column("reference", "Course", lambda r: r.reference),
            Column("title", "Title", lambda r: r.title),
            Column("theme", "Theme", lambda r: r.theme),
            Column("level", "Level", lambda r: r.level),
            Column("by", "Delivered by", lambda r: r.delivering_agency),
            Column("length", "Length", lambda r: r.length, sort_key=lambda r: r.duration_minutes),
            Column("sessions", "Sessions", lambda r: r.sessions, align_right=True),
            Column("trained", "Trained", lambda r: r.progress, sort_key=lambda r: r.trained),
            Column("actions", "Answers", lambda r: "; ".join(r.actions), visible=False),
            Column("active", "Active", lambda r: r.active, visible=False),
        ]

    def filter_widgets(self) -> list[QWidget]:
        self.level_filter = QComboBox()
        self.level_filter.setAccessibleName("Filter by level")
        self.level_filter.addItem("All levels", None)
        for level in Level:
            self.level_filter.addItem(level.label, level)
        self.level_filter.currentIndexChanged.connect(self._filter_level)
        return [self.level_filter]

    def _filter_level(self) -> None:
        level = self.level_filter.currentData()
        self.proxy.set_predicate("level", None if level is None else (lambda r: r.level == level))
        self._update_count()

    def load_rows(self) -> list[CourseRow]:
        agencies = partnership.list_agencies(self.db, include_inactive=False)
        self.form.set_choices("delivering_agency_id", [(a.id, a.display_name) for a in agencies])
        streams = list_workstreams(self.db, include_inactive=False)
        self.form.set_choices("workstream_id", [(w.id, f"{w.number}. {w.title}") for w in streams])
        rows = training.list_courses(self.db)
        options = dict(training.action_options(self.db))
        for row in rows:  # an action a course answers stays offered once closed
            options.update(zip(row.action_ids, row.actions, strict=True))
        self.actions.set_options(sorted(options.items(), key=lambda item: item[1]))
        return rows

    def build_form(self, form: Form) -> None:
        form.text("reference", "Reference", required=True, max_length=20, placeholder="e.g. NEG-1")
        form.text("title", "Title", required=True, max_length=300)
        form.text("theme", "Theme", required=True, placeholder="e.g. Neglect, Domestic abuse")
        form.choice("workstream_id", "Priority (workstream)", [], none_label="No priority")
        form.choice(
            "level", "Level", [(lv.value, lv.label) for lv in Level], none_label="Choose…",
            required=True,
        )  # fmt: skip
        form.multiline("audience", "Who it is for", height=50)
        form.choice("delivering_agency_id", "Delivered by", [], none_label="No agency")
        form.text("trainers", "Trainers", max_length=300)
        form.number("duration_minutes", "Length in minutes", maximum=7200)
        form.number("target_trained", "Target: practitioners to train", maximum=100_000)
        form.multiline("outcomes", "Learning outcomes (one a line, at most 8)", height=80)
        self.actions = CheckList(visible_rows=6)
        form.custom("action_ids", "Actions it answers", self.actions)
        form.multiline("description", "Description", height=60)

    def extra_panel(self) -> QWidget:
        box = QGroupBox("Progress")
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setAccessibleName("Progress of the course")
        QVBoxLayout(box).addWidget(self.progress_label)
        return box

    def record_loaded(self, row: CourseRow | None) -> None:
        if row is None:
            self.progress_label.setText("A new course: no session yet.")
            return
        answers = "; ".join(row.actions) or "no action of the action log"
        self.progress_label.setText(
            f"{row.progress} in {row.sessions} session(s). Answers: {answers}."
        )

    def new_record_values(self) -> dict[str, Any]:
        return {"level": Level.BASIC.value}

    def row_values(self, row: CourseRow) -> dict[str, Any]:
        return {
            "reference": row.reference, "title": row.title, "theme": row.theme,
            "workstream_id": row.workstream_id, "level": row.level.value,
            "audience": row.audience, "delivering_agency_id": row.delivering_agency_id,
            "trainers": row.trainers, "duration_minutes": row.duration_minutes,
            "target_trained": row.target_trained, "outcomes": "\n".join(row.outcomes),
            "action_ids": list(row.action_ids), "description": row.description,
        }  # fmt: skip

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> CourseRow:
        data = CourseInput(
            reference=values["reference"], title=values["title"], theme=values["theme"],
            level=values["level"], workstream_id=values["workstream_id"],
            audience=values["audience"], delivering_agency_id=values["delivering_agency_id"],
            trainers=values["trainers"], duration_minutes=values["duration_minutes"],
            target_trained=values["target_trained"],
            outcomes=values["outcomes"].splitlines(), action_ids=values["action_ids"],
            description=values["description"],
        )  # fmt: skip
        return training.save_course(self.db, data, record_id, version)

    def set_active(self, record_id: int, active: bool) -> CourseRow:
        return training.set_course_active(self.db, record_id, active)

    def row_label(self, row: Any) -> str:
        return row.label
