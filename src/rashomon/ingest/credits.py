"""Who published a report and whom it relays.

Entry function: :func:`read_credits`. Two places name them in scraped news:

- the trailing credit lines (taken out of the body by ``clean.py``): "Source: X",
  "source: x.com", "Link: https://x.com/...", "Via X", "X reports citing Y",
  "Originally published by X", "X contributed to this report", "© 2017 X";
- the dateline at the start of the body: "STEPANAKERT, Artsakh (ArmRadio)—",
  "MOSCOW, April 8 (Reuters) -", "KYIV (AP) —", "MOSCOW, April 8. /TASS/." — the
  agency in it wrote the text, so it is the origin of the relay chain. The dateline
  stays in the text; it is only read here.

The outlet is the publisher: given by the caller (or the page's site name), else the
"Source:" line, else the domain of a "Link:" URL, else the copyright holder. A
credited source that is not the outlet is a relay.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds

# A dateline is looked for at the start of the first paragraphs only: a byline
# ("By Jane Doe") or a standfirst may come first, the dateline never comes later.
DATELINE_PARAGRAPHS = 3

# Agency credits in datelines are names of one to five words ("AP", "Reuters",
# "ArmRadio", "Xinhua", "Interfax-Ukraine"); anything longer in brackets is a remark.
MAX_AGENCY_WORDS = 5

# --------------------------------------------------------------------------- patterns

_PLACE = r"[A-Z][\w.'’\- ]{1,40}?(?:,\s*[\w.'’\- ]{1,40}?){0,2}"
_DATELINE = re.compile(
    rf"""^(?P<place>{_PLACE})\s*
        (?:\((?P<agency>[A-Z][^()\n]{{0,40}})\)\s*(?:[—–-]{{1,2}}|:)
          |[.,]?\s*/(?P<slashed>[A-Z][\w.\- ]{{1,30}})/\.?)""",
    re.VERBOSE,
)
_SOURCE = re.compile(r"^(?:sources?|credits?)\s*[:|]\s*(?P<value>\S.*)$", re.IGNORECASE)
_LINK = re.compile(r"^(?:link|url)\s*[:|]\s*(?P<value>\S.*)$", re.IGNORECASE)
_VIA = re.compile(r"^via\s*:?\s+(?P<value>\S.*)$", re.IGNORECASE)
_ORIGINALLY = re.compile(
    r"^(?:this\s+(?:article|story|report)\s+)?(?:was\s+|is\s+)?(?:originally|first)\s+(?:published|appeared)\s+(?:on|in|at|by)\s+(?P<value>.+)$",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"^(?P<value>.+?)\s+contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\.?$", re.IGNORECASE
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<value>.*)$", re.IGNORECASE)
_CITING = re.compile(
    r"^(?P<outlet>.+?)(?:,?\s+(?:reports?|reported|said|says)?\s*(?:citing|quoting|via)\s+)(?P<origin>.+)$",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"[.,]?\s*all\s+rights\s+reserved\.?$", re.IGNORECASE)
_URLISH = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.IGNORECASE)
_AGENCY_SPLIT = re.compile(r"\s*(?:/|,|;|\band\b)\s*")
_NOT_AGENCY = re.compile(r"\b(?:photo|video|file|updated?|reuters/)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Credits:
    """The outlet and the relayed sources (origin first) of one report."""

    outlet: str | None
    relays: tuple[str, ...]
    dateline: str | None = None  # the dateline as written, when there is one


def read_credits(text: str, credit_lines: Sequence[str] = (), *, outlet: str | None = None) -> Credits:
    """Read the outlet and the relay chain from the credit lines and the dateline.

    Args:
        text: the cleaned body (the dateline, if any, opens one of its first paragraphs).
        credit_lines: the trailing credit lines removed by ``clean.py``, in text order.
        outlet: the outlet when known (the user's, or the page's site name); it wins
            over credit lines, and a credited source that differs becomes a relay.

    Returns:
        :class:`Credits`; ``relays`` never contains the outlet itself.

    Notes:
        Relay order, origin first: sources cited by a credit ("X citing Y": Y),
        the dateline agency, credited sources that are not the outlet, then "via"
        intermediaries. Does not read attributions inside the body ("X quoted Y"):
        that is the claims stage's job.
    """
    origins: list[str] = []
    credited: list[str] = []
    vias: list[str] = []
    links: list[str] = []
    holders: list[str] = []
    for line in credit_lines:
        line = line.strip().strip("()").strip()
        if m := _SOURCE.match(line):
            name, cited = _split_citing(m.group("value"))
            credited.extend(name)
            origins.extend(cited)
        elif m := _LINK.match(line):
            value = m.group("value").strip()
            if _URLISH.match(value):
                links.append(_domain(value))
        elif m := _VIA.match(line):
            vias.extend(_names(m.group("value")))
        elif m := _ORIGINALLY.match(line):
            origins.extend(_names(m.group("value")))
        elif m := _CONTRIBUTED.match(line):
            origins.extend(_names(m.group("value")))
        elif m := _COPYRIGHT.match(line):
            holder = _clean_name(_RIGHTS.sub("", m.group("value")))
            if holder:
                holders.append(holder)

    dateline, agencies = _dateline(text)
    chosen = outlet or next(iter(credited + links + holders), None)
    chain = _unique(origins + agencies + credited + vias, exclude=chosen)
    if dateline:
        logger.debug("dateline %r credits %s", dateline, agencies)
    return Credits(outlet=chosen, relays=tuple(chain), dateline=dateline)


# --------------------------------------------------------------------------- helpers


def _dateline(text: str) -> tuple[str | None, list[str]]:
    """The dateline opening one of the first paragraphs, and the agencies it credits."""
    for paragraph in text.split("\n\n")[:DATELINE_PARAGRAPHS]:
        m = _DATELINE.match(paragraph.strip())
        if not m or not _is_place(m.group("place")):
            continue
        raw = m.group("agency") or m.group("slashed") or ""
        agencies = [a for a in (_clean_name(p) for p in _AGENCY_SPLIT.split(raw)) if a]
        if agencies and all(_is_agency(a) for a in agencies):
            return m.group(0).strip(), agencies
    return None, []


def _is_place(place: str) -> bool:
    """A dateline place: a word in capitals ("KYIV", "STEPANAKERT") or "City, Region/Date"."""
    first = place.split()[0].rstrip(",.")
    return (len(first) > 1 and first.isupper()) or "," in place


def _is_agency(name: str) -> bool:
    return 0 < len(name.split()) <= MAX_AGENCY_WORDS and not _NOT_AGENCY.search(name) and name[:1].isupper()


def _split_citing(value: str) -> tuple[list[str], list[str]]:
    """'Trend, citing APA' -> (['Trend'], ['APA']); 'Reuters, AFP' -> (['Reuters', 'AFP'], [])."""
    value = value.strip()
    if _URLISH.match(value):
        return [_domain(value)], []
    m = _CITING.match(value)
    if m and not _URLISH.match(m.group("origin").strip()):
        return _names(m.group("outlet")), _names(m.group("origin"))
    return _names(value), []


def _names(value: str) -> list[str]:
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", value.strip())
    out = []
    for part in parts:
        part = part.strip()
        out.append(_domain(part) if _URLISH.match(part) else _clean_name(part))
    return [p for p in out if p]


def _domain(value: str) -> str:
    """'https://www.example.com/a/b' -> 'example.com'; keeps 'example.com' as written."""
    value = value.strip().rstrip("/.")
    host = urlparse(value if "://" in value else f"//{value}").hostname or value
    return host.removeprefix("www.")


def _clean_name(value: str) -> str:
    return value.strip().strip(".,;:()[]\"'“”‘’ ").strip()


def _unique(names: list[str], *, exclude: str | None) -> list[str]:
    seen = {exclude.casefold()} if exclude else set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out
