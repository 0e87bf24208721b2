"""The dataset return workbook (kind "dataset"): `layout` (where things are), `template` (writing
it), `importer` (reading a returned one)."""
