"""Measure the ways partnerboard could make a tagged PDF of a published document.

    .venv/bin/python tools/compare_pdf_engines.py [--db DB] [--runs 5] [--out FOLDER]
        [--weasyprint-python /path/to/venv/bin/python]

Same content for each engine: the public minutes of the demo's latest approved Executive
meeting and the threshold sign-up summary (with its chart). Engines:

- reportlab (the board papers today; cannot tag);
- Typst, through the `typst` wheel (what `partnerboard.published` uses);
- WeasyPrint (pdf/ua-1 variant) on the published HTML, in another interpreter that has it
  (it needs Pango on every PC, so it is not a dependency of the app);
- LibreOffice (writer_web_pdf_Export with UseTaggedPDF and PDFUACompliance) on the HTML;
- headless Chromium (print to PDF) on the HTML.

For each: median seconds per document over --runs (in-process for the Python engines; the
external programs are timed as they would run, start-up included), file size, pages, and what
`partnerboard check-pdf` and the `pdfua` checker say. Prints a table; engines not installed
are reported as such. Not part of the tests: it backs the engine decision in docs/published.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from partnerboard.published.check import check_pdf

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
]
LO_FILTER = (
    'pdf:writer_web_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)
WEASYPRINT = """
import statistics, sys, time, weasyprint
source, target, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for _ in range(runs):
    start = time.perf_counter()
    weasyprint.HTML(source).write_pdf(target, pdf_variant="pdf/ua-1")
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def _timed(make: Callable[[], None], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _row(engine: str, document: str, seconds: float | None, pdf: Path | None, note: str = ""):
    if pdf is None or not pdf.exists():
        return (engine, document, "–", "–", "–", "–", "–", note or "not available")
    report = check_pdf(pdf)
    return (
        engine,
        document,
        f"{seconds:.3f}" if seconds is not None else "–",
        f"{pdf.stat().st_size // 1024} KB",
        str(report.pages),
        "yes" if report.tagged else "no",
        f"{len(report.problems) - len(report.pdfua_findings)} / {len(report.pdfua_findings)}",
        note or ("; ".join(p[:70] for p in report.problems[:2]) or "clean"),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database (default: a fresh demo in a temporary folder)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="keep the PDFs here")
    parser.add_argument("--weasyprint-python", help="a Python that has weasyprint installed")
    args = parser.parse_args()

    from partnerboard.db.schema import open_database  # noqa: PLC0415
    from partnerboard.published.files import write_html  # noqa: PLC0415
    from partnerboard.published.minutes import public_minutes  # noqa: PLC0415
    from partnerboard.published.pdf_writer import render_pdf  # noqa: PLC0415
    from partnerboard.published.signup_summary import public_signup_summary  # noqa: PLC0415
    from partnerboard.reports.minutes_pdf import minutes_pdf  # noqa: PLC0415
    from partnerboard.reports.thresholds_pdf import signup_summary_pdf  # noqa: PLC0415
    from partnerboard.services.demo import build_demo  # noqa: PLC0415
    from partnerboard.services.meetings.meetings import list_meetings  # noqa: PLC0415
    from partnerboard.services.thresholds import list_documents  # noqa: PLC0415

    out = args.out or Path(tempfile.mkdtemp(prefix="pdf-engines-"))
    out.mkdir(parents=True, exist_ok=True)
    db = open_database(args.db or str(out / "demo.sqlite"))
    if not args.db:
        build_demo(db)
    meeting = next(
        m.id
        for m in list_meetings(db)
        if m.status.value == "minutes_approved" and m.board_short_name == "Executive"
    )
    document_id = list_documents(db)[0].id
    documents = {
        "minutes": (
            lambda: public_minutes(db, meeting),
            lambda path: minutes_pdf(db, meeting, path, public=True),
        ),
        "sign-up summary": (
            lambda: public_signup_summary(db, document_id),
            lambda path: signup_summary_pdf(db, path, document_id),
        ),
    }
    rows = []
    for name, (published, board_paper) in documents.items():
        stem = name.replace(" ", "-")
        document = published()
        html = write_html(document, out / f"{stem}.html")
        pdf = out / f"{stem}-reportlab.pdf"
        rows.append(
            _row("reportlab 5", name, _timed(lambda p=pdf, b=board_paper: b(p), args.runs), pdf)
        )
        pdf = out / f"{stem}-typst.pdf"
        seconds = _timed(lambda p=pdf, m=published: p.write_bytes(render_pdf(m())), args.runs)
        rows.append(_row("typst 0.15", name, seconds, pdf))
        pdf = out / f"{stem}-weasyprint.pdf"
        if args.weasyprint_python:
            done = subprocess.run(
                [args.weasyprint_python, "-c", WEASYPRINT, str(html), str(pdf), str(args.runs)],
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = float(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None
            rows.append(
                _row("WeasyPrint", name, seconds, pdf, "" if seconds else done.stderr[-80:])
            )
        else:
            rows.append(_row("WeasyPrint", name, None, None, "give --weasyprint-python"))
        pdf = out / f"{stem}-libreoffice.pdf"
        if shutil.which("soffice"):
            profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
            converted = out / f"{stem}.pdf"

            def convert(h=html, c=converted, p=pdf, u=profile) -> None:
                command = ["soffice", u, "--headless", "--convert-to", LO_FILTER]
                subprocess.run([*command, "--outdir", str(out), str(h)], capture_output=True)
                c.replace(p)

            rows.append(_row("LibreOffice", name, _timed(convert, args.runs), pdf))
        else:
            rows.append(_row("LibreOffice", name, None, None))
        pdf = out / f"{stem}-chromium.pdf"
        if shutil.which("chromium"):
            profile = f"--user-data-dir={out / 'chromium-profile'}"
            command = ["chromium", *CHROMIUM_FLAGS, profile, f"--print-to-pdf={pdf}"]
            seconds = _timed(
                lambda c=command, h=html: subprocess.run(
                    [*c, h.as_uri()], capture_output=True, check=False
                ),
                args.runs,
            )
            rows.append(_row("Chromium", name, seconds, pdf))
        else:
            rows.append(_row("Chromium", name, None, None))
    header = ("engine", "document", "s/doc", "size", "pages", "tagged", "check/pdfua", "notes")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)), row[-1])
    print(f"PDFs in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
