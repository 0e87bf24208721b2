"""Workbooks: partner templates and the returns read back (registers exported to Excel, never
read back, are `partnerboard.exports`).

Each kind of partner workbook is a package, `workbooks/KIND/` (`section11`, `ma_audit`,
`action_update`, `dataset`), with `layout` (sheets, columns, metadata keys), `template` (writing
it) and `importer` (reading a returned one). They are built on `partnerboard.spreadsheets` (the
guard, the bounded calamine reader and safe cell values, shared with the services that read a
user's own spreadsheet) and on:

- `conventions`: how templates are written with openpyxl (instructions sheet, protected input
  sheets, drop-down lists from a hidden lists sheet, date validation, input help);
- `metadata`: the very hidden metadata sheet and its check value (an HMAC with the
  partnership's template key), which tells a genuine template from a copy or another
  partnership's;
- `importer`: the registry of workbook kinds and `import_paths`, which validates each file whole
  and writes it in one transaction;
- `error_list`: the workbook of errors to send back to a partner.

Nothing here imports Qt; openpyxl is imported only inside the functions that write a workbook.
"""
