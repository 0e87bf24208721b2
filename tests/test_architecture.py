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


def imported_modules(source: str, package: str) -> set[str]:
    """Every module an import statement of `source` names, anywhere in it (inside functions and
    under `if TYPE_CHECKING:` too); relative imports resolved against `package`."""
    import ast  # noqa: PLC0415

    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def layer_breaches(source: str, package: str, forbidden: str) -> set[str]:
    return {
        name
        for name in imported_modules(source, package)
        if name == forbidden or name.startswith(forbidden + ".")
    }


def test_services_never_import_workbooks():
    """Services sit below the partner workbooks (whose importers store through services): a
    service that needs to read a spreadsheet uses `partnerboard.spreadsheets`."""
    from pathlib import Path  # noqa: PLC0415

    root = Path(partnerboard.__file__).parent / "services"
    files = sorted(root.rglob("*.py"))
    assert len(files) > 50
    breaches = {
        f"{path.relative_to(root.parent)}: {name}"
        for path in files
        for name in layer_breaches(
            path.read_text(encoding="utf-8"),
            "partnerboard." + ".".join(path.relative_to(root.parent).parent.parts),
            "partnerboard.workbooks",
        )
    }
    assert not breaches, sorted(breaches)


def test_the_layer_check_sees_every_kind_of_import():
    """The check above fails on a planted import of each shape (or it proves nothing)."""
    planted = textwrap.dedent(
        """
        from typing import TYPE_CHECKING
        import partnerboard.workbooks.reader
        if TYPE_CHECKING:
            from partnerboard.workbooks.importer import ImportRun
        def later():
            from partnerboard import workbooks
            from ...workbooks.section11 import layout
        """
    )
    found = layer_breaches(planted, "partnerboard.services.actions", "partnerboard.workbooks")
    assert found >= {
        "partnerboard.workbooks.reader",
        "partnerboard.workbooks.importer",
        "partnerboard.workbooks",
        "partnerboard.workbooks.section11",
    }
    clean = "from partnerboard.spreadsheets.reader import read_workbook\nimport partnerboard\n"
    assert not layer_breaches(clean, "partnerboard.services", "partnerboard.workbooks")
