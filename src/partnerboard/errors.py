"""Exceptions that carry a message meant for the user.

Anything derived from `UserError` is an expected problem (a bad file, a refused database, a
validation failure): the command line prints its message on one line and the app shows it in a
plain dialog. Any other exception is a bug and goes to the log with its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """An expected problem, explained in plain English by `str(error)`."""

    exit_code = 1


class DatabaseRefused(UserError):
    """The database cannot be opened as it is (not ours, newer, corrupt); it was left untouched."""

    exit_code = 3


class NotFound(UserError):
    """A record named by the user (on the command line or in a file) does not exist."""


class StaleRecord(UserError):
    """Someone else saved the record after it was loaded; nothing was overwritten.

    `changed_by` and `changed_at` (local time) come from the audit trail when it knows them.
    """

    def __init__(self, message: str, changed_by: str | None = None, changed_at=None):
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class NotPermitted(UserError):
    """The signed-in user's role does not allow this change; nothing was written."""


class SignInFailed(UserError):
    """Unknown login, wrong password or a disabled account (deliberately not saying which)."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a form or one cell of a workbook."""

    field: str
    message: str


class ValidationFailed(UserError):
    """The input breaks one or more rules; nothing was written.

    As text (a dialog, the status bar, the command line) it is the messages alone: `field` is
    an internal key ("approved_on") that no user should read. Each message says in words what
    it is about; a form shows it beside the field its key names, under the form's own label.
    """

    def __init__(self, errors: list[FieldError] | FieldError):
        self.errors: list[FieldError] = [errors] if isinstance(errors, FieldError) else list(errors)
        super().__init__(" ".join(_sentence(e.message) for e in self.errors))

    def for_field(self, field: str) -> list[str]:
        return [e.message for e in self.errors if e.field == field]


def _sentence(message: str) -> str:
    message = message.strip()
    return message if message.endswith((".", "?", "!", "…", ")")) else f"{message}."
