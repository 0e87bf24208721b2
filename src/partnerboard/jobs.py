"""Long jobs in plain Python: a progress callback and a cancel token, no Qt.

An import or a report takes `progress` and `cancel` and checks the token between files or
sections; the GUI wraps it in a background operation with a progress bar and a Cancel button,
the command line passes nothing (or prints), tests call it directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from partnerboard.errors import UserError

# progress(done, total, what): `total` 0 means unknown; `what` says what is being done.
Progress = Callable[[int, int, str], None]


def no_progress(_done: int, _total: int, _what: str) -> None:
    """The progress callback of a job nobody watches."""


class Cancelled(UserError):
    """The user cancelled the job; whatever it had not committed was not written."""

    def __init__(self, message: str = "Cancelled; nothing more was written."):
        super().__init__(message)


class CancelToken:
    """Set from any thread (the Cancel button); read by the job between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
