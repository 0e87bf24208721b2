"""Alembic environment: runs on the connection partnerboard hands over (see db/migrate.py).

For developers generating a new migration, a URL can be given instead:
    alembic -c src/partnerboard/db/migrations/alembic.ini -x url=sqlite:///dev.sqlite revision --autogenerate -m what
"""

from alembic import context
from sqlalchemy import create_engine

from partnerboard.db.models import Base

config = context.config


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("give the database with -x url=...")
    with create_engine(url).connect() as dev_connection:
        run(dev_connection)
        dev_connection.commit()
