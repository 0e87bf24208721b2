"""Practice reviews: briefings, recommendations, deadlines."""

from partnerboard.registers import Commands, Output, PageSpec, Register

REGISTER = Register(
    "reviews",
    pages=(
        PageSpec(
            "reviews",
            "Practice reviews",
            "partnerboard.ui.pages.reviews.reviews_page:ReviewsPage",
            "Learning",
        ),
    ),
    commands=(
        Commands("partnerboard.cli.reviews", ("export reviews", "report briefing", "deadlines")),
    ),
    outputs=(
        Output("export reviews", "export reviews -o {out}/r.xlsx"),
        Output("report briefing", "report briefing --review {review} -o {out}/b.pdf"),
        Output("deadlines", "deadlines --within 400 --today 23/11/2026"),
        Output("publish briefing", "publish --briefing {review} -o {out}/pub-b"),
    ),
)
