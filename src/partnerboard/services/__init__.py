"""One module per register: plain functions over a `Database`, returning plain row objects.

Services open one short session per unit of work, validate with the rules in `domain/`,
and never hand live ORM objects to callers (the GUI, the command line, the importer).
"""
