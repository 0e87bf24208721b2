"""The demo partnership's core dataset: about 30 fictional indicators across the usual themes,
each with where its figures start three years ago and where they end now (the demo draws the
quarters between, with some noise), and the commentary partners wrote.

Every figure and comparator is invented for the demo; none is a real area's.
"""

from __future__ import annotations

from dataclasses import dataclass

Comparators = tuple[float | None, float | None, float | None, str]  # England, neighbours, region


@dataclass(frozen=True)
class Spec:
    reference: str
    title: str
    definition: str
    theme: str
    agency: str  # demo agency key
    owner: str  # demo person key
    unit: str
    polarity: str
    start: float  # the figure three years ago
    end: float  # the latest figure
    target: float | None = None
    tolerance: float | None = None
    numerator: str | None = None
    denominator: str | None = None
    base: int = 0  # a typical denominator (0: no numerator and denominator)
    comparators: Comparators | None = None
    frequency: str = "quarterly"
    noise: float = 0.015  # of the figure, quarter to quarter
    tail: tuple[float, ...] = ()  # the last figures exactly (a story the board should see)


CHILD_POPULATION = 48_600  # children aged 0-17 in the fictional county

SPECS: tuple[Spec, ...] = (
    # ---------------------------------------------------------------- early help
    Spec("EH1", "Early help assessments completed",
         "Early help assessments signed off by a manager in the quarter, all agencies.",
         "Early help", "council", "ch_eh", "count", "higher", 380, 455, 450, 40),
    Spec("EH2", "Early help episodes closed with needs met",
         "Share of early help episodes closed in the quarter where the family's plan was achieved.",
         "Early help", "council", "ch_eh", "percentage", "higher", 68, 76, 75, 5,
         "Episodes closed in the quarter with the plan achieved",
         "All early help episodes closed in the quarter", 310),
    Spec("EH3", "Families stepped up to social care within 12 months",
         "Families whose early help closed in the quarter a year ago and who were referred to "
         "children's social care within 12 months of closure.",
         "Early help", "council", "ch_eh", "percentage", "lower", 14, 11, 10, 2,
         "Families referred to social care within 12 months of closure",
         "Families whose early help closed in the same quarter a year earlier", 290),
    Spec("EH4", "Early help assessments per 10,000 children",
         "Early help assessments started in the quarter for every 10,000 children aged 0-17.",
         "Early help", "council", "ch_eh", "rate", "context", 74, 88,
         numerator="Early help assessments started in the quarter",
         denominator="Children aged 0-17 (mid-year estimate)", base=CHILD_POPULATION),
    # ---------------------------------------------------------------- front door
    Spec("FD1", "Contacts to the front door",
         "Contacts received by the multi-agency safeguarding hub in the quarter.",
         "Front door", "council", "ch_hos", "count", "context", 3900, 4350),
    Spec("FD2", "Contacts with a decision within one working day",
         "Share of contacts where the hub decided what happens next within one working day.",
         "Front door", "council", "ch_hos", "percentage", "higher", 84, 93, 90, 5,
         "Contacts decided within one working day", "Contacts received in the quarter", 4100),
    Spec("FD3", "Referrals to children's social care per 10,000 children",
         "Referrals accepted by children's social care in the quarter, per 10,000 children.",
         "Front door", "council", "ch_hos", "rate", "context", 132, 141,
         numerator="Referrals in the quarter", denominator="Children aged 0-17",
         base=CHILD_POPULATION, comparators=(136.2, 139.0, 145.8, "2024/25, quarterly average")),
    Spec("FD4", "Re-referrals within 12 months",
         "Share of referrals in the quarter for a child referred in the previous 12 months.",
         "Front door", "council", "ch_hos", "percentage", "lower", 18.5, 24.2, 20, 3,
         "Referrals within 12 months of a previous referral", "Referrals in the quarter", 660,
         comparators=(22.4, 21.0, 23.1, "2024/25"), tail=(21.4, 23.1, 24.2)),
    Spec("FD5", "Assessments completed within 45 working days",
         "Share of social work assessments completed in the quarter within 45 working days.",
         "Front door", "council", "ch_hos", "percentage", "higher", 80, 88, 85, 5,
         "Assessments completed within 45 working days", "Assessments completed", 610,
         comparators=(82.0, 84.5, 83.1, "2024/25")),
    Spec("FD6", "Domestic abuse notifications with a child present",
         "Police domestic abuse incidents in the quarter where a child was present or lives.",
         "Front door", "police", "pol_ds", "count", "context", 720, 810),
    # ---------------------------------------------------------------- child protection
    Spec("CP1", "Children on a child protection plan per 10,000",
         "Children subject to a child protection plan at the end of the quarter, per 10,000.",
         "Child protection", "council", "ch_ad", "rate", "context", 41.5, 46.0,
         numerator="Children on a plan at the quarter's end", denominator="Children aged 0-17",
         base=CHILD_POPULATION, comparators=(40.8, 44.1, 47.3, "31/03/2025")),
    Spec("CP2", "Child protection plans for a second or subsequent time",
         "Share of plans starting in the quarter for a child who had a plan before.",
         "Child protection", "council", "ch_ad", "percentage", "lower", 21, 17.5, 20, 3,
         "Plans starting for a child who had a plan before", "Plans starting in the quarter", 120,
         comparators=(23.8, 22.0, 24.5, "2024/25")),
    Spec("CP3", "Initial conferences within 15 working days",
         "Share of initial child protection conferences held within 15 working days of the "
         "strategy discussion.",
         "Child protection", "council", "ch_ad", "percentage", "higher", 88, 71, 85, 5,
         "Conferences held within 15 working days", "Initial conferences held", 95,
         comparators=(78.0, 80.2, 76.4, "2024/25"), tail=(87.0, 80.0, 71.0)),
    Spec("CP4", "Strategy discussions attended by the police",
         "Share of strategy discussions in the quarter that a police officer attended.",
         "Child protection", "police", "pol_di", "percentage", "higher", 92, 97, 95, 3,
         "Strategy discussions the police attended", "Strategy discussions held", 280),
    Spec("CP5", "Plans lasting two years or more",
         "Share of child protection plans ending in the quarter that had lasted two years or more.",
         "Child protection", "council", "ch_iro", "percentage", "lower", 4.5, 2.8, 3, 1,
         "Plans ending after two years or more", "Plans ending in the quarter", 110,
         comparators=(3.9, 3.5, 4.2, "2024/25")),
    # ---------------------------------------------------------------- children in care
    Spec("CC1", "Children in care per 10,000",
         "Children looked after at the end of the quarter, per 10,000 children.",
         "Children in care", "council", "ch_iro", "rate", "context", 68, 72,
         numerator="Children looked after at the quarter's end", denominator="Children aged 0-17",
         base=CHILD_POPULATION, comparators=(70.0, 74.2, 81.5, "31/03/2025")),
    Spec("CC2", "Children in care with three or more placements",
         "Share of children in care who had three or more placements in the last 12 months.",
         "Children in care", "council", "ch_iro", "percentage", "lower", 11.5, 9.0, 10, 2,
         "Children with three or more placements", "Children in care at the quarter's end", 350,
         comparators=(10.0, 9.5, 10.8, "2024/25")),
    Spec("CC3", "Review health assessments on time",
         "Share of review health assessments for children in care done by the due date.",
         "Children in care", "community", "com_ns", "percentage", "higher", 83, 91, 90, 5,
         "Review health assessments on time", "Review health assessments due", 190),
    Spec("CC4", "Care leavers in suitable accommodation",
         "Share of care leavers aged 19-21 in suitable accommodation.",
         "Children in care", "council", "ch_iro", "percentage", "higher", 86, 92, 90, 5,
         "Care leavers in suitable accommodation", "Care leavers aged 19-21", 140,
         comparators=(88.0, 89.5, 87.2, "2024/25")),
    # ---------------------------------------------------------------- exploitation
    Spec("EX1", "Missing episodes of children",
         "Episodes of children reported missing from home or care in the month.",
         "Exploitation", "police", "pol_dci", "count", "context", 150, 132, frequency="monthly",
         noise=0.08),
    Spec("EX2", "Return home interviews offered within 72 hours",
         "Share of missing episodes where a return home interview was offered within 72 hours.",
         "Exploitation", "council", "ch_ex", "percentage", "higher", 82, 94, 95, 5,
         "Episodes with an interview offered within 72 hours", "Missing episodes ended", 420,
         tail=(97.0, 95.5, 94.0)),
    Spec("EX3", "Children assessed at significant risk of exploitation",
         "Children open to the exploitation panel at the end of the quarter assessed as at "
         "significant risk.",
         "Exploitation", "council", "ch_ex", "count", "context", 38, 46),
    Spec("EX4", "First-time entrants to the youth justice system",
         "Young people aged 10-17 receiving their first caution or conviction in the quarter, per "
         "10,000 aged 10-17.",
         "Exploitation", "yjs", "yjs_head", "rate", "lower", 6.2, 4.9, 5.5, 0.5,
         "First-time entrants in the quarter", "Young people aged 10-17", 23_800,
         comparators=(4.6, 5.1, 5.4, "2024/25, quarterly")),
    # ---------------------------------------------------------------- health
    Spec("HE1", "Self-harm attendances seen by CAMHS within 24 hours",
         "Share of children attending A&E after self-harm seen by the CAMHS liaison team within "
         "24 hours.",
         "Health", "mental", "mh_camhs", "percentage", "higher", 86, 91, 90, 5,
         "Attendances seen within 24 hours", "Attendances after self-harm", 75),
    Spec("HE2", "Median wait for a first CAMHS appointment (weeks)",
         "Median weeks from referral to the first CAMHS appointment for referrals seen in the "
         "quarter.",
         "Health", "mental", "mh_lead", "median", "lower", 9.5, 13.4, 10, 2,
         tail=(10.2, 11.6, 13.4)),
    Spec("HE3", "New birth visits within 14 days",
         "Share of new birth visits by a health visitor within 14 days of birth.",
         "Health", "community", "com_hv", "percentage", "higher", 88, 93, 90, 5,
         "New birth visits within 14 days", "Births notified", 1150,
         comparators=(80.2, 85.0, 83.7, "2024/25")),
    Spec("HE4", "Health staff trained in safeguarding at level 3",
         "Share of eligible staff up to date with level 3 safeguarding children training.",
         "Health", "community", "com_ns", "percentage", "higher", 81, 88, 90, 5,
         "Eligible staff up to date", "Staff who need level 3 training", 1420),
    Spec("HE5", "Days from entering care to the initial health assessment",
         "Average days from a child entering care to their initial health assessment.",
         "Health", "community", "com_ns", "days", "lower", 31, 19.5, 20, 5),
    # ---------------------------------------------------------------- education
    Spec("ED1", "Pupils persistently absent",
         "Share of pupils missing 10% or more of sessions in the term.",
         "Education", "council_ed", "ed_dsl", "percentage", "lower", 19.5, 16.8, 15, 2,
         "Pupils persistently absent", "Pupils on roll", 71_000,
         comparators=(18.7, 17.9, 19.2, "2024/25")),
    Spec("ED2", "Children missing education",
         "Children known to be missing education at the end of the quarter.",
         "Education", "council_ed", "ed_ehe", "count", "lower", 34, 52, 40, 10,
         tail=(41, 46, 52)),
    Spec("ED3", "Suspensions per 10,000 pupils",
         "Suspensions from school in the quarter per 10,000 pupils.",
         "Education", "council_ed", "ed_dsl", "rate", "lower", 245, 228, 250, 25,
         "Suspensions in the quarter", "Pupils on roll", 71_000),
    Spec("ED4", "Children electively home educated",
         "Children registered as electively home educated at the end of the quarter.",
         "Education", "council_ed", "ed_ehe", "count", "context", 610, 790),
    Spec("ED5", "Schools returning the safeguarding audit",
         "Share of schools that returned the annual safeguarding audit to the partnership.",
         "Education", "council_ed", "ed_dsl", "percentage", "higher", 88, 97, 95, 3,
         "Schools that returned the audit", "Schools in the county", 265),
)  # fmt: skip

# Agencies whose return for the latest quarter has not come in yet.
LATE = ("police", "council_ed")

# What partners wrote when a figure was Red or worse than last time (the last quarter's
# exceptions have their own words; the rest take one of the general lines).
COMMENTARY = {
    "FD4": "Re-referrals rose for the third quarter running. Dip sampling found cases closed "
    "after single-agency advice where needs were not met; the front door is auditing 40 "
    "re-referrals with health and police, and will report to the next QA sub-group.",
    "CP3": "Two conference chairs were on long-term sick leave and agency cover started only in "
    "September. Timeliness has recovered in October (84% in the month); chairs now book the "
    "conference at the strategy discussion.",
    "HE2": "Referrals to CAMHS rose by a fifth after the school mental health teams started. "
    "Additional sessions from the ICB's winter funding begin next quarter; urgent referrals "
    "continue to be seen within a week.",
    "ED2": "The rise follows a data cleanse that found children who had left the county without "
    "notification. Each case is being traced with the police and health; 11 were found in "
    "other areas during the quarter.",
    "EX2": "Below target while the missing-persons coordinator post was vacant; recruited in "
    "the quarter and offers within 72 hours are back above 95% in the last month.",
}
GENERAL = (
    "Slightly below last quarter; the service is monitoring the trend and has checked the "
    "data for recording errors.",
    "Staffing pressures in the quarter; agency cover is in place and the figure is expected to "
    "recover next quarter.",
    "A small number of cases moves this figure a long way; each case below the standard has "
    "been reviewed by the team manager.",
    "Demand rose in the quarter; the service has prioritised the most urgent work and is "
    "reviewing capacity with commissioners.",
)
