"""The template's `generated_at` is read as `datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")`
read it (the same texts accepted, the same moments), without strptime's start-up cost."""

from __future__ import annotations

from datetime import datetime

from hypothesis import example, given
from hypothesis import strategies as st

from partnerboard.workbooks.metadata import _generated_at

FORMAT = "%Y-%m-%dT%H:%M:%S"


def _strptime(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, FORMAT)
    except ValueError:
        return None


# Texts near the format: digits (ASCII and others), its separators, either case, spaces.
NEAR = st.text(alphabet="0123456789٣-:Tt Z.+", max_size=24)
WRITTEN = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0).strftime(FORMAT)
)


@given(st.one_of(WRITTEN, NEAR, WRITTEN.map(lambda text: text.replace("-0", "-", 1))))
@example("2026-01-01T09:00:00")
@example("2026-1- 5t9:5:7")
@example("2026-01- 12T09:00:00")
@example("2026-02-30T09:00:00")
@example("2026-01-01T24:00:00")
@example("2026-01-01T09:00:60")
@example("2026-01-01T09:00:00.5")
@example("2026-01-01 09:00:00")
@example("")
def test_generated_at_reads_as_strptime_does(text: str) -> None:
    assert _generated_at(text) == _strptime(text)


def test_a_templates_moment_reads_back() -> None:
    moment = datetime(2026, 11, 23, 8, 5, 9)
    assert _generated_at(moment.strftime(FORMAT)) == moment
