"""Reading and writing any spreadsheet safely: below services, workbooks and exports.

- `safety`: a guard run on the raw file *before* any parser sees it (size, zip structure,
  zip bombs, macros, external links, wrong formats), with plain-English refusals;
- `reader`: reads a guarded file with python-calamine within row/column bounds, and finds the
  cells that hold formulas (their cached values are never trusted);
- `cells`: values into cells safely (formula injection, illegal characters) and out of cells
  as the text or date a field expects.

Partners' returns (`workbooks`) and a user's own action log, dataset or booking export
(`services.actions.plan_reading` and the imports built on it) are read through the same guard.
No database, no Qt; openpyxl only inside the functions that write.
"""
