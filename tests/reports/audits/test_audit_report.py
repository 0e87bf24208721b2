"""The audit report and the Excel export, read back: figures, grades, findings, recommendations
and their RAG from the action log; A4, embedded fonts, DRAFT until reported, text escaped."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import openpyxl

from partnerboard.cli import main
from partnerboard.domain.audits import AuditStatus, Grade
from partnerboard.exports.ma_audit_xlsx import export_audits
from partnerboard.reports.audit_report import write_audit_report
from partnerboard.services import audits
from partnerboard.services.actions import UpdateInput, add_update
from tests.fixtures_audits import AuditWorld

A4 = (595, 842)


def fill(world: AuditWorld) -> int:
    """Returns, moderation, a finding with markup in it and a recommendation rated Amber."""
    given = {
        world.police.id: {1: Grade.GOOD, 3: Grade.INADEQUATE},
        world.health.id: {1: Grade.REQUIRES_IMPROVEMENT, 2: Grade.GOOD},
        world.school.id: {2: Grade.OUTSTANDING, 3: Grade.REQUIRES_IMPROVEMENT},
    }
    for agency_id, grades in given.items():
        data = audits.SubmissionData(
            world.audit.id, agency_id,
            tuple(audits.CaseReturnData(world.case(n).id, "Involved", "Reflected", g.value, None)
                  for n, g in grades.items()),
            content_hash=str(agency_id), received_at=datetime(2026, 6, 1),
        )  # fmt: skip
        with world.db.session() as session:
            audits.record_submission(session, data)
    rows = {(r.case_id, r.agency_id): r for r in audits.grade_rows(world.db, world.audit.id)}
    moderation = audits.ModerationInput
    audits.moderate(
        world.db,
        rows[(world.case(1).id, world.police.id)].return_id,
        moderation(True, "Quality Lead", date(2026, 7, 1)),
    )
    audits.moderate(
        world.db,
        rows[(world.case(3).id, world.police.id)].return_id,
        moderation(False, "Quality Lead", date(2026, 7, 1), "requires_improvement"),
    )
    finding = audits.save_finding(
        world.db,
        world.audit.id,
        audits.FindingInput("area_for_development", "Cumulative harm <b>missed</b> & not shared."),
    )
    action_id = audits.add_recommendation(
        world.db, world.audit.id,
        audits.RecommendationInput("Relaunch the neglect tool with use at every review.", finding.id, world.health.id, due_on=date(2027, 3, 31)),
    )  # fmt: skip
    add_update(world.db, action_id, UpdateInput(date(2026, 9, 1), "Briefings under way.", "amber"))
    return action_id


def test_the_report_says_what_the_screen_says(
    audit_world: AuditWorld, tmp_path: Path, read_pdf
) -> None:
    w = audit_world
    action_id = fill(w)
    path = tmp_path / "audit.pdf"
    report = write_audit_report(w.db, w.audit.id, path, today=date(2026, 10, 1))
    facts = read_pdf(path.read_bytes())
    assert report.pages == facts.pages >= 2
    text = re.sub(r"\s+", " ", facts.text)
    # Hand count: finals Good, RI (moderated), RI, Good, Outstanding, RI -> 6 of 6; agreed 1 of 2.
    assert "Graded Requires improvement or better 100% (6 of 6)" in text
    assert "Moderation agreement rate 50% (1 of 2)" in text
    assert "Flagged for re-audit 0 case(s)" in text
    assert "Cumulative harm <b>missed</b> & not shared." in text
    [recommendation] = audits.list_recommendations(w.db, w.audit.id)
    assert recommendation.action_id == action_id
    line = next(t for t in facts.page_texts if "Relaunch the neglect tool" in t)
    rec_line = next(
        ln for ln in line.splitlines() if recommendation.reference in ln and "Relaunch" in ln
    )
    assert "Amber" in rec_line and "31/03/2027" in rec_line
    assert "DRAFT" in " ".join(facts.pypdf_texts)  # in progress: not yet reported
    page = facts.reader.pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == A4
    assert all(embedded for _name, embedded in facts.fonts())
    assert facts.reader.metadata.title == "Multi-agency audit: Neglect 2026"


def test_a_reported_audit_is_not_a_draft(audit_world: AuditWorld, tmp_path: Path, read_pdf) -> None:
    w = audit_world
    fill(w)
    for status in (AuditStatus.MODERATION, AuditStatus.REPORTED):
        audits.set_status(w.db, w.audit.id, status)
    path = tmp_path / "reported.pdf"
    write_audit_report(w.db, w.audit.id, path)
    facts = read_pdf(path.read_bytes())
    assert "DRAFT" not in " ".join(facts.pypdf_texts)
    assert "Reported on" in facts.text


def test_the_excel_export_of_grades_and_findings(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world
    fill(w)
    audits.save_finding(w.db, w.audit.id, audits.FindingInput("strength", '=HYPERLINK("x")'))
    report = export_audits(w.db, tmp_path / "audits.xlsx")
    assert (report.audits, report.grades, report.findings, report.recommendations) == (1, 6, 2, 1)
    book = openpyxl.load_workbook(report.path)
    assert book.sheetnames == ["About", "Programme", "Grades", "Findings", "Recommendations"]
    programme = book["Programme"]
    header = [c.value for c in programme[1]]
    line = dict(zip(header, [c.value for c in programme[2]], strict=True))
    assert (line["Graded RI or better"], line["Share RI or better"]) == (6, 1.0)
    assert (line["Moderated"], line["Agreed"], line["Agreement rate"]) == (2, 1, 0.5)
    grades = [[c.value for c in row] for row in book["Grades"].iter_rows(min_row=2)]
    police_03 = next(g for g in grades if g[1] == "NG-2026-03" and g[2] == "Wrenfield Constabulary")
    assert police_03[3:8] == [
        "Inadequate",
        "Requires improvement",
        "Requires improvement",
        "No",
        "Quality Lead",
    ]
    findings = book["Findings"]
    formula = next(c for c in findings["C"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"  # text, never a live formula
    recs = [[c.value for c in row] for row in book["Recommendations"].iter_rows(min_row=2)]
    assert recs[0][6] == "Amber"


def test_the_commands(demo_db_path: Path, tmp_path: Path, capsys, read_pdf) -> None:
    db = ["--db", str(demo_db_path)]
    assert main([*db, "report", "audit", "--audit", "latest", "-o", str(tmp_path / "a.pdf")]) == 0
    assert "Return home interviews" in capsys.readouterr().out
    assert main([*db, "report", "audit", "--audit", "1", "-o", str(tmp_path / "b.pdf")]) == 0
    text = read_pdf((tmp_path / "b.pdf").read_bytes()).text
    assert "Children living with domestic abuse" in text and "Green" in text
    assert main([*db, "export", "audits", "-o", str(tmp_path / "all.xlsx")]) == 0
    assert "Wrote 4 audit(s)" in capsys.readouterr().out
    folder = tmp_path / "templates"
    assert main([*db, "template", "ma-audit", "--audit", "latest", "--all", "-o", str(folder)]) == 0
    assert len(list(folder.glob("*.xlsx"))) == 5
    one = tmp_path / "police.xlsx"
    assert (
        main(
            [*db, "template", "ma-audit", "--audit", "latest", "--agency", "Police", "-o", str(one)]
        )
        == 0
    )
    assert one.exists()
    assert main([*db, "report", "audit", "--audit", "nonesuch", "-o", str(tmp_path / "c.pdf")]) == 1
    assert "There is no multi-agency audit “nonesuch”" in capsys.readouterr().err
