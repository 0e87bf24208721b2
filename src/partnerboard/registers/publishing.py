"""Publishing (infrastructure): public HTML and tagged PDF versions of papers.

What is published is declared with the register it comes from (`publish --meeting` with
meetings' outputs, and so on).
"""

from partnerboard.registers import Commands, Register

REGISTER = Register(
    "publishing",
    commands=(Commands("partnerboard.cli.publishing", ("publish", "check-pdf")),),
    infrastructure=True,
)
