"""Write `src/partnerboard/domain/bank_holidays_england.py`: the bank holidays of England and
Wales for the years the app works in, from the `holidays` library.

The app reads this table instead of importing `holidays` (0.1–0.2 s, every country) while the
first page paints; years outside it still come from the library. A test compares the table with
the library, so re-run this after upgrading `holidays`:

    .venv/bin/python tools/make_bank_holidays.py
"""

from __future__ import annotations

from pathlib import Path

from partnerboard.domain import working_days

FIRST, LAST = 2015, 2040
TARGET = Path(__file__).resolve().parents[1] / "src/partnerboard/domain/bank_holidays_england.py"


def main() -> None:
    lines = [
        '"""Bank holidays of England and Wales, 2015–2040 (made by tools/make_bank_holidays.py from',
        'the `holidays` library; do not edit by hand)."""',
        "",
        "from datetime import date",
        "",
        f"FIRST_YEAR, LAST_YEAR = {FIRST}, {LAST}",
        "BANK_HOLIDAYS: dict[date, str] = {",
    ]
    for year in range(FIRST, LAST + 1):
        for day, name in sorted(working_days.library_bank_holidays(year).items()):
            lines.append(f"    date({day.year}, {day.month}, {day.day}): {name!r},")
    lines.append("}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(TARGET)


if __name__ == "__main__":
    main()
