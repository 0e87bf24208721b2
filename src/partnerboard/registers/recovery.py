"""Recovery (infrastructure): restoring a backup, the audit trail."""

from partnerboard.registers import Commands, Output, Register

REGISTER = Register(
    "recovery",
    commands=(Commands("partnerboard.cli.recovery", ("restore", "export audit-trail")),),
    outputs=(Output("export audit-trail", "export audit-trail -o {out}/trail.xlsx"),),
    infrastructure=True,
)
