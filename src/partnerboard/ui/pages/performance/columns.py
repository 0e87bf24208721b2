"""The scorecard's columns, and the small trend line drawn in its Trend column.

The trend cell's text is the trend in words (what a screen reader reads and the tooltip
shows); the delegate draws the line instead: the last 8 periods, gaps where there is no
figure, the latest point in its RAG colour and the target as a dotted line.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from partnerboard.domain import palette
from partnerboard.domain.performance import Direction
from partnerboard.services.performance import ScoreRow
from partnerboard.ui.table_model import ROW_ROLE, Column

DIRECTION_TEXT = {
    Direction.IMPROVING: palette.GREEN.fill,
    Direction.WORSENING: palette.RED.fill,
}


def rag_swatch(row: ScoreRow) -> palette.Swatch:
    return palette.named_swatch(row.rag.value if row.rag else None) or palette.GREY


def score_columns() -> list[Column[ScoreRow]]:
    return [
        Column("reference", "Ref", lambda r: r.indicator.reference,
               sort_key=lambda r: r.indicator.sort_key),
        Column("indicator", "Indicator", lambda r: r.indicator.title,
               text=lambda r: r.indicator.title + (" (restricted)" if r.indicator.restricted else "")),
        Column("period", "Period", lambda r: r.period_text(), sort_key=lambda r: r.period),
        Column("figure", "Figure", lambda r: r.value_text(), sort_key=lambda r: r.value,
               align_right=True),
        Column("rag", "RAG", lambda r: r.rag_label,
               sort_key=lambda r: ("red", "amber", "green", "none").index(r.rag_key),
               background=lambda r: rag_swatch(r).fill, foreground=lambda r: rag_swatch(r).text),
        Column("direction", "Direction", lambda r: r.direction_text(),
               sort_key=lambda r: r.direction.value,
               foreground=lambda r: DIRECTION_TEXT.get(r.direction)),
        Column("trend", "Trend (8 periods)", lambda r: r.trend_text(),
               tooltip=lambda r: r.trend_text(), sort_key=lambda r: r.value),
        Column("target", "Target", lambda r: r.indicator.target_text(),
               sort_key=lambda r: r.indicator.target),
        Column("exception", "Exception", lambda r: r.why_exception,
               sort_key=lambda r: not r.exception),
        Column("theme", "Theme", lambda r: r.indicator.theme),
        Column("agency", "Supplied by", lambda r: r.indicator.agency_name),
        Column("commentary", "Commentary", lambda r: r.commentary or r.reason),
        Column("actions", "Open actions", lambda r: r.open_actions or None, align_right=True),
        Column("comparators", "Comparators", lambda r: r.indicator.comparator_text(), visible=False),
    ]  # fmt: skip


class TrendDelegate(QStyledItemDelegate):
    """Draws a ScoreRow's trend as a line in its cell (the text stays for screen readers)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        shown.text = ""
        style = shown.widget.style() if shown.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, shown.widget)
        row = index.data(ROW_ROLE)
        if not isinstance(row, ScoreRow):
            return
        values = [p.value for p in row.trend]
        known = [v for v in values if v is not None]
        if not known:
            return
        target = row.indicator.target
        span = [*known, *([target] if target is not None else [])]
        low, high = min(span), max(span)
        if high - low < 1e-9:
            low, high = low - 1, high + 1
        area = option.rect.adjusted(6, 5, -8, -5)

        def point(position: int, value: float) -> QPointF:
            x = area.left() + position * area.width() / max(len(values) - 1, 1)
            y = area.bottom() - (value - low) * area.height() / (high - low)
            return QPointF(x, y)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ink = option.palette.highlightedText().color() if selected else QColor(palette.TEXT)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if target is not None and low <= target <= high:
            painter.setPen(QPen(QColor(palette.MUTED_TEXT), 1, Qt.PenStyle.DotLine))
            painter.drawLine(point(0, target), point(len(values) - 1, target))
        painter.setPen(QPen(ink, 1.6))
        previous = None
        for position, value in enumerate(values):
            here = point(position, value) if value is not None else None
            if previous is not None and here is not None:
                painter.drawLine(previous, here)
            previous = here
        last = max(i for i, v in enumerate(values) if v is not None)
        painter.setPen(QPen(ink, 1))
        painter.setBrush(QBrush(QColor(rag_swatch(row).fill)))
        painter.drawEllipse(point(last, values[last]), 3.5, 3.5)  # type: ignore[arg-type]
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        # A fixed size: measuring the trend's words (which are not drawn) would be wasted work.
        return QSize(120, option.fontMetrics.height() + 10)
