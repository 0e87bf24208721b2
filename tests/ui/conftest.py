"""GUI fixtures: the real main window on a real database, dialogs answered by the test."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.operations import Operations
from tests.fixtures_restricted import planted  # noqa: F401  (fixture: restricted records)


@dataclass
class Dialogs:
    """Stands in for the person at the keyboard when a message box would appear."""

    confirm_answer: bool = True
    # The Save / Discard / Cancel prompt about unsaved work (`ui.unsaved.ask`): what it said,
    # and the answer given. Tests that drive the real prompt use the `real_prompts` fixture.
    unsaved_answer: unsaved.Answer = unsaved.Answer.DISCARD
    unsaved: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def answered_dialogs(monkeypatch) -> Dialogs:
    answers = Dialogs()
    monkeypatch.setattr(
        dialogs, "show_problem", lambda parent, title, message: answers.problems.append(message)
    )
    monkeypatch.setattr(
        dialogs, "show_info", lambda parent, title, message: answers.infos.append(message)
    )

    def confirm(parent, title, question, yes="Yes"):
        answers.questions.append(question)
        return answers.confirm_answer

    monkeypatch.setattr(dialogs, "confirm", confirm)

    def ask(parent, what):
        answers.unsaved.append(what)
        return answers.unsaved_answer

    monkeypatch.setattr(unsaved, "ask", ask)

    def bug(parent, kind, error, tb):
        raise error

    monkeypatch.setattr(dialogs, "show_bug", bug)
    return answers


REAL_ASK = unsaved.ask


@pytest.fixture
def real_prompts(answered_dialogs, monkeypatch):
    """The real Save / Discard / Cancel message box, for a test to answer with the mouse."""
    monkeypatch.setattr(unsaved, "ask", REAL_ASK)


@pytest.fixture(autouse=True)
def synchronous_operations(monkeypatch):
    monkeypatch.setattr(Operations, "synchronous", True)


@pytest.fixture
def app(qapp):
    from partnerboard.ui.app import make_application

    return make_application()


@pytest.fixture
def window(app, qtbot, demo_db):
    from partnerboard.ui.main_window import MainWindow

    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main


@pytest.fixture
def empty_window(app, qtbot, db):
    from partnerboard.ui.main_window import MainWindow

    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main
