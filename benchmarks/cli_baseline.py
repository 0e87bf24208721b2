"""The command line's baseline: the least a Python + SQLAlchemy command does to answer.

    python benchmarks/cli_baseline.py DATABASE

Imports `sqlalchemy.orm`, opens the database, runs one query through an ORM session, prints
its answer and exits: what `partnerboard list boards` could not do with less.
"""

import sys

import sqlalchemy.orm
from sqlalchemy import create_engine, text


def main() -> None:
    engine = create_engine(f"sqlite:///{sys.argv[1]}")
    with sqlalchemy.orm.Session(engine) as session:
        print(session.execute(text("SELECT count(*) FROM board")).scalar_one())
    engine.dispose()


if __name__ == "__main__":
    main()
