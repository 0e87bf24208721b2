"""Demo step: the fictional Wrenfield Safeguarding Partnership, its agencies, people and boards.

Every name is invented. Wrenfield is no real place; agencies are named for it so that no real
organisation or person appears.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from partnerboard.db.models.partnership import Agency, Board, Membership, Partnership, Person

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

# key, name, short name, sector, statutory partner, under the Section 11 duty
AGENCIES = [
    (
        "council",
        "Wrenfield County Council – Children's Services",
        "WCC Children",
        "local_authority",
        "local_authority",
        True,
    ),
    (
        "council_ed",
        "Wrenfield County Council – Education and Inclusion",
        "WCC Education",
        "local_authority",
        "none",
        True,
    ),
    (
        "council_ash",
        "Wrenfield County Council – Adult Social Care",
        "WCC Adults",
        "local_authority",
        "none",
        False,
    ),
    ("police", "Wrenfield Constabulary", "Police", "police", "police", True),
    ("icb", "NHS Wrenfield and Marsh Integrated Care Board", "ICB", "health", "health", True),
    ("hospital", "Wrenfield General Hospitals NHS Foundation Trust", "WGH", "health", "none", True),
    ("community", "Wrenfield Community Health NHS Trust", "WCH", "health", "none", True),
    ("mental", "Marsh and Wrenfield Mental Health NHS Trust", "MWMH", "health", "none", True),
    ("ambulance", "Fenland Coast Ambulance Service NHS Trust", "Ambulance", "health", "none", True),
    ("gp", "Wrenfield GP Federation", "GP Fed", "health", "none", True),
    (
        "probation",
        "Probation Service – Wrenfield Delivery Unit",
        "Probation",
        "probation",
        "none",
        True,
    ),
    ("yjs", "Wrenfield Youth Justice Service", "YJS", "youth_justice", "none", True),
    ("homes", "Wrenfield Homes", "Homes", "housing", "none", True),
    ("district", "Kestrel Vale District Council", "KVDC", "housing", "none", True),
    ("fire", "Wrenfield Fire and Rescue Service", "Fire", "other", "none", True),
    ("college", "Wrenfield and Marsh College", "College", "education", "none", True),
    ("academy", "Heronsgate Academy Trust", "Heronsgate", "education", "none", True),
    (
        "primary",
        "St Aidan's Church of England Primary School",
        "St Aidan's",
        "education",
        "none",
        False,
    ),
    ("earlyyears", "Wrenfield Early Years Network", "Early Years", "education", "none", False),
    ("cafcass", "Family Court Advisory Service – Wrenfield Team", "FCAS", "other", "none", True),
    ("cvs", "Wrenfield Council for Voluntary Service", "CVS", "voluntary", "none", False),
    ("da", "Safe Harbour Domestic Abuse Service", "Safe Harbour", "voluntary", "none", True),
    ("youth", "Open Door Youth Project", "Open Door", "voluntary", "none", True),
    ("faith", "Wrenfield Faith Forum", "Faith Forum", "voluntary", "none", False),
    ("sport", "Wrenfield Active Sport Partnership", "Active Sport", "voluntary", "none", False),
    ("prison", "HMP Kestrel Vale", "HMP KV", "probation", "none", False),
]

FIRST = [
    "Amira",
    "Ben",
    "Catherine",
    "Daniel",
    "Eleanor",
    "Farid",
    "Grace",
    "Harpreet",
    "Isla",
    "James",
    "Kerry",
    "Liam",
    "Marcus",
    "Nadia",
    "Owen",
    "Priya",
    "Rachel",
    "Samuel",
    "Tanya",
    "Usman",
    "Victoria",
    "William",
    "Yasmin",
    "Zoe",
    "Alastair",
    "Bethan",
    "Chidi",
    "Deborah",
    "Euan",
    "Fiona",
    "Gareth",
    "Hannah",
    "Imran",
    "Joanne",
    "Kwame",
    "Lucy",
    "Mehmet",
    "Niamh",
    "Oliver",
    "Paula",
    "Rhys",
    "Sian",
    "Tom",
    "Una",
    "Vikram",
    "Wendy",
]
LAST = [
    "Ashworth",
    "Bancroft",
    "Chaudhry",
    "Dunmore",
    "Ellery",
    "Fairbairn",
    "Gillespie",
    "Hargreaves",
    "Iqbal",
    "Jephcott",
    "Kaur",
    "Lomax",
    "McAllister",
    "Nwosu",
    "Okafor",
    "Pemberton",
    "Quayle",
    "Rahman",
    "Sutcliffe",
    "Thackeray",
    "Underwood",
    "Varley",
    "Whitcombe",
    "Yardley",
    "Abara",
    "Blackwood",
    "Coulthard",
    "Dimitriou",
    "Esterhuizen",
    "Fothergill",
    "Greenhalgh",
    "Haldane",
]

# key, agency key, job title: the people who sit on boards, then practitioners and deputies.
PEOPLE = [
    ("chair", None, "Independent Chair and Scrutineer"),
    ("dcs", "council", "Director of Children's Services"),
    ("ch_ad", "council", "Assistant Director, Safeguarding and Quality Assurance"),
    ("ch_hos", "council", "Head of Service, Children in Need"),
    ("ch_lado", "council", "Local Authority Designated Officer"),
    ("ch_iro", "council", "Service Manager, Independent Reviewing Officers"),
    ("ed_dir", "council_ed", "Director of Education"),
    ("ed_dsl", "council_ed", "Education Safeguarding Lead"),
    ("ash_dir", "council_ash", "Director of Adult Social Services"),
    ("pol_cs", "police", "Chief Superintendent, Public Protection"),
    ("pol_di", "police", "Detective Inspector, Child Abuse Investigation"),
    ("pol_ds", "police", "Detective Sergeant, MASH"),
    ("icb_dn", "icb", "Chief Nurse"),
    ("icb_dnsc", "icb", "Designated Nurse for Safeguarding Children"),
    ("icb_dd", "icb", "Designated Doctor for Safeguarding Children"),
    ("hosp_ns", "hospital", "Named Nurse for Safeguarding Children"),
    ("hosp_dn", "hospital", "Deputy Chief Nurse"),
    ("com_ns", "community", "Named Nurse, Safeguarding"),
    ("com_hv", "community", "Health Visiting Service Lead"),
    ("mh_lead", "mental", "Head of Safeguarding"),
    ("amb_lead", "ambulance", "Safeguarding Lead"),
    ("gp_lead", "gp", "Named GP for Safeguarding"),
    ("prob_head", "probation", "Head of Wrenfield Delivery Unit"),
    ("prob_spo", "probation", "Senior Probation Officer"),
    ("yjs_head", "yjs", "Head of Youth Justice"),
    ("yjs_tm", "yjs", "Team Manager"),
    ("homes_dir", "homes", "Director of Housing Services"),
    ("homes_lead", "homes", "Tenancy Safeguarding Lead"),
    ("kvdc_lead", "district", "Community Safety Manager"),
    ("fire_lead", "fire", "Station Manager, Prevention"),
    ("col_dsl", "college", "Designated Safeguarding Lead"),
    ("acad_ceo", "academy", "Chief Executive Officer"),
    ("acad_dsl", "academy", "Trust Safeguarding Lead"),
    ("prim_head", "primary", "Headteacher"),
    ("ey_lead", "earlyyears", "Early Years Safeguarding Adviser"),
    ("fcas_mgr", "cafcass", "Service Manager"),
    ("cvs_ceo", "cvs", "Chief Executive"),
    ("da_ceo", "da", "Chief Executive"),
    ("da_idva", "da", "IDVA Service Manager"),
    ("youth_mgr", "youth", "Project Manager"),
    ("faith_lead", "faith", "Safeguarding Coordinator"),
    ("sport_lead", "sport", "Safeguarding Officer"),
    ("prison_lead", "prison", "Head of Safer Custody"),
    ("bm", "council", "Partnership Business Manager"),
    ("bso", "council", "Business Support Officer"),
    ("lado2", "council", "Deputy LADO"),
    ("qa_lead", "council", "Quality Assurance Manager"),
    ("ld_lead", "council", "Learning and Development Coordinator"),
    ("pol_dci", "police", "Detective Chief Inspector, Exploitation"),
    ("pol_pcso", "police", "Sergeant, Neighbourhood Policing"),
    ("ch_ex", "council", "Exploitation Coordinator"),
    ("icb_data", "icb", "Safeguarding Data Analyst"),
    ("hosp_ed", "hospital", "Paediatric Liaison Nurse"),
    ("mh_camhs", "mental", "CAMHS Clinical Lead"),
    ("ed_ehe", "council_ed", "Elective Home Education Officer"),
    ("ch_eh", "council", "Head of Early Help"),
    ("ch_pm", "council", "Performance Manager"),
    ("prob_victim", "probation", "Victim Liaison Officer"),
    ("yjs_prev", "yjs", "Prevention Worker"),
    ("col_dep", "college", "Deputy Designated Safeguarding Lead"),
]

# key, name, short name, kind, parent key, purpose, frequency, quorum, deputies count
BOARDS = [
    (
        "exec",
        "Safeguarding Partnership Executive Board",
        "Executive",
        "board",
        None,
        "Sets the partnership's priorities, holds partners to account and publishes the yearly report.",
        "Every two months",
        5,
        True,
        True,
    ),
    (
        "qap",
        "Quality Assurance and Performance Sub-group",
        "QA&P",
        "sub_group",
        "exec",
        "Runs the multi-agency audit programme and Section 11, and scrutinises the performance data.",
        "Quarterly",
        4,
        True,
        False,
    ),
    (
        "ld",
        "Learning and Development Sub-group",
        "L&D",
        "sub_group",
        "exec",
        "Turns learning from reviews and audits into training, briefings and practice guidance.",
        "Quarterly",
        4,
        True,
        False,
    ),
    (
        "cspr",
        "Child Safeguarding Practice Review Group",
        "CSPR",
        "sub_group",
        "exec",
        "Considers serious incidents, runs rapid reviews and commissions local practice reviews.",
        "Monthly, and as needed",
        3,
        False,
        True,
    ),
    (
        "expl",
        "Exploitation and Missing Sub-group",
        "Exploitation",
        "sub_group",
        "exec",
        "Oversees the response to child exploitation, missing children and contextual safeguarding.",
        "Every two months",
        4,
        True,
        False,
    ),
]

# board key -> [(person key, role, deputy key)]
SEATS = {
    "exec": [
        ("chair", "chair", None),
        ("dcs", "co_chair", "ch_ad"),
        ("pol_cs", "co_chair", "pol_di"),
        ("icb_dn", "co_chair", "icb_dnsc"),
        ("ed_dir", "member", "ed_dsl"),
        ("hosp_dn", "member", "hosp_ns"),
        ("prob_head", "member", "prob_spo"),
        ("yjs_head", "member", "yjs_tm"),
        ("acad_ceo", "member", "acad_dsl"),
        ("cvs_ceo", "member", None),
        ("homes_dir", "member", "homes_lead"),
        ("mh_lead", "member", None),
        ("ash_dir", "observer", None),
        ("icb_dd", "adviser", None),
        ("bm", "adviser", "bso"),
    ],
    "qap": [
        ("ch_ad", "chair", "qa_lead"),
        ("icb_dnsc", "co_chair", None),
        ("pol_di", "member", "pol_ds"),
        ("hosp_ns", "member", "hosp_ed"),
        ("com_ns", "member", None),
        ("ed_dsl", "member", None),
        ("prob_spo", "member", None),
        ("yjs_tm", "member", None),
        ("qa_lead", "member", None),
        ("icb_data", "adviser", None),
        ("ch_pm", "adviser", None),
        ("bm", "adviser", "bso"),
    ],
    "ld": [
        ("ld_lead", "chair", None),
        ("com_hv", "co_chair", None),
        ("ed_dsl", "member", None),
        ("col_dsl", "member", "col_dep"),
        ("da_idva", "member", None),
        ("fire_lead", "member", None),
        ("ey_lead", "member", None),
        ("faith_lead", "member", None),
        ("sport_lead", "member", None),
        ("gp_lead", "member", None),
    ],
    "cspr": [
        ("icb_dd", "chair", None),
        ("ch_ad", "co_chair", "ch_hos"),
        ("pol_di", "member", "pol_ds"),
        ("icb_dnsc", "member", None),
        ("ch_lado", "member", "lado2"),
        ("mh_camhs", "member", None),
        ("bm", "adviser", "bso"),
    ],
    "expl": [
        ("pol_dci", "chair", "pol_pcso"),
        ("ch_ex", "co_chair", None),
        ("yjs_head", "member", "yjs_prev"),
        ("youth_mgr", "member", None),
        ("homes_lead", "member", None),
        ("kvdc_lead", "member", None),
        ("mh_camhs", "member", None),
        ("da_idva", "member", None),
        ("ed_ehe", "member", None),
        ("amb_lead", "member", None),
        ("prison_lead", "observer", None),
    ],
}

CONTACT_OF = {
    "council": "ch_ad",
    "council_ed": "ed_dsl",
    "council_ash": "ash_dir",
    "police": "pol_di",
    "icb": "icb_dnsc",
    "hospital": "hosp_ns",
    "community": "com_ns",
    "mental": "mh_lead",
    "ambulance": "amb_lead",
    "gp": "gp_lead",
    "probation": "prob_spo",
    "yjs": "yjs_tm",
    "homes": "homes_lead",
    "district": "kvdc_lead",
    "fire": "fire_lead",
    "college": "col_dsl",
    "academy": "acad_dsl",
    "primary": "prim_head",
    "earlyyears": "ey_lead",
    "cafcass": "fcas_mgr",
    "cvs": "cvs_ceo",
    "da": "da_idva",
    "youth": "youth_mgr",
    "faith": "faith_lead",
    "sport": "sport_lead",
    "prison": "prison_lead",
}

DOMAINS = {
    "local_authority": "wrenfield.gov.example",
    "police": "wrenfield.police.example",
    "health": "nhs.example",
    "education": "wrenfield-schools.example",
    "probation": "justice.gov.example",
    "youth_justice": "wrenfield.gov.example",
    "housing": "wrenfieldhomes.example",
    "voluntary": "wrenfield-vcs.example",
    "other": "wrenfield-partners.example",
}


def build(session: BoardSession, ctx: DemoContext) -> None:
    partnership = session.scalars(select(Partnership).limit(1)).first()
    if partnership is None:
        partnership = Partnership(template_key=secrets.token_hex(32), name="", short_name="")
        session.add(partnership)
    partnership.name = "Wrenfield Safeguarding Partnership"
    partnership.short_name = "WSP"
    partnership.former_name = "Wrenfield Local Safeguarding Children Board (WLSCB)"
    partnership.area = "Wrenfield (fictional county)"
    partnership.address = "Partnership Business Unit, County Hall, Market Street, Wrenfield WR1 1AA"
    partnership.email = "partnership@wrenfield.gov.example"
    partnership.website = "https://safeguarding.wrenfield.example"

    sectors: dict[str, str] = {}
    for key, name, short, sector, partner, duty in AGENCIES:
        agency = Agency(
            name=name,
            short_name=short,
            sector=sector,
            statutory_partner=partner,
            section11_duty=duty,
            email=f"safeguarding@{key}.{DOMAINS[sector]}",
        )
        session.add(agency)
        session.flush()
        ctx.agencies[key] = agency.id
        sectors[key] = sector

    # Each first name and surname at most twice, so the demo reads like a real partnership.
    names: list[str] = []
    used: dict[str, int] = {}
    while len(names) < len(PEOPLE):
        first, last = ctx.rng.choice(FIRST), ctx.rng.choice(LAST)
        if used.get(first, 0) < 2 and used.get(last, 0) < 2:
            used[first] = used.get(first, 0) + 1
            used[last] = used.get(last, 0) + 1
            names.append(f"{first} {last}")
    for index, (key, agency_key, title) in enumerate(PEOPLE):
        name = names[index]
        login = name.lower().replace(" ", ".").replace("'", "")
        domain = DOMAINS[sectors[agency_key]] if agency_key else "wrenfield-partnership.example"
        person = Person(
            name=name,
            job_title=title,
            agency_id=ctx.agencies[agency_key] if agency_key else None,
            email=f"{login}@{domain}",
            phone=f"01632 {960000 + index * 37:06d}"[:12],
        )
        session.add(person)
        session.flush()
        ctx.people[key] = person.id

    for key, agency_id in ctx.agencies.items():
        contact = CONTACT_OF.get(key)
        if contact:
            session.get(Agency, agency_id).contact_person_id = ctx.people[contact]  # type: ignore[union-attr]

    for order, (
        key,
        name,
        short,
        kind,
        parent,
        purpose,
        frequency,
        quorum,
        deputies,
        statutory,
    ) in enumerate(BOARDS):
        board = Board(
            name=name,
            short_name=short,
            kind=kind,
            parent_board_id=ctx.boards[parent] if parent else None,
            purpose=purpose,
            meeting_frequency=frequency,
            quorum_minimum=quorum,
            quorum_counts_deputies=deputies,
            quorum_needs_statutory_partners=statutory,
            sort_order=order,
            quorum_note=(
                f"Quorate when {quorum} members are present"
                + (", including a representative of each statutory partner" if statutory else "")
                + (
                    "; a briefed deputy with delegated authority counts."
                    if deputies
                    else "; deputies do not count."
                )
            ),
        )
        session.add(board)
        session.flush()
        ctx.boards[key] = board.id
    started = date(ctx.today.year - 2, 4, 1)
    for board_key, seats in SEATS.items():
        for person_key, role, deputy_key in seats:
            session.add(
                Membership(
                    board_id=ctx.boards[board_key],
                    person_id=ctx.people[person_key],
                    role=role,
                    deputy_person_id=ctx.people[deputy_key] if deputy_key else None,
                    starts_on=started,
                )
            )
