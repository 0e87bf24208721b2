"""The action update workbook (kind "action-update"): `layout` (where things are), `template`
(writing it), `importer` (reading a returned one)."""
