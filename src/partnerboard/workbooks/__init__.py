"""Workbooks: partner templates and returns, and registers exported to Excel.

Nothing here imports Qt; openpyxl is imported only inside the functions that write a workbook.
"""
