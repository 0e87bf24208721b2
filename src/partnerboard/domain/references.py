"""Anonymised case references: codes, never names, dates of birth or NHS numbers.

Records are about organisations and professionals, not children. A practice review or an
audited case is known by a code such as ``RR-2026-03``, ``LCSPR Child H`` or ``DA-2026-014``.
The same rule serves practice reviews and multi-agency audit case samples, in forms and in
partner workbooks: `check_anonymised_reference` returns what is wrong, in plain words.

What "looks like a name" is a judgement: a word of two or more letters is accepted when it is
a code word of the trade (child, baby, family, review, LCSPR, neglect, ...), written in
capitals as an acronym without vowels or of at most three letters (WSP, TSCB, DA), or a single
letter (Child H). Any other word — "Jane", "smith", "JANE" — looks like a name and is refused.
"""

from __future__ import annotations

import re
from datetime import date

REFERENCE_MAX = 40

# Words that appear in anonymised references but are nobody's name.
_CODE_WORDS_TEXT = """
    adult adults baby babies boy case child children cohort family girl infant person
    sibling siblings sister brother young people teenager twin twins unborn
    review reviews rapid local practice learning serious incident notification national
    panel thematic audit audits sample multi agency ref reference no number
    rr lcspr cspr scr sar dhr lsr lcsr lsp maa maca mash marac mappa camhs idva cse cce
    neglect exploitation domestic abuse sexual criminal physical emotional harm missing
    online radicalisation drugs county lines injury death sudden unexpected sudi
    of and the for group theme part phase wave round year home school return interview
    rhi ehe cin cp cla lac send sen pfa
"""
CODE_WORDS = frozenset(_CODE_WORDS_TEXT.split())
_VOWELS = set("AEIOUY")
_WORD = re.compile(r"[^\W\d_]+")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_WITH_MONTH_NAME = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?[\s./-]*(?:{_MONTHS})\b\.?(?:[\s,./-]*\d{{2,4}})?"
    rf"|\b(?:{_MONTHS})\b\.?[\s,./-]*(?:\d{{1,2}}(?:st|nd|rd|th)?[\s,./-]+)?\d{{2,4}}\b",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,4})[/.\-\s](\d{1,2})[/.\-\s](\d{2,4})(?!\d)")
# 03/2015: a month and year (of birth?); 2015/03 reads as a year and a number, which is fine.
_MONTH_YEAR = re.compile(r"(?<!\d)(?:0?[1-9]|1[0-2])[/.\-](?:19|20)\d{2}(?!\d)")
_DIGIT_RUN = re.compile(r"\d+")
_BIRTH_WORDS = re.compile(r"\b(?:d\.?\s?o\.?\s?b\.?|born|birth|date of birth)\b", re.IGNORECASE)


def _real_date(year: int, month: int, day: int) -> bool:
    if year < 100:
        year += 2000
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def _looks_like_date(text: str) -> bool:
    if _DATE_WITH_MONTH_NAME.search(text) or _MONTH_YEAR.search(text):
        return True
    for match in _NUMERIC_DATE.finditer(text):
        a, b, c = (int(part) for part in match.groups())
        if (len(match.group(1)) == 4 and _real_date(a, b, c)) or (
            len(match.group(1)) <= 2 and len(match.group(3)) in (2, 4) and _real_date(c, b, a)
        ):
            return True
    for run in _DIGIT_RUN.findall(text):
        # 22112019 (ddmmyyyy), 20191122 (yyyymmdd) or 221119 (ddmmyy) typed without separators.
        if len(run) == 8 and (
            _real_date(int(run[4:]), int(run[2:4]), int(run[:2]))
            or _real_date(int(run[:4]), int(run[4:6]), int(run[6:]))
        ):
            return True
        if len(run) == 6 and _real_date(int(run[4:]), int(run[2:4]), int(run[:2])):
            return True
    return False


def _name_like_words(text: str) -> list[str]:
    found: list[str] = []
    for word in _WORD.findall(text):
        if len(word) < 2 or word.casefold() in CODE_WORDS:
            continue
        acronym = word.isupper() and (len(word) <= 3 or not (_VOWELS & set(word)))
        if not acronym:
            found.append(word)
    return found


def check_anonymised_reference(
    text: str | None, pattern: str | re.Pattern[str] | None = None
) -> list[str]:
    """What is wrong with `text` as an anonymised reference (an empty list: nothing).

    Refuses a blank reference, one longer than 40 characters, anything that reads as a date
    (a date of birth), a ten-digit number (an NHS number), and words that look like a name.
    `pattern`, when given (e.g. the partnership's own ``RR-\\d{4}-\\d{2}``), must match the
    whole reference as well; it never makes a name or a date acceptable.
    """
    reference = " ".join((text or "").split())
    if not reference:
        return ["Give the anonymised reference, e.g. RR-2026-03 or Child H."]
    problems: list[str] = []
    if len(reference) > REFERENCE_MAX:
        problems.append(f"A reference must be at most {REFERENCE_MAX} characters.")
    if _looks_like_date(reference) or _BIRTH_WORDS.search(reference):
        problems.append(
            f"“{reference}” looks like it holds a date (of birth?). Use a code with no dates, "
            "e.g. RR-2026-03: a year on its own is fine."
        )
    if any(len(run) == 10 for run in _DIGIT_RUN.findall(reference.replace(" ", ""))):
        problems.append(f"“{reference}” looks like it holds an NHS number. Use a code instead.")
    # Month names and 'born' were reported as a date already; the rest is judged as words.
    words = _BIRTH_WORDS.sub(" ", _DATE_WITH_MONTH_NAME.sub(" ", reference))
    names = _name_like_words(words)
    if names:
        listed = ", ".join(f"“{word}”" for word in names)
        verb = "looks like a name" if len(names) == 1 else "look like names"
        problems.append(
            f"{listed} {verb}. Use a code such as RR-2026-03 or Child H: "
            "letters on their own, numbers, acronyms and words like Child, Baby, Family, Review."
        )
    if pattern is not None and not problems:
        compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
        if not compiled.fullmatch(reference):
            problems.append(
                f"“{reference}” does not follow the partnership's pattern for references "
                f"({compiled.pattern})."
            )
    return problems


def tidy_reference(text: str) -> str:
    """A reference as stored: surrounding and repeated spaces removed."""
    return " ".join(text.split())
