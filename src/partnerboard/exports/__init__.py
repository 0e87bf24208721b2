"""Files for people outside the app: Word for circulation, HTML for publishing, Excel for reports.

Each writer imports its library (python-docx, openpyxl) inside the function that needs it,
so that start-up stays fast. No Qt here. User text is cleaned on the way out (`text`).
"""
