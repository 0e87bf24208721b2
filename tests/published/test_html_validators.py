"""Every published HTML page passes html-validate (recommended + a11y) and axe-core (WCAG 2.x
A/AA and best practice, in jsdom) with nothing to report.

The validators come from the npm registry at the versions in tools/html-check/package-lock.json
(`npm ci --prefix tools/html-check`, which `scripts/bootstrap --ci` runs). Without them the
test skips here and fails in CI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from partnerboard.published.html_writer import render_html
from partnerboard.published.model import (
    Badge,
    Chart,
    Notice,
    PublishedDocument,
    bullets,
    heading,
    para,
    table,
)
from partnerboard.services.publication import PublicVersion, public
from tests.clock import TODAY
from tests.conftest import need

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "html-check"


def _validate(files: list[Path]) -> dict:
    need(shutil.which("node") is not None, "Node.js is not installed")
    need(
        (TOOLS / "node_modules" / "html-validate").is_dir(),
        "the HTML validators are not installed: npm ci --prefix tools/html-check",
    )
    done = subprocess.run(
        ["node", str(TOOLS / "check.js"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _problems(result: dict) -> dict[str, list[str]]:
    return {
        Path(f["file"]).name: [f"{m['rule']}: {m['message']}" for m in f["htmlValidate"]]
        + [f"axe {v['id']}: {v['help']}" for v in f["axe"]["violations"]]
        for f in result["files"]
    }


def test_every_published_page_passes_html_validate_and_axe(published):
    pages = [w.html for w in published["written"].values()]
    result = _validate(pages)
    assert len(result["files"]) == len(pages) >= 8
    assert {name: found for name, found in _problems(result).items() if found} == {}
    for checked in result["files"]:  # axe really ran its rules over each page
        assert {"document-title", "html-has-lang", "heading-order"} <= set(checked["axe"]["passes"])


def test_the_validators_do_find_faults(tmp_path):
    """A page with the faults they look for is reported, so a clean result means something."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>A</h1><h3>B</h3>"
        '<img src="a.png"><table><tr><td>1</td></tr></table></main></body></html>',
        encoding="utf-8",
    )
    found = _problems(_validate([bad]))["bad.html"]
    for fault in ("axe html-has-lang", "axe image-alt", "axe heading-order", "wcag/h37"):
        assert any(p.startswith(fault) for p in found), (fault, found)


def test_hostile_text_stays_text_in_a_valid_page(tmp_path):
    hostile = '<script>alert(1)</script> <b>bold</b> "quotes" & ampersands \\ #import *x*'
    document = PublishedDocument(
        kind="test",
        title=f"Test {hostile}",
        short_title="Test page",
        partnership=f"Partnership {hostile}",
        generated_on=TODAY,
        version=PublicVersion(public("SSP"), f"Public {hostile}", (f"Left out {hostile}",)),
        blocks=(
            heading(1, f"Title {hostile}"),
            Notice(f"Public {hostile}", (hostile,)),
            para(hostile),
            bullets([hostile]),
            table("Caption", ("Name", "Value"), [(hostile, Badge(hostile, _grey()))]),
            Chart(f"Chart {hostile}", _breakdown(hostile)),
        ),
        contact="javascript:alert(1)",
    )
    page = tmp_path / "hostile.html"
    page.write_text(render_html(document), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    result = _validate([page])
    assert _problems(result) == {"hostile.html": []}


def _grey():
    from partnerboard.domain import palette

    return palette.GREY


def _breakdown(label: str):
    from partnerboard.domain.breakdown import Breakdown

    return Breakdown((label, "Other"), ("Agreed", "Pending"), ((2, 1), (0, 3)))


def test_the_lock_file_pins_what_ci_installs():
    lock = json.loads((TOOLS / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"][""]["dependencies"]
    assert set(pinned) == {"html-validate", "axe-core", "jsdom"}
    for name, version in pinned.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    bootstrap = (TOOLS.parents[1] / "scripts" / "bootstrap").read_text(encoding="utf-8")
    assert "npm ci --prefix tools/html-check" in bootstrap
