"""The benchmark harness: statistics, goals, the JSON it writes, `--only`, and one real run.

Never a timed assertion: the figures themselves belong to `python -m benchmarks`; these tests
only check that the harness computes and records them correctly.
"""

from __future__ import annotations

import json
import statistics
import sys

import pytest

from benchmarks import __main__ as bench
from benchmarks.harness import Result, Run, format_value, goal_text, percentile, ratios


@pytest.fixture
def run(tmp_path) -> Run:
    return Run(tmp_path / "work", quick=True)


def _child_walls(run: Run, times: int) -> list[float]:
    """Real samples: wall times of tiny child processes started the way the measures start them."""
    return [run.child(["-c", "pass"])[0] for _ in range(times)]


def test_a_result_reports_median_min_max_goal_and_whether_it_is_met(run):
    samples = _child_walls(run, 3)
    met = Result("real", "child process", "s", samples, goal=max(samples))
    missed = Result("real", "child process", "s", samples, goal=min(samples) / 2)
    no_goal = Result("real", "child process", "s", samples, goal=None)

    shape = met.as_json()
    assert set(shape) == {
        "key", "measure", "unit", "median", "min", "max", "runs", "goal", "goal_text", "met",
        "samples", "details",
    }  # fmt: skip
    assert shape["median"] == round(statistics.median(samples), 4)
    assert shape["min"] == round(min(samples), 4) and shape["max"] == round(max(samples), 4)
    assert shape["runs"] == 3 and shape["samples"] == [round(s, 4) for s in samples]
    assert shape["met"] is True and shape["goal_text"] == f"≤ {max(samples):g} s"
    assert missed.met is False and missed.as_json()["met"] is False
    assert no_goal.met is None and no_goal.as_json()["goal_text"] == "—"
    json.dumps(shape)  # plain JSON all through


def test_a_ratio_is_taken_pair_by_pair_against_the_baseline_of_the_same_round(run):
    measured, baseline = _child_walls(run, 3), _child_walls(run, 3)
    found = ratios(measured, baseline)
    assert found == [m / b for m, b in zip(measured, baseline, strict=True)]
    result = Result("ratio", "child / child", "x", found, goal=1.3)
    assert result.median == statistics.median(found)
    assert result.met == (statistics.median(found) <= 1.3)
    assert format_value(2.0, "x") == "2.00×" and goal_text(1.3, "x") == "≤ 1.3×"
    with pytest.raises(ValueError):
        ratios(measured, baseline[:2])


def test_p95_is_the_nearest_rank_and_lost_updates_goal_reads_equal_to_zero():
    values = list(range(1, 101))
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7.0
    assert percentile(list(reversed(values)), 0.5) == 50
    assert goal_text(0.0, "count") == "= 0"
    assert Result("lost", "lost updates", "count", [0.0, 0.0], 0.0).met is True
    assert Result("lost", "lost updates", "count", [0.0, 1.0, 1.0], 0.0).met is False


def test_only_runs_the_measures_named_and_refuses_unknown_ones(tmp_path, monkeypatch, capsys):
    ran = []
    monkeypatch.setattr(bench, "run_measure", lambda name, run, data: ran.append(name))
    _isolate(monkeypatch)
    out = tmp_path / "only.json"
    code = bench.main(
        ["--quick", "--only", "export", "startup", "--out", str(out), "--work", str(tmp_path)]
    )
    assert code == 0 and ran == ["export", "startup"]
    assert json.loads(out.read_text())["results"] == []

    with pytest.raises(SystemExit):
        bench.main(["--only", "no_such_measure", "--out", str(out), "--work", str(tmp_path)])
    assert "invalid choice" in capsys.readouterr().err


def test_a_broken_measure_is_reported_and_the_others_still_run(tmp_path, monkeypatch):
    def measure(name, run, data):
        if name == "startup":
            raise RuntimeError("broken on purpose")
        run.add(Result(name, name, "s", [1.0, 2.0, 3.0], 2.5))

    monkeypatch.setattr(bench, "run_measure", measure)
    _isolate(monkeypatch)
    out = tmp_path / "errors.json"
    code = bench.main(["--only", "startup", "export", "--out", str(out), "--work", str(tmp_path)])
    report = json.loads(out.read_text())
    assert code == 1
    assert report["errors"] == {"startup": "RuntimeError: broken on purpose"}
    assert [r["key"] for r in report["results"]] == ["export"]
    assert report["results"][0]["median"] == 2.0 and report["results"][0]["met"] is True
    assert report["mode"] == "full" and report["goals_met"] == "1 of 1"


def test_a_real_quick_run_of_the_minutes_pdf_writes_valid_json(tmp_path, monkeypatch, capsys):
    _isolate(monkeypatch)
    out = tmp_path / "minutes.json"
    code = bench.main(
        ["--quick", "--only", "minutes_pdf", "--out", str(out), "--work", str(tmp_path / "w")]
    )
    printed = capsys.readouterr().out
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["mode"] == "quick" and report["errors"] == {}
    machine = report["machine"]
    for key in ("cpu", "cores", "memory_mb", "os", "python", "libraries", "load_average_start"):
        assert machine[key], key
    assert machine["python"] == sys.version.split()[0]
    assert machine["libraries"]["SQLAlchemy"] != "not installed"
    (result,) = report["results"]
    assert result["key"] == "minutes_pdf" and result["unit"] == "s" and result["goal"] == 0.5
    assert result["runs"] == len(result["samples"]) == 5
    assert result["min"] <= result["median"] <= result["max"]
    assert isinstance(result["met"], bool)
    assert result["details"]["bytes"] > 10_000  # a real PDF was written
    assert "minutes PDF: 40 attendees, 20 items, 60 actions" in printed


def _isolate(monkeypatch) -> None:
    """main() points the process at its own home and offscreen Qt: undo that afterwards."""
    for name in ("PARTNERBOARD_HOME", "QT_QPA_PLATFORM"):
        monkeypatch.setenv(name, bench.os.environ.get(name, ""))
    monkeypatch.delenv("PARTNERBOARD_DB", raising=False)
