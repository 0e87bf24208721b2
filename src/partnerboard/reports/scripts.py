"""People's names in other scripts, printed right: Arabic and Hebrew shaped and ordered, emoji
replaced by their names.

reportlab draws the characters of a string left to right, one glyph each. Arabic letters then
come out unjoined and in reverse order, Hebrew in reverse order, and emoji (which DejaVu Sans
does not have) as empty boxes. `for_display` turns text in logical order (as typed and stored)
into the string to draw:

- Arabic letters become their joined forms (initial, medial, final, lam-alef ligatures: the
  Arabic Presentation Forms DejaVu Sans carries), by `arabic_reshaper`;
- each right-to-left run is put in visual order by the Unicode bidirectional algorithm
  (`python-bidi`), in a left-to-right paragraph, brackets mirrored and numbers kept;
- a right-to-left run of up to `_KEEP_RUN` characters (a name, a title) is bound with no-break
  spaces, so that a line break can never put its second word above its first;
- an emoji the font cannot draw becomes its name in brackets ("[thumbs up sign]"); joiners,
  variation selectors and skin-tone modifiers are dropped.

Only what is drawn changes: PDF metadata (title, author) keeps the logical text. Text without
such characters is returned as it is, at the cost of one regular-expression search.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Hebrew, Arabic, Syriac, Thaana, NKo … and the Hebrew and Arabic presentation forms.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# Pictographs and dingbats that may be emoji, plus the invisible parts of emoji sequences.
_EMOJI = "\u2190-\u2bff\u200d\ufe0e\ufe0f\U0001f000-\U0001faff"
_SPECIAL = re.compile(f"[{_RTL}{_EMOJI}]")
_HAS_RTL = re.compile(f"[{_RTL}]")
# A run of right-to-left words, with the spaces and neutral marks between them.
_RTL_RUN = re.compile(f"[^\\s]*[{_RTL}][^\\s]*(?:[ \u00a0]+[^\\s]*[{_RTL}][^\\s]*)*")
_DROPPED = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
_PICTOGRAPH = re.compile("[\u2190-\u2bff\U0001f000-\U0001faff]")
_KEEP_RUN = 60


def for_display(text: str, covered: frozenset[int] | None = None) -> str:
    """`text` (logical order, one or more lines) as it must be drawn; see the module doc.

    `covered`: the code points the font draws (default: the body font's).
    """
    if not _SPECIAL.search(text):
        return text
    text = _replace_emoji(text, covered if covered is not None else body_font_characters())
    if _HAS_RTL.search(text):
        text = "\n".join(_visual_line(line) for line in text.split("\n"))
    return text


def _replace_emoji(text: str, covered: frozenset[int]) -> str:
    def name(match: re.Match[str]) -> str:
        character = match.group(0)
        if ord(character) in covered:
            return character
        described = unicodedata.name(character, "").lower()
        return f"[{described}]" if described else ""

    return _PICTOGRAPH.sub(name, _DROPPED.sub("", text))


def _visual_line(line: str) -> str:
    import arabic_reshaper  # noqa: PLC0415  (only for text in right-to-left scripts)
    from bidi import get_display  # noqa: PLC0415

    if not _HAS_RTL.search(line):
        return line

    def bind(match: re.Match[str]) -> str:
        run = match.group(0)
        return run.replace(" ", "\u00a0") if len(run) <= _KEEP_RUN else run

    bound = _RTL_RUN.sub(bind, line)
    return get_display(arabic_reshaper.reshape(bound), base_dir="L")


@cache
def body_font_characters() -> frozenset[int]:
    """The code points the body font (DejaVu Sans) can draw."""
    from reportlab.pdfbase.pdfmetrics import getFont  # noqa: PLC0415

    from partnerboard.reports import fonts  # noqa: PLC0415

    fonts.register_fonts()
    return frozenset(getFont(fonts.BODY).face.charToGlyph)
