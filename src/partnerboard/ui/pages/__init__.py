"""The pages of the main window, in navigation order.

A register adds its page here when it is built (no empty placeholders). The first page is
the home page shown on a first start.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerboard.ui.pages.actions.dashboard_page import DashboardPage
from partnerboard.ui.pages.actions.proposals_page import ProposalsPage
from partnerboard.ui.pages.actions.register_page import ActionsPage
from partnerboard.ui.pages.actions.workstreams_page import WorkstreamsPage
from partnerboard.ui.pages.agencies import AgenciesPage
from partnerboard.ui.pages.attendance_figures import AttendanceFiguresPage
from partnerboard.ui.pages.audit_programme import AuditProgrammePage
from partnerboard.ui.pages.audits import AuditsPage
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.boards import BoardsPage
from partnerboard.ui.pages.escalation_figures import EscalationFiguresPage
from partnerboard.ui.pages.escalations import EscalationsPage
from partnerboard.ui.pages.imports import ImportPage
from partnerboard.ui.pages.meeting_page import MeetingPage
from partnerboard.ui.pages.meetings import MeetingsPage
from partnerboard.ui.pages.partnership import PartnershipPage
from partnerboard.ui.pages.people import PeoplePage
from partnerboard.ui.pages.reviews import ReviewsPage
from partnerboard.ui.pages.section11 import Section11Page
from partnerboard.ui.pages.signup import SignupPage
from partnerboard.ui.pages.thresholds import ThresholdsPage
from partnerboard.ui.pages.users import UsersPage


@dataclass(frozen=True)
class PageSpec:
    page: type[Page]
    group: str  # heading in the navigation list
    admin_only: bool = False  # built only for business support (e.g. user management)


PAGES: list[PageSpec] = [
    PageSpec(DashboardPage, "Action log"),  # the home page
    PageSpec(ActionsPage, "Action log"),
    PageSpec(WorkstreamsPage, "Action log"),
    PageSpec(ProposalsPage, "Action log"),
    PageSpec(AgenciesPage, "Partnership"),
    PageSpec(PeoplePage, "Partnership"),
    PageSpec(BoardsPage, "Partnership"),
    PageSpec(PartnershipPage, "Partnership"),
    PageSpec(MeetingsPage, "Meetings"),
    PageSpec(MeetingPage, "Meetings"),
    PageSpec(AttendanceFiguresPage, "Meetings"),
    PageSpec(Section11Page, "Audits"),
    PageSpec(AuditsPage, "Audits"),
    PageSpec(AuditProgrammePage, "Audits"),
    PageSpec(ImportPage, "Partner workbooks"),
    PageSpec(ReviewsPage, "Learning"),
    PageSpec(ThresholdsPage, "Thresholds"),
    PageSpec(SignupPage, "Thresholds"),
    PageSpec(EscalationsPage, "Thresholds"),
    PageSpec(EscalationFiguresPage, "Thresholds"),
    PageSpec(UsersPage, "Administration", admin_only=True),
]
