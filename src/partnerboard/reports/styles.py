"""Paragraph and table styles of every board paper, in the embedded DejaVu family."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from partnerboard.domain import palette
from partnerboard.reports import fonts

TEXT = colors.HexColor(palette.TEXT)
MUTED = colors.HexColor(palette.MUTED_TEXT)
RULE = colors.HexColor(palette.RULE)


@dataclass(frozen=True)
class ReportStyles:
    """The named paragraph styles; headings keep with the paragraph that follows them."""

    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    caption: ParagraphStyle
    badge: ParagraphStyle

    def heading(self, level: int) -> ParagraphStyle:
        """The style of a heading of `level` 1–3 (deeper levels use h3)."""
        return (self.h1, self.h2, self.h3)[max(1, min(level, 3)) - 1]


@cache
def report_styles() -> ReportStyles:
    """The shared styles (built once; treat them as read-only, derive with `ParagraphStyle(parent=...)`)."""
    fonts.register_fonts()
    # No widows or orphans: a paragraph never leaves a single line at a page foot or head.
    body = ParagraphStyle(
        "Body",
        fontName=fonts.BODY,
        fontSize=10,
        leading=13.5,
        textColor=TEXT,
        spaceAfter=6,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **changes)

    # Headings keep with the start of what follows (`flow.KeepWithStart`).
    heading = {"fontName": fonts.BOLD, "keepWithNext": 1, "textColor": TEXT}
    return ReportStyles(
        body=body,
        small=derive("Small", fontSize=8.5, leading=11),
        muted=derive("Muted", fontSize=8.5, leading=11, textColor=MUTED),
        title=derive("Title", fontName=fonts.BOLD, fontSize=18, leading=22, spaceAfter=4),
        subtitle=derive("Subtitle", fontSize=11, leading=14, textColor=MUTED, spaceAfter=10),
        h1=derive("Heading1", fontSize=14, leading=18, spaceBefore=12, spaceAfter=6, **heading),
        h2=derive("Heading2", fontSize=12, leading=15, spaceBefore=10, spaceAfter=4, **heading),
        h3=derive("Heading3", fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3, **heading),
        cell=derive("Cell", fontSize=8.5, leading=10.5, spaceAfter=0),
        cell_header=derive(
            "CellHeader",
            fontName=fonts.BOLD,
            fontSize=8.5,
            leading=10.5,
            spaceAfter=0,
            textColor=colors.HexColor(palette.WHITE),
        ),
        caption=derive(
            "Caption",
            fontName=fonts.ITALIC,
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
            spaceBefore=3,
        ),
        badge=derive(
            "Badge", fontName=fonts.BOLD, fontSize=8, leading=10, alignment=TA_CENTER, spaceAfter=0
        ),
    )


def data_table_style() -> TableStyle:
    """Grid, a dark header row (repeated on every page by the table) and striped body rows."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(palette.HEADER_FILL)),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.HexColor(palette.WHITE)),
            (
                "ROWBACKGROUNDS",
                (0, 1),
                (-1, -1),
                [colors.HexColor(palette.WHITE), colors.HexColor(palette.STRIPE_FILL)],
            ),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )


def facts_table_style() -> TableStyle:
    """Label / value pairs without a grid, labels in bold (used at the top of papers)."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
    )
