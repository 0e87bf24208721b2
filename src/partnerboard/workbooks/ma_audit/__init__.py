"""The multi-agency audit return workbook (kind "ma_audit"): `layout` (where things are),
`template` (writing it), `importer` (reading a returned one)."""
