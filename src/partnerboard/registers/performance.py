"""Performance: the scorecard, indicators and partners' dataset returns."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Performance"
PAGES = "partnerboard.ui.pages.performance"

REGISTER = Register(
    "performance",
    pages=(
        PageSpec("scorecard", "Scorecard", f"{PAGES}.scorecard_page:ScorecardPage", GROUP),
        PageSpec("indicators", "Indicators", f"{PAGES}.indicators_page:IndicatorsPage", GROUP),
    ),
    commands=(
        Commands(
            "partnerboard.cli.performance",
            ("template dataset", "import-dataset", "export dataset", "report performance"),
        ),
    ),
    kinds=("partnerboard.workbooks.dataset.importer",),
    outputs=(
        Output("export dataset", "export dataset -o {out}/ds.xlsx"),
        Output("report performance", "report performance -o {out}/perf.pdf"),
        Output("template dataset", "template dataset --all -o {out}/tpl-d"),
    ),
)
