"""Files for people outside the app: Excel for those who work in it (never read back: partner
workbooks that come back are `workbooks/`) and Word for circulating drafts. What is published on
a website (HTML and tagged PDF) is `partnerboard.published`.

Every Excel export is here, one module per register, named `REGISTER_xlsx.py` (Section 11,
audits, thresholds, escalations, dataset, attendance, training, the audit trail) or by register
(`actions`, `reviews`); they share `xlsx` (styled header, widths, the About sheet, saving) and
write cells with `spreadsheets.cells.put` in the formats of `spreadsheets.formats`. Word files
are `*_docx.py`, on `word`.

Each writer imports its library (python-docx, openpyxl) inside the function that needs it,
so that start-up stays fast. No Qt here. User text is made safe on the way out:
`spreadsheets.cells` for spreadsheet cells, `text` for Word and HTML.
"""
