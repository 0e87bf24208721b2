"""Multi-agency training: four pages in the navigation's Training group.

- `courses_page`: the programme's courses (a register page);
- `sessions_page` with `bookings_panel`: sessions, their bookings and attendance;
- `evaluation_page`: course evaluations and follow-ups, tagged by theme;
- `figures_page` with `targets_panel`: the figures with charts, the report and the export,
  agencies' targets and the cost of a place.

Bookings and evaluations arrive from booking sites and forms tools through `import_dialog`.
"""

from __future__ import annotations

# Tables whose changes make the training pages reload.
TRAINING_TABLES = frozenset(
    {
        "training_course", "training_outcome", "training_course_action", "training_session",
        "training_practitioner", "training_booking", "training_evaluation", "training_rating",
        "training_target", "training_agency_domain", "agency", "action", "workstream",
        "setting",
    }
)  # fmt: skip
