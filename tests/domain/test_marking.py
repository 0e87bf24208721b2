"""The one marking rule every output follows (`domain.marking`)."""

from __future__ import annotations

import pytest

from partnerboard.domain.access import Principal, Role
from partnerboard.domain.marking import OFFICIAL, SENSITIVE, author_name, classify, labelled


def test_restricted_content_or_case_text_makes_a_document_sensitive():
    assert classify(author="P").marking == OFFICIAL
    assert classify([("action", 0)], author="P").marking == OFFICIAL
    held = classify([("action", 2), ("agenda item", 1), ("escalation", 0)], author="P")
    assert held.marking == SENSITIVE
    assert held.notice.startswith("OFFICIAL-SENSITIVE: it holds restricted records (2 actions")
    assert "1 agenda item)" in held.notice and "escalation" not in held.notice
    assert classify(case_text=True, author="P").marking == SENSITIVE
    assert classify(author="P").notice == ""  # nothing to say on an OFFICIAL paper


def test_a_public_version_has_no_marking_and_says_what_it_leaves_out():
    public = classify(
        author="P", public=True, left_out=[("restricted item", 2)], left_out_detail="items 3 and 7"
    )
    assert public.marking == "" and public.public
    assert public.notice == (
        "Public version: restricted material is not published here: 2 restricted items "
        "(items 3 and 7)."
    )
    with pytest.raises(ValueError):
        classify([("action", 1)], author="P", public=True)


def test_rows_are_labelled_and_authors_are_people_or_the_partnership():
    assert labelled("Mediation", True) == "Restricted: Mediation"
    assert labelled("Mediation", False) == "Mediation"
    assert author_name(Principal("root"), "Tamshire SSP") == "Tamshire SSP"
    signed_in = Principal("Kwame Rahman", Role.BUSINESS_SUPPORT, user_id=4)
    assert author_name(signed_in, "Tamshire SSP") == "Kwame Rahman"
