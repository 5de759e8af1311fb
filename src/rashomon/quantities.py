"""Counts of people as intervals: "at least 2", "five", "a number of", "dozens".

A count is an interval ``[min, max]`` (``max`` None: no upper bound), read the
way ACLED codes figures: conservatively. The vague-word table follows ACLED's
codebook practice (tens = 10, dozens = 12, hundreds = 100 as the conservative
figure; "a number of" = at least one).
"""

from __future__ import annotations

import math
import re

from rashomon.model import Count

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12, "couple": 2, "pair": 2,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

#: Vague quantities: (min, max). ACLED's conservative readings; "several" and
#: "a few" are read as at least two, "many"/"scores" as at least the smallest
#: reading that is still plural of the word's usual sense.
VAGUE: dict[str, tuple[int, int | None]] = {
    "a number of": (1, None),
    "an unspecified number of": (1, None),
    "unspecified number of": (1, None),
    "some": (1, None),
    "several": (2, None),
    "a few": (2, None),
    "few": (2, None),
    "a couple of": (2, 2),
    "many": (2, None),
    "numerous": (2, None),
    "multiple": (2, None),
    "tens of": (10, None),
    "dozens of": (12, None),
    "dozens": (12, None),
    "scores of": (12, None),
    "hundreds of": (100, None),
    "hundreds": (100, None),
    "thousands of": (1000, None),
    "thousands": (1000, None),
}

#: Qualifiers before a number. "more than n" is kept at n (not n+1), the
#: conservative figure ACLED would code; "about n" is a +-10% band and "nearly
#: n" the 10% below n: chosen by reading, not calibrated on data.
_LOWER = ("at least", "no fewer than", "no less than", "not less than", "more than", "over", "upwards of", "in excess of", "a minimum of")
_UPPER = ("up to", "as many as", "at most", "no more than", "not more than", "fewer than", "less than", "under")
_APPROX = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "close to")
_NEARLY = ("nearly", "almost", "just under", "close to")

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_WORD = re.compile(r"[a-z]+")


def words_to_int(text: str) -> int | None:
    """Read a number written in digits or English words ("two hundred", "5", "1,200")."""
    t = text.strip().lower().replace("-", " ")
    m = _NUMBER.fullmatch(t.replace(" ", "")) if t and t.replace(",", "").replace(" ", "").isdigit() else None
    if m:
        return int(m.group(0).replace(",", ""))
    total = current = 0
    seen = False
    parts = t.split()
    if len(parts) > 1 and parts[0] in ("a", "an"):
        parts = parts[1:]  # "a dozen", "a hundred": the article is the multiplier 1
    if "dozen" in parts:
        parts = [p for p in parts if p != "dozen"] + ["dozen"]
    for w in parts:
        if w == "and":
            continue
        if w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w == "dozen" and current:
            current *= 12
            seen = True
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
        elif _NUMBER.fullmatch(w):
            current += int(w)
            seen = True
        else:
            return None
    return total + current if seen else None


_NUMWORDS = "|".join(sorted((*_UNITS, *_SCALES), key=len, reverse=True))
_NOBODY = re.compile(r"(?<![\w-])(?:no[\s-]one|nobody|none)(?![\w-])")
_NUM_PHRASE = re.compile(
    rf"(?<![\w-])((?:\d{{1,3}}(?:,\d{{3}})+|\d+)|(?:(?:{_NUMWORDS})(?:[\s-]+(?:and\s+)?(?:{_NUMWORDS}))*))(?![\w-])",
    re.I,
)


def parse_count(phrase: str, *, plural: bool = True) -> Count | None:
    """The count a noun phrase expresses, or None when it names none.

    Args:
        phrase: the words before (and including) the counted noun, e.g.
            "at least 2 servicemen", "a number of soldiers", "five".
        plural: whether the counted noun is plural; a bare plural with no
            number reads as "at least one" (conservative), a bare singular as one.

    Notes:
        Does not read ranges written with "to"/"-" between numbers except as
        "between n and m". Ordinals ("the second") are not counts.
    """
    text = " ".join(phrase.split())
    low = text.lower()
    if _NOBODY.search(low):  # "no one", "nobody", "none of them": a count of zero, not "one"
        return Count(min=0, max=0, text=text)
    between = re.search(r"between\s+(.+?)\s+and\s+(\S+)", low)
    if between:
        a, b = words_to_int(between.group(1)), words_to_int(between.group(2))
        if a is not None and b is not None:
            return Count(min=min(a, b), max=max(a, b), text=text)
    match = None
    for m in _NUM_PHRASE.finditer(low):
        value = words_to_int(m.group(1))
        if value is None:
            continue
        if m.group(1) in ("a", "an") and len(low.split()) > 1 and plural:
            continue  # "a number", "an attack": articles, not counts
        match = (m, value)
        break
    if match is None:
        for vague, (lo, hi) in sorted(VAGUE.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?<!\w){re.escape(vague)}(?!\w)", low):
                return Count(min=lo, max=hi, text=text)
        if not plural:
            return Count(min=1, max=1, text=text)
        return Count(min=1, max=None, text=text)
    m, n = match
    before = low[: m.start()].rstrip()
    if before.endswith(_LOWER):
        return Count(min=n, max=None, text=text)
    if before.endswith(_UPPER):
        return Count(min=0, max=n, text=text)
    if before.endswith(_NEARLY):
        return Count(min=math.floor(n * 0.9), max=n, text=text)
    if before.endswith(_APPROX):
        return Count(min=math.floor(n * 0.9), max=math.ceil(n * 1.1), text=text)
    return Count(min=n, max=n, text=text)
