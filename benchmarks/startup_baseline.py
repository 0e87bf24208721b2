"""The start-up baseline: the least a PySide6 + SQLAlchemy app does before it can show data.

    python benchmarks/startup_baseline.py DATABASE

Imports PySide6 widgets and `sqlalchemy.orm`, opens the database, runs one query through an
ORM session, shows an empty main window, waits until it has painted, prints `ready <ms>` and
exits: the same finish line as `partnerboard --smoke`.
"""

import time

STARTED_AT = time.perf_counter()

import sys  # noqa: E402

import sqlalchemy.orm  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{sys.argv[1]}")
    with sqlalchemy.orm.Session(engine) as session:
        session.execute(text("SELECT count(*) FROM action")).scalar_one()
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()

    def ready() -> None:
        window.repaint()
        app.processEvents()
        print(f"ready {round((time.perf_counter() - STARTED_AT) * 1000)}", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    engine.dispose()


if __name__ == "__main__":
    main()
