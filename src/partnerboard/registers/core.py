"""Core (infrastructure): the demo database, the check of a database, backups."""

from partnerboard.registers import Commands, Register

REGISTER = Register(
    "core",
    commands=(Commands("partnerboard.cli.core", ("demo", "check", "backup")),),
    infrastructure=True,
)
