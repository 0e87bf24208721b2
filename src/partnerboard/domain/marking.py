"""What a document going out says it holds: one rule for every output.

Every writer (PDF board papers, Word minutes, HTML, Excel exports, partner workbooks) asks
`classify` with what the document actually contains for the person making it, and renders the
`Classification` it gets back; none decides a marking itself.

- Anything restricted in it (an action, agenda item, review, escalation) or case-level text
  (multi-agency audit reflections) makes it **OFFICIAL-SENSITIVE**, printed in its header and
  footer and said on its first page (first sheet); each restricted row or item carries the
  visible label "Restricted" (`labelled`).
- Otherwise an internal document is **OFFICIAL**.
- A **public version** carries no marking and says on its first page that it is the public
  version and what was left out.
- The author is the person signed in, or the partnership: never an operating-system login.

    c = classify([("action", 3), ("agenda item", 1)], author="Wrenfield SSP")
    c.marking    -> "OFFICIAL-SENSITIVE"
    c.notice     -> "OFFICIAL-SENSITIVE: this document holds restricted records (3 actions …"
    c.label("Mediation", restricted=True) -> "Restricted: Mediation"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from partnerboard.domain.access import Principal

OFFICIAL = "OFFICIAL"
SENSITIVE = "OFFICIAL-SENSITIVE"
RESTRICTED_LABEL = "Restricted"
PUBLIC_LABEL = "Public version"


@dataclass(frozen=True)
class Held:
    """So many records of one kind (e.g. 3 "action") in or left out of a document."""

    kind: str
    count: int

    @property
    def text(self) -> str:
        return _counted(self.count, self.kind)


@dataclass(frozen=True)
class Classification:
    """What a writer renders: the marking, the first-page notice, and the row label."""

    marking: str  # SENSITIVE, OFFICIAL, or "" for a public version
    held: tuple[Held, ...]  # restricted records in the document
    case_text: bool  # case-level text (audit reflections): sensitive by its nature
    public: bool
    left_out: tuple[Held, ...]  # what the public version leaves out
    left_out_detail: str  # e.g. "items 5 and 7": where the gaps are
    author: str

    @property
    def sensitive(self) -> bool:
        return self.marking == SENSITIVE

    @property
    def restricted_count(self) -> int:
        return sum(h.count for h in self.held)

    @property
    def notice(self) -> str:
        """The line on the first page (first sheet) saying what the document holds, or ''."""
        if self.public:
            if not self.left_out:
                return f"{PUBLIC_LABEL}: nothing in this document is restricted."
            where = f" ({self.left_out_detail})" if self.left_out_detail else ""
            return (
                f"{PUBLIC_LABEL}: restricted material is not published here: "
                f"{_joined([h.text for h in self.left_out])}{where}."
            )
        if not self.sensitive:
            return ""
        parts = []
        if self.held:
            parts.append(
                f"it holds restricted records ({_joined([h.text for h in self.held])}), "
                f"each marked “{RESTRICTED_LABEL}”"
            )
        if self.case_text:
            parts.append("it describes agencies' practice in individual (anonymised) cases")
        return f"{SENSITIVE}: {'; '.join(parts)}. Share it only with those entitled to see it."

    @property
    def keywords(self) -> tuple[str, ...]:
        return tuple(k for k in (self.marking, PUBLIC_LABEL.lower() if self.public else "") if k)

    def label(self, text: str, restricted: bool) -> str:
        return labelled(text, restricted)


def labelled(text: str, restricted: bool) -> str:
    """'Restricted: text' for a restricted row or item, the text itself otherwise."""
    return f"{RESTRICTED_LABEL}: {text}" if restricted else text


def classify(
    held: Iterable[tuple[str, int]] = (),
    *,
    author: str,
    case_text: bool = False,
    public: bool = False,
    left_out: Iterable[tuple[str, int]] = (),
    left_out_detail: str = "",
) -> Classification:
    """The classification of a document holding `held` restricted records ((kind, count)).

    `case_text`: the document holds case-level text (always sensitive). `public`: a public
    version, which must hold nothing restricted; `left_out` says what it leaves out.
    """
    kept = tuple(Held(kind, count) for kind, count in held if count)
    gone = tuple(Held(kind, count) for kind, count in left_out if count)
    if public and (kept or case_text):
        raise ValueError("a public version cannot hold restricted records or case text")
    if public:
        marking = ""
    elif kept or case_text:
        marking = SENSITIVE
    else:
        marking = OFFICIAL
    return Classification(marking, kept, case_text, public, gone, left_out_detail, author)


def author_name(principal: Principal, partnership: str) -> str:
    """Who a document names as its author: the signed-in user, else the partnership.

    A local database without sign-in runs as the operating-system login ("root", "jsmith"),
    which means nothing to a reader, so the partnership is named instead.
    """
    if principal.user_id is not None and principal.name.strip():
        return principal.name.strip()
    return partnership


def _counted(count: int, kind: str) -> str:
    if count == 1:
        return f"1 {kind}"
    plural = kind[:-1] + "ies" if kind.endswith("y") and kind[-2:-1] not in "aeiou" else kind + "s"
    return f"{count} {plural}"


def _joined(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
