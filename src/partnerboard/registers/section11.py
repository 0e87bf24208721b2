"""Section 11 audits: rounds, agencies' returns, challenge and feedback letters."""

from partnerboard.registers import Commands, Output, PageSpec, Register

REGISTER = Register(
    "section11",
    pages=(
        PageSpec(
            "section11", "Section 11", "partnerboard.ui.pages.section11:Section11Page", "Audits"
        ),
    ),
    commands=(
        Commands(
            "partnerboard.cli.section11", ("template s11", "export s11", "report s11-feedback")
        ),
    ),
    kinds=("partnerboard.workbooks.section11.importer",),
    outputs=(
        Output("export s11", "export s11 --round {round} -o {out}/s11.xlsx"),
        Output(
            "report s11-feedback",
            "report s11-feedback --round {round} --agency {agency} -o {out}/fb.pdf",
        ),
        Output("template s11", "template s11 --round {round} --all --prefill -o {out}/tpl-s"),
    ),
)
