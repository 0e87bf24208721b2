"""Reports and domain never import Qt; the palette and Breakdown do not even load reportlab."""

import subprocess
import sys

CHECK = """
import sys
sys.modules["PySide6"] = None  # any import of PySide6 now fails
import partnerboard.domain.palette, partnerboard.domain.breakdown
assert "reportlab" not in sys.modules, "domain loaded reportlab"
import partnerboard.reports.blocks, partnerboard.reports.charts, partnerboard.reports.layout
import partnerboard.reports.sample
partnerboard.reports.sample.sample_report()
print("ok")
"""


def test_reports_and_domain_work_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
