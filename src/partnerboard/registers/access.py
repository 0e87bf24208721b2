"""Access (infrastructure): users, roles and sign-in."""

from partnerboard.registers import Commands, PageSpec, Register

REGISTER = Register(
    "access",
    pages=(
        PageSpec(
            "users",
            "Users",
            "partnerboard.ui.pages.users:UsersPage",
            "Administration",
            permission="users",
        ),
    ),
    commands=(Commands("partnerboard.cli.access", ("user",)),),
    infrastructure=True,
)
