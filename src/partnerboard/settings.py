"""Where partnerboard keeps its files, and the few settings that belong to one PC.

Settings that the whole team shares (the partnership's name, boards, terms) live in the
database. What lives here is local: which database to open, where backups go.

Environment overrides, for tests and for a portable build:
- ``PARTNERBOARD_HOME``: one folder holding data, config, logs and backups;
- ``PARTNERBOARD_DB``: the database to open (a SQLite path or a PostgreSQL URL).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from partnerboard import APP_NAME

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path

    @property
    def default_database(self) -> Path:
        return self.data / "partnerboard.sqlite"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.logs / "partnerboard.log"


def app_paths() -> AppPaths:
    home = os.environ.get("PARTNERBOARD_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        return AppPaths(data=root / "data", config=root / "config", logs=root / "logs")
    import platformdirs  # noqa: PLC0415  (cheap, but only needed here)

    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


@dataclass
class Settings:
    """Per-PC settings, saved as JSON in the user's config folder."""

    version: int = SETTINGS_VERSION
    # A SQLite path or a PostgreSQL URL; empty means the default file in the data folder.
    database: str = ""
    # How many automatic backups to keep per database.
    backups_to_keep: int = 10
    # Extra keys written by a newer version are kept so that saving does not drop them.
    extra: dict[str, object] = field(default_factory=dict)

    @classmethod
    def load(cls, paths: AppPaths | None = None) -> Settings:
        path = (paths or app_paths()).settings_file
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)} - {"extra"}
        settings = cls(**{k: v for k, v in raw.items() if k in known and k != "version"})
        settings.extra = {k: v for k, v in raw.items() if k not in known}
        return settings

    def save(self, paths: AppPaths | None = None) -> None:
        path = (paths or app_paths()).settings_file
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in asdict(self).items() if k != "extra"}
        data.update(self.extra)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        tmp.replace(path)


def database_target(explicit: str | None = None, settings: Settings | None = None) -> str:
    """The database to open: `--db`, then PARTNERBOARD_DB, then settings, then the default file."""
    for candidate in (
        explicit,
        os.environ.get("PARTNERBOARD_DB"),
        (settings or Settings.load()).database,
    ):
        if candidate:
            return candidate
    return str(app_paths().default_database)


def resources_dir() -> Path:
    """The shipped `resources/` folder, in a source checkout and in a frozen (PyInstaller) build."""
    override = os.environ.get("PARTNERBOARD_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
