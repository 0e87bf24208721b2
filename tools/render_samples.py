"""Developer tool: render the shared PDF sample and the Qt charts to PNG files to look at.

    .venv/bin/python tools/render_samples.py /tmp/samples

Writes sample.pdf, sample-N.png (pdftoppm at 60 dpi) and one PNG per chart widget at 1x and
2x device pixel ratio (high-DPI screens), including empty and narrow variants.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from partnerboard.domain.breakdown import Breakdown  # noqa: E402
from partnerboard.reports.sample import SAMPLE_GRADES, SAMPLE_RAG, sample_report  # noqa: E402
from partnerboard.ui.widgets.charts import BarChart, StackedBarChart  # noqa: E402

HOSTILE = ["<b>bold", '<img src="/etc/passwd"/> and <a href="x">a link</a>', "two\nlines"]


def grab(widget: QWidget, path: Path, ratio: float = 1.0) -> None:
    pixmap = QPixmap(widget.size() * ratio)
    pixmap.setDevicePixelRatio(ratio)
    widget.render(pixmap)
    pixmap.save(str(path))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sample_report(folder / "sample.pdf", partner_notes=HOSTILE)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(folder / "sample.pdf"), str(folder / "sample")],
        check=True,
    )
    app = QApplication.instance() or QApplication([])
    many = Breakdown(
        [f"Workstream {n}: a rather long name for a workstream" for n in range(1, 9)],
        ("Red", "Amber", "Green", "Not rated"),
        [(n % 3, 4 - n % 4, n, 1 if n % 2 else 0) for n in range(8)],
    )
    cases = [
        ("stacked", StackedBarChart("RAG by workstream"), SAMPLE_RAG, (520, 180)),
        ("stacked-many", StackedBarChart("RAG by workstream"), many, (520, 320)),
        ("stacked-narrow", StackedBarChart("RAG by workstream"), SAMPLE_RAG, (240, 180)),
        ("bars", BarChart("Grades"), SAMPLE_GRADES, (420, 240)),
        ("bars-stacked", BarChart("RAG by workstream"), SAMPLE_RAG, (420, 260)),
        ("bars-narrow", BarChart("Grades"), SAMPLE_GRADES, (200, 200)),
        ("empty", StackedBarChart("Nothing"), Breakdown.empty(), (300, 120)),
    ]
    for name, chart, data, (width, height) in cases:
        chart.set_data(data)
        chart.resize(width, height)
        grab(chart, folder / f"chart-{name}.png")
        grab(chart, folder / f"chart-{name}@2x.png", 2.0)
    focused = StackedBarChart("RAG by workstream")
    focused.set_data(SAMPLE_RAG)
    focused.resize(520, 180)
    focused.show()
    focused.setFocus()
    app.processEvents()
    grab(focused, folder / "chart-stacked-focus.png")
    print(f"Wrote samples to {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "samples"))
