"""Placing a practitioner in an agency of the register: by the agency's name as a booking site
or a form wrote it, else by the domain of their e-mail address.

Names match on the agency's name or short name (case, punctuation, "&" and a leading "The"
ignored), or on words that only one agency's name contains ("Children's Services").
Domains come from the agencies' own e-mail addresses, the people of the register who work
there, and domains business support names for an agency (`training_agency_domain`, which win).
A domain shared by several agencies (nhs.net) places no one: the list of those not placed says
so, and a named domain or the agency column settles it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.models.partnership import Agency, Person
from partnerboard.db.models.training import TrainingAgencyDomain


@dataclass(frozen=True)
class Placed:
    agency_id: int | None
    unplaced: str | None = None  # what could not be placed: “Wrenfield Scouts” or @gmail.com
    why: str | None = None


def normalise_agency(text: str) -> str:
    text = text.casefold().replace("&", " and ").replace("'", "").replace("’", "")
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def email_domain(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().casefold().rstrip(".") or None


class AgencyPlacer:
    """Built once per import (one query per source), then asked row by row."""

    def __init__(self, session: Session) -> None:
        agencies = list(
            session.execute(select(Agency.id, Agency.name, Agency.short_name, Agency.email))
        )
        self.names: dict[str, int] = {}
        self.full_names = {i: normalise_agency(n) for i, n, _s, _e in agencies}
        for agency_id, name, short, _email in agencies:
            for text in (name, short):
                if text:
                    self.names.setdefault(normalise_agency(text), agency_id)
        known: dict[str, set[int]] = defaultdict(set)
        for agency_id, _n, _s, email in agencies:
            if domain := email_domain(email):
                known[domain].add(agency_id)
        for agency_id, email in session.execute(
            select(Person.agency_id, Person.email).where(Person.agency_id.is_not(None))
        ):
            if domain := email_domain(email):
                known[domain].add(agency_id)
        for agency_id, domain in session.execute(
            select(TrainingAgencyDomain.agency_id, TrainingAgencyDomain.domain)
        ):
            known[domain.casefold()] = {agency_id}  # named by business support: it wins
        self.domains = dict(known)
        self._placed: dict[tuple[str | None, str | None], Placed] = {}

    def by_name(self, text: str) -> int | None:
        wanted = normalise_agency(text)
        if not wanted:
            return None
        if wanted in self.names:
            return self.names[wanted]
        if len(wanted) < 6:
            return None
        padded = f" {wanted} "
        holding = [i for i, name in self.full_names.items() if padded in f" {name} "]
        return holding[0] if len(holding) == 1 else None

    def by_domain(self, email: str | None) -> tuple[int | None, str | None]:
        """(agency, None) or (None, why not) for the domain of `email`."""
        domain = email_domain(email)
        if domain is None:
            return None, None
        candidates = self.domains.get(domain)
        if candidates is None:  # a subdomain of a known domain (team.agency.org.uk)
            candidates = next(
                (ids for known, ids in self.domains.items() if domain.endswith(f".{known}")), None
            )
        if not candidates:
            return None, f"no agency is known by the domain {domain}"
        if len(candidates) > 1:
            return None, f"{len(candidates)} agencies share the domain {domain}"
        return next(iter(candidates)), None

    def place(self, agency_text: str | None, email: str | None) -> Placed:
        """Where a practitioner works, by the agency as written, else their e-mail's domain
        (answers are remembered: an export names the same few agencies thousands of times)."""
        key = (agency_text, email_domain(email))
        if key not in self._placed:
            self._placed[key] = self._place(agency_text, email)
        return self._placed[key]

    def _place(self, agency_text: str | None, email: str | None) -> Placed:
        text = " ".join((agency_text or "").split())
        if text and (found := self.by_name(text)) is not None:
            return Placed(found)
        found, why = self.by_domain(email)
        if found is not None:
            return Placed(found)
        domain = email_domain(email)
        if text:
            reason = f"no agency of the register is called that{f'; {why}' if why else ''}"
            return Placed(None, f"“{text}”", reason)
        if domain:
            return Placed(None, f"@{domain}", why)
        return Placed(None, "(no agency or e-mail given)", "nothing to place them by")
