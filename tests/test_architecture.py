"""The shape of the code that users never see but rely on: a core without Qt, a Qt that does not crash."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import functools
import importlib
import importlib.util
import pkgutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import partnerboard
from partnerboard import registers
from partnerboard.ui.pages import PAGES


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


# --- Each register declared once (`partnerboard.registers`) --------------------------------------


@dataclass(frozen=True)
class RegisterParts:
    """What the code holds that a manifest must claim: command modules (with `register(cli)`),
    pages shown in the navigation (`module:Class`, a Page with a key) and workbook kinds."""

    command_modules: frozenset[str]
    pages: frozenset[str]
    kind_modules: frozenset[str]


def _modules_under(package: str) -> list[str]:
    root = importlib.import_module(package)
    return [package] + [m.name for m in pkgutil.walk_packages(root.__path__, f"{package}.")]


def _top_level(module: str) -> ast.Module:
    spec = importlib.util.find_spec(module)
    return ast.parse(Path(spec.origin).read_text(encoding="utf-8"))


def _defines_register(module: str) -> bool:
    return any(
        isinstance(node, ast.FunctionDef) and node.name == "register"
        for node in _top_level(module).body
    )


def _calls_register_kind(module: str) -> bool:
    return any(
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", None) == "register_kind"
        for node in _top_level(module).body
    )


@functools.cache
def register_parts() -> RegisterParts:
    from partnerboard.ui.pages.base import Page  # noqa: PLC0415

    pages = set()
    for name in _modules_under("partnerboard.ui.pages"):
        module = importlib.import_module(name)
        for cls in vars(module).values():
            # A Page with a key is shown in the navigation (a base, RegisterPage, has none).
            if isinstance(cls, type) and issubclass(cls, Page) and cls.key:
                pages.add(f"{cls.__module__}:{cls.__name__}")
    return RegisterParts(
        frozenset(m for m in _modules_under("partnerboard.cli") if _defines_register(m)),
        frozenset(pages),
        frozenset(m for m in _modules_under("partnerboard.workbooks") if _calls_register_kind(m)),
    )


def registered_names(module: str) -> set[str]:
    """The commands `module.register(cli)` adds: "deadlines", or "export s11" under a verb."""
    from partnerboard.cli.registry import CommandLine  # noqa: PLC0415

    line = CommandLine(argparse.ArgumentParser())
    importlib.import_module(module).register(line)
    names = set()
    for name in line._commands.choices:  # noqa: SLF001
        verb = line._verbs.get(name)  # noqa: SLF001
        names.update({f"{name} {kind}" for kind in verb.choices} if verb else {name})
    return names


def manifest_problems(manifests: tuple[registers.Register, ...], parts: RegisterParts) -> list[str]:
    """Every part claimed by exactly one manifest, every name a manifest gives resolving."""
    from partnerboard.ui.pages.base import Page  # noqa: PLC0415

    problems = []
    claims = {
        "command module": (
            parts.command_modules,
            [c.module for r in manifests for c in r.commands],
        ),
        "page": (parts.pages, [p.where for r in manifests for p in r.pages]),
        "workbook kind": (parts.kind_modules, [k for r in manifests for k in r.kinds]),
    }
    for what, (found, claimed) in claims.items():
        for name in sorted(found | set(claimed)):
            count = claimed.count(name)
            if name not in found:
                problems.append(f"{what} {name}: named by a manifest but not found in the code")
            elif count != 1:
                problems.append(f"{what} {name}: claimed by {count} manifests, not one")
    declared = set()
    for register in manifests:
        for spec in register.pages:
            try:
                page = spec.page
            except (ImportError, AttributeError, ValueError) as error:
                problems.append(f"{register.name}: page {spec.where} does not resolve ({error})")
                continue
            if not (isinstance(page, type) and issubclass(page, Page)) or page.key != spec.key:
                problems.append(f"{register.name}: {spec.where} is not the page {spec.key}")
            if spec.group not in registers.NAVIGATION:
                problems.append(f"{register.name}: {spec.key} under unknown heading {spec.group}")
        for commands in register.commands:
            try:
                added = registered_names(commands.module)
            except (ImportError, AttributeError) as error:
                problems.append(f"{register.name}: {commands.module} does not resolve ({error})")
                continue
            if added != set(commands.names):
                problems.append(
                    f"{register.name}: {commands.module} adds {sorted(added)}, "
                    f"the manifest says {sorted(commands.names)}"
                )
            declared.update(commands.names)
        for kind in register.kinds:
            if importlib.util.find_spec(kind) is None:
                problems.append(f"{register.name}: workbook kind {kind} does not import")
    for register in manifests:
        for output in register.outputs:
            words = output.command.split()
            if not {words[0], " ".join(words[:2])} & declared:
                problems.append(f"{register.name}: output {output.name} runs no declared command")
    return problems


def test_every_register_part_is_claimed_by_one_manifest():
    parts = register_parts()
    # The walk finds what it must (or the check below proves nothing).
    assert "partnerboard.cli.section11" in parts.command_modules
    assert "partnerboard.cli.registry" not in parts.command_modules
    assert any(p.endswith(":Section11Page") for p in parts.pages)
    assert not any(p.endswith(":RegisterPage") for p in parts.pages)
    assert "partnerboard.workbooks.importer" not in parts.kind_modules
    assert len(parts.kind_modules) >= 4 and len(parts.pages) == len(PAGES)
    assert manifest_problems(registers.registers(), parts) == []


def test_every_manifest_module_is_listed_once():
    found = {m.name for m in pkgutil.iter_modules(registers.__path__)}
    assert sorted(registers.MANIFESTS) == sorted(found)
    assert all(registers.registers()[i].name == n for i, n in enumerate(registers.MANIFESTS))


def _without(name: str, **changes) -> tuple[registers.Register, ...]:
    return tuple(
        dataclasses.replace(r, **changes) if r.name == name else r for r in registers.registers()
    )


def test_the_manifest_check_fails_on_a_missing_or_wrong_entry():
    """Each check fails when a manifest leaves a part out, claims it twice or names it wrongly."""
    parts = register_parts()
    section11 = next(r for r in registers.registers() if r.name == "section11")
    module, page, kind = section11.commands[0].module, section11.pages[0].where, section11.kinds[0]
    nowhere = dataclasses.replace(section11.pages[0], where=f"{page.split(':')[0]}:Nowhere")
    cases = {
        f"command module {module}: claimed by 0": _without("section11", commands=()),
        f"page {page}: claimed by 0": _without("section11", pages=()),
        f"workbook kind {kind}: claimed by 0": _without("section11", kinds=()),
        f"command module {module}: claimed by 2": (
            *registers.registers(),
            dataclasses.replace(section11, name="again", pages=(), kinds=(), outputs=()),
        ),
        f"section11: {module} adds": _without(
            "section11", commands=(registers.Commands(module, ("export s11",)),)
        ),
        f"page {nowhere.where}: named by a manifest but not found": _without(
            "section11", pages=(nowhere,)
        ),
        "section11: output export s11 runs no declared command": _without(
            "section11", commands=(), outputs=section11.outputs
        ),
    }
    for expected, manifests in cases.items():
        problems = manifest_problems(manifests, parts)
        assert any(p.startswith(expected) for p in problems), (expected, problems)


def test_the_lists_are_built_from_the_manifests():
    """The navigation, the command line and the importer use what the manifests declare."""
    from partnerboard import cli  # noqa: PLC0415
    from partnerboard.workbooks import importer  # noqa: PLC0415

    assert registers.pages() == PAGES and PAGES[0].key == "dashboard"
    assert [spec.group for spec in PAGES] == sorted(
        (spec.group for spec in PAGES), key=registers.NAVIGATION.index
    )
    assert registers.command_modules() == cli.COMMAND_MODULES
    assert registers.kind_modules() == importer.KIND_MODULES
    assert registers.modules_for("export", "s11") == ("partnerboard.cli.section11",)
    assert registers.modules_for("list", "boards") == ("partnerboard.cli.partnership",)
    assert registers.modules_for("export", None) == ()


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
