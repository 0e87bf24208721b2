"""Anonymised references: codes pass; names, dates of birth and NHS numbers are refused."""

from __future__ import annotations

import pytest

from partnerboard.domain.references import check_anonymised_reference


@pytest.mark.parametrize(
    "reference",
    [
        "RR-2026-03",
        "Child H",
        "LCSPR Baby T",
        "WSP SCR 2017/02",
        "WLSCB SCR Child F",
        "DA-2026-014",
        "Family A sibling group",
        "LCSPR Child M 2025",
        "  RR-2026-03  ",
    ],
)
def test_codes_are_accepted(reference):
    assert check_anonymised_reference(reference) == []


@pytest.mark.parametrize(
    "reference, word",
    [
        ("Jane Smith", "“Jane”, “Smith” look like names"),
        ("smith family", "“smith” looks like a name"),
        ("JANE SMITH", "“JANE”, “SMITH” look like names"),
        ("Baby Maya", "“Maya” looks like a name"),
        ("RR-2026 Harry", "“Harry” looks like a name"),
    ],
)
def test_a_reference_that_looks_like_a_name_is_refused(reference, word):
    problems = check_anonymised_reference(reference)
    assert len(problems) == 1 and problems[0].startswith(word)


@pytest.mark.parametrize(
    "reference",
    [
        "RR 12/03/2015",
        "Child H 12.3.15",
        "Child H 2015-03-12",
        "DOB 120315",
        "Case 12032015",
        "Child born 3 March 2015",
        "Child H 3rd Mar 15",
        "Child Q 03/2015",
        "Child H May 2019",
    ],
)
def test_a_reference_that_holds_a_date_of_birth_is_refused(reference):
    problems = check_anonymised_reference(reference)
    assert len(problems) == 1, problems
    assert "looks like it holds a date (of birth?)" in problems[0]


def test_an_nhs_number_blank_and_overlong_references_are_refused():
    assert "NHS number" in check_anonymised_reference("Case 485 777 3456")[0]
    assert check_anonymised_reference("   ") == [
        "Give the anonymised reference, e.g. RR-2026-03 or Child H."
    ]
    assert check_anonymised_reference("RR-" + "1" * 45)[0].startswith(
        "A reference must be at most 40"
    )


def test_a_partnership_pattern_applies_on_top_of_the_rules():
    pattern = r"RR-\d{4}-\d{2}"
    assert check_anonymised_reference("RR-2026-03", pattern) == []
    assert (
        "does not follow the partnership's pattern"
        in check_anonymised_reference("Child H", pattern)[0]
    )
    # A pattern never makes a name acceptable.
    assert "looks like a name" in check_anonymised_reference("Jane", r".*")[0]
