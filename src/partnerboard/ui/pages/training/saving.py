"""One way the training pages save a form: messages beside the fields, anything else in a
dialog, and nothing lost (the form keeps what was typed when a save is refused)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.errors import UserError, ValidationFailed
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form

NOT_SAVED = object()  # what `save_form` returns when the save was refused


def save_form(
    parent: QWidget, form: Form, what: str, save: Callable[[], Any], status: Callable[[str], None]
) -> Any:
    """`save()`'s result; NOT_SAVED (the reasons shown) when it was refused."""
    try:
        return save()
    except ValidationFailed as failed:
        leftovers = form.show_errors(failed.errors)
        if leftovers:
            dialogs.show_problem(parent, f"Cannot save {what}", "\n".join(leftovers))
        status(f"Not saved: {failed.errors[0].message}")
    except UserError as problem:  # a stale record, a refused permission, …: nothing written
        dialogs.show_problem(parent, f"Cannot save {what}", str(problem))
    return NOT_SAVED
