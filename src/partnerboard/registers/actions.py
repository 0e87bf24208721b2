"""The action log: actions, workstreams, partners' updates (returned action-update workbooks)."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Action log"
PAGES = "partnerboard.ui.pages.actions"

REGISTER = Register(
    "actions",
    pages=(
        PageSpec("dashboard", "Dashboard", f"{PAGES}.dashboard_page:DashboardPage", GROUP),  # home
        PageSpec("actions", "Action log", f"{PAGES}.register_page:ActionsPage", GROUP),
        PageSpec("workstreams", "Workstreams", f"{PAGES}.workstreams_page:WorkstreamsPage", GROUP),
        PageSpec(
            "action_updates", "Partner updates", f"{PAGES}.proposals_page:ProposalsPage", GROUP
        ),
    ),
    commands=(
        Commands("partnerboard.cli.actions", ("export actions", "report actions")),
        Commands("partnerboard.cli.action_import", ("import-actions",)),
        Commands("partnerboard.cli.action_templates", ("template action-update",)),
    ),
    kinds=("partnerboard.workbooks.action_update.importer",),
    outputs=(
        Output("export actions", "export actions -o {out}/a.xlsx --show all"),
        Output("report actions", "report actions -o {out}/a.pdf --show all"),
        Output("template action-update", "template action-update --all -o {out}/tpl-a"),
    ),
)
