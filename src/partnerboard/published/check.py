"""Is this PDF tagged for everyone? A check an officer (and the tests) can run on a PDF.

    report = check_pdf(Path("Executive-2026-08-11-minutes.pdf"))
    report.ok, report.problems, report.headings

Read with pikepdf, it checks what a screen reader relies on: a structure tree, MarkInfo
Marked true, the language (en-GB), a title the viewer shows, one H1 and no skipped heading
level, every heading with text, every table with header cells (TH), every figure with
alternative text, and the running header and footer of every page marked as artifacts; then
it runs the `pdfua` checker (the machine-checkable part of PDF/UA-1) and counts its findings
as problems. A rule `pdfua` could not evaluate is listed, not hidden.

This is not a certificate of PDF/UA conformance (nothing offline is); it catches the faults
that make a published PDF unreadable to assistive technology.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnerboard.errors import UserError

LANGUAGE = "en-GB"
# Rules of the `pdfua` checker that this module checks itself, should `pdfua` fail to evaluate
# them (pdfua 0.1.3 raises on UA-14-001 for any heading whose /K is an array).
CHECKED_HERE = {"UA-14-001": "every heading has text"}
_HEADING = re.compile(r"^H([1-6])$")


@dataclass(frozen=True)
class TagReport:
    path: Path
    pages: int = 0
    tagged: bool = False  # a structure tree and MarkInfo Marked true
    language: str = ""
    title: str = ""
    shows_title: bool = False  # ViewerPreferences DisplayDocTitle
    headings: tuple[tuple[int, str], ...] = ()  # (level, text where the PDF gives it), in order
    tables: int = 0
    tables_with_headers: int = 0
    figures: int = 0
    figures_with_alt: int = 0
    alt_texts: tuple[str, ...] = ()
    pages_with_header_artifact: int = 0
    pages_with_footer_artifact: int = 0
    roles: tuple[str, ...] = ()  # every structure role, standard names, in document order
    pdfua_findings: tuple[str, ...] = ()
    pdfua_not_evaluated: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


def _name(value: Any) -> str:
    return str(value)[1:] if value is not None and str(value).startswith("/") else ""


def _marks_content(node: Any, pikepdf: Any, depth: int = 0) -> bool:
    """True when a structure element reaches at least one piece of page content."""
    if depth > 50:
        return False
    if isinstance(node, int) and not isinstance(node, bool):
        return True
    if isinstance(node, pikepdf.Array):
        return any(_marks_content(kid, pikepdf, depth + 1) for kid in node)
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/Type") in (pikepdf.Name.MCR, pikepdf.Name.OBJR):
            return True
        return "/K" in node and _marks_content(node.K, pikepdf, depth + 1)
    return False


class _Walk:
    """The structure tree in document order, with custom roles mapped to standard ones."""

    def __init__(self, pikepdf: Any, root: Any) -> None:
        self.pikepdf = pikepdf
        role_map = root.get("/RoleMap")
        self.role_map = {str(k): str(v) for k, v in role_map.items()} if role_map else {}
        self.elements: list[tuple[str, Any]] = []
        if "/K" in root:
            self._visit(root.K, 0)

    def role(self, node: Any) -> str:
        role, seen = str(node.get("/S")), set()
        while role in self.role_map and role not in seen:
            seen.add(role)
            role = self.role_map[role]
        return _name(role)

    def _visit(self, node: Any, depth: int) -> None:
        if depth > 200:
            return
        if isinstance(node, self.pikepdf.Array):
            for kid in node:
                self._visit(kid, depth + 1)
        elif isinstance(node, self.pikepdf.Dictionary) and "/S" in node:
            self.elements.append((self.role(node), node))
            if "/K" in node:
                self._visit(node.K, depth + 1)

    def descendants(self, node: Any) -> list[str]:
        found: list[str] = []
        stack = [node.get("/K")]
        while stack:
            item = stack.pop()
            if isinstance(item, self.pikepdf.Array):
                stack.extend(item)
            elif isinstance(item, self.pikepdf.Dictionary) and "/S" in item:
                found.append(self.role(item))
                stack.append(item.get("/K"))
        return found


def _artifacts(pikepdf: Any, pdf: Any) -> tuple[int, int]:
    """Pages whose content has a header artifact, and a footer artifact (Pagination)."""
    headers = footers = 0
    for page in pdf.pages:
        subtypes = set()
        for operands, operator in pikepdf.parse_content_stream(page, "BDC"):
            if str(operator) == "BDC" and str(operands[0]) == "/Artifact":
                properties = operands[1] if len(operands) > 1 else None
                if isinstance(properties, pikepdf.Dictionary):
                    subtypes.add(str(properties.get("/Subtype", "")))
        headers += "/Header" in subtypes
        footers += "/Footer" in subtypes
    return headers, footers


def _pdfua(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from pdfua import Severity, validate  # noqa: PLC0415  (pikepdf: only when checking)

    report = validate(str(path))
    findings = tuple(
        f"{f.rule_id}: {f.message} ({f.location.describe()})"
        for f in report.findings
        if f.severity >= Severity.WARNING
    )
    skipped = tuple(f"{o.rule_id}: {o.skipped_reason}" for o in report.outcomes if o.skipped_reason)
    return findings, skipped


def _facts(path: Path) -> dict[str, Any]:
    import pikepdf  # noqa: PLC0415  (qpdf: only when checking)

    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, ValueError):
        raise UserError(f"{path.name} is not a PDF that can be read.") from None
    with pdf:
        root = pdf.Root
        tree = root.get("/StructTreeRoot")
        mark = root.get("/MarkInfo")
        prefs = root.get("/ViewerPreferences")
        title = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo else ""
        facts: dict[str, Any] = {
            "pages": len(pdf.pages),
            "tagged": tree is not None and bool(mark is not None and mark.get("/Marked")),
            "language": str(root.get("/Lang", "")),
            "title": title,
            "shows_title": bool(prefs is not None and prefs.get("/DisplayDocTitle")),
        }
        headers, footers = _artifacts(pikepdf, pdf)
        facts["pages_with_header_artifact"] = headers
        facts["pages_with_footer_artifact"] = footers
        if tree is None:
            return facts
        walk = _Walk(pikepdf, tree)
        headings, empty, tables, with_th, figures, alts = [], [], 0, 0, 0, []
        for role, node in walk.elements:
            if match := _HEADING.match(role):
                headings.append((int(match.group(1)), str(node.get("/T", ""))))
                if not _marks_content(node.get("/K"), pikepdf):
                    empty.append(role)
            elif role == "Table":
                tables += 1
                with_th += "TH" in walk.descendants(node)
            elif role == "Figure":
                figures += 1
                alt = str(node.get("/Alt", "")).strip()
                if alt:
                    alts.append(alt)
        facts.update(
            headings=tuple(headings),
            empty_headings=tuple(empty),
            tables=tables,
            tables_with_headers=with_th,
            figures=figures,
            figures_with_alt=len(alts),
            alt_texts=tuple(alts),
            roles=tuple(role for role, _node in walk.elements),
        )
        return facts


def _problems(facts: dict[str, Any]) -> list[str]:
    problems = []
    if not facts["tagged"]:
        problems.append("The PDF is not tagged (no structure tree, or MarkInfo not Marked).")
    if facts["language"] != LANGUAGE:
        problems.append(f"The document language is “{facts['language']}”, not {LANGUAGE}.")
    if not facts["title"].strip():
        problems.append("The PDF has no title.")
    if not facts["shows_title"]:
        problems.append("The viewer is not asked to show the title (DisplayDocTitle).")
    levels = [level for level, _text in facts.get("headings", ())]
    if facts["tagged"] and (not levels or levels[0] != 1 or levels.count(1) != 1):
        problems.append("The document does not start with one H1 heading (its title).")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            problems.append(f"A heading skips from H{before} to H{after}.")
            break
    if facts.get("empty_headings"):
        problems.append(f"{len(facts['empty_headings'])} heading(s) have no text.")
    if facts.get("tables", 0) > facts.get("tables_with_headers", 0):
        problems.append("A table has no header cells (TH).")
    if facts.get("figures", 0) > facts.get("figures_with_alt", 0):
        problems.append("A figure has no alternative text.")
    pages = facts["pages"]
    if facts["pages_with_header_artifact"] < pages or facts["pages_with_footer_artifact"] < pages:
        problems.append("The running header or footer is not marked as an artifact on every page.")
    return problems


def check_pdf(path: str | os.PathLike[str]) -> TagReport:
    """Check one PDF; a file that is missing or not a PDF raises UserError."""
    target = Path(path)
    if not target.is_file():
        raise UserError(f"There is no file {target}.")
    facts = _facts(target)
    problems = _problems(facts)
    findings, skipped = _pdfua(target) if facts["tagged"] else ((), ())
    problems += [f"PDF/UA check {finding}" for finding in findings]
    facts.pop("empty_headings", None)
    return TagReport(
        path=target,
        pdfua_findings=findings,
        pdfua_not_evaluated=skipped,
        problems=tuple(problems),
        **facts,
    )
