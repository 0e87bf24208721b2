"""The partnership: agencies, people, boards and the partnership's own details."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Partnership"

REGISTER = Register(
    "partnership",
    pages=(
        PageSpec(
            "agencies",
            "Agencies",
            "partnerboard.ui.pages.partnership.agencies_page:AgenciesPage",
            GROUP,
        ),
        PageSpec(
            "people", "People", "partnerboard.ui.pages.partnership.people_page:PeoplePage", GROUP
        ),
        PageSpec(
            "boards", "Boards", "partnerboard.ui.pages.partnership.boards_page:BoardsPage", GROUP
        ),
        PageSpec(
            "partnership",
            "Partnership",
            "partnerboard.ui.pages.partnership.partnership_page:PartnershipPage",
            GROUP,
        ),
    ),
    commands=(Commands("partnerboard.cli.partnership", ("list",)),),
    outputs=(
        Output("list agencies", "list agencies --all"),
        Output("list people", "list people --all"),
        Output("list boards", "list boards --all"),
    ),
)
