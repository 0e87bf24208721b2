"""Words of the demo improvement plan: eight ambitions, their leads and actions (all invented)."""

from __future__ import annotations

# title, lead person key, board key, our approach, [(action, lead person key, agency key)]
WORKSTREAMS: list[tuple[str, str, str, str, list[tuple[str, str, str]]]] = [
    (
        "Thresholds are understood and applied consistently by every partner",
        "ch_ad",
        "exec",
        "We will agree one continuum-of-need document, sign every partner up to it and test "
        "through audit that referrals and decisions follow it.",
        [
            (
                "Refresh the continuum-of-need document with partners and publish version 4",
                "ch_ad",
                "council",
            ),
            (
                "Secure written sign-up to the threshold document from every statutory partner",
                "bm",
                "council",
            ),
            (
                "Run threshold briefings for designated safeguarding leads in every school",
                "ed_dsl",
                "council_ed",
            ),
            (
                "Audit 40 MASH contacts a quarter for consistent threshold decisions",
                "qa_lead",
                "council",
            ),
            (
                "Add threshold guidance to the police vulnerability referral form",
                "pol_ds",
                "police",
            ),
            ("Publish a one-page threshold guide for GPs and primary care", "gp_lead", "gp"),
            (
                "Report threshold audit results to the Executive Board twice a year",
                "ch_pm",
                "council",
            ),
            (
                "Train voluntary sector leads on consent and threshold conversations",
                "cvs_ceo",
                "cvs",
            ),
            (
                "Review step-down decisions from children's social care to early help",
                "ch_eh",
                "council",
            ),
        ],
    ),
    (
        "Partners are held to account through robust challenge",
        "chair",
        "exec",
        "The board will challenge partners openly and record that challenge and its response, "
        "so that scrutiny is visible to inspectors and to partners themselves.",
        [
            (
                "Introduce a challenge log recorded in the minutes of every board meeting",
                "bm",
                "council",
            ),
            (
                "Hold an annual Section 11 challenge day with every agency under the duty",
                "qa_lead",
                "council",
            ),
            (
                "Send written feedback to each agency within six weeks of its Section 11 return",
                "bm",
                "council",
            ),
            (
                "Ask each statutory partner to present its safeguarding self-assessment to the board",
                "chair",
                "council",
            ),
            (
                "Commission an independent scrutiny review of the partnership arrangements",
                "chair",
                "council",
            ),
            ("Publish the challenge and response summary in the yearly report", "bm", "council"),
            (
                "Agree an escalation route for unresolved challenges to chief officers",
                "dcs",
                "council",
            ),
        ],
    ),
    (
        "Learning from audits and reviews changes practice",
        "ld_lead",
        "ld",
        "Every audit and review ends with learning that reaches practitioners within three "
        "months, and we check a year later that practice has changed.",
        [
            (
                "Publish a seven-minute briefing for every rapid review within eight weeks",
                "ld_lead",
                "council",
            ),
            ("Re-audit cases graded Inadequate within six months", "qa_lead", "council"),
            ("Run learning events after each thematic multi-agency audit", "ld_lead", "council"),
            ("Track recommendations from local practice reviews to completion", "bm", "council"),
            (
                "Evaluate the impact of multi-agency training on practice through follow-up surveys",
                "ld_lead",
                "council",
            ),
            (
                "Embed learning from the Child R review in health visiting supervision",
                "com_hv",
                "community",
            ),
            ("Share audit learning with schools through the DSL network", "ed_dsl", "council_ed"),
            ("Develop a practitioner learning hub on the partnership website", "bso", "council"),
        ],
    ),
    (
        "Children at risk of exploitation are identified early and protected",
        "pol_dci",
        "expl",
        "A contextual safeguarding approach across places and peer groups, with one shared "
        "picture of exploitation risk and one multi-agency response.",
        [
            ("Launch the multi-agency child exploitation screening tool", "ch_ex", "council"),
            (
                "Map exploitation hotspots quarterly with police, housing and transport partners",
                "pol_dci",
                "police",
            ),
            (
                "Offer a return home interview to every child within 72 hours of going missing",
                "ch_ex",
                "council",
            ),
            (
                "Train taxi and hotel staff to recognise signs of exploitation",
                "kvdc_lead",
                "district",
            ),
            (
                "Establish a weekly exploitation risk meeting chaired by police and children's services",
                "pol_dci",
                "police",
            ),
            ("Commission a youth outreach service in the town centre", "youth_mgr", "youth"),
            (
                "Review the missing children protocol with the ambulance service",
                "amb_lead",
                "ambulance",
            ),
            (
                "Share disruption tactics and outcomes with the sub-group each quarter",
                "pol_pcso",
                "police",
            ),
            ("Include exploitation in the youth justice prevention offer", "yjs_prev", "yjs"),
            (
                "Audit education provision for children excluded from school and at risk",
                "ed_ehe",
                "council_ed",
            ),
        ],
    ),
    (
        "Families get early help at the right time",
        "ch_eh",
        "exec",
        "Help offered as soon as a need appears, by whichever partner knows the family best, "
        "with a single early help assessment that partners trust.",
        [
            ("Relaunch the early help assessment with a shorter partner form", "ch_eh", "council"),
            (
                "Increase the share of early help assessments led by partners to 40%",
                "ch_eh",
                "council",
            ),
            ("Place an early help coordinator in each family hub", "ch_eh", "council"),
            ("Give health visitors access to the early help case record", "com_hv", "community"),
            ("Report early help outcomes to the board twice a year", "ch_pm", "council"),
            ("Train housing officers to start early help conversations", "homes_lead", "homes"),
        ],
    ),
    (
        "Children living with domestic abuse are heard and kept safe",
        "da_idva",
        "exec",
        "The voice of the child is recorded in every domestic abuse response, and partners act "
        "together from the first police notification.",
        [
            (
                "Notify schools of every domestic abuse incident by 9am the next school day",
                "pol_ds",
                "police",
            ),
            ("Add the child's voice to every MARAC referral", "da_idva", "da"),
            ("Commission a children's IDVA post for two years", "da_ceo", "da"),
            ("Run a domestic abuse thematic multi-agency audit", "qa_lead", "council"),
            (
                "Include perpetrator programmes in the partnership's commissioning review",
                "prob_spo",
                "probation",
            ),
            ("Train A&E staff in routine enquiry about domestic abuse", "hosp_ed", "hospital"),
            ("Publish a domestic abuse pathway for practitioners", "da_idva", "da"),
        ],
    ),
    (
        "Neglect is recognised and responded to early",
        "com_ns",
        "qap",
        "A shared neglect toolkit used by every agency, so that chronic neglect is seen for what "
        "it is before it becomes harm.",
        [
            (
                "Roll out the graded care profile to health visitors and school nurses",
                "com_hv",
                "community",
            ),
            ("Train 300 practitioners in the neglect toolkit", "ld_lead", "council"),
            ("Audit 20 neglect cases for use of chronologies", "qa_lead", "council"),
            ("Add neglect indicators to the dental safeguarding pathway", "icb_dnsc", "icb"),
            ("Review the was-not-brought policy in all health providers", "icb_dnsc", "icb"),
            (
                "Publish a neglect strategy refreshed with the voice of families",
                "com_ns",
                "community",
            ),
            ("Measure the impact of the toolkit through re-referral rates", "ch_pm", "council"),
        ],
    ),
    (
        "The partnership plans its business and measures its impact",
        "bm",
        "exec",
        "A business plan with measures of impact beyond performance indicators, a dataset that "
        "partners contribute to, and an honest yearly report.",
        [
            ("Agree a three-year business plan with measurable outcomes", "bm", "council"),
            ("Build a multi-agency dataset with quarterly partner returns", "icb_data", "icb"),
            (
                "Agree the partnership budget and partner contributions for the year",
                "dcs",
                "council",
            ),
            ("Publish the yearly report by the end of September", "bm", "council"),
            ("Survey practitioners each year on the partnership's impact", "bso", "council"),
            ("Review the sub-group structure and terms of reference", "chair", "council"),
            ("Hear from young people at two board meetings a year", "youth_mgr", "youth"),
            ("Refresh the partnership's risk register each quarter", "bm", "council"),
        ],
    ),
]

OPENINGS = [
    "Scoping meeting held with partners.",
    "Task and finish group set up and terms of reference agreed.",
    "Lead identified and project plan agreed.",
    "Initial data gathered and shared with the sub-group.",
]
# What an update says, by the RAG it gives.
NARRATIVES = {
    "red": [
        "Work has not yet started because of capacity in the lead team.",
        "No progress this quarter; the sub-group chair will raise this with the agency lead.",
        "Work is behind plan: the lead has changed and partners have not yet responded.",
        "Progress slowed by vacancies; a revised timetable is being drawn up.",
    ],
    "amber": [
        "Draft shared with partners for comment; responses received from most agencies.",
        "Two of the three planned sessions delivered, with good attendance from health and police.",
        "Pilot under way in the north locality; early feedback from practitioners is positive.",
        "Partners have signed off the approach; implementation started this month.",
        "Audit completed; findings to be presented to the QA&P sub-group.",
        "Funding confirmed for the current year; recruitment is in progress.",
        "Mostly done; the remaining step is agreement from two partners.",
        "On track: the final version goes to the board next month.",
    ],
    "green": [
        "Completed and reported to the board; evidence of impact will be reviewed in six months.",
        "Delivered as planned. Feedback shows practitioners use the new guidance in their "
        "work.\n\nThe sub-group agreed that the action can close.",
        "Complete: every partner has confirmed, and the audit in the last quarter showed the "
        "change in practice.",
    ],
}
