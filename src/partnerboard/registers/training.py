"""Training: courses, sessions and bookings, evaluation, figures."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Training"
PAGES = "partnerboard.ui.pages.training"

REGISTER = Register(
    "training",
    pages=(
        PageSpec(
            "training_courses",
            "Training courses",
            f"{PAGES}.courses_page:TrainingCoursesPage",
            GROUP,
        ),
        PageSpec(
            "training_sessions",
            "Sessions and bookings",
            f"{PAGES}.sessions_page:TrainingSessionsPage",
            GROUP,
        ),
        PageSpec(
            "training_evaluation",
            "Training evaluation",
            f"{PAGES}.evaluation_page:TrainingEvaluationPage",
            GROUP,
        ),
        PageSpec(
            "training_figures",
            "Training figures",
            f"{PAGES}.figures_page:TrainingFiguresPage",
            GROUP,
        ),
    ),
    commands=(
        Commands(
            "partnerboard.cli.training",
            ("import-bookings", "import-evaluations", "report training", "export training"),
        ),
    ),
    outputs=(
        Output("report training", "report training -o {out}/tr.pdf"),
        Output("export training", "export training -o {out}/tr.xlsx"),
    ),
)
