"""Words of the demo training programme: twelve courses, their outcomes and what changed (all invented)."""

from __future__ import annotations

# reference, title, theme, workstream (words of its title), level, audience, delivering agency
# key, trainers, minutes, target trained, sessions, places, online, outcomes,
# the improvement-plan action it answers (its text) or None
COURSES: list[tuple] = [
    (
        "NEG-1", "Neglect toolkit: seeing and measuring neglect", "Neglect", "Neglect",
        "intermediate", "Practitioners in every agency who work with children and families",
        "council", "Learning and Development team with the Neglect Lead", 180, 300, 7, 25, False,
        ("Recognise the signs of chronic neglect", "Use the neglect toolkit with a family",
         "Make a multi-agency referral that describes the child's lived experience"),
        "Train 300 practitioners in the neglect toolkit",
    ),
    (
        "DA-1", "Domestic abuse: routine enquiry and risk assessment", "Domestic abuse",
        "domestic abuse", "intermediate", "Health, police and early help practitioners", "da",
        "Safe Harbour trainers", 210, 120, 4, 24, False,
        ("Ask about domestic abuse safely and routinely", "Complete a DASH risk assessment",
         "Refer to MARAC and specialist services"),
        "Train A&E staff in routine enquiry about domestic abuse",
    ),
    (
        "CE-1", "Child exploitation: spotting the signs", "Exploitation", "exploitation", "basic",
        "Anyone who meets children and young people in their work", "police",
        "Exploitation team, Wrenfield Constabulary", 150, None, 4, 30, False,
        ("Recognise signs of criminal and sexual exploitation",
         "Share information through the exploitation pathway"),
        None,
    ),
    (
        "WT-1", "Working Together: multi-agency safeguarding essentials", "Multi-agency working",
        "Thresholds", "basic", "New starters in every partner agency", "council",
        "Partnership business unit", 120, None, 5, 40, True,
        ("Explain the safeguarding partners' duties", "Know how to raise a concern and escalate"),
        None,
    ),
    (
        "THR-1", "Applying the continuum of need", "Thresholds", "Thresholds", "intermediate",
        "Designated leads and team managers", "council", "MASH managers", 120, None, 3, 30, True,
        ("Place a family's needs on the continuum", "Explain a threshold decision to a family"),
        None,
    ),
    (
        "CHR-1", "Chronologies that tell the child's story", "Neglect", "Neglect", "intermediate",
        "Social workers, health visitors and school staff", "community", "Named nurses", 150,
        None, 3, 20, False,
        ("Build a multi-agency chronology", "Use a chronology to see cumulative harm"),
        None,
    ),
    (
        "ESC-1", "Resolving professional disagreements", "Escalation", "challenge", "advanced",
        "Team managers and designated leads", "icb", "Designated professionals", 120, None, 2,
        24, True,
        ("Use the escalation policy stage by stage", "Challenge a decision respectfully"),
        None,
    ),
    (
        "LR-1", "Learning from local practice reviews", "Learning from reviews", "Learning",
        "advanced", "Practitioners and managers in every agency", "council",
        "Partnership business unit with review authors", 120, None, 3, 40, True,
        ("Describe the learning from recent reviews", "Apply the learning in my own practice"),
        None,
    ),
    (
        "MH-1", "Parental mental health and children", "Parental mental health", "early help",
        "intermediate", "Adult and children's services practitioners", "mental",
        "Think Family trainers", 180, None, 3, 24, False,
        ("Think about the child behind the adult patient", "Plan support with adult services"),
        None,
    ),
    (
        "VOC-1", "Hearing the voice of the child", "Voice of the child", "Learning", "basic",
        "Anyone who works with children", "council_ed", "Education safeguarding team", 90, None,
        3, 40, True,
        ("Record what a child says and does", "Use the child's voice in plans"),
        None,
    ),
    (
        "CS-1", "Contextual safeguarding", "Exploitation", "exploitation", "advanced",
        "Youth workers, youth justice, police and school staff", "yjs",
        "Youth Justice Service and Open Door", 180, None, 2, 20, False,
        ("Map risk outside the home", "Plan with partners for places and peer groups"),
        None,
    ),
    (
        "DSL-1", "Designated safeguarding leads: multi-agency update", "Schools", "Thresholds",
        "specialist", "Designated safeguarding leads in schools, colleges and early years",
        "council_ed", "Education safeguarding team", 120, None, 3, 30, True,
        ("Apply this year's changes to guidance", "Work with the MASH on a referral"),
        None,
    ),
]  # fmt: skip

VENUES = (
    "County Hall, Market Street, Wrenfield",
    "Kestrel Vale Community Centre",
    "Wrenfield General Hospital, Education Centre",
    "Marsh Road Police Station, Training Suite",
)
ONLINE_PLATFORM = "Microsoft Teams"

# Who books, by agency key, and how often (more from the big agencies).
AGENCY_WEIGHTS: dict[str, int] = {
    "council": 22, "council_ed": 8, "council_ash": 4, "police": 14, "icb": 3, "hospital": 12,
    "community": 10, "mental": 6, "ambulance": 3, "gp": 6, "probation": 4, "yjs": 4,
    "homes": 3, "district": 2, "fire": 2, "college": 3, "academy": 6, "primary": 4,
    "earlyyears": 4, "cafcass": 2, "cvs": 2, "da": 3, "youth": 3, "faith": 1, "sport": 1,
}  # fmt: skip

ROLES: dict[str, tuple[str, ...]] = {
    "local_authority": ("Social Worker", "Senior Practitioner", "Family Support Worker",
                        "Early Help Practitioner", "Team Manager"),
    "police": ("Police Constable", "Detective Constable", "PCSO", "Sergeant"),
    "health": ("Health Visitor", "School Nurse", "Staff Nurse", "Midwife", "Paramedic",
               "Practice Nurse", "Mental Health Practitioner"),
    "education": ("Teacher", "Designated Safeguarding Lead", "Pastoral Lead",
                  "Early Years Practitioner"),
    "probation": ("Probation Officer", "Prison Officer"),
    "youth_justice": ("Youth Justice Officer",),
    "housing": ("Housing Officer", "Tenancy Support Worker"),
    "voluntary": ("Youth Worker", "Volunteer Coordinator", "Outreach Worker"),
    "other": ("Fire Safety Officer", "Family Court Adviser"),
}  # fmt: skip

COMMENTS = (
    "The case studies made it real.",
    "Good to meet colleagues from other agencies.",
    "More time on the toolkit itself, please.",
    "Clear and practical.",
    "Would like a follow-up session in six months.",
    "The trainer knew the local pathways well.",
)

# What practitioners said they did differently three months later, with the theme business
# support tagged it with (None: not tagged yet).
FOLLOW_UPS: tuple[tuple[str, str | None], ...] = (
    ("I now keep a chronology for every family on my caseload and share it at core groups.",
     "Better chronologies"),
    ("I referred a family to early help sooner than I would have done before.", "Earlier referral"),
    ("I use the toolkit at home visits and the family found it helpful to see the scores.",
     "Using the toolkit"),
    ("I phoned the social worker to talk it through instead of just e-mailing.",
     "Talking to other agencies"),
    ("I asked about domestic abuse routinely at booking-in.", "Routine enquiry"),
    ("I challenged a decision to close a case and it was reopened.", "Challenge and escalation"),
    ("I write down what the child says in their own words now.", "Voice of the child"),
    ("Not much yet: I have not had a case where it applied.", "No change yet"),
    ("I shared the learning at my team meeting.", None),
    ("I completed a DASH with a patient and referred to MARAC.", "Routine enquiry"),
)  # fmt: skip

# Agencies' targets for the current year (places attended), and domains named for them.
TARGETS: dict[str, int] = {
    "council": 180, "police": 110, "hospital": 90, "community": 70, "council_ed": 60,
    "gp": 40, "academy": 40, "mental": 40, "probation": 25, "homes": 20,
}  # fmt: skip
COST_PER_PLACE_PENCE = 6500
