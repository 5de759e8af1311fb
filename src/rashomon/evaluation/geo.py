"""Geoparsing: the events stage's place finder and the gazetteer against gold toponyms.

Layouts (one XML file; the format is told by its elements):

- GeoWebNews: ``article/text`` and ``article/toponyms/toponym`` with
  ``extractedName``, ``type``, ``nonLocational``, ``start``, ``end``,
  ``latitude``, ``longitude``;
- LGL and TR-News: ``article/text`` and ``toponym`` with ``phrase``, ``start``,
  ``end`` and ``gaztag/lat``, ``gaztag/lon``;
- GeoVirus: ``article/text`` and ``locations/location`` with ``name``,
  ``start``, ``end``, ``lat``, ``lon``.

Gold toponyms are those with coordinates; for GeoWebNews, those of the types in
:data:`GWN_TYPES` that are not marked ``nonLocational`` (demonyms, homonyms,
languages and the non-toponym expressions carry no coordinates and are out).
Gold offsets are sometimes off (by a character or more; a few GeoWebNews ones
are negative), so each gold toponym is aligned to the occurrence of its phrase
nearest its given offset.

Predictions: each article is parsed and :func:`rashomon.places.find_places` is
called on the whole article with ``include_actors=True`` (every toponym counts:
countries used as actors, "Turkey shells Syria", and demonyms, "Syrian", which
resolve to their country), with the default actor base and gazetteer. ``recall`` counts gold
toponyms whose span overlaps a predicted place's span; ``accuracy_161km``
counts those where an overlapping place is within 161 km (100 miles, the
customary geocoding tolerance) of the gold point, over all gold toponyms.

Notes:
    Gritta, Pilehvar & Collier (2019), "A pragmatic guide to geoparsing evaluation".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from rashomon.errors import EvaluationDataError
from rashomon.evaluation import EvalResult
from rashomon.knowledge.actors import ActorBase
from rashomon.knowledge.gazetteer import Gazetteer, distance_km
from rashomon.language import load_nlp, parse
from rashomon.model import Document, Place
from rashomon.places import find_places

logger = logging.getLogger(__name__)

LAYOUT = "a GeoWebNews, LGL, TR-News or GeoVirus XML file (<articles><article><text> with toponyms/locations)"
#: Toponym types of GeoWebNews that name a place with coordinates (literal and metonymic readings alike).
GWN_TYPES = frozenset({"Literal", "Literal_Modifier", "Metonymic", "Mixed", "Non_Literal_Modifier", "Coercion",
                       "Embedded_Literal", "Embedded_Non_Lit"})
ACCURACY_KM = 161.0


@dataclass(frozen=True)
class Toponym:
    phrase: str
    start: int
    end: int
    lat: float
    lon: float
    kind: str = ""  # the GeoWebNews type; empty for the other sets


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]
    realigned: int = 0
    unaligned: int = 0


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value and value.strip() else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


def detect(root) -> str:
    """``gwn``, ``lgl`` (also TR-News) or ``geovirus``."""
    if root.find(".//toponym/extractedName") is not None:
        return "gwn"
    if root.find(".//toponym/phrase") is not None:
        return "lgl"
    if root.find(".//location/name") is not None:
        return "geovirus"
    raise EvaluationDataError(f"no toponym or location elements of a known kind; expected {LAYOUT}")


def _raw_toponyms(article, kind: str):
    """(phrase, start, end, lat, lon, type) of gold toponyms with coordinates."""
    if kind == "gwn":
        for t in article.iterfind("toponyms/toponym"):
            if t.findtext("type") in GWN_TYPES and (t.findtext("nonLocational") or "No").strip() != "Yes":
                yield (t.findtext("extractedName"), t.findtext("start"), t.findtext("end"),
                       t.findtext("latitude"), t.findtext("longitude"), t.findtext("type"))
    elif kind == "lgl":
        for t in article.iterfind("toponyms/toponym"):
            yield (t.findtext("phrase"), t.findtext("start"), t.findtext("end"),
                   t.findtext("gaztag/lat"), t.findtext("gaztag/lon"), "")
    else:
        for t in article.iterfind("locations/location"):
            yield (t.findtext("name"), t.findtext("start"), t.findtext("end"), t.findtext("lat"), t.findtext("lon"),
                   "")


def align(text: str, phrase: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the occurrence of ``phrase`` nearest ``start`` (the given span when it holds the phrase)."""
    if 0 <= start < end <= len(text) and text[start:end] == phrase:
        return start, end
    for haystack, needle in ((text, phrase), (text.lower(), phrase.lower())):
        hits, i = [], haystack.find(needle)
        while i >= 0 and needle:
            hits.append(i)
            i = haystack.find(needle, i + 1)
        if hits:
            best = min(hits, key=lambda h: abs(h - start))
            return best, best + len(phrase)
    return None


def load_articles(path: Path) -> list[Article]:
    """Articles with their gold toponyms, aligned.

    Raises:
        EvaluationDataError: not an XML file of one of the layouts.
    """
    if not path.is_file():
        raise EvaluationDataError(f"{path}: not a file; expected {LAYOUT}")
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, huge_tree=True)).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise EvaluationDataError(f"{path}: not XML ({exc}); expected {LAYOUT}") from None
    try:
        kind = detect(root)
    except EvaluationDataError as exc:
        raise EvaluationDataError(f"{path}: {exc}") from None
    articles = []
    for k, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        found, realigned, unaligned = [], 0, 0
        for phrase, s, e, lat, lon, gwn_type in _raw_toponyms(art, kind):
            s_i, e_i, lat_f, lon_f = _int(s), _int(e), _float(lat), _float(lon)
            if not phrase or s_i is None or e_i is None or lat_f is None or lon_f is None:
                continue
            span = align(text, phrase, s_i, e_i)
            if span is None:
                unaligned += 1  # kept as gold: a toponym the text does not hold cannot be found
                span = (s_i, e_i)
            elif span != (s_i, e_i):
                realigned += 1
            found.append(Toponym(phrase, span[0], span[1], lat_f, lon_f, gwn_type))
        ident = art.get("file") or art.get("docid") or str(k)
        articles.append(Article(ident, text, tuple(found), realigned, unaligned))
    if not articles:
        raise EvaluationDataError(f"{path}: no article elements; expected {LAYOUT}")
    return articles


def predict_places(document: Document, doc, actors: ActorBase, gazetteer: Gazetteer) -> list[Place]:
    """Every toponym :func:`rashomon.places.find_places` finds in the document, actors and demonyms included."""
    places = find_places(document, doc, gazetteer=gazetteer, actors=actors, include_actors=True)
    return [p for p in places if p.span is not None]


def score(gold: tuple[Toponym, ...], places: list[Place],
          by_type: dict[str, list[int]] | None = None) -> tuple[int, int]:
    """(found, found and within 161 km) over the gold toponyms of one article.

    ``by_type`` (type -> [found, gold]) is updated when given.
    """
    found = near = 0
    for t in gold:
        hits = [p for p in places if p.span.start < t.end and t.start < p.span.end]
        if by_type is not None:
            counts = by_type.setdefault(t.kind or "all", [0, 0])
            counts[0] += bool(hits)
            counts[1] += 1
        if hits:
            found += 1
            near += any(p.lat is not None and p.lon is not None
                        and distance_km((p.lat, p.lon), (t.lat, t.lon)) <= ACCURACY_KM for p in hits)
    return found, near


def evaluate(path: Path, *, limit: int | None = None) -> EvalResult:
    """Score toponym recognition and resolution on the file's articles (the first ``limit``)."""
    path = Path(path)
    articles = load_articles(path)
    if limit is not None:
        articles = articles[:limit]
    nlp, actors, gazetteer = load_nlp(), ActorBase.default(), Gazetteer.default()
    gold = found = near = predicted = failed = 0
    by_type: dict[str, list[int]] = {}
    for art, doc in zip(articles, parse((a.text for a in articles), nlp)):
        document = Document(id=f"geo-{art.id}", source=f"{path}#{art.id}", text=art.text)
        try:
            places = predict_places(document, doc, actors, gazetteer)
        except ValueError as exc:  # a failure on one article is that article's misses
            logger.warning("geo: the place finder failed on %s: %s", art.id, str(exc).splitlines()[0])
            places, failed = [], failed + 1
        f, n = score(art.toponyms, places, by_type)
        gold, found, near, predicted = gold + len(art.toponyms), found + f, near + n, predicted + len(places)
    metrics = {
        "recall": round(found / gold, 4) if gold else 0.0,
        "accuracy_161km": round(near / gold, 4) if gold else 0.0,
    }
    realigned = sum(a.realigned for a in articles)
    unaligned = sum(a.unaligned for a in articles)
    notes = [
        f"gold toponyms with coordinates: {gold}; predicted places: {predicted}; found {found}, within 161 km {near}",
        f"gold offsets realigned to the nearest occurrence of the phrase: {realigned}; phrase not in text: {unaligned}",
        "GeoWebNews types counted: " + ", ".join(sorted(GWN_TYPES)) + " (not nonLocational)",
        "places: rashomon.places.find_places on the whole article, include_actors=True, default actors and gazetteer",
        f"articles where the place finder failed (no places): {failed}",
        "recall by type: " + ", ".join(f"{k} {f / g:.3f} ({g})" for k, (f, g) in sorted(by_type.items())),
    ]
    return EvalResult("geo", data=str(path), n=len(articles), metrics=metrics, notes=notes)
