"""The shape of the code that users never see but rely on: a core without Qt, a Qt that does not crash."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

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


def import_graph(sources: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """Which module imports which, from source: {module: (source, is_package)}.

    Every import counts wherever it is written (module level, inside a function, under
    `if TYPE_CHECKING:`): a cycle hidden behind a type-only import is still a cycle in the
    design. Relative imports are resolved; `from pkg import name` imports the submodule
    `pkg.name` when there is one, else `pkg` itself. Only edges between the given modules are kept.
    """
    graph: dict[str, set[str]] = {name: set() for name in sources}
    for name, (source, is_package) in sources.items():
        package = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in sources else base
                    for alias in node.names
                ]
            else:
                continue
            graph[name].update(t for t in targets if t in sources and t != name)
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, round and round (Tarjan's components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so that a long chain of imports cannot reach the recursion limit
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return cycles


def partnerboard_sources() -> dict[str, tuple[str, bool]]:
    root = Path(partnerboard.__file__).parent
    sources = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        sources[name] = (path.read_text(encoding="utf-8"), is_package)
    return sources


def test_import_cycles_are_found():
    planted = {
        "app": ("", True),
        "app.page": ("from app.tab import Tab\nclass Page: ...\n", False),
        "app.tab": (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .page import Page\n",
            False,
        ),
        "app.other": ("from app import page\n", False),
    }
    assert import_graph(planted)["app.tab"] == {"app.page"}
    assert import_graph(planted)["app.other"] == {"app.page"}
    assert import_cycles(import_graph(planted)) == [["app.page", "app.tab"]]
    # the same pair, the tab depending on an interface beside it instead of on its page
    planted["app.tab"] = ("from app.protocol import PageLike\n", False)
    planted["app.protocol"] = ("class PageLike: ...\n", False)
    assert import_cycles(import_graph(planted)) == []


def test_no_import_cycles():
    """No module imports, however indirectly, a module that imports it back (issue 18)."""
    cycles = import_cycles(import_graph(partnerboard_sources()))
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)
