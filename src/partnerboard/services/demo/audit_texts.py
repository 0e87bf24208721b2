"""What the demo's multi-agency audits say: themes, questions, returns, findings, recommendations.

All invented. Cases are described only by what agencies did, never by who the child is.
"""

from __future__ import annotations

# key, theme, title, agencies (demo keys), questions, months back (period start, end, reported)
AUDITS = [
    (
        "da",
        "Domestic abuse",
        "Children living with domestic abuse",
        ("council", "police", "community", "hospital", "da", "academy"),
        (
            "Was the child seen and heard, and were their views recorded?",
            "Were domestic abuse notifications shared with the school by the next morning?",
            "Was risk to the child assessed separately from risk to the adult victim?",
        ),
        (25, 22, 16),
    ),
    (
        "neglect",
        "Neglect",
        "Neglect: cumulative harm and drift",
        ("council", "community", "gp", "academy", "council_ed", "homes"),
        (
            "Did agencies recognise the cumulative impact of neglect over time?",
            "Was a neglect assessment tool used, and did it change the plan?",
            "Were missed health appointments followed up with the family?",
        ),
        (15, 12, 8),
    ),
    (
        "exploitation",
        "Exploitation",
        "Child exploitation and contextual safeguarding",
        ("council", "police", "yjs", "youth", "mental", "academy"),
        (
            "Were indicators of exploitation identified early and shared through the MACE panel?",
            "Did the plan address places and peer groups, not only the child and family?",
            "Was the child treated as a victim, including in criminal justice decisions?",
        ),
        (9, 6, 2),
    ),
]

IN_PROGRESS = (
    "rhi",
    "Missing from home",
    "Return home interviews",
    ("council", "police", "youth", "yjs", "academy"),
    (
        "Was a return home interview offered within 72 hours of each missing episode?",
        "Did what the child said in the interview change the plan?",
    ),
    (3, 1),
)

INVOLVEMENT = [
    "Contact over several months through routine appointments and two home visits.",
    "Received two notifications and attended the strategy discussion.",
    "Held the case under a child in need plan; allocated social worker throughout.",
    "Pastoral support in school, weekly check-ins with the designated safeguarding lead.",
    "Two attendances at the emergency department; safeguarding referral made on the second.",
    "Outreach support to the parent; child seen once with the parent present.",
    "Youth worker engagement after a referral from the school; six sessions attended.",
]

REFLECTION = {
    "outstanding": [
        "The child's views were sought at every contact and shaped the plan; information was "
        "shared the same day and the team escalated promptly when progress stalled.",
    ],
    "good": [
        "Practice was timely and child-focused. Information was shared appropriately, though "
        "records did not always show the child's own words.",
        "Good multi-agency working at the strategy stage; follow-up of actions was consistent.",
    ],
    "requires_improvement": [
        "The child was safe, but the assessment relied on the parent's account and was not "
        "revisited when new information arrived.",
        "Information was shared, but late; the chronology shows a gap of several weeks before "
        "the school was told.",
        "Supervision did not challenge drift in the plan; actions were repeated rather than "
        "reviewed.",
    ],
    "inadequate": [
        "Risk was not recognised: repeated incidents were treated in isolation and no referral "
        "was made until a serious incident occurred.",
    ],
}

LEARNING = [
    "Record the child's own words and what changed as a result.",
    "Share notifications with partners by the next working day.",
    "Use the neglect tool at review, not only at the start.",
    "Escalate when a plan is not progressing, using the escalation policy.",
    None,
]

# (kind, text, theme tag or None for the audit's theme)
FINDINGS = {
    "da": [
        (
            "strength",
            "Police notifications reached children's social care within 24 hours in every case.",
            None,
        ),
        (
            "strength",
            "The specialist domestic abuse service engaged adult victims quickly and safely.",
            None,
        ),
        (
            "area_for_development",
            "Children's lived experience was rarely recorded in their own words.",
            "Voice of the child",
        ),
        (
            "area_for_development",
            "Schools were told of incidents late, so support in school started late.",
            "Information sharing",
        ),
        ("learning", "Assess risk to the child separately from risk to the adult victim.", None),
    ],
    "neglect": [
        (
            "strength",
            "Health visiting and school nursing knew the families well and recorded concerns.",
            None,
        ),
        (
            "area_for_development",
            "Cumulative harm was missed where each agency saw only part of the picture.",
            "Information sharing",
        ),
        (
            "area_for_development",
            "The neglect assessment tool was used at the start but not at review.",
            None,
        ),
        (
            "learning",
            "Missed appointments for children are a sign of neglect: follow them up.",
            "Was not brought",
        ),
        (
            "learning",
            "Ask the child what a day at home is like, and write down the answer.",
            "Voice of the child",
        ),
    ],
    "exploitation": [
        (
            "strength",
            "The MACE panel brought agencies together quickly once exploitation was identified.",
            None,
        ),
        ("strength", "Youth work built trusted relationships with young people at risk.", None),
        (
            "area_for_development",
            "Early indicators (missing episodes, new older friends) were not linked up.",
            "Information sharing",
        ),
        (
            "area_for_development",
            "Plans focused on the child and family, rarely on places and peer groups.",
            "Contextual safeguarding",
        ),
        (
            "learning",
            "Treat children who are exploited as victims, including in criminal justice decisions.",
            None,
        ),
    ],
}

# audit key -> [(finding index or None, lead agency key, months after reporting due, text,
#                [(months after reporting, rag, narrative)])]
RECOMMENDATIONS = {
    "da": [
        (
            2,
            "council",
            6,
            "Introduce a 'child's words' prompt in assessment and plan templates across agencies.",
            [
                (2, "amber", "Prompt added to children's social care templates; health to follow."),
                (
                    5,
                    "green",
                    "Prompt live in all partner templates; dip sample shows use in most records.",
                ),
            ],
        ),
        (
            3,
            "police",
            4,
            "Share domestic abuse notifications with schools by 9am the next school day (Operation Encompass).",
            [
                (
                    3,
                    "green",
                    "Operation Encompass live in all schools; notifications monitored weekly.",
                )
            ],
        ),
    ],
    "neglect": [
        (
            2,
            "council",
            6,
            "Relaunch the neglect assessment tool with use required at every review.",
            [(2, "amber", "Relaunch briefings delivered to three of five localities.")],
        ),
        (
            3,
            "icb",
            5,
            "Agree partnership guidance on children who are 'not brought' to appointments.",
            [(3, "red", "Guidance drafted; sign-off delayed by the health sub-group's vacancy.")],
        ),
    ],
    "exploitation": [
        (
            2,
            "police",
            4,
            "Link missing episodes to the exploitation screening tool automatically at the MASH.",
            [
                (
                    1,
                    "amber",
                    "Screening now triggered by a third missing episode; testing with the MASH.",
                )
            ],
        ),
        (
            3,
            "yjs",
            6,
            "Add places and peer groups to multi-agency exploitation plans (contextual safeguarding).",
            [],
        ),
    ],
}
