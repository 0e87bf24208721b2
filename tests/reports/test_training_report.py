"""The training report for a year or quarter, read back from the PDF: the figures as the
service counts them, the parts a board reads, embedded fonts, its marking, and no names."""

from __future__ import annotations

from partnerboard.domain.public_sector_year import YEAR, Period, quarter, whole_year
from partnerboard.reports.training_report import write_training_report
from partnerboard.services import training
from partnerboard.services.training.figures import at_a_glance, training_figures
from tests.clock import TODAY


def _names(db) -> set[str]:
    names = set()
    for session in training.list_sessions(db):
        names |= {b.name for b in training.list_bookings(db, session.id) if b.name}
    return names


def test_the_report_of_this_year_on_the_demo(demo_db, tmp_path, read_pdf):
    period = Period.containing(TODAY, YEAR)
    report = write_training_report(demo_db, period, tmp_path / "training.pdf")
    pdf = read_pdf(report.path.read_bytes())
    assert pdf.pages == report.pages >= 4
    text = " ".join(pdf.text.split())
    f = training_figures(demo_db, period)
    for label, value in at_a_glance(f):  # the figures, exactly as counted
        assert f"{label} {value}" in text, label
    for part in ("Progress against the plan", "Places by course", "Attendance by agency",
                 "Attendance by sector", "Confidence before and after", "What changed in practice"):  # fmt: skip
        assert part in text
    neglect = next(c for c in f.courses if c.reference == "NEG-1")
    # Progress against the plan, and the action it answers (wrapped in its table cell).
    assert (
        f"NEG-1 Neglect toolkit: seeing and 7.2 Train 300 practitioners in the {neglect.trained} 300"
        in text
    )
    assert "Train 300 practitioners" in text
    assert text.count("OFFICIAL") >= 2 * pdf.pages  # top and foot of every page
    assert all(embedded for _name, embedded in pdf.fonts())
    meta = pdf.reader.metadata
    assert meta.title == f"Multi-agency training {period.label}"
    assert not {n for n in _names(demo_db) if n in text}  # figures only, never a name


def test_a_quarter_and_a_year_without_training(demo_db, tmp_path, read_pdf):
    first = quarter(2026, 1)
    pdf = read_pdf(write_training_report(demo_db, first, tmp_path / "q.pdf").path.read_bytes())
    assert "Quarter Q1 2026/27: 1 April 2026 to 30 June 2026" in " ".join(pdf.text.split())
    empty = read_pdf(
        write_training_report(demo_db, whole_year(2019), tmp_path / "e.pdf").path.read_bytes()
    )
    words = " ".join(empty.text.split())
    assert (
        "Sessions held 0 (0 cancelled)" in words and "No session was held in the period." in words
    )
