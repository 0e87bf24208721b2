"""Meetings: the schedule, agendas and minutes, attendance."""

from partnerboard.registers import Commands, Output, PageSpec, Register

GROUP = "Meetings"

REGISTER = Register(
    "meetings",
    pages=(
        PageSpec(
            "meetings",
            "Meetings",
            "partnerboard.ui.pages.meetings.meetings_page:MeetingsPage",
            GROUP,
        ),
        PageSpec(
            "meeting",
            "Agenda and minutes",
            "partnerboard.ui.pages.meetings.meeting_page:MeetingPage",
            GROUP,
        ),
        PageSpec(
            "attendance_figures",
            "Attendance figures",
            "partnerboard.ui.pages.meetings.figures_page:AttendanceFiguresPage",
            GROUP,
        ),
    ),
    commands=(
        Commands(
            "partnerboard.cli.meetings",
            ("report minutes", "report agenda", "export minutes", "export attendance"),
        ),
    ),
    outputs=(
        Output("export minutes", "export minutes --meeting {meeting} -o {out}/m.docx"),
        Output("export attendance", "export attendance -o {out}/att.xlsx"),
        Output("report minutes", "report minutes --meeting {meeting} -o {out}/m.pdf"),
        Output("report agenda", "report agenda --meeting {planned} -o {out}/ag.pdf"),
        Output("publish meeting", "publish --meeting {meeting} -o {out}/pub-m"),
        Output("publish agenda", "publish --meeting {planned} -o {out}/pub-a"),
        # Public versions: nothing restricted, whoever makes them; they say they are public.
        Output(
            "report minutes --public",
            "report minutes --meeting {meeting} --public -o {out}/pm.pdf",
        ),
        Output(
            "report agenda --public", "report agenda --meeting {planned} --public -o {out}/pa.pdf"
        ),
        Output(
            "export minutes --public",
            "export minutes --meeting {meeting} --public -o {out}/pm.html",
        ),
    ),
)
