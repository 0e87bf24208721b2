"""Thresholds and escalations: threshold documents, partners' sign-up, escalations."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Thresholds"
PAGES = "partnerboard.ui.pages"

REGISTER = Register(
    "thresholds",
    pages=(
        PageSpec(
            "thresholds",
            "Threshold documents",
            f"{PAGES}.thresholds.documents_page:ThresholdsPage",
            GROUP,
        ),
        PageSpec("signup", "Partner sign-up", f"{PAGES}.thresholds.signup_page:SignupPage", GROUP),
        PageSpec(
            "escalations",
            "Escalations",
            f"{PAGES}.escalations.escalations_page:EscalationsPage",
            GROUP,
        ),
        PageSpec(
            "escalation_figures",
            "Escalation figures",
            f"{PAGES}.escalations.figures_page:EscalationFiguresPage",
            GROUP,
        ),
    ),
    commands=(
        Commands(
            "partnerboard.cli.thresholds",
            ("export thresholds", "export escalations", "report thresholds"),
        ),
    ),
    outputs=(
        Output("export thresholds", "export thresholds -o {out}/t.xlsx"),
        Output("export escalations", "export escalations -o {out}/e.xlsx"),
        Output("report thresholds", "report thresholds -o {out}/t.pdf"),
        Output("publish thresholds", "publish --thresholds -o {out}/pub-t"),
    ),
)
