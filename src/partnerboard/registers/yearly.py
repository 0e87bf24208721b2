"""The yearly report and the engagement log that feeds it."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Learning"

REGISTER = Register(
    "yearly",
    pages=(
        PageSpec(
            "engagement", "Engagement log", "partnerboard.ui.pages.engagement:EngagementPage", GROUP
        ),
        PageSpec(
            "yearly_report",
            "Yearly report",
            "partnerboard.ui.pages.yearly_report:YearlyReportPage",
            GROUP,
        ),
    ),
    commands=(
        Commands("partnerboard.cli.yearly", ("report yearly", "yearly-narrative", "engagement")),
    ),
    outputs=(
        # The year the planted records fall in (not ended: the public version is a preview).
        Output("report yearly", "report yearly --year 2026/27 -o {out}/y.docx"),
        Output("publish yearly", "publish --yearly 2026/27 --preview -o {out}/pub-y"),
        Output("engagement list", "engagement list --json"),
    ),
)
