"""Partner sign-up to threshold versions: the matrix of agencies × versions and coverage by sector.

Which agencies a version asks to sign up (its *scope*) is decided here, in `_in_scope`:

- an agency that has agreed or declined a version stays in its scope for good;
- an active agency is in the scope of every version that is not superseded, pending until it
  answers (also an agency added after the version was made: it has no row yet, so it is shown
  as pending without anything being written on reading);
- a deactivated agency that never answered drops out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.thresholds import ThresholdDocument, ThresholdSignup, ThresholdVersion
from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.partnership import Sector, StatutoryPartner
from partnerboard.domain.thresholds import SignupMethod, SignupStatus, VersionStatus
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.thresholds import current_version_id


@dataclass(frozen=True)
class SignupCell:
    """One agency's answer to one version (`id` None: nothing recorded yet, so pending)."""

    id: int | None
    version_id: int
    agency_id: int
    status: SignupStatus
    signatory_name: str | None = None
    signatory_role: str | None = None
    signed_on: date | None = None
    method: SignupMethod | None = None
    note: str | None = None
    row_version: int | None = None

    @property
    def answered(self) -> bool:
        return self.status is not SignupStatus.PENDING


@dataclass(frozen=True)
class MatrixVersion:
    id: int
    version: str
    title: str
    status: VersionStatus
    approved_on: date | None
    is_current: bool

    @property
    def label(self) -> str:
        return f"Version {self.version}"


@dataclass(frozen=True)
class MatrixRow:
    agency_id: int
    agency_name: str
    short_name: str | None
    sector: Sector
    statutory_partner: StatutoryPartner
    active: bool
    cells: tuple[SignupCell | None, ...]  # one per version; None: not in that version's scope


@dataclass(frozen=True)
class SignupMatrix:
    document_id: int
    document_title: str
    versions: tuple[MatrixVersion, ...]
    rows: tuple[MatrixRow, ...]

    @property
    def current(self) -> MatrixVersion | None:
        return next((v for v in self.versions if v.is_current), None)

    def position(self, version_id: int) -> int:
        return next(i for i, v in enumerate(self.versions) if v.id == version_id)

    def cell(self, row: MatrixRow, version_id: int) -> SignupCell | None:
        return row.cells[self.position(version_id)]

    def not_signed_current(self) -> list[MatrixRow]:
        """Agencies in scope of the current version that have not agreed it (pending or declined)."""
        current = self.current
        if current is None:
            return []
        return [
            row
            for row in self.rows
            if (cell := self.cell(row, current.id)) is not None
            and cell.status is not SignupStatus.AGREED
        ]


def _in_scope(signup: ThresholdSignup | None, agency: Agency, version: ThresholdVersion) -> bool:
    if signup is not None and signup.status != SignupStatus.PENDING.value:
        return True
    if not agency.active:
        return False
    return signup is not None or version.status != VersionStatus.SUPERSEDED.value


def _cell(signup: ThresholdSignup | None, agency_id: int, version_id: int) -> SignupCell:
    if signup is None:
        return SignupCell(None, version_id, agency_id, SignupStatus.PENDING)
    return SignupCell(
        signup.id,
        version_id,
        agency_id,
        SignupStatus(signup.status),
        signup.signatory_name,
        signup.signatory_role,
        signup.signed_on,
        SignupMethod(signup.method) if signup.method else None,
        signup.note,
        signup.row_version,
    )


def signup_matrix(db: Database, document_id: int) -> SignupMatrix:
    """Every agency in scope of any version of the document × the versions, oldest first."""
    with db.reader() as session:
        document = fetch(session, ThresholdDocument, document_id, "threshold document")
        versions = session.scalars(
            select(ThresholdVersion)
            .where(ThresholdVersion.document_id == document_id)
            .order_by(ThresholdVersion.id)
        ).all()
        current = current_version_id(session, document_id)
        signups = {
            (s.version_id, s.agency_id): s
            for s in session.scalars(
                select(ThresholdSignup).where(
                    ThresholdSignup.version_id.in_([v.id for v in versions])
                )
            )
        }
        rows = []
        for agency in session.scalars(select(Agency).order_by(Agency.name)):
            cells = tuple(
                _cell(signups.get((v.id, agency.id)), agency.id, v.id)
                if _in_scope(signups.get((v.id, agency.id)), agency, v)
                else None
                for v in versions
            )
            if any(cell is not None for cell in cells):
                rows.append(
                    MatrixRow(
                        agency.id,
                        agency.name,
                        agency.short_name,
                        Sector(agency.sector),
                        StatutoryPartner(agency.statutory_partner),
                        agency.active,
                        cells,
                    )
                )
        return SignupMatrix(
            document.id,
            document.title,
            tuple(
                MatrixVersion(
                    v.id,
                    v.version,
                    v.title,
                    VersionStatus(v.status),
                    v.approved_on,
                    v.id == current,
                )
                for v in versions
            ),
            tuple(rows),
        )


# ---------------------------------------------------------------- recording a sign-up


@dataclass
class SignupInput:
    status: str
    signatory_name: str | None = None
    signatory_role: str | None = None
    signed_on: date | None = None
    method: str | None = None
    note: str | None = None


def validate_signup(data: SignupInput, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    status = SignupStatus.parse(data.status)
    if status is None:
        return [FieldError("status", "Choose pending, agreed or declined.")]
    if data.method is not None and SignupMethod.parse(data.method) is None:
        errors.append(FieldError("method", "Choose board minute, letter or e-mail."))
    if status is SignupStatus.PENDING:
        if data.signed_on is not None:
            errors.append(FieldError("signed_on", "Leave the date empty while it is pending."))
        return errors
    if data.signed_on is None:
        errors.append(FieldError("signed_on", f"Give the date the agency {status.value} it."))
    elif data.signed_on > today:
        errors.append(FieldError("signed_on", "The date cannot be in the future."))
    if data.method is None:
        errors.append(FieldError("method", "Say how: board minute, letter or e-mail."))
    if status is SignupStatus.AGREED and not (data.signatory_name or "").strip():
        errors.append(FieldError("signatory_name", "Name who signed up for the agency."))
    for field, what, value in (
        ("signatory_name", "Who signed", data.signatory_name),
        ("signatory_role", "The signatory's role", data.signatory_role),
    ):
        if len((value or "").strip()) > 200:
            errors.append(FieldError(field, f"{what} must be at most 200 characters."))
    return errors


def record_signup(
    db: Database,
    version_id: int,
    agency_id: int,
    data: SignupInput,
    expected_version: int | None = None,
) -> SignupCell:
    """Record (or change) an agency's answer to a version; the other versions are untouched."""
    errors = validate_signup(data, db.clock.today())
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        fetch(session, ThresholdVersion, version_id, "version")
        fetch(session, Agency, agency_id, "agency")
        signup = session.scalars(
            select(ThresholdSignup).where(
                ThresholdSignup.version_id == version_id, ThresholdSignup.agency_id == agency_id
            )
        ).first()
        if signup is None:
            signup = ThresholdSignup(version_id=version_id, agency_id=agency_id)
            session.add(signup)
        else:
            check_version(signup, expected_version, "sign-up")
        signup.status = SignupStatus.parse(data.status).value  # type: ignore[union-attr]
        signup.signatory_name = tidy(data.signatory_name)
        signup.signatory_role = tidy(data.signatory_role)
        signup.signed_on = data.signed_on
        method = SignupMethod.parse(data.method) if data.method else None
        signup.method = method.value if method else None
        signup.note = tidy(data.note)
        session.flush()
        return _cell(signup, agency_id, version_id)


# ---------------------------------------------------------------- coverage


@dataclass(frozen=True)
class CoverageLine:
    label: str  # a sector's label, "Statutory partners" or "All agencies"
    in_scope: int
    agreed: int
    declined: int
    pending: int

    @property
    def percent_agreed(self) -> int | None:
        return round(100 * self.agreed / self.in_scope) if self.in_scope else None


def _line(label: str, cells: list[SignupCell]) -> CoverageLine:
    def count(status: SignupStatus) -> int:
        return sum(1 for c in cells if c.status is status)

    return CoverageLine(
        label,
        len(cells),
        count(SignupStatus.AGREED),
        count(SignupStatus.DECLINED),
        count(SignupStatus.PENDING),
    )


def coverage_by_sector(matrix: SignupMatrix, version_id: int) -> list[CoverageLine]:
    """Per sector (in the usual order), then the statutory partners, then all agencies."""
    position = matrix.position(version_id)
    scoped = [(row, row.cells[position]) for row in matrix.rows if row.cells[position] is not None]
    lines = []
    for sector in Sector:
        cells = [cell for row, cell in scoped if row.sector is sector]
        if cells:
            lines.append(_line(sector.label, cells))  # type: ignore[arg-type]
    statutory = [c for row, c in scoped if row.statutory_partner is not StatutoryPartner.NONE]
    lines.append(_line("Statutory partners", statutory))  # type: ignore[arg-type]
    lines.append(_line("All agencies", [cell for _row, cell in scoped]))  # type: ignore[misc]
    return lines


def coverage_breakdown(
    matrix: SignupMatrix, version_id: int, with_percent: bool = False
) -> Breakdown:
    """Sign-up to a version by sector as chart data: agreed, pending, declined per sector.

    `with_percent` adds the share agreed to each sector's name ("Health – 83% agreed").
    """
    lines = coverage_by_sector(matrix, version_id)[:-2]  # sectors only
    return Breakdown(
        tuple(
            f"{line.label} – {line.percent_agreed}% agreed" if with_percent else line.label
            for line in lines
        ),
        ("Agreed", "Pending", "Declined"),
        tuple((line.agreed, line.pending, line.declined) for line in lines),
        colours=(palette.GREEN, palette.AMBER, palette.RED),
    )
