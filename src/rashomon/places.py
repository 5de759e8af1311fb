"""Places: toponyms in a parsed text, found and resolved to gazetteer records.

:func:`find_places` serves two callers:

- the events stage (``include_actors=False``, one sentence at a time): the places *where something happened*.
  A country, or a name that is an actor ("Azerbaijan attacked"), counts only after a locative preposition
  ("in Azerbaijan"); names after "away from" / "far from" are not places of the event; small foreign places
  are dropped where the parties' countries are known; words of the outlet's and relays' names ("Meridian
  Wire") are never places.
- geoparsing (``include_actors=True``, the whole document): every toponym, countries used as actors ("Turkey
  shells Syria") and demonyms ("Syrian", resolved to Syria) included, as the geoparsing sets count them.

Recognition takes spaCy's entities (GPE, LOC, FAC, NORP, and ORG/PERSON, which the small model often gives to
places), runs of proper nouns and noun chunks, and keeps what the gazetteer knows. A multi-word proper name
the gazetteer does not know is not cut into words that it does ("Royal Street" is not the town of Royal);
only a leading part of an organisation's name is tried ("Springfield Police Department" -> Springfield,
"New York Times" -> New York), and in geoparsing mode only.

Resolution is joint (:meth:`rashomon.knowledge.gazetteer.Gazetteer.resolve`): the parties' countries and the
countries the text names are context, places pull each other together, and "X, Y" / "X (Y)" with Y a region
or country ("Springfield, Illinois", "Gainesville, Ga.") keeps X inside Y.

Notes:
    The geoparsing figures are those of ``rashomon eval geo`` (GeoWebNews, LGL, GeoVirus); Gritta,
    Pilehvar & Collier (2019), "A pragmatic guide to geoparsing evaluation", for what counts as a toponym.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from rashomon.knowledge.actors import ActorBase
from rashomon.knowledge.gazetteer import Gazetteer, PlaceCandidate, normalize
from rashomon.language import doc_text, entities, noun_chunks, sentences
from rashomon.model import Document, Place, Span

logger = logging.getLogger(__name__)

# ----------------------------------------------------------------- calibrated constants
#: A name of a place outside the countries of the parties in the text is taken as a place only when that
#: place is a city of this size ("Republic", Missouri, 16k, is not; Vienna is). Where no party's country is
#: known, NER decides. Set on the seed articles (events stage).
MIN_POPULATION_OUT_OF_CONTEXT = 100_000

#: In geoparsing mode a proper noun the NER did not tag as a place is kept when the gazetteer's best record
#: for it is a country, region or curated feature, or a place of at least this many people: 1,000 lets
#: through the towns of local news and keeps out most surnames that are also hamlets. Checked on
#: GeoWebNews, LGL and GeoVirus.
MIN_POPULATION_UNTAGGED = 1_000

#: A leading part of a longer proper name ("Springfield Police Department") is a place only when the
#: gazetteer's best record for it is a region or a place of this size: smaller ones are mostly words that
#: happen to name a hamlet ("Air Balloon" -> Air). Checked on GeoWebNews and LGL (5,000 found more
#: toponyms than 50,000 and hardly more wrong ones).
MIN_POPULATION_PART = 5_000

#: A name of at most this many characters that reaches a region only through an alias ("Ga.", "NSW") counts
#: only with its full stop or in capitals: "Miss", "Ind" and "Pa" are also words and names.
SHORT_ALIAS_CHARS = 5

#: The country of more than half of a text's places becomes context when there are at least this many.
HOME_MIN_PLACES = 2

_LOCATIVE_PREPS = {"in", "at", "near", "into", "across", "toward", "towards", "from", "around",
                   "along", "on", "inside", "between", "to", "within", "by"}
_PLACE_NOUNS = {"village", "town", "city", "region", "district", "province", "outskirts", "area", "settlement",
                "suburb", "port", "capital", "border", "territory", "direction", "directions", "vicinity", "oblast"}
_EXCLUDING = ("away from", "far from", "outside", "beyond")
#: Heads of names of streets, buildings and natural features: such a name is one place, never a word of it.
_GEO_HEADS = {"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive", "way", "highway",
              "park", "square", "bridge", "river", "lake", "creek", "mountain", "mountains", "mount", "hill", "hills",
              "valley", "island", "islands", "bay", "beach", "airport", "station", "stadium", "center", "centre",
              "hall", "school", "hospital", "church", "mall", "plaza", "court", "place", "point", "heights",
              "canyon", "forest", "falls", "springs", "harbor", "harbour", "port", "coast", "sea", "ocean", "gulf",
              "strait", "canal", "desert", "peninsula", "reservoir", "dam", "trail", "parkway", "terrace"}
#: Words that begin names: a leading part ending in one is no name of its own ("South Ossetia" -> South).
_NAME_STARTS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
                "lower", "new", "old", "fort", "ft", "port", "saint", "st", "san", "santa", "mount", "mt", "lake", "great",
                "little", "greater", "air", "la", "le", "el", "los", "las", "de", "del", "sri", "united", "royal"}
_FEATURE_RE = re.compile(r"\b(line of contact|contact line|line of control|conflict zone|neutral zone)\b", re.I)
_NER_PLACE = ("GPE", "LOC", "FAC")
#: Entities that are never places ("May", "Thursday", "Aug.").
_NER_NEVER = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
_CALENDAR = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
             "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
             "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NER_ANY = ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")
_BROAD = ("country", "continent", "admin1", "admin2", "feature")


@dataclass(frozen=True)
class _Found:
    """One accepted toponym before resolution."""

    start: int
    end: int
    name: str  # what the gazetteer is asked; for a demonym, the country's name
    fixed: PlaceCandidate | None = None  # a demonym or actor, resolved already


def _hyphen_parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    parts = [(s, e)]
    chunk = text[s:e]
    if "-" in chunk and not chunk.lower().startswith(("al-", "el-")):
        pos = s
        for piece in chunk.split("-"):
            parts.append((pos, pos + len(piece)))
            pos += len(piece) + 1
    return parts


def context_countries(doc: Doc, actors: ActorBase) -> set[str]:
    """Countries of the parties to a conflict the text is about (sides of a conflict pack).

    Countries named only in passing (a diplomat "of the United States") do not count: they would let small
    foreign towns through as places.
    """
    conflict: set[str] = set()
    other: set[str] = set()
    for m in actors.find(doc_text(doc)[:20000]):
        if not m.actor.country or m.actor.side in (None, "neutral"):
            continue
        (conflict if actors.opponent(m.actor.side) else other).add(m.actor.country)
    return conflict or other


class _Finder:
    """Candidate toponyms of one document, sentence by sentence."""

    def __init__(self, document: Document, doc: Doc, gazetteer: Gazetteer, actors: ActorBase, geo: bool,
                 context: set[str]):
        self.text = doc_text(doc)
        self.doc = doc
        self.gaz = gazetteer
        self.actors = actors
        self.geo = geo
        self.context = context
        self.credits = [c.lower().split() for c in (*document.relays, document.outlet or "") if c]
        self._ents_of: dict[tuple[int, int], list] = {}

    def _ents(self, sent: SpacySpan) -> list:
        """``sent.ents``, found once per sentence (see :func:`rashomon.language.entities`)."""
        key = (sent.start, sent.end)
        if key not in self._ents_of:
            self._ents_of[key] = entities(sent)
        return self._ents_of[key]

    # ------------------------------------------------------------------ candidate spans
    def spans(self, sent: SpacySpan) -> list[tuple[int, int, bool]]:
        """(start, end, whole) candidate spans; ``whole`` is False for a leading part of a longer name."""
        cands: list[tuple[int, int, bool]] = []
        for ent in self._ents(sent):
            if ent.label_ in _NER_ANY:
                cands.append((ent.start_char, ent.end_char, True))
        run: list[Token] = []
        for tok in list(sent) + [None]:  # type: ignore[list-item]
            if tok is not None and tok.pos_ == "PROPN" and not tok.is_punct:
                run.append(tok)
                continue
            if run:
                cands.append((run[0].idx, run[-1].idx + len(run[-1]), True))
                for k in range(len(run) - 1, 0, -1):  # leading parts, longest first
                    cands.append((run[0].idx, run[k - 1].idx + len(run[k - 1]), False))
                run = []
        for chunk in noun_chunks(sent):
            toks = [t for t in chunk if t.dep_ not in ("det", "poss") and not t.is_punct]
            if toks:
                cands.append((toks[0].idx, toks[-1].idx + len(toks[-1]), True))
        for m in _FEATURE_RE.finditer(sent.text):
            cands.append((sent.start_char + m.start(), sent.start_char + m.end(), True))
        return sorted(set(cands), key=lambda x: (x[0], -(x[1] - x[0]), not x[2]))

    def _part_allowed(self, s: int, e: int, sent: SpacySpan) -> bool:
        """Whether a leading part of a longer proper name may be a place of its own (geoparsing only)."""
        span = self.doc.char_span(s, e, alignment_mode="expand")
        if not self.geo or span is None or span.end >= len(self.doc):
            return False
        rest = []
        for tok in self.doc[span.end:]:
            if tok.pos_ != "PROPN":
                break
            rest.append(tok)
        if not rest or rest[-1].lower_.strip(".") in _GEO_HEADS:
            return False  # "Royal Street", "Brands Hatch Circuit": one place the gazetteer lacks
        # "Springfield Police Department", "New York Times": a leading place name of an organisation
        return not any(x.label_ == "PERSON" and x.start_char <= s and e <= x.end_char for x in self._ents(sent))

    # ------------------------------------------------------------------ one sentence
    def sentence(self, sent: SpacySpan, actor_spans: list[tuple[int, int, PlaceCandidate | None]]) -> list[_Found]:
        names: list[_Found] = []
        seen: set[str] = set()
        for s, e, whole in self.spans(sent):
            for part_s, part_e in _hyphen_parts(self.text, s, e):
                found = self._candidate(sent, part_s, part_e, whole, names, seen, actor_spans)
                if found is not None:
                    names.append(found)
                    seen.add(found.name.lower())
        if self.geo:
            # countries the actor base names and the gazetteer does not ("People's Republic of China")
            for a_s, a_e, country in actor_spans:
                if country is not None and not any(f.start < a_e and a_s < f.end for f in names):
                    top = next(iter(self.gaz.lookup(self.text[a_s:a_e])[:1]), None)
                    if top is None or top.feature == "country":
                        names.append(_Found(a_s, a_e, self.text[a_s:a_e], None if top else country))
            names.extend(self._demonyms(sent, names, actor_spans))
        return names

    def _candidate(self, sent: SpacySpan, s: int, e: int, whole: bool, names: list[_Found], seen: set[str],
                   actor_spans: list[tuple[int, int, PlaceCandidate | None]]) -> _Found | None:
        raw = self.text[s:e]
        name = raw.strip(" ()'’\"-–")
        if not name or not name[0].isalpha():
            return None
        s += raw.index(name)
        e = s + len(name)
        short = len(name) < 3
        if short and not (self.geo and name.isupper()):
            return None
        if not self.geo and name.lower() in seen:
            return None
        if any(f.start < e and s < f.end for f in names):
            return None
        if normalize(name) in _CALENDAR or any(
                x.label_ in _NER_NEVER and x.start_char < e and s < x.end_char for x in self._ents(sent)):
            return None
        if any(name.lower() in words for words in self.credits):
            return None  # "(Meridian Wire)": a word of an agency's name is no place
        if not whole and not self._part_allowed(s, e, sent):
            return None
        hits = self.gaz.lookup(name)
        if not hits:
            return None
        top = hits[0]
        if short and top.feature not in ("country", "admin1", "continent", "feature"):
            return None  # "US", "UK", "NSW"; not "AL" the person
        if not whole and (name.split()[-1].lower() in _NAME_STARTS or top.feature == "place"
                          and top.population < MIN_POPULATION_PART or top.feature == "feature"):
            return None
        if (top.feature == "admin1" and len(name) <= SHORT_ALIAS_CHARS and normalize(top.name) != normalize(name)
                and not (name.endswith(".") or name.isupper())):
            return None
        if name[0].islower() and top.feature != "feature":
            return None
        actor = next((a for a in actor_spans if a[0] <= s and e <= a[1]), None)
        ner_place = any(x.label_ in _NER_PLACE and x.start_char == s and e == x.end_char for x in self._ents(sent))
        prev = self.doc.char_span(s, e, alignment_mode="expand")
        prep_tok = prev[0].nbor(-1) if prev is not None and prev.start > 0 else None
        prep = prep_tok.lower_ if prep_tok is not None else ""
        if prep == "of" and prep_tok is not None and prep_tok.i > 0 and prep_tok.nbor(-1).lower_ in _PLACE_NOUNS:
            prep = "in"
        if self.geo:
            if actor is not None and actor[2] is not None and (actor[0], actor[1]) == (s, e):
                return _Found(s, e, name, actor[2] if top.feature != "country" else None)
            if not ner_place and top.feature not in _BROAD and top.population < MIN_POPULATION_UNTAGGED:
                return None
            if any(x.label_ == "PERSON" and x.start_char <= s and e <= x.end_char for x in self._ents(sent)) and (
                    top.feature not in _BROAD and top.population < MIN_POPULATION_OUT_OF_CONTEXT
                    and prep not in _LOCATIVE_PREPS):
                return None  # "Tyler Perry", "Austin Dillon": a person whose name is also a town
            return _Found(s, e, name)
        # the events stage: where something happened
        if (actor is not None or top.feature in ("country", "continent")) and prep not in _LOCATIVE_PREPS:
            return None
        before = self.text[max(0, s - 25):s].lower()
        if any(x in before for x in _EXCLUDING):
            return None
        in_context = any(h.country in self.context or h.feature in ("feature", "country", "continent") for h in hits)
        if not in_context and top.population < MIN_POPULATION_OUT_OF_CONTEXT and (self.context or not ner_place):
            return None  # "Republic" (a town in Missouri): a small place abroad is rarely meant
        return _Found(s, e, name)

    def _demonyms(self, sent: SpacySpan, names: list[_Found],
                  actor_spans: list[tuple[int, int, PlaceCandidate | None]]) -> list[_Found]:
        """Demonyms and nationality adjectives ("Syrian", "Russians", "Sri Lankan"), resolved to their country."""
        out: list[_Found] = []
        spans = [(x.start_char, x.end_char) for x in self._ents(sent) if x.label_ == "NORP"]
        spans += [(t.idx, t.idx + len(t)) for t in sent
                  if t.text[:1].isupper() and (t.pos_ in ("ADJ", "PROPN", "NOUN") or t.ent_type_ == "NORP")]
        # a word inside a longer name is not a demonym of its own ("Indian Ocean", "Syrian Arab Republic")
        names_ents = [(x.start_char, x.end_char) for x in self._ents(sent) if x.label_ in _NER_PLACE and len(x) > 1]
        for s, e in spans:
            if any(f.start < e and s < f.end for f in names + out):
                continue
            if any(a <= s and e <= b and (a, b) != (s, e) for a, b in names_ents):
                continue
            target = self.gaz.demonym(self.text[s:e])
            if target is None:
                target = next((a[2] for a in actor_spans if (a[0], a[1]) == (s, e) and a[2] is not None), None)
            if target is not None:
                out.append(_Found(s, e, target.name, target))
        return out


def _actor_spans(doc: Doc, actors: ActorBase, gazetteer: Gazetteer, start: int, end: int,
                 geo: bool) -> list[tuple[int, int, PlaceCandidate | None]]:
    """Actor mentions in ``doc_text(doc)[start:end]``, with the country record of a country actor (geo mode)."""
    out = []
    for m in actors.find(doc_text(doc)[start:end]):
        country = None
        if geo and m.actor.kind == "country" and m.actor.country:
            country = gazetteer.country(m.actor.country)
        out.append((start + m.start, start + m.end, country))
    return out


def _hints(text: str, found: Sequence[_Found], gazetteer: Gazetteer) -> dict[str, tuple[str, str | None]]:
    """"X, Y" and "X (Y)" with Y a region or country: X lies in Y."""
    hints: dict[str, tuple[str, str | None]] = {}
    by_start = {f.start: f for f in found}
    for f in found:
        gap = re.match(r"\s*(,|\()\s*", text[f.end:f.end + 4])
        if gap is None or f.fixed is not None:
            continue
        nxt = by_start.get(f.end + gap.end())
        if nxt is None:
            continue
        container = nxt.fixed or next(iter(gazetteer.lookup(nxt.name)[:1]), None)
        if container is None or not container.country or container.feature not in ("country", "admin1"):
            continue
        top = next(iter(gazetteer.lookup(f.name)[:1]), None)
        if top is not None and top.feature == container.feature:
            continue  # "Mexico, China, Japan", "Georgia, Oklahoma": a list of like units, not X in Y
        hints[f.name] = (container.country, container.admin1 if container.feature == "admin1" else None)
    return hints


def _regions(places: Sequence[Place | None], hints: dict[str, tuple[str, str | None]] | None) -> set[tuple[str, str]]:
    """(country, admin1) of the first-level regions the text names, alone or as "X, Region"."""
    out = {(p.country, p.admin1) for p in places if p is not None and p.feature == "admin1" and p.country and p.admin1}
    out |= {(c, a) for c, a in (hints or {}).values() if a}
    return out


def _home_country(places: Sequence[Place | None]) -> str | None:
    """The country of more than half of the places (countries and continents aside), if any."""
    local = [p.country for p in places if p is not None and p.country and p.feature not in ("country", "continent")]
    if len(local) < HOME_MIN_PLACES:
        return None
    top = max(set(local), key=local.count)
    return top if local.count(top) * 2 > len(local) else None


def find_places(document: Document, doc: Doc, *, gazetteer: Gazetteer, actors: ActorBase,
                sentence: SpacySpan | None = None, include_actors: bool = False,
                context: set[str] | None = None) -> list[Place]:
    """Toponyms of a document (or of one of its sentences), resolved, with character spans.

    Args:
        document: the cleaned document (``doc.text == document.text``); its outlet and relays are never places.
        doc: its spaCy parse.
        gazetteer: the place index.
        actors: the actor base: parties' countries for context, actor mentions, demonyms.
        sentence: a sentence unit of ``doc``: only its places, resolved among themselves (the events stage).
        include_actors: count countries used as actors and demonyms wherever they stand, and every other
            toponym, as geoparsing does; when False, keep only places where something happens (see the module
            docstring).
        context: the parties' countries, when the caller has them already (:func:`context_countries`).

    Returns:
        Places in text order, each with ``span`` (``document.text[span.start:span.end] == span.text``).
        Names the gazetteer cannot resolve are left out. Does not find places the gazetteer lacks (streets,
        buildings) nor resolve coordinates written as numbers.
    """
    if context is None:
        # geoparsing takes its context from the places themselves: an actor match of an ambiguous name
        # ("Georgia" in a Georgia, US paper) must not decide it
        context = set() if include_actors else context_countries(doc, actors)
    finder = _Finder(document, doc, gazetteer, actors, include_actors, set(context))
    units = [sentence] if sentence is not None else sentences(doc)
    found: list[_Found] = []
    for unit in units:
        spans = _actor_spans(doc, actors, gazetteer, unit.start_char, unit.end_char, include_actors)
        found.extend(finder.sentence(unit, spans))
    found.sort(key=lambda f: f.start)
    free = [f for f in found if f.fixed is None]
    countries = set(context)
    hints = None
    if include_actors:
        countries |= {f.fixed.country for f in found if f.fixed is not None and f.fixed.country}
        hints = _hints(doc_text(doc), found, gazetteer)
    resolved = gazetteer.resolve([f.name for f in free], countries=countries, within=hints)
    if include_actors:
        # the country the text is about: most of its resolved places lie there ("Athens" in a Georgia paper);
        # the first-level regions it names steer its towns ("in Illinois ... Springfield")
        home = _home_country(resolved)
        regions = _regions(resolved, hints)
        if (home is not None and home not in countries) or regions:
            countries = countries | ({home} if home else set())
            resolved = gazetteer.resolve([f.name for f in free], countries=countries, within=hints,
                                         regions=regions)
    places = dict(zip((id(f) for f in free), resolved, strict=True))
    out: list[Place] = []
    for f in found:
        place = f.fixed.to_place(f.name) if f.fixed is not None else places[id(f)]
        if place is None:
            continue
        span = Span.of(doc_text(doc), f.start, f.end)
        out.append(place.model_copy(update={"name": span.text if f.fixed is not None else place.name, "span": span}))
    return out
