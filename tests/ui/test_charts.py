"""The painted dashboard charts: geometry, clicks, keys, tooltips, words and pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPixmap
from PySide6.QtWidgets import QApplication, QToolTip

from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.ui.widgets.charts import BarChart, StackedBarChart, heat_colours

RAG = Breakdown(
    ["Early help", "Neglect", "Exploitation"],
    ["Red", "Amber", "Green"],
    [[1, 4, 3], [2, 0, 1], [0, 2, 6]],
)
GRADES = Breakdown.distribution(
    ["Outstanding", "Good", "Requires improvement", "Inadequate"], [2, 9, 6, 0], series="Cases"
)


@pytest.fixture
def stacked(qtbot) -> StackedBarChart:
    chart = StackedBarChart("RAG by workstream")
    qtbot.addWidget(chart)
    chart.set_data(RAG)
    chart.resize(500, 200)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


@pytest.fixture
def bars(qtbot) -> BarChart:
    chart = BarChart("Grades")
    qtbot.addWidget(chart)
    chart.set_data(GRADES)
    chart.resize(400, 240)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def segment(chart, category: str, series: str):
    return next(s for s in chart.segments() if (s.category, s.series) == (category, series))


def test_stacked_geometry(stacked: StackedBarChart) -> None:
    segments = stacked.segments()
    # Zero counts draw nothing and cannot be clicked.
    assert [(s.category, s.series, s.count) for s in segments] == [
        ("Early help", "Red", 1),
        ("Early help", "Amber", 4),
        ("Early help", "Green", 3),
        ("Neglect", "Red", 2),
        ("Neglect", "Green", 1),
        ("Exploitation", "Amber", 2),
        ("Exploitation", "Green", 6),
    ]
    bounds = QPointF(stacked.width(), stacked.height())
    per_count = segments[0].rect.width() / segments[0].count
    for item in segments:
        assert item.rect.left() >= 0 and item.rect.right() <= bounds.x()
        assert item.rect.top() >= 0 and item.rect.bottom() <= bounds.y()
        # One scale for every bar: width is proportional to the count.
        assert item.rect.width() == pytest.approx(per_count * item.count)
    # Segments of a bar touch, left to right; rows go down the widget in category order.
    early = [s for s in segments if s.category == "Early help"]
    for left, right in zip(early, early[1:], strict=False):
        assert left.rect.right() == pytest.approx(right.rect.left())
    assert (
        segment(stacked, "Early help", "Red").rect.top()
        < segment(stacked, "Neglect", "Red").rect.top()
    )
    assert early[0].rect.left() == pytest.approx(segment(stacked, "Neglect", "Red").rect.left())


def test_hit_test(stacked: StackedBarChart) -> None:
    amber = segment(stacked, "Early help", "Amber")
    assert stacked.segment_at(amber.rect.center()) == amber
    assert stacked.segment_at(QPoint(1, 1)) is None
    assert stacked.segment_at(QPointF(stacked.width() - 1, stacked.height() - 1)) is None


def test_geometry_follows_the_widget_size(stacked: StackedBarChart) -> None:
    before = segment(stacked, "Exploitation", "Green").rect.width()
    stacked.resize(900, 200)
    after = segment(stacked, "Exploitation", "Green").rect.width()
    assert after > before * 1.5


def test_click_emits_category_and_series(qtbot, stacked: StackedBarChart) -> None:
    green = segment(stacked, "Neglect", "Green")
    with qtbot.waitSignal(stacked.segment_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(stacked, Qt.MouseButton.LeftButton, pos=green.rect.center().toPoint())
    assert blocker.args == ["Neglect", "Green"]
    assert stacked.focused_segment() == green


def test_click_outside_or_dragged_off_emits_nothing(qtbot, stacked: StackedBarChart) -> None:
    red = segment(stacked, "Early help", "Red").rect.center().toPoint()
    amber = segment(stacked, "Early help", "Amber").rect.center().toPoint()
    with qtbot.assertNotEmitted(stacked.segment_clicked):
        qtbot.mouseClick(stacked, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        qtbot.mousePress(stacked, Qt.MouseButton.LeftButton, pos=red)
        qtbot.mouseRelease(stacked, Qt.MouseButton.LeftButton, pos=amber)
        qtbot.mouseClick(stacked, Qt.MouseButton.RightButton, pos=red)


def test_keyboard_moves_focus_and_activates(qtbot, stacked: StackedBarChart) -> None:
    assert stacked.focusPolicy() == Qt.FocusPolicy.StrongFocus
    stacked.setFocus()
    qtbot.keyClick(stacked, Qt.Key.Key_Home)
    assert stacked.focused_segment() == segment(stacked, "Early help", "Red")
    qtbot.keyClick(stacked, Qt.Key.Key_Right)
    assert stacked.focused_segment() == segment(stacked, "Early help", "Amber")
    qtbot.keyClick(stacked, Qt.Key.Key_Right)
    qtbot.keyClick(stacked, Qt.Key.Key_Right)  # the end of the bar: focus stays on it
    assert stacked.focused_segment() == segment(stacked, "Early help", "Green")
    qtbot.keyClick(stacked, Qt.Key.Key_Down)  # the segment of the next bar most in line
    assert stacked.focused_segment() == segment(stacked, "Neglect", "Green")
    qtbot.keyClick(stacked, Qt.Key.Key_Left)
    assert stacked.focused_segment() == segment(stacked, "Neglect", "Red")
    with qtbot.waitSignal(stacked.segment_clicked, timeout=1000) as blocker:
        qtbot.keyClick(stacked, Qt.Key.Key_Return)
    assert blocker.args == ["Neglect", "Red"]
    qtbot.keyClick(stacked, Qt.Key.Key_End)
    with qtbot.waitSignal(stacked.segment_clicked, timeout=1000) as blocker:
        qtbot.keyClick(stacked, Qt.Key.Key_Space)
    assert blocker.args == ["Exploitation", "Green"]


def test_vertical_chart_keys_move_between_bars(qtbot, bars: BarChart) -> None:
    qtbot.keyClick(bars, Qt.Key.Key_Home)
    qtbot.keyClick(bars, Qt.Key.Key_Right)
    qtbot.keyClick(bars, Qt.Key.Key_Right)
    assert bars.focused_segment().category == "Requires improvement"
    qtbot.keyClick(bars, Qt.Key.Key_Right)  # Inadequate has no cases: nothing to land on
    assert bars.focused_segment().category == "Requires improvement"
    qtbot.keyClick(bars, Qt.Key.Key_Up)  # one series: nothing above
    with qtbot.waitSignal(bars.segment_clicked, timeout=1000) as blocker:
        qtbot.keyClick(bars, Qt.Key.Key_Enter)
    assert blocker.args == ["Requires improvement", "Cases"]


def test_vertical_geometry(bars: BarChart) -> None:
    segments = bars.segments()
    assert [s.category for s in segments] == ["Outstanding", "Good", "Requires improvement"]
    per_count = segments[1].rect.height() / 9
    for item in segments:
        assert item.rect.height() == pytest.approx(per_count * item.count)
        assert item.rect.bottom() == pytest.approx(segments[0].rect.bottom())  # one baseline
    assert segments[0].rect.center().x() < segments[1].rect.center().x()


def test_tooltip_names_category_series_and_count(qtbot, stacked: StackedBarChart) -> None:
    amber = segment(stacked, "Early help", "Amber")
    assert stacked.tooltip_text(amber) == "Early help\nAmber: 4"
    pos = amber.rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, stacked.mapToGlobal(pos))
    QApplication.sendEvent(stacked, event)
    assert QToolTip.text() == "Early help\nAmber: 4"


def test_long_category_names_are_elided_with_a_tooltip(qtbot) -> None:
    chart = StackedBarChart("Long")
    qtbot.addWidget(chart)
    name = "A workstream with a name much longer than any label column could hold"
    chart.set_data(Breakdown([name], ["Red"], [[3]]))
    chart.resize(300, 120)
    layout = chart._current_layout()
    assert any(text.text.endswith("…") for text in layout.texts)
    assert [tip for _, tip in layout.tips] == [name]


def test_accessible_name_and_description(qtbot, stacked: StackedBarChart) -> None:
    stacked.clearFocus()
    assert stacked.accessibleName() == "RAG by workstream"
    description = stacked.accessibleDescription()
    assert "19 in total" in description
    assert "Early help: Red 1, Amber 4, Green 3 (8)" in description
    assert "arrow keys" in description
    stacked.setFocus()
    qtbot.keyClick(stacked, Qt.Key.Key_Right)
    assert stacked.accessibleName() == "RAG by workstream: Early help, Amber: 4"
    stacked.clearFocus()
    assert stacked.accessibleName() == "RAG by workstream"


def test_empty_data(qtbot, tmp_path: Path) -> None:
    chart = StackedBarChart("Nothing yet")
    qtbot.addWidget(chart)
    chart.resize(300, 120)
    for data in (None, Breakdown.empty(), Breakdown(["A"], ["Red"], [[0]])):
        chart.set_data(data)
        assert chart.segments() == []
        assert chart.segment_at(QPoint(150, 60)) is None
        assert chart.accessibleDescription() == "No data yet."
        with qtbot.assertNotEmitted(chart.segment_clicked):
            qtbot.keyClick(chart, Qt.Key.Key_Return)
            qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(150, 60))
        assert chart.grab().save(str(tmp_path / "empty.png"))


def test_new_data_replaces_old_focus(qtbot, stacked: StackedBarChart) -> None:
    qtbot.keyClick(stacked, Qt.Key.Key_End)
    stacked.set_data(GRADES)
    assert stacked.focused_segment() is None
    assert [s.category for s in stacked.segments()][0] == "Outstanding"


def pixel(pixmap: QPixmap, point: QPointF) -> QColor:
    ratio = pixmap.devicePixelRatio()
    return pixmap.toImage().pixelColor(int(point.x() * ratio), int(point.y() * ratio))


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_segments_are_painted_in_palette_colours(stacked: StackedBarChart, ratio: float) -> None:
    pixmap = QPixmap(stacked.size() * ratio)
    pixmap.setDevicePixelRatio(ratio)
    stacked.render(pixmap)
    for category, series, swatch in [
        ("Early help", "Amber", palette.AMBER),
        ("Neglect", "Red", palette.RED),
        ("Exploitation", "Green", palette.GREEN),
    ]:
        rect = segment(stacked, category, series).rect
        # Clear of the count written in the middle and of the focus ring on the first segment.
        probe = QPointF(rect.left() + 8, rect.top() + 3)
        assert pixel(pixmap, probe) == QColor(swatch.fill)


def test_distribution_bars_take_their_grade_colours(bars: BarChart, tmp_path: Path) -> None:
    image = bars.grab()
    assert image.save(str(tmp_path / "bars.png"))
    for name, swatch in [("Outstanding", palette.OUTSTANDING), ("Good", palette.GOOD)]:
        rect = segment(bars, name, "Cases").rect
        assert pixel(image, QPointF(rect.left() + 3, rect.bottom() - 3)) == QColor(swatch.fill)


def test_heat_colours() -> None:
    low_fill, low_text = heat_colours(0, 0, 10)
    high_fill, high_text = heat_colours(10, 0, 10)
    assert low_fill == QColor(palette.HEAT_SCALE[0])
    assert high_fill == QColor(palette.HEAT_SCALE[-1])
    assert low_text != high_text  # dark text on light cells, light text on dark ones
    assert heat_colours(None, 0, 10)[0] == QColor(palette.GREY.fill)
