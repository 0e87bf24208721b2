"""An action's dated history as readable text: updates with their RAG, author and decision,
and the events (moved, closed, merged …) between them, newest first."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from partnerboard.domain.actions import UpdateState
from partnerboard.domain.dates import format_date
from partnerboard.services.actions.detail import HistoryEntry
from partnerboard.ui.pages.actions.columns import rag_fill, rag_ink


def _text(value: str | None) -> str:
    return escape(value or "").replace("\n", "<br>")


def entry_html(entry: HistoryEntry) -> str:
    chip = ""
    if entry.kind == "update" and entry.rag is not None:
        chip = (
            f'<span style="background:{rag_fill(entry.rag)}; color:{rag_ink(entry.rag)};">'
            f"&nbsp;{escape(entry.rag.label)}&nbsp;</span> "
        )
    who = []
    if entry.author:
        who.append(f"by {escape(entry.author)}")
    if entry.agency:
        who.append(f"for {escape(entry.agency)}")
    head = (
        f"<b>{format_date(entry.on)}</b> · {escape(entry.title)} {chip}"
        f"<span style='color:#505A5F;'>{' '.join(who)}</span>"
    )
    lines = [head]
    if entry.text:
        lines.append(_text(entry.text))
    if entry.proposed_due_on:
        lines.append(
            f"<i>Asks for a new due date: {format_date(entry.proposed_due_on)}"
            f" — {_text(entry.due_change_reason)}</i>"
        )
    if entry.state is UpdateState.PROPOSED:
        lines.append("<i>Waiting for a decision (see Partner updates).</i>")
    elif entry.decided:
        lines.append(f"<i>{_text(entry.decided.capitalize())}</i>")
    return "<p>" + "<br>".join(lines) + "</p>"


class HistoryView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("action_history")
        self.setAccessibleName("History of the action")
        self.setOpenLinks(False)
        self.setMinimumHeight(160)
        self._entries: tuple[HistoryEntry, ...] = ()

    def show_entries(self, entries: tuple[HistoryEntry, ...] | list[HistoryEntry]) -> None:
        self._entries = tuple(entries)
        if not self._entries:
            self.setHtml("<p><i>No progress updates yet.</i></p>")
            return
        self.setHtml("".join(entry_html(e) for e in self._entries))

    def entries(self) -> tuple[HistoryEntry, ...]:
        return self._entries
