"""Registers written to files for people who work in Excel (never read back: see workbooks/)."""
