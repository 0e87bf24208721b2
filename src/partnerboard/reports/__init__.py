"""PDF board papers on reportlab: the shared layout, then one module per report.

reportlab costs 0.15–0.26 s to import, so nothing on the start-up path imports this package:
the GUI and the command line import a report module inside the function that builds the PDF.
No Qt here.

- `fonts`: the embedded DejaVu family (every font in every page is embedded);
- `text`: `para()` and friends, which escape user text before reportlab parses it as markup;
- `styles`: paragraph and table styles;
- `layout`: `ReportInfo` and `build_pdf()` (A4, header, footer with page X of Y, DRAFT mark,
  metadata, bookmarks) and `heading()`;
- `blocks`: data tables, key facts, signature blocks, RAG badges;
- `charts`: RAG and grade charts drawn with reportlab.graphics;
- `sample`: a three-page sample paper used by the tests and `tools/render_samples.py`.
"""
