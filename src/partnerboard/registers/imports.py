"""Importing returned workbooks (infrastructure): the page files are dropped on, `import`.

Each register declares its own workbook kinds; this is the machinery they share.
"""

from partnerboard.registers import Commands, PageSpec, Register

REGISTER = Register(
    "imports",
    pages=(
        PageSpec(
            "imports",
            "Import returns",
            "partnerboard.ui.pages.imports:ImportPage",
            "Partner workbooks",
            permission="import",
            takes_files=True,
        ),
    ),
    commands=(Commands("partnerboard.cli.imports", ("import",)),),
    infrastructure=True,
)
