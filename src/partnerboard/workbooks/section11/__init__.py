"""The Section 11 return workbook (kind "s11"): `layout` (where things are), `template` (writing it),
`importer` (reading a returned one)."""
