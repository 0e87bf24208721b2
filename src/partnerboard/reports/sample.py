"""A three-page sample board paper that shows every shared block; used by tests and tools.

python -c "from partnerboard.reports.sample import sample_report; sample_report('s.pdf')"
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, PageBreak

from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.marking import classify
from partnerboard.reports.blocks import data_table, facts_table, rag_badge, signature_block
from partnerboard.reports.charts import bar_chart, figure, proportion_bar, stacked_bar_chart
from partnerboard.reports.layout import ReportInfo, build_pdf, heading
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para

SAMPLE_RAG = Breakdown(
    (
        "Early help and thresholds",
        "Neglect",
        "Exploitation and missing children",
        "Voice of the child",
    ),
    ("Red", "Amber", "Green", "Not rated"),
    ((1, 4, 3, 0), (2, 3, 1, 1), (0, 2, 6, 0), (1, 1, 2, 0)),
)
SAMPLE_GRADES = Breakdown.distribution(
    ("Outstanding", "Good", "Requires improvement", "Inadequate"), (2, 9, 6, 2), series="Cases"
)


def sample_report(
    target: str | os.PathLike[str] | None = None,
    *,
    draft: bool = True,
    restricted: int = 1,
    logo: bytes | None = None,
    partner_notes: Sequence[str] = (),
) -> bytes:
    """Build the sample paper (exactly three A4 pages) and return its bytes.

    `partner_notes` are printed as typed, e.g. to show that markup in them stays literal text.
    `restricted`: how many restricted actions it says it holds (0: an OFFICIAL paper).
    """
    info = ReportInfo(
        title="Improvement plan progress report, quarter 2",
        partnership="Tamshire Strategic Safeguarding Partnership",
        subject="Progress of the board's improvement plan",
        classification=classify([("action", restricted)], author="Business support team"),
        draft=draft,
        logo=logo,
        generated_on=date(2026, 11, 22),
    )
    return build_pdf(info, _story(info, partner_notes), target)


def _story(info: ReportInfo, partner_notes: Sequence[str]) -> list[Flowable]:
    styles = report_styles()
    width = info.content_width
    story: list[Flowable] = [
        para(info.title, styles.title),
        para("Report to the Strategic Safeguarding Partnership Board", styles.subtitle),
        facts_table(
            [
                ("Meeting", "Partnership board"),
                ("Date", date(2026, 12, 3)),
                ("Presented by", "Business support manager"),
                ("Purpose", "For information and challenge"),
            ]
        ),
        heading("1. Summary"),
        para(
            "Of the 27 actions in the improvement plan, 12 are complete and 10 are partially "
            "complete and on track. Four are rated Red and need the board's challenge.\nThe multi-agency audit of neglect graded "
            "17 of 19 cases Requires improvement or better."
        ),
        heading("1.1 Progress by workstream", 2),
        figure(stacked_bar_chart(SAMPLE_RAG, width), SAMPLE_RAG.describe("RAG by workstream")),
        heading("1.2 All actions", 2),
        figure(proportion_bar(SAMPLE_RAG, width), "Share of all actions by RAG."),
        heading("1.3 Neglect audit grades", 2),
        figure(bar_chart(SAMPLE_GRADES, width), SAMPLE_GRADES.describe("Grades of audited cases")),
        PageBreak(),
        heading("2. Actions rated Red or Amber"),
        data_table(
            ("Ref", "Action", "Lead", "Due", "RAG"),
            [
                (f"1.{n}", text, lead, date(2027, 1 + n % 12, 28), rag_badge(rag))
                for n, (text, lead, rag) in enumerate(_ACTIONS, start=1)
            ],
            widths=(0.6, 5, 2, 1.3, 1.6),
        ),
        PageBreak(),
        heading("3. Notes from partners"),
        *[para(note) for note in partner_notes or ("No notes were received.",)],
        heading("4. Approval"),
        para("Approved for circulation to board members."),
        signature_block("Independent Chair", "Chair, Strategic Safeguarding Partnership"),
    ]
    return story


_ACTIONS = (
    (
        "Agree a threshold framework with every statutory partner and publish it.",
        "Head of MASH",
        "red",
    ),
    (
        "Give partners written feedback on their Section 11 returns within 8 weeks.",
        "Business support manager",
        "amber",
    ),
    (
        "Run the neglect audit again on the cases graded Inadequate.",
        "Quality assurance lead",
        "amber",
    ),
    (
        "Report the impact of training on practice, not only attendance figures.",
        "Learning and development lead",
        "red",
    ),
    ("Bring a challenge log to every board meeting.", "Independent Chair", "amber"),
    (
        "Share learning from the rapid review with schools through the designated safeguarding leads network.",
        "Education safeguarding lead",
        "green",
    ),
    (
        "Review the escalation policy after six months of use.",
        "Police detective inspector",
        "requires_improvement",
    ),
    (
        "Publish an annual report that says what changed for children.",
        "Business support manager",
        None,
    ),
)
