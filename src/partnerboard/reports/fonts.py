"""The DejaVu Sans family, registered once and embedded in every PDF.

reportlab's built-in Helvetica is never embedded and covers Latin-1 only, so every style,
chart label and canvas call here uses these names. The canvas must also be created with
`initialFontName=BODY` (`layout.build_pdf` does it), or each page's preamble references a
non-embedded Helvetica.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from partnerboard.settings import resource

FAMILY = "DejaVuSans"
BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    BODY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the family with reportlab; idempotent and thread-safe (reports run off the GUI thread)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
        # Lets <b> and <i> inside a Paragraph pick the right face, whichever face a style starts
        # from (reportlab maps each face back to the family and re-applies bold and italic).
        pdfmetrics.registerFontFamily(
            FAMILY, normal=BODY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
