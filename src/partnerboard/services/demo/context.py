"""What the demo's steps share: "today", a seeded random generator, and what earlier steps made.

Its own module so that each step (`partnership`, `meetings`...) can name it without importing
the package that runs the steps.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from partnerboard.db.database import BoardSession


@dataclass
class DemoContext:
    today: date
    rng: random.Random
    agencies: dict[str, int] = field(default_factory=dict)  # key -> id
    people: dict[str, int] = field(default_factory=dict)  # key -> id
    boards: dict[str, int] = field(default_factory=dict)  # key -> id
    extra: dict[str, object] = field(default_factory=dict)  # for later steps to share


DemoStep = Callable[[BoardSession, DemoContext], None]
