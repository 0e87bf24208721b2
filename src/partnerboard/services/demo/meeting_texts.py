"""Words for the demo meetings: items each board discusses, what it decides, what it asks for.

Every name and case is invented. Case references are anonymised codes, as in real minutes.
"""

from __future__ import annotations

from typing import NamedTuple


class DemoItem(NamedTuple):
    title: str
    presenter: str  # person key (see demo.partnership.PEOPLE)
    minutes: int
    discussion: str
    decisions: str
    actions: tuple[str, ...]  # the action arising the 1st, 2nd … time the item comes up
    restricted: bool = False


VENUES = {
    "exec": "Committee Room 2, County Hall, Wrenfield",
    "qap": "Meeting Room 4, Wrenfield Police Headquarters",
    "ld": "Training Suite, Kestrel House",
    "cspr": "Meeting Room 1, County Hall, Wrenfield",
    "expl": "Conference Room, Wrenfield Youth Justice Service",
}

# board key -> months between meetings, first month's weekday (0 = Monday), week of the month
SCHEDULE = {
    "exec": (2, 1, 2),
    "qap": (3, 2, 1),
    "ld": (3, 3, 3),
    "cspr": (2, 0, 3),
    "expl": (2, 3, 2),
}

APOLOGY_REASONS = [
    "Annual leave",
    "Clashing commitment: court hearing",
    "Unwell",
    "Clashing commitment: regional safeguarding meeting",
    "Training",
    "Operational pressures",
]

ITEMS: dict[str, list[DemoItem]] = {
    "exec": [
        DemoItem(
            "Quarterly performance report",
            "ch_pm",
            20,
            "The Performance Manager presented the quarter's multi-agency data. Re-referrals to "
            "children's social care rose to 24%, above the regional average. Partners asked "
            "whether the rise reflected thresholds being applied differently at the front door.",
            "The board noted the report. The Quality Assurance and Performance Sub-group to "
            "examine the re-referral rate and report back.",
            (
                "Analyse re-referrals within 12 months by referring agency and report to the board",
                "Agree a re-referral target with the front door and track it quarterly",
            ),
        ),
        DemoItem(
            "Section 11 audit: headline findings",
            "qa_lead",
            20,
            "Twenty-one agencies returned their Section 11 self-assessments on time. Standards on "
            "safer recruitment and supervision were rated lowest. Partners welcomed the challenge "
            "day but asked for feedback letters sooner than last year.",
            "The board accepted the findings and agreed that feedback letters go out within six "
            "weeks of the challenge day.",
            (
                "Send every agency its Section 11 feedback letter within six weeks",
                "Follow up the agencies whose Section 11 action plans are overdue",
            ),
        ),
        DemoItem(
            "Threshold document: annual review",
            "ch_hos",
            15,
            "The continuum of need document was reviewed with partners. Schools asked for clearer "
            "descriptors at level 2. Health partners had signed up; two voluntary sector agencies "
            "had not yet responded.",
            "The revised threshold document was approved subject to the level 2 descriptors.",
            (
                "Obtain sign-up to the revised threshold document from the remaining agencies",
                "Run threshold briefings for schools on the level 2 descriptors",
            ),
        ),
        DemoItem(
            "Partnership budget and partner contributions",
            "bm",
            10,
            "The Business Manager reported a forecast underspend of £4,200 on training. The "
            "police contribution for next year is yet to be confirmed.",
            "The board agreed to carry the underspend into the training programme.",
            (),
        ),
        DemoItem(
            "Annual report: draft for comment",
            "bm",
            15,
            "Members commented on the draft annual report. The independent scrutineer asked that "
            "the report say more about impact on children than about activity.",
            "Comments to the Business Manager within two weeks; final report to the next meeting.",
            (
                "Revise the annual report to show impact, not only activity",
                "Publish the annual report and send it to the national panel",
            ),
        ),
        DemoItem(
            "Serious incident notification: case RR-24-07",
            "icb_dd",
            15,
            "The Designated Doctor summarised a serious incident notified to the national panel. "
            "The rapid review met within 15 working days; learning on information sharing between "
            "the GP practice and the school nurse was identified.",
            "The board endorsed the rapid review's recommendation not to commission a local review "
            "and agreed a seven-minute briefing.",
            ("Publish a seven-minute briefing on information sharing from RR-24-07",),
            True,
        ),
    ],
    "qap": [
        DemoItem(
            "Multi-agency audit: neglect",
            "qa_lead",
            25,
            "Eight cases were audited. Six were graded requires improvement or better. Chronologies "
            "were missing in three health records.",
            "The sub-group agreed the findings and the moderation outcome.",
            (
                "Remind health practitioners to keep a chronology in neglect cases",
                "Re-audit chronologies in neglect cases after six months",
            ),
        ),
        DemoItem(
            "Performance dashboard",
            "icb_data",
            20,
            "The dashboard now includes the timeliness of initial health assessments, which fell to "
            "61% within 20 working days.",
            "The sub-group asked the ICB for an exception report.",
            (
                "Report on delays to initial health assessments for children in care",
                "Present a recovery plan for initial health assessments",
            ),
        ),
        DemoItem(
            "Section 11 challenge day: planning",
            "qa_lead",
            15,
            "Dates and panels for the challenge day were agreed; each panel has a police, health "
            "and local authority member.",
            "Challenge day confirmed for the second week of next month.",
            (),
        ),
        DemoItem(
            "Audit case with practice concerns: case MAA-26-05",
            "qa_lead",
            10,
            "Moderation found a case graded inadequate in which a referral was not followed up. "
            "The agency concerned has started its own review.",
            "The case is flagged for re-audit; the chair to write to the agency's lead.",
            ("Re-audit case MAA-26-05 once the agency's review is complete",),
            True,
        ),
    ],
    "ld": [
        DemoItem(
            "Training programme: evaluation",
            "ld_lead",
            20,
            "Attendance at multi-agency training was 82% of places booked. Evaluations show "
            "confidence improving most on exploitation and least on neglect.",
            "The sub-group agreed to add a neglect refresher to the programme.",
            (
                "Design a half-day neglect refresher for the spring programme",
                "Evaluate the neglect refresher after the first three sessions",
            ),
        ),
        DemoItem(
            "Learning from reviews: seven-minute briefings",
            "ld_lead",
            15,
            "Two briefings were published this quarter. Partners asked how they reach GP practices.",
            "The GP Federation to circulate briefings through its bulletin.",
            (
                "Circulate seven-minute briefings through the GP Federation bulletin",
                "Survey practitioners on whether the briefings changed practice",
            ),
        ),
        DemoItem(
            "Safer recruitment workshop",
            "ey_lead",
            10,
            "The early years network offered to host a safer recruitment workshop for voluntary "
            "groups.",
            "Agreed; date to be confirmed.",
            (),
        ),
        DemoItem(
            "Trainer conduct concern",
            "ld_lead",
            10,
            "A concern about a freelance trainer's conduct was referred to the LADO. The trainer "
            "has been stood down from the programme while enquiries continue.",
            "Bookings for the trainer's courses to be moved to other trainers.",
            ("Move the affected course bookings to other trainers",),
            True,
        ),
    ],
    "cspr": [
        DemoItem(
            "Rapid review: case RR-25-02",
            "icb_dd",
            30,
            "The group considered the rapid review. Practice by the ambulance service and the "
            "hospital was timely; the referral to children's social care was delayed by two days.",
            "The group agreed that the criteria for a local review were not met and identified "
            "learning on referral timeliness.",
            (
                "Share the learning on referral timeliness from RR-25-02 with the front door",
                "Check referral timeliness in a dip sample of 20 contacts",
            ),
            True,
        ),
        DemoItem(
            "Local practice review: progress of case LCSPR-24-01",
            "bm",
            15,
            "The reviewer has met the family and practitioners. Publication is expected within "
            "six months of the decision.",
            "The group noted progress.",
            (),
            True,
        ),
        DemoItem(
            "Tracking of review recommendations",
            "bm",
            10,
            "Eleven recommendations are open, two overdue. Partners gave updates.",
            "The group agreed to escalate the overdue recommendations to the Executive Board.",
            (
                "Write to the leads of the overdue review recommendations",
                "Report progress on review recommendations to the Executive Board",
            ),
        ),
    ],
    "expl": [
        DemoItem(
            "Missing children: return home interviews",
            "ch_ex",
            20,
            "Return home interviews were offered within 72 hours in 74% of episodes. Partners "
            "noted the link with children placed out of area.",
            "The sub-group asked for a breakdown for children placed by other authorities.",
            (
                "Break down return home interviews for children placed by other authorities",
                "Write to placing authorities about return home interviews",
            ),
        ),
        DemoItem(
            "Contextual safeguarding: town centre assessment",
            "pol_dci",
            20,
            "The police presented the assessment of the bus station and the retail park. Licensed "
            "premises and the district council's CCTV team took part.",
            "The sub-group endorsed the safety plan for the bus station.",
            (
                "Agree a safety plan for the bus station with the district council",
                "Extend the contextual assessment to the retail park",
            ),
        ),
        DemoItem(
            "Exploitation risk panel: themes",
            "yjs_head",
            15,
            "Twelve children were discussed at the panel; county lines remain the main theme. "
            "Two children were identified as at high risk and are discussed under their codes.",
            "The sub-group noted the themes and agreed disruption plans for children EX-114 "
            "and EX-131.",
            ("Confirm the disruption plans for EX-114 and EX-131 with the police",),
            True,
        ),
    ],
}
