"""The page of every Word document the app writes (python-docx): A4, English (UK), the
partnership's properties, the marking in the header and footer with page X of Y, and tables that
print well (header row repeated, rows kept whole, no word split across lines).

python-docx starts every document from a template made on a Mac in 2013: its properties say
"python-docx", created 23/12/2013, "Microsoft Macintosh Word", the language en-US, and it
carries a blank thumbnail and a bibliography part. `new_document` removes or rewrites all of
it; `start_document` adds a board paper's header, footer and first-page notice from its
classification (`domain.marking`). Callers import python-docx only through these functions (it
is imported when first used).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from partnerboard.domain.marking import Classification
from partnerboard.exports.columns import fit_widths
from partnerboard.exports.text import plain

PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 20
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
FONT = "Arial"
INK = "0B0C0C"
ACCENT = "24466B"
HEADER_FILL = "DCE3EC"
CELL_MARGIN_TWIPS = 57  # 1 mm each side of a cell's text (`columns.CELL_PAD_MM` allows for it)
_LEFTOVER_PARTS = ("/docProps/thumbnail.jpeg", "/customXml/", "/word/stylesWithEffects.xml")
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>partnerboard</Application><DocSecurity>0</DocSecurity>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


@dataclass(frozen=True)
class DocumentProperties:
    title: str
    author: str  # the partnership, never the signed-in user's login
    subject: str
    keywords: str
    category: str
    status: str  # "Draft", "Final"
    identifier: str
    comments: str
    created: datetime  # UTC, from the database's clock


def new_document(properties: DocumentProperties) -> Any:
    """An empty A4 document in English (UK), Arial, with clean properties."""
    import docx  # noqa: PLC0415  (python-docx: only when a Word file is wanted)
    from docx.enum.text import WD_TAB_ALIGNMENT  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm, Pt, RGBColor  # noqa: PLC0415

    word = docx.Document()
    _drop_leftovers(word)
    _set_properties(word, properties)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 26), ("Subtitle", 14), ("Heading 1", 16), ("Heading 2", 13),
                       ("Heading 3", 11.5), ("Caption", 9.5)):  # fmt: skip
        style = styles[name]
        style.font.name, style.font.size = FONT, Pt(size)
        style.font.color.rgb = RGBColor.from_string(INK if name == "Caption" else ACCENT)
        style.font.italic = False
        _east_asian_font(style, FONT)
    styles["Caption"].font.bold = True
    styles["Caption"].paragraph_format.keep_with_next = True
    styles["Caption"].paragraph_format.space_before = Pt(6)
    _east_asian_font(normal, FONT)
    for name in ("Header", "Footer"):  # text on the left, a tab to the right edge
        style = styles[name]
        style.font.size = Pt(9)
        properties = style.element.get_or_add_pPr()
        for tabs in properties.findall(qn("w:tabs")):
            properties.remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    _english_uk(word)
    return word


def _drop_leftovers(word: Any) -> None:
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if not rel.is_external and str(rel.target_part.partname).startswith(_LEFTOVER_PARTS):
            package.rels.pop(rel_id)
    for rel_id, rel in list(word.part.rels.items()):
        if not rel.is_external and str(rel.target_part.partname).startswith(_LEFTOVER_PARTS):
            word.part.rels.pop(rel_id)


def _set_properties(word: Any, p: DocumentProperties) -> None:
    core = word.core_properties
    core.title, core.author, core.subject = p.title, p.author, p.subject
    core.keywords, core.category, core.content_status = p.keywords, p.category, p.status
    core.identifier, core.comments, core.language = p.identifier, p.comments, "en-GB"
    core.last_modified_by, core.revision = p.author, 1
    core.created = core.modified = p.created.replace(microsecond=0)
    for part in word.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.format(company=escape(p.author)).encode("utf-8")  # noqa: SLF001


def _english_uk(word: Any) -> None:
    """Every run defaults to English (UK), so Word and LibreOffice check British spelling."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    defaults = word.styles.element.find(qn("w:docDefaults"))
    for language in defaults.iter(qn("w:lang")):
        language.set(qn("w:val"), "en-GB")
        language.set(qn("w:eastAsia"), "en-GB")
    settings = word.settings.element
    for theme in settings.iter(qn("w:themeFontLang")):
        theme.set(qn("w:val"), "en-GB")
        theme.attrib.pop(qn("w:eastAsia"), None)


def _east_asian_font(style: Any, name: str) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415

    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def paragraph_style(
    word: Any,
    name: str,
    *,
    size: float = 11,
    italic: bool = False,
    bold: bool = False,
    colour: str = INK,
    fill: str | None = None,
    border: str | None = None,
) -> Any:
    """A paragraph style based on Normal; Enter at its end goes back to Normal."""
    from docx.enum.style import WD_STYLE_TYPE  # noqa: PLC0415
    from docx.shared import Pt, RGBColor  # noqa: PLC0415

    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.next_paragraph_style = word.styles["Normal"]
    style.quick_style = True
    style.font.size, style.font.italic, style.font.bold = Pt(size), italic, bold
    style.font.color.rgb = RGBColor.from_string(colour)
    properties = style.element.get_or_add_pPr()
    if border:
        borders = _element("w:pBdr")
        borders.append(_element("w:left", val="single", sz="24", space="6", color=border))
        properties.append(borders)
    if fill:
        properties.append(_element("w:shd", val="clear", color="auto", fill=fill))
    return style


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def bookmark(paragraph: Any, name: str, ident: int) -> None:
    """Name a paragraph (a heading) so that the file can be read back by where its parts are."""
    p = paragraph._p  # noqa: SLF001
    start = _element("w:bookmarkStart", id=str(ident), name=name)
    if p.pPr is not None:  # the paragraph's properties come first
        p.pPr.addnext(start)
    else:
        p.insert(0, start)
    p.append(_element("w:bookmarkEnd", id=str(ident)))


def page_x_of_y(paragraph: Any, prefix: str = "") -> None:
    def field(code: str) -> None:
        simple = _element("w:fldSimple", instr=code)
        run = _element("w:r")
        text = _element("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        paragraph._p.append(simple)  # noqa: SLF001

    paragraph.add_run(f"{prefix}Page ")
    field("PAGE")
    paragraph.add_run(" of ")
    field("NUMPAGES")


def add_table(
    word: Any,
    caption: str,
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    widths: tuple[int, ...],
    *,
    total: tuple[str, ...] | None = None,
    cell_style: str | None = None,
) -> Any:
    """A captioned table: header row repeated on every page, rows kept whole, columns set to
    `widths` (relative, scaled to the text width), the caption also given as the table's title
    for screen readers."""
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm  # noqa: PLC0415

    word.add_paragraph(caption, style="Caption")
    table = word.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    every = [header, *rows, *([total] if total else [])]
    columns = [Mm(w) for w in fit_widths(widths, every, TEXT_WIDTH_MM)]
    # In the order the schema wants (Word refuses a file whose table properties are out of
    # order): the layout is already there (autofit off), then cell margins, the look, the title.
    properties = table._tbl.tblPr  # noqa: SLF001
    margins = _element("w:tblCellMar")
    for side, twips in (
        ("top", 28),
        ("left", CELL_MARGIN_TWIPS),
        ("bottom", 28),
        ("right", CELL_MARGIN_TWIPS),
    ):
        margins.append(_element(f"w:{side}", w=str(twips), type="dxa"))
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)
    properties.append(_element("w:tblCaption", val=caption[:255]))
    for column, width in zip(table.columns, columns, strict=True):
        column.width = width
    lines = [(header, "header"), *((r, "row") for r in rows)]
    if total is not None:
        lines.append((total, "total"))
    for values, kind in lines:
        row = table.add_row()
        row_properties = row._tr.get_or_add_trPr()  # noqa: SLF001
        row_properties.append(_element("w:cantSplit"))
        if kind == "header":
            row_properties.append(_element("w:tblHeader"))
        for cell, value, width in zip(row.cells, values, columns, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            if cell_style:
                paragraph.style = cell_style
            run = paragraph.add_run(value)
            run.bold = kind != "row"
            if kind == "header":
                cell._tc.get_or_add_tcPr().append(  # noqa: SLF001
                    _element("w:shd", val="clear", color="auto", fill=HEADER_FILL)
                )
    return table


TABLE_POINTS = 9


def start_document(
    *,
    title: str,
    subject: str,
    partnership: str,
    classification: Classification,
    made_at: datetime,
    draft: bool = False,
) -> Any:
    """A new A4 board paper with its header, footer, properties and first-page notice set from
    its classification; add the content, then save."""
    marking = classification.marking
    word = new_document(
        DocumentProperties(
            title=plain(title),
            author=plain(classification.author),
            subject=plain(subject),
            keywords=", ".join(classification.keywords),
            category=marking or "Public version",
            status="Draft" if draft else "Final",
            identifier="",
            comments="",
            created=made_at.replace(tzinfo=None),
        )
    )
    section = word.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = 1  # centred
    if marking:
        header.add_run(marking).bold = True
        header.add_run("\n")
    header.add_run(plain(partnership) + ("   DRAFT" if draft else ""))
    footer = section.footer.paragraphs[0]
    footer.alignment = 1
    footer.add_run(plain(title) + "\n")
    if marking:
        footer.add_run(marking + "   ").bold = True
    page_x_of_y(footer)
    if classification.notice:
        notice(word, classification.notice)
    return word


def notice(word: Any, text: str) -> None:
    """The first-page line saying what the document holds ("OFFICIAL-SENSITIVE: …"), boxed."""
    label, _, rest = text.partition(": ")
    paragraph = word.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(rest)
    _boxed(paragraph)


def table(
    word: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    weights: Sequence[float],
    *,
    header_row: bool = True,
) -> None:
    """A table over the text width in 9 pt type, its columns in proportion to `weights` (as
    the PDF's) and none narrower than its longest word (`exports.columns.fit_widths`, as
    `add_table` and the published PDFs)."""
    from docx.shared import Mm, Pt  # noqa: PLC0415

    texts = [[plain(value) for value in values] for values in rows]
    widths = [Mm(w) for w in fit_widths(weights, [list(header), *texts], TEXT_WIDTH_MM)]
    grid = word.add_table(rows=0, cols=len(header))
    grid.style = "Table Grid"
    grid.autofit = False
    size = Pt(TABLE_POINTS)
    if header_row:
        cells = grid.add_row().cells
        for cell, title in zip(cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(title)
            run.bold, run.font.size = True, size
        grid.rows[0]._tr.get_or_add_trPr().append(_element("w:tblHeader"))  # noqa: SLF001
    for values in texts:
        cells = grid.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            lines = text.split("\n")
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            for number, line in enumerate(lines):
                run = paragraph.add_run(line)
                run.font.size = size
                if number < len(lines) - 1:
                    run.add_break()
    for row in grid.rows:
        # a row is never broken across two pages
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))  # noqa: SLF001
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    word.add_paragraph()


def _boxed(paragraph: Any) -> None:
    borders = _element("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_element(f"w:{side}", val="single", sz="8", space="4", color=INK))
    paragraph._p.get_or_add_pPr().append(borders)  # noqa: SLF001
