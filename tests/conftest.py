"""Shared fixtures: an isolated home folder, real SQLite files, a real PostgreSQL server, Qt offscreen.

Qt must be told to draw offscreen before it is imported anywhere (an empty QT_QPA_PLATFORM in
the environment aborted a run, so the value is forced, not defaulted).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="pb-test-home-"))
os.environ["PARTNERBOARD_HOME"] = str(_HOME)
os.environ.pop("PARTNERBOARD_DB", None)
# One day for the whole suite, in-process and in every command a test starts (tests/clock.py).
from tests.clock import TODAY  # noqa: E402

os.environ["PARTNERBOARD_TODAY"] = TODAY.isoformat()

import pytest  # noqa: E402

from partnerboard.db.database import Database  # noqa: E402
from partnerboard.db.schema import open_database  # noqa: E402
from partnerboard.services.demo import build_demo  # noqa: E402
from partnerboard.services.partnership import ensure_partnership  # noqa: E402
from tests.pdf_facts import PdfFacts, read_pdf  # noqa: E402,F401  (fixture for every test that reads a PDF)
from tests.pg_server import PostgresServer, start_server  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() == "true"
FIXTURES = Path(__file__).parent / "fixtures"


# ---------------------------------------------------------------- a skip is a failure in CI

_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if IN_CI and _skipped and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter) -> None:
    if IN_CI and _skipped:
        terminalreporter.write_line(
            f"CI=true: {len(_skipped)} skipped test(s) count as failures: "
            + ", ".join(_skipped[:10]),
            red=True,
        )


def need(condition: bool, reason: str) -> None:
    """Skip locally when a real part is missing; in CI the skip fails the run (see above)."""
    if not condition:
        pytest.skip(reason)


# ---------------------------------------------------------------- SQLite databases


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """An empty database at the newest schema, made once and copied per test (cheap)."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    db = open_database(str(path))
    ensure_partnership(db)
    db.close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, migrated_template) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copy(migrated_template, path)
    db = open_database(str(path))
    build_demo(db)
    db.close()
    return path


@pytest.fixture
def db_path(tmp_path, migrated_template) -> Path:
    path = tmp_path / "partnerboard.sqlite"
    shutil.copy(migrated_template, path)
    return path


@pytest.fixture
def db(db_path) -> Database:
    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture
def demo_db_path(tmp_path, demo_template) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_db_path) -> Database:
    database = open_database(str(demo_db_path))
    yield database
    database.close()


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_server() -> PostgresServer:
    try:
        server = start_server()
    except (FileNotFoundError, OSError) as error:
        pytest.skip(f"PostgreSQL is not installed here ({error})")
    except Exception as error:  # noqa: BLE001 - say why instead of erroring every test
        pytest.skip(f"PostgreSQL could not start: {error}")
    yield server
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def storage_target(request, tmp_path) -> str:
    """A fresh, empty database target on each backend (the storage tests run on both)."""
    if request.param == "sqlite":
        return str(tmp_path / "fresh.sqlite")
    server = request.getfixturevalue("pg_server")
    return server.new_database()
