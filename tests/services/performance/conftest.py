"""A small dataset on an empty database: two agencies and three indicators of different kinds."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from partnerboard.services import partnership as p
from partnerboard.services import performance as perf


@dataclass
class Dataset:
    council: int
    police: int
    rereferrals: perf.IndicatorRow  # % lower is better, numerator and denominator, Council
    timeliness: perf.IndicatorRow  # % higher is better, typed figure, Council
    missing: perf.IndicatorRow  # count, context only, Police


def make_dataset(db) -> Dataset:
    council = p.save_agency(db, p.AgencyInput(name="Children's Services", sector="local_authority"))
    police = p.save_agency(
        db, p.AgencyInput(name="Constabulary", short_name="Police", sector="police")
    )
    rereferrals = perf.save_indicator(
        db,
        perf.IndicatorInput(
            reference="FD4",
            title="Re-referrals within 12 months",
            unit="percentage",
            polarity="lower",
            definition="Referrals for a child referred in the previous 12 months.",
            numerator="Referrals within 12 months of a previous one",
            denominator="Referrals in the quarter",
            theme="Front door",
            agency_id=council.id,
            owner="Head of Service",
            target="20",
            tolerance="3",
            england="22.4",
            england_period="2024/25",
        ),
    )
    timeliness = perf.save_indicator(
        db,
        perf.IndicatorInput(
            reference="CP3",
            title="Initial conferences within 15 working days",
            unit="percentage",
            polarity="higher",
            theme="Child protection",
            agency_id=council.id,
            target=85,
            tolerance=5,
        ),
    )
    missing = perf.save_indicator(
        db,
        perf.IndicatorInput(
            reference="EX1",
            title="Missing episodes",
            unit="count",
            polarity="context",
            theme="Exploitation",
            agency_id=police.id,
        ),
    )
    return Dataset(council.id, police.id, rereferrals, timeliness, missing)


@pytest.fixture
def dataset(db) -> Dataset:
    return make_dataset(db)
