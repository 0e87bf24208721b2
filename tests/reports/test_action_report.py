"""The action report, parsed back: every open action in it, grouped by workstream, A4, page X of Y."""

from __future__ import annotations

import re
from datetime import timedelta

from reportlab.lib.pagesizes import A4

from partnerboard.cli import main
from partnerboard.reports.actions import action_report
from partnerboard.services import actions
from partnerboard.services.actions.filtering import ActionFilter, Show
from tests.clock import TODAY


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_open_action_is_in_the_report(demo_db, tmp_path, read_pdf):
    result = action_report(demo_db, tmp_path / "actions.pdf")
    pdf = read_pdf(result.path.read_bytes())
    text = words(pdf.text)
    tokens = set(text.split())
    open_rows = actions.list_actions(demo_db, include_closed=False)
    assert result.actions == len(open_rows) and result.pages == pdf.pages > 1
    for row in open_rows:
        # Each action's reference (a long one breaks after a hyphen, never inside a word) and
        # its words (wrapped in a narrow column) are there.
        pieces, start = re.split("(?<=-)", row.reference), 0
        while start < len(pieces):
            ends = [e for e in range(len(pieces), start, -1) if "".join(pieces[start:e]) in tokens]
            assert ends, (row.reference, pieces[start])
            start = ends[0]
        for word in row.text.split()[:4]:
            assert word in text, (row.reference, word)
    finished = [r for r in actions.list_actions(demo_db) if not r.is_open]
    assert finished and all(r.text not in words(pdf.text) for r in finished[:3])
    # Grouped by workstream, in the plan's order, after the RAG summary.
    positions = [text.index(w.label[:30]) for w in actions.list_workstreams(demo_db)]
    assert text.index("RAG summary") < positions[0] and positions == sorted(positions)
    for number in range(1, pdf.pages + 1):
        assert f"Page {number} of {pdf.pages}" in pdf.page_texts[number - 1]
        box = pdf.reader.pages[number - 1].mediabox
        assert (round(float(box.width)), round(float(box.height))) == tuple(round(v) for v in A4)
    assert all(embedded for _, embedded in pdf.fonts())
    assert "All actions by RAG. 45 in total" in text or "All actions by RAG." in text


def test_markup_typed_by_partners_is_printed_as_typed(db, tmp_path, read_pdf):
    hostile = 'Check <b>bold</b> & <img src="/etc/passwd"/> links'
    action_id = actions.create_action(db, actions.ActionInput(text=hostile))
    actions.add_update(db, action_id, actions.UpdateInput(TODAY, "<a href='x'>see</a> done", "red"))
    pdf = read_pdf(action_report(db, tmp_path / "r.pdf").path.read_bytes())
    text = words(pdf.text)
    # Printed literally (columns wrap and interleave in the extracted text, so piece by piece).
    for piece in ("<b>bold</b>", "<img", 'src="/etc/passwd"/>', "&"):
        assert piece in text, piece
    assert "<a href='x'>see</a>" in text  # columns interleave in the extracted text
    assert "Other actions" in text  # actions outside any workstream get their own section


def test_as_of_prints_a_past_quarter_as_it_stood(db, tmp_path, read_pdf):
    action_id = actions.create_action(
        db,
        actions.ActionInput(
            text="Refresh the escalation policy", raised_on=TODAY - timedelta(days=200)
        ),
    )
    actions.add_update(
        db, action_id, actions.UpdateInput(TODAY - timedelta(days=100), "OLD-NEWS", "red")
    )
    actions.add_update(
        db, action_id, actions.UpdateInput(TODAY - timedelta(days=5), "NEW-NEWS", "green")
    )
    actions.close_action(db, action_id, on=TODAY - timedelta(days=2))
    then = TODAY - timedelta(days=50)
    result = action_report(db, tmp_path / "q.pdf", ActionFilter(show=Show.OPEN), as_of=then)
    text = words(read_pdf(result.path.read_bytes()).text)
    assert "OLD-NEWS" in text and "NEW-NEWS" not in text
    assert f"As at {then.strftime('%d/%m/%Y')}" in text and "Red 1" in text


def test_command_line_report(demo_db_path, tmp_path, capsys, read_pdf):
    out = tmp_path / "overdue.pdf"
    code = main(["--db", str(demo_db_path), "report", "actions", "-o", str(out), "--overdue"])
    assert code == 0
    said = capsys.readouterr().out
    count = int(re.search(r": (\d+) actions", said).group(1))
    assert count > 0
    assert "Open actions, overdue" in words(read_pdf(out.read_bytes()).text)


def test_a_log_of_many_workstreams_cuts_its_chart_into_parts_that_fit_a_page(
    db, tmp_path, read_pdf
):
    # One drawing per chart cannot break across pages: 75 workstreams made a chart taller
    # than A4 and the whole report failed (found by the benchmark's 5,000-action log).
    for n in range(75):
        workstream = actions.save_workstream(db, actions.WorkstreamInput(f"Priority {n + 1}"))
        actions.create_action(
            db, actions.ActionInput(text=f"Action of {n + 1}", workstream_id=workstream.id)
        )
    result = action_report(db, tmp_path / "many.pdf")
    text = words(read_pdf(result.path.read_bytes()).text)
    assert result.actions == 75
    for part in ("1 to 30 of 75", "31 to 60 of 75", "61 to 75 of 75"):
        assert f"RAG by workstream ({part})" in text, part
    assert "Priority 75" in text
