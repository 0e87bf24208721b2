"""Render the main window offscreen on a database and save each page as PNG (for looking at).

QT_QPA_PLATFORM=offscreen python tools/screenshot.py --db demo.sqlite --out shots/ [--page KEY]
"""

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from partnerboard.db.schema import open_database  # noqa: E402
from partnerboard.services.partnership import ensure_partnership  # noqa: E402
from partnerboard.ui.app import make_application  # noqa: E402
from partnerboard.ui.main_window import MainWindow  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--db", required=True)
parser.add_argument("--out", default="shots")
parser.add_argument("--page", action="append")
parser.add_argument("--size", default="1400x860")
args = parser.parse_args()
app = make_application()
db = open_database(args.db)
ensure_partnership(db)
window = MainWindow(db)
width, height = (int(x) for x in args.size.split("x"))
window.resize(width, height)
window.show()
out = Path(args.out)
out.mkdir(parents=True, exist_ok=True)
for key in args.page or window.page_keys():
    window.open_page(key)
    page = window.pages[key]
    page.ensure_loaded()
    if hasattr(page, "table") and page.table.model().rowCount():
        page.table.selectRow(0)
    for _ in range(5):
        QApplication.processEvents()
    window.grab().save(str(out / f"{key}.png"))
    print(out / f"{key}.png")
db.close()
sys.exit(0)
