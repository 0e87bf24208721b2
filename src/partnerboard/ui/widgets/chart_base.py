"""What every painted chart shares: data, hit-testing, focus, keys, tooltips, accessibility.

Subclasses only compute geometry (`_layout` returns a `ChartLayout`, painted by
`chart_layout.paint_layout`); see `charts.py` for the public widgets. Painted charts are invisible to screen readers, so the widget's accessible name
names the chart (and the segment under keyboard focus) and its accessible description says
the whole data set in words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.ui.widgets.chart_layout import ChartLayout, ChartSegment, paint_layout

NO_DATA = "No data yet"
_KEY_HINT = "Use the arrow keys to move between parts of the chart and Enter to open one."


class BreakdownChart(QWidget):
    """Base of the painted charts: shows a `Breakdown` and reports clicks on its segments."""

    #: (category, series) of a segment clicked, or activated with Enter or Space.
    segment_clicked = Signal(str, str)

    # True when bars run left to right (categories stacked top to bottom).
    _BARS_RUN_ACROSS = True

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._data = Breakdown.empty()
        self._layout_cache: ChartLayout | None = None
        self._focus_index = -1
        self._hover_index = -1
        self._pressed: ChartSegment | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._update_accessibility()

    # --- data -------------------------------------------------------------------------------

    def set_data(self, data: Breakdown | None) -> None:
        """Show `data` (None or an empty breakdown shows 'No data yet')."""
        self._data = data if data is not None else Breakdown.empty()
        self._focus_index = -1
        self._hover_index = -1
        self._invalidate()
        self.updateGeometry()

    def data(self) -> Breakdown:
        return self._data

    def set_title(self, title: str) -> None:
        """The chart's name for screen readers, e.g. 'RAG by workstream'."""
        self._title = title
        self._update_accessibility()

    def title(self) -> str:
        return self._title

    # --- geometry ---------------------------------------------------------------------------

    def segments(self) -> list[ChartSegment]:
        """The non-empty segments at the current size, category by category."""
        return list(self._current_layout().segments)

    def segment_at(self, pos: QPoint | QPointF) -> ChartSegment | None:
        """The segment under `pos` (widget coordinates), or None: the public hit test."""
        point = QPointF(pos)
        for segment in self._current_layout().segments:
            if segment.rect.contains(point):
                return segment
        return None

    def focused_segment(self) -> ChartSegment | None:
        """The segment that keyboard focus is on, if any."""
        segments = self._current_layout().segments
        return segments[self._focus_index] if 0 <= self._focus_index < len(segments) else None

    def _current_layout(self) -> ChartLayout:
        if self._layout_cache is None:
            self._layout_cache = (
                ChartLayout() if self._data.is_empty else self._layout(QRectF(self.rect()))
            )
        return self._layout_cache

    def _invalidate(self) -> None:
        self._layout_cache = None
        self._update_accessibility()
        self.update()

    # --- for subclasses ---------------------------------------------------------------------

    def _layout(self, area: QRectF) -> ChartLayout:
        raise NotImplementedError

    # --- Qt events --------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(palette.BACKGROUND))
        if self._data.is_empty:
            painter.setPen(QColor(palette.MUTED_TEXT))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, NO_DATA)
        else:
            layout = self._current_layout()
            paint_layout(painter, layout, self.font())
            self._paint_highlights(painter, layout)
        painter.end()

    def _paint_highlights(self, painter: QPainter, layout: ChartLayout) -> None:
        segments = layout.segments
        if 0 <= self._hover_index < len(segments) and self._hover_index != self._focus_index:
            painter.setPen(QPen(QColor(palette.TEXT), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(segments[self._hover_index].rect.adjusted(0.75, 0.75, -0.75, -0.75))
        focused = self.focused_segment()
        if focused is not None and self.hasFocus():
            # GOV.UK-style focus: a thick yellow ring with a black line inside, visible on
            # every fill of the palette.
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(palette.FOCUS), 4))
            painter.drawRect(focused.rect.adjusted(-2, -2, 2, 2))
            painter.setPen(QPen(QColor(palette.TEXT), 2))
            painter.drawRect(focused.rect.adjusted(1, 1, -1, -1))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._layout_cache = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._invalidate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            segment = self.segment_at(event.pos())
            tip = self.tooltip_text(segment) if segment else self._label_tip(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _label_tip(self, pos: QPoint) -> str:
        point = QPointF(pos)
        return next(
            (text for rect, text in self._current_layout().tips if rect.contains(point)), ""
        )

    def tooltip_text(self, segment: ChartSegment) -> str:
        """The tooltip of a segment: its category, then its series and count."""
        return f"{segment.category}\n{segment.series}: {segment.count}"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        segment = self.segment_at(event.position())
        index = self._index_of(segment)
        if index != self._hover_index:
            self._hover_index = index
            cursor = Qt.CursorShape.PointingHandCursor if segment else Qt.CursorShape.ArrowCursor
            self.setCursor(cursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self._hover_index = -1
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.segment_at(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        segment = self.segment_at(event.position())
        pressed, self._pressed = self._pressed, None
        same = segment is not None and pressed is not None and pressed.rect == segment.rect
        if event.button() == Qt.MouseButton.LeftButton and same:
            self._move_focus(self._index_of(segment))
            self.segment_clicked.emit(segment.category, segment.series)
        super().mouseReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        if self._focus_index < 0 and self._current_layout().segments:
            self._move_focus(0)
        self._update_accessibility()
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._update_accessibility()
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        segments = self._current_layout().segments
        key = Qt.Key(event.key())
        if not segments:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            focused = self.focused_segment() or segments[0]
            self._move_focus(self._index_of(focused))
            self.segment_clicked.emit(focused.category, focused.series)
        elif key == Qt.Key.Key_Home:
            self._move_focus(0)
        elif key == Qt.Key.Key_End:
            self._move_focus(len(segments) - 1)
        elif key in _DIRECTIONS:
            self._move_focus(self._neighbour(segments, _DIRECTIONS[key]))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- focus ------------------------------------------------------------------------------

    def _neighbour(self, segments: list[ChartSegment], direction: tuple[int, int]) -> int:
        """The segment next to the focused one in `direction` (dx, dy); itself if none.

        Along a bar (Left/Right in a horizontal chart, Up/Down in a vertical one) focus stays
        on the same bar; across bars it goes to the nearest bar that has segments, landing on
        the segment closest in line with the current one.
        """
        current = self.focused_segment()
        if current is None:
            return 0
        along_bar = (direction[0] != 0) == self._BARS_RUN_ACROSS
        here = current.rect.center()
        best, best_score = self._focus_index, float("inf")
        for index, segment in enumerate(segments):
            if along_bar and segment.category_index != current.category_index:
                continue
            there = segment.rect.center()
            dx, dy = there.x() - here.x(), there.y() - here.y()
            ahead = dx * direction[0] + dy * direction[1]
            aside = abs(dx * direction[1] + dy * direction[0])
            if ahead <= 0.5:
                continue
            # Nearest bar first, then the segment most in line on that bar.
            score = ahead if along_bar else ahead * 1000 + aside
            if score < best_score:
                best, best_score = index, score
        return best

    def _move_focus(self, index: int) -> None:
        segments = self._current_layout().segments
        if not 0 <= index < len(segments):
            return
        self._focus_index = index
        self._update_accessibility()
        self.update()
        if self.hasFocus() and self.isVisible():
            segment = segments[index]
            anchor = self.mapToGlobal(segment.rect.center().toPoint())
            QToolTip.showText(anchor, self.tooltip_text(segment), self)

    def _index_of(self, segment: ChartSegment | None) -> int:
        if segment is None:
            return -1
        for index, candidate in enumerate(self._current_layout().segments):
            if candidate.rect == segment.rect:
                return index
        return -1

    def _update_accessibility(self) -> None:
        title = self._title or "Chart"
        # While keyboard focus is on a segment, the name says which, so that a screen reader
        # announces each move (Qt reports the name change).
        focused = self.focused_segment() if self._layout_cache and self.hasFocus() else None
        self.setAccessibleName(f"{title}: {focused.words}" if focused else title)
        summary = self._data.describe()
        self.setAccessibleDescription(summary if self._data.is_empty else f"{summary} {_KEY_HINT}")


_DIRECTIONS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
