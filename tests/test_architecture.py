"""The shape of the code that users never see but rely on: a core without Qt, a Qt that does not crash."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import partnerboard


def core_modules() -> list[str]:
    names = []
    for module in pkgutil.walk_packages(partnerboard.__path__, "partnerboard."):
        if module.name == "partnerboard.ui" or module.name.startswith("partnerboard.ui."):
            continue
        if module.name.endswith("__main__"):
            continue  # importing it runs the program
        if ".migrations" in module.name:
            continue  # Alembic scripts run inside Alembic, not on import
        names.append(module.name)
    return names


def test_core_imports_without_qt():
    """Everything but partnerboard.ui must import with PySide6 made unimportable."""
    modules = core_modules()
    assert "partnerboard.services.partnership" in modules and "partnerboard.cli" in modules
    script = textwrap.dedent(
        f"""
        import importlib, importlib.abc, sys

        class NoQt(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
                    raise ImportError("Qt imported by the core: " + name)
                return None

        sys.meta_path.insert(0, NoQt())
        for name in {modules!r}:
            importlib.import_module(name)
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok", len({modules!r}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("ok")


def test_blocking_qt_really_blocks():
    """The guard above must fail when a module does import Qt (or it proves nothing)."""
    script = textwrap.dedent(
        """
        import importlib.abc, sys
        class NoQt(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "PySide6":
                    raise ImportError("Qt imported by the core: " + name)
        sys.meta_path.insert(0, NoQt())
        import partnerboard.ui.table_model
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0 and "Qt imported by the core" in done.stderr


def test_tens_of_thousands_of_qt_calls_do_not_crash():
    """PySide6 6.12 on Python 3.11 aborts after some thousands of calls returning None (TECH-NOTES).

    Run in a child process: an abort there fails this test instead of killing the test run.
    """
    script = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
        app = QApplication([])
        label, edit = QLabel(), QLineEdit()
        for i in range(60_000):
            label.setText(str(i))
            edit.setText(str(i))
            label.setToolTip("")
        print("survived", label.text())
        """
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, f"Qt aborted (exit {done.returncode}): {done.stderr[-1500:]}"
    assert done.stdout.strip() == "survived 59999"
