"""One way the training pages save a form: what cannot be passed on as typed (a text too long,
a date that is not one) and what the rules refuse are said beside the fields, named by their
labels in the status bar, anything else in a dialog; and nothing is lost (the form keeps what
was typed when a save is refused)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.errors import UserError, ValidationFailed
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form

NOT_SAVED = object()  # what `save_form` returns when the save was refused


def save_form(
    parent: QWidget,
    form: Form,
    what: str,
    save: Callable[[dict[str, Any]], Any],
    status: Callable[[str], None],
) -> Any:
    """`save(form.values())`'s result; NOT_SAVED (the reasons shown) when it was refused."""
    try:
        return save(form.values())
    except ValidationFailed as failed:
        form.refuse(failed, parent, f"Cannot save {what}", status)
    except UserError as problem:  # a stale record, a refused permission, …: nothing written
        dialogs.show_problem(parent, f"Cannot save {what}", str(problem))
    return NOT_SAVED
