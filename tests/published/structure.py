"""Read what a screen reader gets from a PDF (pikepdf) and from an HTML page (html.parser).

Written for the tests, apart from the app's own checker (`published.check`), so that the
checker is not the only witness of its own claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pikepdf


@dataclass
class PdfStructure:
    title: str
    language: str
    marked: bool
    has_tree: bool
    shows_title: bool
    xmp: str
    creation_date: str
    pages: int
    # (standard role, /T or /Alt, the roles of everything inside it) in document order
    elements: list[tuple[str, str, list[str]]] = field(default_factory=list)
    # per page: the subtypes of its /Artifact marked content ("/Header", "/Footer" …)
    artifacts: list[set[str]] = field(default_factory=list)

    def roles(self) -> list[str]:
        return [role for role, _, _ in self.elements]

    def headings(self) -> list[tuple[int, str]]:
        return [(int(r[1]), t) for r, t, _ in self.elements if len(r) == 2 and r[0] == "H"]


def made_on(creation_date: str) -> date:
    """The day in a PDF date ("D:20261123120000+00'00'")."""
    return datetime.strptime(creation_date[2:10], "%Y%m%d").date()


def _inside(node: pikepdf.Dictionary, role_map: dict[str, str]) -> list[str]:
    found, stack = [], [node.get("/K")]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Array):
            stack.extend(item)
        elif isinstance(item, pikepdf.Dictionary) and "/S" in item:
            found.append(_role(item, role_map))
            stack.append(item.get("/K"))
    return found


def _role(node: pikepdf.Dictionary, role_map: dict[str, str]) -> str:
    role = str(node.S)
    return role_map.get(role, role)[1:]


def read_structure(path: Path) -> PdfStructure:
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        tree = root.get("/StructTreeRoot")
        role_map = {str(k): str(v) for k, v in (tree.get("/RoleMap") or {}).items()} if tree else {}
        prefs = root.get("/ViewerPreferences")
        metadata = root.get("/Metadata")
        found = PdfStructure(
            title=str(pdf.docinfo.get("/Title", "")),
            language=str(root.get("/Lang", "")),
            marked=bool(root.get("/MarkInfo") and root.MarkInfo.get("/Marked")),
            has_tree=tree is not None,
            shows_title=bool(prefs and prefs.get("/DisplayDocTitle")),
            xmp=metadata.read_bytes().decode("utf-8", "replace") if metadata is not None else "",
            creation_date=str(pdf.docinfo.get("/CreationDate", "")),
            pages=len(pdf.pages),
        )

        def visit(node) -> None:
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    visit(kid)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                label = str(node.get("/T", node.get("/Alt", "")))
                found.elements.append((_role(node, role_map), label, _inside(node, role_map)))
                if "/K" in node:
                    visit(node.K)

        if tree is not None and "/K" in tree:
            visit(tree.K)
        for page in pdf.pages:
            subtypes = set()
            for operands, _operator in pikepdf.parse_content_stream(page, "BDC"):
                if str(operands[0]) == "/Artifact" and isinstance(operands[1], pikepdf.Dictionary):
                    subtypes.add(str(operands[1].get("/Subtype", operands[1].get("/Type"))))
            found.artifacts.append(subtypes)
        return found


class HtmlStructure(HTMLParser):
    """Headings, tables, images and text of a page, as a screen reader meets them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.headings: list[tuple[int, str]] = []
        self.tables: list[dict[str, object]] = []
        self.images: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((int(tag[1]), ""))
        if tag == "table":
            self.tables.append({"class": attributes.get("class"), "caption": "", "th": []})
        if tag == "th" and self.tables:
            self.tables[-1]["th"].append(attributes.get("scope"))  # type: ignore[union-attr]
        if tag == "img":
            self.images.append(attributes)
        if tag not in ("br", "img", "meta"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        elif self._in and self._in[-1] in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level, words = self.headings[-1]
            self.headings[-1] = (level, words + data)
        elif "caption" in self._in and self.tables:
            self.tables[-1]["caption"] = str(self.tables[-1]["caption"]) + data
        if "style" not in self._in:
            self.text.append(data)
