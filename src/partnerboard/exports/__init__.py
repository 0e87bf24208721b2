"""Files for people outside the app: Excel for those who work in it (never read back: see
workbooks/) and Word for circulating drafts. What is published on a website (HTML and tagged
PDF) is `partnerboard.published`.

Each writer imports its library (python-docx, openpyxl) inside the function that needs it,
so that start-up stays fast. No Qt here. User text is made safe on the way out: `cells` for
spreadsheet cells, `text` for Word and HTML.
"""
