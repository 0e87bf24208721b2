"""Multi-agency audits and the audit programme."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Audits"

REGISTER = Register(
    "audits",
    pages=(
        PageSpec("audits", "Multi-agency audits", "partnerboard.ui.pages.audits:AuditsPage", GROUP),
        PageSpec(
            "audit_programme",
            "Audit programme",
            "partnerboard.ui.pages.audit_programme:AuditProgrammePage",
            GROUP,
        ),
    ),
    commands=(
        Commands("partnerboard.cli.audits", ("template ma-audit", "report audit", "export audits")),
    ),
    kinds=("partnerboard.workbooks.ma_audit.importer",),
    outputs=(
        Output("export audits", "export audits -o {out}/au.xlsx"),
        Output("report audit", "report audit --audit {audit} -o {out}/au.pdf"),
        Output("template ma-audit", "template ma-audit --audit {audit} --all -o {out}/tpl-m"),
    ),
)
