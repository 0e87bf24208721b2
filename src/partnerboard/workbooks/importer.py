"""Importing returned workbooks: each file recognised, validated whole, written whole or not at all.

`import_paths(db, paths)` takes files and folders. For each file it

1. guards and opens it (`safety`, `reader`): wrong formats and hostile files are refused here;
2. reads the metadata sheet and verifies its check value against the partnership's template
   key (`metadata`), then looks up the workbook *kind* it names in the registry;
3. asks the kind to `extract` every value and check every rule (including against the
   database: round or audit, agency, scope) *without writing anything*; any error rejects the
   file, and all its errors are reported, each with sheet, cell and a plain message;
4. asks the kind to `store` the values, whole or not at all (a savepoint of a transaction that
   up to `BATCH_FILES` files share). A kind compares a hash of the extracted values (not of
   the file bytes: a LibreOffice re-save changes bytes, not values) with the current
   submission and reports `unchanged` when they are the same. Only those who may import
   (`Permission.IMPORT_RETURNS`); each stored file is in the audit trail with who imported it.

Kinds register themselves through `KIND_MODULES` (one module per kind, each declared in its
register's manifest, `partnerboard.registers`); each module calls `register_kind` when imported,
which happens when a file names its kind (`kind_named`): an import loads the kinds it meets.

The job is plain Python: `progress(done, total, what)` is called between files and `cancel`
(anything with a `cancelled` attribute, e.g. `partnerboard.jobs.CancelToken`) is checked
between files. A cancelled import keeps the files it already stored and lists the rest as
not processed.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Protocol

from partnerboard.db.audit_trail import queue_entries
from partnerboard.db.database import BoardSession, Database
from partnerboard.domain.access import Permission
from partnerboard.domain.choices import Choice
from partnerboard.domain.safe_text import partner_file_name
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.gc_policy import fewer_collections
from partnerboard.registers import kind_modules
from partnerboard.spreadsheets.reader import Workbook, read_workbook
from partnerboard.spreadsheets.safety import DEFAULT_LIMITS, Limits
from partnerboard.workbooks.metadata import Metadata, read_metadata, verify

log = logging.getLogger(__name__)

KIND_MODULES = kind_modules()
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"}
MAX_FILES = 2000
BATCH_FILES = 20  # files written in one transaction, each in its own savepoint (`_Writes`)

Progress = Callable[[int, int, str], None]


class CancelFlag(Protocol):
    @property
    def cancelled(self) -> bool: ...


class FileStatus(Choice):
    IMPORTED = "imported", "Imported"
    UNCHANGED = "unchanged", "Unchanged"
    REJECTED = "rejected", "Rejected"


@dataclass(frozen=True)
class CellError:
    """One problem in a returned workbook: where (sheet and cell, either may be blank) and what."""

    sheet: str
    cell: str
    message: str

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell or "file"

    def as_field_error(self) -> FieldError:
        return FieldError(self.where if self.sheet or self.cell else "", self.message)


@dataclass
class Extraction:
    """What a kind read from one file: its values (to hash and store) and every error found."""

    agency: str | None = None
    context: str | None = None  # e.g. "Section 11 round 2026"
    records: int = 0
    errors: list[CellError] = field(default_factory=list)
    # What was read but not imported, without rejecting the file (e.g. a row a partner
    # inserted after unprotecting the sheet): said in the result, never dropped silently.
    warnings: list[CellError] = field(default_factory=list)
    values: Any = None  # JSON-able, canonical: what the content hash is computed over
    payload: Any = None  # the kind's own typed data for `store`

    @cached_property
    def content_hash(self) -> str:
        text = json.dumps(self.values, sort_keys=True, default=str, ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class ImportRun:
    """One `import_paths` call, as a kind sees it: the database, and a memo for lookups that
    every file of the run repeats (a round, its framework), so that 60 returns of one round
    read the round once. Nothing in the memo may be changed by the run's own writes."""

    db: Database
    memo: dict[Any, Any] = field(default_factory=dict)

    def remember(self, key: Any, make: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]


class _Writes:
    """The run's writes: each file in a savepoint of a transaction shared by up to
    `BATCH_FILES` files, so a file is still stored whole or not at all, while the transaction's
    own costs (its begin and commit, the audit trail's lock, entries and anchor) are paid once
    for the batch, not for every file. Committed when the batch is full, at the end, and
    before stopping when the run is cancelled (the files done so far are kept)."""

    def __init__(self, db: Database):
        self.db = db
        self._stack: ExitStack | None = None
        self._session: BoardSession | None = None
        self._files = 0

    @contextmanager
    def for_file(self) -> Iterator[BoardSession]:
        if self._session is None:
            self._stack = ExitStack()
            self._session = self._stack.enter_context(self.db.session())
        with self._session.begin_nested():
            yield self._session
        self._files += 1
        if self._files >= BATCH_FILES:
            self.commit()

    def commit(self) -> None:
        stack, self._stack, self._session, self._files = self._stack, None, None, 0
        if stack is not None:
            stack.close()

    def abandon(self) -> None:
        """A bug stopped the run: nothing of the open batch is kept."""
        stack, self._stack, self._session, self._files = self._stack, None, None, 0
        if stack is not None:
            stack.__exit__(RuntimeError, RuntimeError("import abandoned"), None)


@dataclass(frozen=True)
class SourceFile:
    path: Path
    received_at: datetime
    metadata: Metadata

    @cached_property
    def file_name(self) -> str:
        """The partner's file name as stored: made safe (see `domain.safe_text`)."""
        return partner_file_name(self.path.name)


class WorkbookKind(ABC):
    """A kind of partner workbook: how to read and check it, and how to store it."""

    name: ClassVar[str]  # stored in the metadata ("s11")
    title: ClassVar[str]  # shown ("Section 11 return")
    versions: ClassVar[frozenset[str]]  # template versions this code can read

    @abstractmethod
    def extract(self, run: ImportRun, book: Workbook, metadata: Metadata) -> Extraction:
        """Read and check everything; never write. Errors go into the extraction."""

    @abstractmethod
    def store(
        self, session: BoardSession, extraction: Extraction, source: SourceFile
    ) -> FileStatus:
        """Write within the caller's transaction; IMPORTED or UNCHANGED. May raise ValidationFailed."""


_KINDS: dict[str, WorkbookKind] = {}


def register_kind(kind: WorkbookKind) -> WorkbookKind:
    _KINDS[kind.name] = kind
    return kind


def registered_kinds() -> dict[str, WorkbookKind]:
    for module in KIND_MODULES:
        importlib.import_module(module)
    return dict(_KINDS)


def kind_named(name: str) -> WorkbookKind | None:
    """The kind a workbook's metadata names, importing its module only (a kind module imports
    its register's services: a one-file import pays for one, not all). Each kind's package
    declares its name in the `layout` beside its importer (cheap: no services); a name no
    layout declares imports every kind module before it is called unknown."""
    if name not in _KINDS:
        declaring = next((m for m in KIND_MODULES if _declared_name(m) == name), None)
        if declaring is not None:
            importlib.import_module(declaring)
        if name not in _KINDS:
            registered_kinds()
    return _KINDS.get(name)


def _declared_name(module: str) -> str | None:
    try:
        layout = importlib.import_module(module.rpartition(".")[0] + ".layout")
    except ImportError:
        return None
    return getattr(layout, "KIND", None)


@dataclass
class FileResult:
    path: Path
    status: FileStatus
    kind: str | None = None
    kind_title: str | None = None
    agency: str | None = None
    context: str | None = None
    records: int = 0
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    checked_at: datetime | None = None  # local time, by the database's clock

    @property
    def name(self) -> str:
        """The file's name as shown (control and format characters, separators replaced)."""
        return partner_file_name(self.path.name)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "status": self.status.value,
            "kind": self.kind,
            "kind_title": self.kind_title,
            "agency": self.agency,
            "context": self.context,
            "records": self.records,
            "errors": [
                {"sheet": e.sheet, "cell": e.cell, "message": e.message} for e in self.errors
            ],
            "warnings": [
                {"sheet": w.sheet, "cell": w.cell, "message": w.message} for w in self.warnings
            ],
        }


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    not_processed: list[Path] = field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def rejected(self) -> list[FileResult]:
        return [f for f in self.files if f.status == FileStatus.REJECTED]

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.cancelled

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s.value}" for s in FileStatus]
        text = f"{len(self.files)} file(s): " + ", ".join(parts)
        if self.cancelled:
            text += f"; cancelled, {len(self.not_processed)} not processed"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "cancelled": self.cancelled,
            "counts": {s.value: self.count(s) for s in FileStatus},
            "files": [f.to_json() for f in self.files],
            "not_processed": [str(p) for p in self.not_processed],
        }


def collect_files(paths: Iterable[Path | str]) -> list[Path]:
    """Files named, and workbook-like files inside folders named (recursively), each once.

    Inside folders, Excel's and LibreOffice's lock files (`~$x.xlsx`, `.~lock.x#`) and hidden
    files are skipped; a file named explicitly is always taken, whatever its extension.
    """
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                name = child.name
                if (
                    child.is_file()
                    and child.suffix.lower() in WORKBOOK_SUFFIXES
                    and not name.startswith(("~$", ".", "~"))
                ):
                    found.setdefault(child.resolve(), None)
        else:
            found.setdefault(path.resolve() if path.exists() else path, None)
        if len(found) > MAX_FILES:
            raise UserError(f"More than {MAX_FILES} files were given; import them in batches.")
    return list(found)


def import_paths(
    db: Database,
    paths: Iterable[Path | str],
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportReport:
    """Import every workbook in `paths` (files and folders); see the module docstring."""
    from partnerboard.services.partnership import template_key_and_name  # noqa: PLC0415

    db.principal.require(Permission.IMPORT_RETURNS)  # before a file is even opened
    files = collect_files(paths)
    with fewer_collections():  # thousands of short-lived objects a file (see `gc_policy`)
        # (the run's look-ups are freed when `_import_files` returns, before the collector's
        # pace comes back: they need no collection)
        key, partnership = template_key_and_name(db)
        report = _import_files(db, files, key, partnership, progress, cancel, limits)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "done")
    return report


def _import_files(
    db: Database,
    files: list[Path],
    key: str,
    partnership: str,
    progress: Progress | None,
    cancel: CancelFlag | None,
    limits: Limits,
) -> ImportReport:
    report = ImportReport()
    run = ImportRun(db)
    writes = _Writes(db)
    try:
        for index, path in enumerate(files):
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                report.not_processed = files[index:]
                break
            if progress is not None:
                progress(index, len(files), path.name)
            result = _import_file(run, writes, path, key, partnership, limits)
            result.checked_at = db.clock.now_local()
            report.files.append(result)
    except BaseException:
        writes.abandon()
        raise
    writes.commit()
    return report


def record_import(
    session: BoardSession, kind: WorkbookKind, extraction: Extraction, source: SourceFile
) -> None:
    """Who imported which file, of which kind, for which agency: one entry in the audit trail
    beside the rows the kind wrote (each recorded as a form's change would be)."""
    detail = {
        "file": source.file_name,
        "kind": kind.title,
        "agency": extraction.agency,
        "context": extraction.context,
        "records": extraction.records,
        "content_hash": extraction.content_hash,
    }
    queue_entries(session, [("import", "workbook", source.file_name[:200], None, detail)])


def _rejected(path: Path, message: str, **facts: Any) -> FileResult:
    return FileResult(path, FileStatus.REJECTED, errors=[CellError("", "", message)], **facts)


def _import_file(
    run: ImportRun,
    writes: _Writes,
    path: Path,
    key: str,
    partnership: str,
    limits: Limits,
) -> FileResult:
    try:
        book = read_workbook(path, limits)
    except UserError as error:
        return _rejected(path, str(error))
    with book:
        try:
            metadata = read_metadata(book)
            verify(metadata, key, partnership)
        except UserError as error:  # MetadataProblem, or a metadata sheet that cannot be read
            return _rejected(path, str(error))
        kind = kind_named(metadata.kind)
        if kind is None:
            return _rejected(
                path,
                f"This is a “{metadata.kind}” template, which this version of partnerboard "
                "cannot import.",
                kind=metadata.kind,
            )
        facts: dict[str, Any] = {"kind": kind.name, "kind_title": kind.title}
        if metadata.version not in kind.versions:
            return _rejected(
                path,
                f"This {kind.title} template is version {metadata.version}; this version of "
                f"partnerboard reads version(s) {', '.join(sorted(kind.versions))}. Send the "
                "agency a fresh template.",
                **facts,
            )
        try:
            extraction = kind.extract(run, book, metadata)
        except UserError as error:
            return _rejected(path, str(error), **facts)
    facts.update(agency=extraction.agency, context=extraction.context, warnings=extraction.warnings)
    if extraction.errors:
        return FileResult(path, FileStatus.REJECTED, errors=extraction.errors, **facts)
    source = SourceFile(path, run.db.clock.now_utc(), metadata)
    try:
        with writes.for_file() as session:
            status = kind.store(session, extraction, source)
            if status is FileStatus.IMPORTED:
                record_import(session, kind, extraction, source)
    except ValidationFailed as error:
        errors = [CellError("", "", e.message) for e in error.errors]
        return FileResult(path, FileStatus.REJECTED, errors=errors, **facts)
    except UserError as error:  # e.g. the return was removed while the file was checked
        return _rejected(path, str(error), **facts)
    log.info("import %s: %s %s", path, status.value, kind.name)
    return FileResult(path, status, records=extraction.records, **facts)
