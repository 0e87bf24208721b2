"""The pages of the main window, in navigation order.

A register adds its page here when it is built (no empty placeholders). The first page is
the home page shown on a first start.

A page's module is imported only when the page is first opened: importing all of them (and
the services behind them) cost about 0.3 s of every start-up. The key and title are written
here as well as on the class, so that the navigation and menus need no import;
`tests/ui/test_main_window.py` checks that the two agree.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    where: str  # "module:Class", imported when the page is first built
    group: str  # heading in the navigation list
    # Built only for roles with this permission (`domain.access.PERMISSIONS`), e.g. users, imports
    permission: str | None = None
    takes_files: bool = False  # files dropped on the window go to this page

    @property
    def page(self) -> type[Page]:
        module, name = self.where.split(":")
        return getattr(importlib.import_module(module), name)


# fmt: off
PAGES: list[PageSpec] = [
    PageSpec("dashboard", "Dashboard", "partnerboard.ui.pages.actions.dashboard_page:DashboardPage", "Action log"),  # the home page
    PageSpec("actions", "Action log", "partnerboard.ui.pages.actions.register_page:ActionsPage", "Action log"),
    PageSpec("workstreams", "Workstreams", "partnerboard.ui.pages.actions.workstreams_page:WorkstreamsPage", "Action log"),
    PageSpec("action_updates", "Partner updates", "partnerboard.ui.pages.actions.proposals_page:ProposalsPage", "Action log"),
    PageSpec("agencies", "Agencies", "partnerboard.ui.pages.partnership.agencies_page:AgenciesPage", "Partnership"),
    PageSpec("people", "People", "partnerboard.ui.pages.partnership.people_page:PeoplePage", "Partnership"),
    PageSpec("boards", "Boards", "partnerboard.ui.pages.partnership.boards_page:BoardsPage", "Partnership"),
    PageSpec("partnership", "Partnership", "partnerboard.ui.pages.partnership.partnership_page:PartnershipPage", "Partnership"),
    PageSpec("meetings", "Meetings", "partnerboard.ui.pages.meetings.meetings_page:MeetingsPage", "Meetings"),
    PageSpec("meeting", "Agenda and minutes", "partnerboard.ui.pages.meetings.meeting_page:MeetingPage", "Meetings"),
    PageSpec("attendance_figures", "Attendance figures", "partnerboard.ui.pages.meetings.figures_page:AttendanceFiguresPage", "Meetings"),
    PageSpec("section11", "Section 11", "partnerboard.ui.pages.section11:Section11Page", "Audits"),
    PageSpec("audits", "Multi-agency audits", "partnerboard.ui.pages.audits:AuditsPage", "Audits"),
    PageSpec("audit_programme", "Audit programme", "partnerboard.ui.pages.audit_programme:AuditProgrammePage", "Audits"),
    PageSpec("imports", "Import returns", "partnerboard.ui.pages.imports:ImportPage", "Partner workbooks", permission="import", takes_files=True),
    PageSpec("reviews", "Practice reviews", "partnerboard.ui.pages.reviews.reviews_page:ReviewsPage", "Learning"),
    PageSpec("engagement", "Engagement log", "partnerboard.ui.pages.engagement:EngagementPage", "Learning"),
    PageSpec("yearly_report", "Yearly report", "partnerboard.ui.pages.yearly_report:YearlyReportPage", "Learning"),
    PageSpec("training_courses", "Training courses", "partnerboard.ui.pages.training.courses_page:TrainingCoursesPage", "Training"),
    PageSpec("training_sessions", "Sessions and bookings", "partnerboard.ui.pages.training.sessions_page:TrainingSessionsPage", "Training"),
    PageSpec("training_evaluation", "Training evaluation", "partnerboard.ui.pages.training.evaluation_page:TrainingEvaluationPage", "Training"),
    PageSpec("training_figures", "Training figures", "partnerboard.ui.pages.training.figures_page:TrainingFiguresPage", "Training"),
    PageSpec("thresholds", "Threshold documents", "partnerboard.ui.pages.thresholds.documents_page:ThresholdsPage", "Thresholds"),
    PageSpec("signup", "Partner sign-up", "partnerboard.ui.pages.thresholds.signup_page:SignupPage", "Thresholds"),
    PageSpec("escalations", "Escalations", "partnerboard.ui.pages.escalations.escalations_page:EscalationsPage", "Thresholds"),
    PageSpec("escalation_figures", "Escalation figures", "partnerboard.ui.pages.escalations.figures_page:EscalationFiguresPage", "Thresholds"),
    PageSpec("scorecard", "Scorecard", "partnerboard.ui.pages.performance.scorecard_page:ScorecardPage", "Performance"),
    PageSpec("indicators", "Indicators", "partnerboard.ui.pages.performance.indicators_page:IndicatorsPage", "Performance"),
    PageSpec("users", "Users", "partnerboard.ui.pages.users:UsersPage", "Administration", permission="users"),
]
# fmt: on
