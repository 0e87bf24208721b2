"""One repair to the structure tree Typst writes: a table's caption put back inside its table.

Typst tags a captioned table (`figure(table(...), caption: ...)`) as a Table whose first child
is its Caption, as PDF/UA asks, but only when the figure holds nothing but the table. When a
page break falls inside the figure and outside the table (the figure starts at the foot of one
page, or ends at the top of the next), that page's running header or footer, an artifact,
lands inside the figure, and Typst 0.14 falls back to `Div[Caption, Div[Table]]`: a screen
reader then meets the caption as loose text and the table without one (the header being
inside the figure is typst/typst#8703). Where a page break falls depends on the text, so any
document can meet it; this puts each such caption back as the first child of its table.
"""

from __future__ import annotations

import io
from typing import Any


def _kids(node: Any) -> list[Any]:
    import pikepdf  # noqa: PLC0415

    found = node.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def _role(node: Any) -> str:
    import pikepdf  # noqa: PLC0415

    return str(node.get("/S", "")) if isinstance(node, pikepdf.Dictionary) else ""


def _stray(node: Any) -> tuple[Any, Any] | None:
    """(caption, table) when `node` is Div[Caption, Div[Table]], as Typst leaves them."""
    if _role(node) != "/Div":
        return None
    kids = _kids(node)
    if len(kids) != 2 or _role(kids[0]) != "/Caption":
        return None
    inner = _kids(kids[1])
    if _role(kids[1]) != "/Div" or len(inner) != 1 or _role(inner[0]) != "/Table":
        return None
    return kids[0], inner[0]


def captions_into_tables(pdf_bytes: bytes) -> bytes:
    """The PDF with every table caption inside its table (the bytes as they were if all are)."""
    import pikepdf  # noqa: PLC0415  (only when a PDF is made)

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        moved = 0
        stack = [tree] if tree is not None else []
        while stack:
            node = stack.pop()
            kids = _kids(node) if isinstance(node, pikepdf.Dictionary) else []
            changed = False
            for index, kid in enumerate(kids):
                found = _stray(kid)
                if found is not None:
                    caption, table = found
                    table.K = pikepdf.Array([caption, *_kids(table)])
                    caption.P = table
                    table.P = node
                    kids[index] = table
                    changed = True
                if isinstance(kids[index], pikepdf.Dictionary):
                    stack.append(kids[index])
            if changed:
                node.K = pikepdf.Array(kids) if isinstance(node.K, pikepdf.Array) else kids[0]
                moved += 1
        if not moved:
            return pdf_bytes
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
