"""Demo step: the engagement log, a year and a half of hearing children and families.

Dated back from the clock's day, so that the last complete year and the current one both have
entries (one of them still waiting for what changed as a result).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from partnerboard.domain.engagement import EngagementInput
from partnerboard.services.engagement import save_engagement_in

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

# (days before today, activity, method, lead agency key, who, how many, heard, changed)
ENTRIES = [
    (560, "Children in Care Council: what makes a good review meeting", "panel", "council",
     "Children in Care Council, young people aged 12 to 17", 11,
     "Review meetings feel like being talked about; too many professionals they do not know; "
     "they want to chair part of their own review.",
     "Independent reviewing officers now offer every child the chance to chair part of their "
     "review; attendance is agreed with the child beforehand."),
    (470, "Young people's survey on feeling safe online and in the community", "survey", "youth",
     "Secondary school pupils across the area", 412,
     "A third did not know who to tell about exploitation worries; parks and the bus station "
     "were named as unsafe after dark.",
     "Exploitation awareness sessions added to the schools programme; police patrol plan for "
     "the bus station changed after the survey."),
    (400, "Parents' forum on the early help offer", "group", "council",
     "Parents and carers who had early help in the last year", 14,
     "The assessment form was long and repetitive; parents wanted one named worker.",
     "The early help assessment was shortened (action 5.1) and families now have one lead "
     "practitioner named in writing."),
    (330, "Young carers' focus group", "group", "youth",
     "Young carers aged 9 to 16 supported by Open Door", 8,
     "School staff did not always know they were carers; they missed out on clubs.",
     "Schools were asked to name a young carers lead; a young carers card is being piloted."),
    (270, "Conversations with children after child protection conferences", "one_to_one", "council",
     "Children subject to a plan, with advocates", 17,
     "Children were not told what the plan meant for them in words they understood.",
     "Plans now include a 'my plan' page written with the child; checked in the neglect audit."),
    (200, "Parent carer forum: safeguarding disabled children", "event", "council",
     "Wrenfield Parent Carer Forum", 23,
     "Parents felt professionals missed signs of neglect in disabled children, putting them "
     "down to the disability.",
     "Disabled children added to the next multi-agency audit theme; training refreshed."),
    (120, "Youth voice event on serious youth violence", "event", "yjs",
     "Young people from youth clubs and the youth justice service", 36,
     "Young people want trusted adults in youth clubs, not more police in schools.",
     "Youth work hours extended at two clubs; to be reviewed by the exploitation sub-group."),
    (45, "Survey of families after domestic abuse support", "survey", "da",
     "Parents supported by Safe Harbour in the last six months", 29,
     "Children's own support came months after the adults'; schools were not always told.",
     None),
]  # fmt: skip


def build(session: BoardSession, ctx: DemoContext) -> None:
    for days, activity, method, agency, who, count, heard, changed in ENTRIES:
        save_engagement_in(
            session,
            EngagementInput(
                activity=activity,
                held_on=ctx.today - timedelta(days=days),
                method=method,
                participants=who,
                participant_count=count,
                lead_agency_id=ctx.agencies.get(agency),
                heard=heard,
                changed=changed,
            ),
        )
