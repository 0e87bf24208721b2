"""Names and text from partners made safe to store, show, print and use in file names.

A partner chooses the name of the file they return; the app stores it with the submission,
shows it in lists and the command line, and derives the name of the error list from it. Such a
name may hold control characters (a terminal escape, a line break that forges a line of
output), Unicode format characters (a right-to-left override that makes "xslx.exe" read as
"exe.xlsx"), path separators, or a name Windows reserves (CON, NUL, COM1…). `partner_file_name`
keeps what a reader needs and replaces the rest; `printable` does the same for any text quoted
from a partner's file in a message.
"""

from __future__ import annotations

import re
import unicodedata

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.I)
_UNSAFE_IN_NAMES = set('<>:"/\\|?*')
MAX_NAME = 200


def _unsafe(ch: str) -> bool:
    """Control (Cc), format (Cf, e.g. bidi overrides), separators other than space, surrogates."""
    return unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def printable(text: str, replacement: str = "?") -> str:
    """`text` with control and format characters replaced, so printing it cannot forge output."""
    return "".join(
        " " if ch in "\t\r\n" else replacement if _unsafe(ch) else ch
        for ch in unicodedata.normalize("NFC", text)
    )


def partner_file_name(name: str, limit: int = MAX_NAME) -> str:
    """A partner's file name (the last part only) as safe to store, show and reuse on any system.

    `partner_file_name("../../x\\x1b[2J.xlsx")` is "x_[2J.xlsx"; "CON.xlsx" becomes "_CON.xlsx".
    """
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join("_" if _unsafe(ch) or ch in _UNSAFE_IN_NAMES else ch for ch in name)
    name = " ".join(name.split()).strip(". ")
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    if len(name) > limit:
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            name = stem[: limit - len(suffix) - 1].rstrip(". ") + "." + suffix
        else:
            name = name[:limit].rstrip(". ")
    return name or "unnamed file"
