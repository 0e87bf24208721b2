"""Names a package re-exports from its modules, each imported when first used (PEP 562).

    __getattr__, __dir__ = lazy_names(__name__, {"create_action": "core", ...}, globals())

A caller that needs one of the package's concerns then loads that module only (the home page
loads the action log's dashboard without its detail; importing a return loads the Section 11
answers without the analysis). A name once found is kept in the package, so the next use is a
plain look-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(
    package: str, home_of: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module `__getattr__` and `__dir__` of `package`, whose names live in the modules
    `home_of` gives (name -> module within the package)."""

    def __getattr__(name: str) -> Any:
        module = home_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *home_of})

    return __getattr__, __dir__
