"""Multi-agency training: courses, sessions, bookings by agency, attendance, evaluations and
the figures that show their impact.

One module per concern; the public functions are re-exported here so that callers write
`from partnerboard.services import training` and `training.list_sessions(db)`:

- `courses`, `sessions`, `bookings`: the programme and its places (typed in on the page);
- `booking_import`, `evaluation_import`: exports of booking sites and forms tools, whole or
  not at all (`importing` holds what they share, `placing` finds each practitioner's agency);
- `evaluations`: responses and the themes they are tagged with;
- `targets`: agencies' targets, their e-mail domains, the cost of a place;
- `figures`: the figures of a period (`domain.training` says how each counts).
"""

from partnerboard.services.training.booking_import import import_bookings
from partnerboard.services.training.bookings import (
    PERSONAL_DATA_NOTE,
    BookingInput,
    BookingRow,
    list_bookings,
    save_booking,
    set_status,
)
from partnerboard.services.training.courses import (
    CourseInput,
    CourseRow,
    action_options,
    format_minutes,
    get_course,
    list_courses,
    resolve_course,
    save_course,
    set_course_active,
)
from partnerboard.services.training.evaluation_import import import_evaluations
from partnerboard.services.training.evaluations import (
    EvaluationRow,
    list_evaluations,
    tag_theme,
    theme_tags,
)
from partnerboard.services.training.figures import TrainingFigures, training_figures
from partnerboard.services.training.importing import ImportResult
from partnerboard.services.training.sessions import (
    SessionInput,
    SessionRow,
    get_session,
    list_sessions,
    resolve_session,
    save_session,
)
from partnerboard.services.training.targets import (
    AgencyTraining,
    agency_settings,
    cost_per_place,
    format_pounds,
    save_agency_training,
    save_cost_per_place,
)

__all__ = [
    "PERSONAL_DATA_NOTE",
    "AgencyTraining",
    "BookingInput",
    "BookingRow",
    "CourseInput",
    "CourseRow",
    "EvaluationRow",
    "ImportResult",
    "SessionInput",
    "SessionRow",
    "TrainingFigures",
    "action_options",
    "agency_settings",
    "cost_per_place",
    "format_minutes",
    "format_pounds",
    "get_course",
    "get_session",
    "import_bookings",
    "import_evaluations",
    "list_bookings",
    "list_courses",
    "list_evaluations",
    "list_sessions",
    "resolve_course",
    "resolve_session",
    "save_agency_training",
    "save_booking",
    "save_course",
    "save_cost_per_place",
    "save_session",
    "set_course_active",
    "set_status",
    "tag_theme",
    "theme_tags",
    "training_figures",
]
