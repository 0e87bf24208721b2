"""The partnership: agencies, people, boards and the partnership's own details."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Partnership"

REGISTER = Register(
    "partnership",
    pages=(
        PageSpec("agencies", "Agencies", "partnerboard.ui.pages.agencies:AgenciesPage", GROUP),
        PageSpec("people", "People", "partnerboard.ui.pages.people:PeoplePage", GROUP),
        PageSpec("boards", "Boards", "partnerboard.ui.pages.boards:BoardsPage", GROUP),
        PageSpec(
            "partnership", "Partnership", "partnerboard.ui.pages.partnership:PartnershipPage", GROUP
        ),
    ),
    commands=(Commands("partnerboard.cli.partnership", ("list",)),),
    outputs=(
        Output("list agencies", "list agencies --all"),
        Output("list people", "list people --all"),
        Output("list boards", "list boards --all"),
    ),
)
