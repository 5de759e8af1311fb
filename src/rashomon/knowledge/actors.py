"""The actor base: who speaks in a report, and for which side of the conflict.

The base is package data (``knowledge/actors/*.yaml``): every country with its names, demonyms and capital; the
institution nouns ("Ministry of Defence", "General Staff", "spokesman"); international bodies; news outlets with
their domains and alignment; and one pack per conflict that puts states, de facto states, armed groups and
persons on the conflict's sides. Users add packs of the same shape (``--actors FILE``).

Two questions are answered here, without any spaCy model:

* :meth:`ActorBase.find` -- where does a text mention an actor? ("the Azerbaijani Defense Ministry said" ->
  ``AZ.mod``). An institution noun next to an entity becomes that entity's institution, ``<ENTITY>.<role>``.
* :meth:`ActorBase.resolve` -- which actor is a claimant noun phrase? ("The Co-Chairs of the OSCE Minsk Group
  (Ambassadors ... of Russia ...)" -> ``OSCE.MG``).

Example:
    >>> base = ActorBase.default()
    >>> base.resolve("Azerbaijan`s Defense Ministry").id
    'AZ.mod'
    >>> base.opponent("armenian")
    'azerbaijani'
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from rashomon.model import Actor

logger = logging.getLogger(__name__)

NEUTRAL = "neutral"
KINDS = frozenset({"country", "institution", "armed_force", "international", "outlet", "person", "group", "unknown"})

# Shipped files that must load first, in this order (roles before packs, countries before everything);
# conflict packs and any other shipped file follow in name order.
_CORE_FILES = ("countries.yaml", "institutions.yaml", "international.yaml", "outlets.yaml")

# --------------------------------------------------------------------------- matching constants
# Words allowed between an institution noun and the entity it belongs to. Before the entity: "Ministry of
# Defence *of the* self-proclaimed NKR", "spokesman *for the* Armenian MoD"; after it: "Azerbaijan*'s* Defence
# Ministry", "Armenian *deputy* defence minister". At most two: "of the" is the longest join news English uses,
# and a longer gap is a separate mention. Set by hand on the seed articles and the test table.
_PRE_JOIN = frozenset({"of", "for", "at", "the"})
_POST_JOIN = frozenset({"'s", "deputy", "acting", "first"})
_MAX_JOIN = 2
# A personal name after a person noun ("Armenian analyst Anna Mkrtchyan"): capitalised tokens, at most four
# ("Abdel Fattah al Burhan"), with lowercase particles only inside.
_MAX_NAME = 4
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "di", "van", "von", "ul", "le", "la", "ben"})
_NOT_NAMES = frozenset(
    "The A An On In At As By For From He She They It We This That These Those But And Or Said Says Told Who Which "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December".split()
)

_WORD = re.compile(r"[^\W_\u02bc]+")  # U+02BC is a letter to Unicode, an apostrophe to writers
_APOSTROPHES = "'\u2019`\u02bc\u2018\u00b4"
_JOINERS = frozenset("-\u2010\u2011./" + _APOSTROPHES)
_BLANK = re.compile(r"[ \t\u00a0\r]*\n?[ \t\u00a0\r]*")
_END = "$"  # trie key of a node's lexeme; every other key is a tuple
_SIDE_ID = re.compile(r"[a-z][a-z0-9_]*")
_ISO2 = re.compile(r"[A-Z]{2}")


class ActorPackError(ValueError):
    """A pack file that cannot be used; the message names the file, the line and the problem."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        super().__init__(f"{source}:{line}: {problem}" if line else f"{source}: {problem}")
        self.source, self.line, self.problem = source, line, problem


class ActorMatch(BaseModel):
    """One actor mention: ``text[start:end]`` names ``actor``; ``role`` is the institution role, if any."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: int
    end: int
    text: str
    actor: Actor
    role: str | None = None


# --------------------------------------------------------------------------- tokens


#: Words that make a longer place name of the name after them ("Lower Juba", "New Mexico", "Greater
#: Cairo"): a region of one country must not resolve to the country or capital it shares a word with.
_PLACE_QUALIFIERS = frozenset("lower upper middle greater north south east west central new old little port lake "
                              "mount fort cape".split())


def _inside_place_name(toks: list[_Tok], i: int) -> bool:
    """True when token ``i`` follows a capitalised place qualifier joined to it ("Lower | Juba")."""
    if i == 0 or not toks[i].soft:
        return False
    prev = toks[i - 1].text
    return prev[:1].isupper() and prev.lower() in _PLACE_QUALIFIERS


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    soft: bool  # joined to the previous token by a space, hyphen, apostrophe, slash or abbreviation dot
    poss: bool  # the "s" of a possessive "'s"


def _soft(gap: str, prev: str) -> bool:
    """True when ``gap`` joins two tokens of one name."""
    if len(gap) == 1 and gap in _JOINERS:
        return True
    if _BLANK.fullmatch(gap) or (gap[:1] in _APOSTROPHES and _BLANK.fullmatch(gap[1:])):  # "Martyrs' Brigades"
        return True
    return gap[:1] == "." and len(prev) == 1 and prev.isupper() and _BLANK.fullmatch(gap[1:]) is not None


def _tokens(text: str) -> list[_Tok]:
    """Word tokens with their offsets; a possessive "'s" (any apostrophe, or a backtick) is its own token."""
    out: list[_Tok] = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        gap = text[out[-1].end : start] if out else ""
        soft = bool(out) and _soft(gap, out[-1].text)
        poss = soft and word in ("s", "S") and len(gap) == 1 and gap in _APOSTROPHES
        out.append(_Tok(start, end, word, soft, poss))
    return out


@functools.lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    """Case- and accent-insensitive form."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()


def _acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 or (len(word) == 1 and word.isupper())


def _alias_key(tok: _Tok, relaxed: bool) -> tuple[str, str]:
    """Trie key of an alias token: acronyms exact, capitalised words need a capital, the rest any case."""
    if tok.poss:
        return ("P", "s")
    if _acronym(tok.text):
        return ("A", tok.text)
    return ("C" if tok.text[0].isupper() and not relaxed else "L", _fold(tok.text))


def _text_keys(tok: _Tok) -> tuple[tuple[str, str], ...]:
    """Trie keys a text token may follow, most specific last (the search pops it first)."""
    if tok.poss:
        return (("P", "s"),)
    folded = _fold(tok.text)
    if tok.text[0].isupper():
        return (("L", folded), ("C", folded), ("A", tok.text))
    return (("L", folded), ("A", tok.text))


def _plural(demonym: str) -> str | None:
    """'Armenian' -> 'Armenians'; None where English keeps the form ('French', 'Swiss', 'Sudanese')."""
    return None if demonym.endswith(("s", "sh", "ch", "x", "z", "se")) else demonym + "s"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _fold(name)).strip("_")


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class _Lex:
    kind: str  # entity | actor | role | person_noun | qualifier | stop
    ref: str = ""
    context_only: bool = False  # an entity named only together with an institution noun ("Gaza health ministry")
    place: bool = False  # a place name (a country's name or capital), which a longer place name may contain


@dataclass(frozen=True, slots=True)
class _Role:
    id: str
    template: str
    kind: str
    modifier: bool = False


@dataclass(frozen=True, slots=True)
class _Entity:
    id: str
    name: str
    adj: str
    side: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class _Occ:
    first: int
    stop: int
    lex: _Lex


@dataclass
class _Tables:
    actors: dict[str, Actor]
    entities: dict[str, _Entity]
    roles: dict[str, _Role]
    person_nouns: dict[str, _Role]
    role_by_actor: dict[str, str]
    side_actors: frozenset[str]
    trie: dict[Any, Any]
    domains: dict[str, str]
    outlet_names: dict[str, str]
    packs: dict[str, tuple[str, ...]]
    sides: frozenset[str]
    overrides: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- the base


class ActorBase:
    """Actors, their sides and the matcher over their names. Build with :meth:`default` or :meth:`load`."""

    def __init__(self, tables: _Tables) -> None:
        self._t = tables
        self._made: dict[str, Actor] = {}
        self._side_pack = {side: pack for pack, sides in tables.packs.items() for side in sides}

    @classmethod
    def default(cls) -> ActorBase:
        """The shipped packs, loaded once per process."""
        return _default_base()

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> ActorBase:
        """The shipped packs plus user pack files, which may add actors, outlets and conflict packs.

        Args:
            extra: paths of YAML pack files, applied after the shipped ones (a user alias overrides a shipped one).

        Raises:
            ActorPackError: a file is unreadable or malformed; the message names the file, line and problem.
        """
        builder = _Builder()
        for source, doc in _shipped_documents():
            builder.add(doc, source)
        for path in extra:
            source = str(path)
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise ActorPackError(source, None, f"cannot read the pack file: {exc.strerror or exc}") from exc
            builder.add(_parse(text, source), source)
        base = builder.finish()
        logger.debug("actor base: %d actors, %d sides, %d packs", len(base), len(base.sides()), len(base.packs()))
        return base

    def __len__(self) -> int:
        return len(self._t.actors)

    # ------------------------------------------------------------------ lookups

    def get(self, actor_id: str) -> Actor:
        """The actor with this id, including institutions and persons of an entity ("FR.mod", "AM.analyst").

        Raises:
            KeyError: no such actor and none can be derived.
        """
        actor = self._t.actors.get(actor_id) or self._made.get(actor_id)
        if actor is not None:
            return actor
        entity_id, _, rest = actor_id.partition(".")
        entity = self._t.entities.get(entity_id)
        if entity is not None:
            if rest in self._t.roles:
                return self._institution(entity, rest)
            if rest in self._t.person_nouns:
                return self._person(entity, rest, None)
            if rest.startswith("person.") and len(rest) > len("person."):
                return self._person(entity, "", rest[len("person.") :].replace("_", " "))
        raise KeyError(f"unknown actor id {actor_id!r}")

    def sides(self) -> set[str]:
        """Every side id an actor can have: the packs' sides, 'neutral', and each other country's own side."""
        return set(self._t.sides)

    def packs(self) -> dict[str, tuple[str, ...]]:
        """Conflict pack ids and their side ids."""
        return dict(self._t.packs)

    def opponent(self, side: str) -> str | None:
        """The other side of the conflict pack that has ``side``; None unless that pack has exactly two sides."""
        pack = self._side_pack.get(side)
        if pack is None or len(self._t.packs[pack]) != 2:
            return None
        first, second = self._t.packs[pack]
        return second if side == first else first

    def side_of_country(self, iso2: str) -> str | None:
        """The side of a country (ISO 3166-1 alpha-2), or None for an unknown code."""
        entity = self._t.entities.get(iso2.strip().upper())
        return entity.side if entity is not None and entity.id == entity.country else None

    def outlet(self, name_or_domain: str) -> Actor | None:
        """The outlet a name, domain or URL stands for ("Asbarez", "en.armradio.am", "https://commonspace.eu/x").

        Also finds other actors that publish under a domain of their own (the ISPR). Does not guess: an unknown
        name gives None.
        """
        text = name_or_domain.strip()
        host = _host(text)
        if host:
            labels = host.split(".")
            for i in range(len(labels) - 1):
                actor_id = self._t.domains.get(".".join(labels[i:]))
                if actor_id:
                    return self.get(actor_id)
        actor_id = self._t.outlet_names.get(_name_key(text))
        return self.get(actor_id) if actor_id else None

    # ------------------------------------------------------------------ matching

    def find(self, text: str) -> list[ActorMatch]:
        """Every actor mention in ``text``, left to right, longest first, never overlapping.

        An institution noun joined to an entity makes one mention of the institution ("Defence Ministry of
        the self-proclaimed Nagorno-Karabakh Republic" -> ``NKR.mod``); a person noun with a demonym makes a person
        ("Armenian analyst Richard Roe"). Institution nouns with no entity ("the ministry") are not mentions:
        resolving them needs the context, which is the caller's.
        """
        toks = _tokens(text)
        occs = self._scan(toks)
        out: list[ActorMatch] = []
        k = 0
        while k < len(occs):
            got = self._chunk(text, toks, occs, k)
            if got is None:
                k += 1
                continue
            match, stop = got
            if match is not None:
                out.append(match)
            while k < len(occs) and occs[k].first < stop:
                k += 1
        return out

    def resolve(self, phrase: str) -> Actor | None:
        """The actor a claimant noun phrase names, the most specific one; None if it names none.

        Mentions inside brackets are set aside when others exist (the members listed after a body's name);
        then the first institution, person, international body, outlet or group wins over bare countries and
        sides, so "Co-Chairs of the OSCE Minsk Group ... of Russia" is the Minsk Group and "Armenian Foreign
        Ministry spokesman X" the Armenian foreign ministry.
        """
        matches = self.find(phrase)
        outside = [m for m in matches if not _in_brackets(phrase, m.start)]
        pool = outside or matches
        for m in pool:
            if m.role is not None or (m.actor.id not in self._t.entities and m.actor.id not in self._t.side_actors):
                return m.actor
        return pool[0].actor if pool else None

    def _scan(self, toks: list[_Tok]) -> list[_Occ]:
        occs: list[_Occ] = []
        i = 0
        while i < len(toks):
            hit = self._longest(toks, i)
            if hit is None or (hit[1].place and _inside_place_name(toks, i)):
                i += 1
                continue
            occs.append(_Occ(i, hit[0], hit[1]))
            i = hit[0]
        return occs

    def _longest(self, toks: list[_Tok], i: int) -> tuple[int, _Lex] | None:
        best: tuple[int, _Lex] | None = None
        stack: list[tuple[dict[Any, Any], int]] = [(self._t.trie, i)]
        while stack:
            node, j = stack.pop()
            lex = node.get(_END)
            if lex is not None and j > i and (best is None or j > best[0]):
                best = (j, lex)
            if j < len(toks) and (j == i or toks[j].soft):
                for key in _text_keys(toks[j]):
                    child = node.get(key)
                    if child is not None:
                        stack.append((child, j + 1))
        return best

    def _chunk(self, text: str, toks: list[_Tok], occs: list[_Occ], k: int) -> tuple[ActorMatch | None, int] | None:
        """The mention that starts at occurrence ``k``: role nouns, qualifiers, a core, role and person nouns."""
        n, j, pre, post = len(occs), k, [], []
        while occs[j].lex.kind == "role" and j + 1 < n and _joined(toks, occs[j], occs[j + 1], _PRE_JOIN):
            pre.append(occs[j].lex.ref)
            j += 1
        while occs[j].lex.kind == "qualifier" and j + 1 < n and _joined(toks, occs[j], occs[j + 1], frozenset()):
            j += 1
        core = occs[j]
        if core.lex.kind not in ("entity", "actor"):
            return None
        stop, noun, name = core.stop, None, None
        while j + 1 < n and occs[j + 1].lex.kind == "role" and _joined(toks, occs[j], occs[j + 1], _POST_JOIN):
            j += 1
            post.append(occs[j].lex.ref)
            stop = occs[j].stop
        if j + 1 < n and occs[j + 1].lex.kind == "person_noun" and _joined(toks, occs[j], occs[j + 1], _POST_JOIN):
            j += 1
            noun, stop = occs[j].lex.ref, occs[j].stop
            name_stop = _name_after(toks, stop)
            if name_stop > stop:
                name = text[toks[stop].start : toks[name_stop - 1].end]
                stop = name_stop
        found = self._interpret(core.lex, pre, post, noun, name)
        if found is None:
            return None, stop
        start, end = toks[occs[k].first].start, toks[stop - 1].end
        return ActorMatch(start=start, end=end, text=text[start:end], actor=found[0], role=found[1]), stop

    def _interpret(
        self, lex: _Lex, pre: list[str], post: list[str], noun: str | None, name: str | None
    ) -> tuple[Actor, str | None] | None:
        head = self._head(pre, post)
        if lex.kind == "entity":
            entity = self._t.entities[lex.ref]
            if head is not None:
                return self._institution(entity, head), head
            if lex.context_only:
                return None
            if noun is not None:
                return self._person(entity, noun, name), None
            return self._t.actors[entity.id], None
        actor = self.get(lex.ref)
        return actor, self._role_of(actor.id) or head

    def _head(self, pre: list[str], post: list[str]) -> str | None:
        """The governing role: the last one after the entity, else the first before it; modifiers last."""
        for seq, pick in ((post, -1), (pre, 0)):
            heads = [r for r in seq if not self._t.roles[r].modifier]
            if heads:
                return heads[pick]
        return post[-1] if post else (pre[0] if pre else None)

    def _role_of(self, actor_id: str) -> str | None:
        role = self._t.role_by_actor.get(actor_id)
        if role is None:
            entity_id, _, rest = actor_id.partition(".")
            role = rest if entity_id in self._t.entities and rest in self._t.roles else None
        return role

    def _institution(self, entity: _Entity, role_id: str) -> Actor:
        actor_id = f"{entity.id}.{role_id}"
        actor = self._t.actors.get(actor_id) or self._made.get(actor_id)
        if actor is None:
            role = self._t.roles[role_id]
            name = role.template.format(adj=entity.adj, name=entity.name)
            actor = Actor(id=actor_id, name=name, kind=role.kind, side=entity.side, country=entity.country)
            self._made[actor_id] = actor
        return actor

    def _person(self, entity: _Entity, noun: str, name: str | None) -> Actor:
        toks = _tokens(name or "")
        known = self._longest(toks, 0) if toks else None  # "Sudanese general Abdel Fattah al Burhan"
        if known is not None and known[0] == len(toks) and known[1].kind == "actor":
            actor = self.get(known[1].ref)
            if actor.kind == "person":
                return actor
        actor_id = f"{entity.id}.person.{name.replace(' ', '_')}" if name else f"{entity.id}.{noun}"
        actor = self._t.actors.get(actor_id) or self._made.get(actor_id)
        if actor is None:
            if name:
                label, kind = name, "person"
            else:
                role = self._t.person_nouns[noun]
                label, kind = role.template.format(adj=entity.adj, name=entity.name), role.kind
            actor = Actor(id=actor_id, name=label, kind=kind, side=entity.side, country=entity.country)
            self._made[actor_id] = actor
        return actor


def _joined(toks: list[_Tok], a: _Occ, b: _Occ, words: frozenset[str]) -> bool:
    """True when only join words (and soft gaps) stand between occurrences ``a`` and ``b``."""
    if b.first - a.stop > _MAX_JOIN or not all(t.soft for t in toks[a.stop : b.first + 1]):
        return False
    return all((t.poss and "'s" in words) or (not t.poss and _fold(t.text) in words) for t in toks[a.stop : b.first])


def _name_after(toks: list[_Tok], i: int) -> int:
    """End of a personal name starting at token ``i`` (``i`` itself when there is none)."""
    j = i
    while j < len(toks) and j - i < _MAX_NAME and toks[j].soft and not toks[j].poss:
        word = toks[j].text
        if _name_part(toks[j]):
            j += 1
        elif word in _NAME_PARTICLES and j > i and j + 1 < len(toks) and _name_part(toks[j + 1]):
            j += 1  # "al" in "Abdel Fattah al Burhan"
        else:
            break
    return j


def _name_part(tok: _Tok) -> bool:
    return tok.soft and not tok.poss and tok.text[0].isupper() and tok.text not in _NOT_NAMES


def _in_brackets(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _host(text: str) -> str | None:
    """The host name of a URL or bare domain ("https://www.Asbarez.com/x" -> "asbarez.com"), else None."""
    if "://" not in text and ("." not in text or " " in text):
        return None
    host = text.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0].lower().strip(".")
    return host.removeprefix("www.") or None


def _name_key(name: str) -> str:
    return " ".join(_fold(name).split()).removeprefix("the ")


# --------------------------------------------------------------------------- loading


class _Map(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers its (1-based) line."""

    line = 0


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML loader whose mappings carry their line and reject duplicate keys."""


def _construct_map(loader: Any, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key `{key}`", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def _parse(text: str, source: str) -> _Map:
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ActorPackError(source, mark.line + 1 if mark else None, f"invalid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ActorPackError(source, None, f"invalid YAML: {exc}") from exc
    if not isinstance(doc, _Map):
        raise ActorPackError(source, 1, "a pack file must be a mapping (countries:, outlets:, actors:, id: + sides:)")
    return doc


@functools.cache
def _shipped_documents() -> tuple[tuple[str, _Map], ...]:
    folder = resources.files("rashomon.knowledge").joinpath("actors")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    names = [n for n in _CORE_FILES if n in names] + [n for n in names if n not in _CORE_FILES]
    return tuple((f"actors/{n}", _parse(folder.joinpath(n).read_text(encoding="utf-8"), f"actors/{n}")) for n in names)


@functools.cache
def _default_base() -> ActorBase:
    return ActorBase.load()

_TOP_KEYS = frozenset(
    {"countries", "roles", "person_nouns", "qualifiers", "stop_phrases", "metonyms", "international", "outlets",
     "actors", "id", "name", "description", "sides"}
)  # fmt: skip
_ENTITY_KEYS = ("aliases", "demonyms", "capital", "context_aliases", "institutions")


def _show(lex: _Lex) -> str:
    return f"{lex.kind} {lex.ref}".strip()


class _Builder:
    """Collects pack files into an :class:`ActorBase`; sides and actor references are checked at the end."""

    def __init__(self) -> None:
        self.source = ""
        self.entities: dict[str, dict[str, Any]] = {}  # states and de facto states: name, adjs, kind, country
        self.entity_side: dict[str, str] = {}
        self.specs: dict[str, dict[str, Any]] = {}  # every other actor: name, kind, side, country, side_of, at
        self.roles: dict[str, _Role] = {}
        self.person_nouns: dict[str, _Role] = {}
        self.role_by_actor: dict[str, str] = {}
        self.aliases: dict[tuple[tuple[str, str], ...], tuple[_Lex, str, int]] = {}
        self.lookup: dict[str, str] = {}
        self.domains: dict[str, str] = {}
        self.packs: dict[str, tuple[str, ...]] = {}
        self.overrides: list[str] = []

    def err(self, line: int | None, problem: str) -> ActorPackError:
        return ActorPackError(self.source, line, problem)

    def node(self, value: Any, what: str, line: int, required: tuple[str, ...], optional: tuple[str, ...]) -> _Map:
        if not isinstance(value, _Map):
            raise self.err(line, f"each {what} must be a mapping, not {value!r}")
        for key in required:
            if not isinstance(value.get(key), str) or not value[key].strip():
                raise self.err(value.line, f"{what} without `{key}` (a string)")
        extra = sorted(set(value) - set(required) - set(optional), key=str)
        if extra:
            raise self.err(value.line, f"unknown key `{extra[0]}` in {what}; expected {', '.join(required + optional)}")
        return value

    def items(self, m: _Map, key: str) -> list[Any]:
        value = m.get(key) or []
        if not isinstance(value, list):
            raise self.err(m.line, f"`{key}` must be a list")
        return value

    def names(self, m: _Map, key: str) -> list[str]:
        value = self.items(m, key)
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.err(m.line, f"`{key}` must be a list of names (quote words YAML reads as booleans: 'NO')")
        return value

    def country_ref(self, m: _Map) -> str | None:
        code = m.get("country")
        if code is not None and (not isinstance(code, str) or self.entities.get(code, {}).get("country") != code):
            raise self.err(m.line, f"unknown country {code!r} (an ISO 3166-1 alpha-2 code of countries.yaml)")
        return code

    def alias(self, surface: str, lex: _Lex, line: int, strict: bool = True) -> None:
        toks = _tokens(surface)
        toks = toks[1:] if toks and toks[0].text == "the" else toks
        if not toks or not all(t.soft for t in toks[1:]):
            if not strict:  # a display name such as "Armed Conflict Location & Event Data" need not match
                return
            raise self.err(line, f"alias {surface!r} can never match (empty, or joined by punctuation)")
        key = tuple(_alias_key(t, lex.kind not in ("entity", "actor")) for t in toks)
        old = self.aliases.get(key)
        if old is not None and (old[0].kind, old[0].ref, old[0].context_only) == (lex.kind, lex.ref, lex.context_only):
            if old[0].place and not lex.place:  # a name that is also a demonym ("Eswatini") is no mere place name
                self.aliases[key] = (lex, old[1], old[2])
            return
        if old is not None and old[0] != lex:
            if old[1] == self.source:
                raise self.err(line, f"duplicate alias {surface!r}: {_show(old[0])} (line {old[2]}) and {_show(lex)}")
            self.overrides.append(f"{self.source}:{line}: {surface!r} is {_show(lex)}, was {_show(old[0])} ({old[1]})")
            logger.debug("actor alias overridden: %s", self.overrides[-1])
        self.aliases[key] = (lex, self.source, line)

    def add(self, doc: _Map, source: str) -> None:
        self.source = source
        extra = sorted(set(doc) - _TOP_KEYS, key=str)
        if extra:
            raise self.err(doc.line, f"unknown top-level key `{extra[0]}`; expected {', '.join(sorted(_TOP_KEYS))}")
        for value in self.items(doc, "countries"):
            self.country(value, doc.line)
        for section, table in (("roles", self.roles), ("person_nouns", self.person_nouns)):
            for value in self.items(doc, section):
                self.role(value, doc.line, table, section[:-1])
        for section in ("qualifiers", "stop_phrases"):
            for phrase in self.names(doc, section):
                self.alias(phrase, _Lex("qualifier" if section == "qualifiers" else "stop"), doc.line)
        if "sides" in doc or "id" in doc:
            self.pack(doc)
        for value in self.items(doc, "metonyms"):
            m = self.node(value, "metonym", doc.line, ("actor",), ("aliases",))
            for name in self.names(m, "aliases"):
                self.alias(name, _Lex("actor", m["actor"]), m.line)
        for section, kind, side in (("international", "international", NEUTRAL), ("outlets", "outlet", None)):
            for value in self.items(doc, section):
                self.actor(value, doc.line, section, kind, side)
        for value in self.items(doc, "actors"):
            self.actor(value, doc.line, "actors", None, None)

    def country(self, value: Any, line: int) -> None:
        m = self.node(value, "country", line, ("iso2", "name"), ("aliases", "demonyms", "capital", "un"))
        iso = m["iso2"]
        if not _ISO2.fullmatch(iso) or iso in self.entities:
            raise self.err(m.line, f"iso2 {iso!r} is not two capital letters, or is given twice")
        self.entities[iso] = {"name": m["name"], "adjs": [], "kind": "country", "country": iso}
        self.extend(iso, m)

    def extend(self, eid: str, m: _Map) -> None:
        """Names, demonyms (and their plurals), context-only names and the capital of an entity."""
        adjs = self.names(m, "demonyms")
        self.entities[eid]["adjs"].extend(adjs)
        lex, plurals = _Lex("entity", eid), [p for p in map(_plural, adjs) if p]
        place = _Lex("entity", eid, place=True)
        if "name" in m:
            self.alias(m["name"], place, m.line, strict=False)
        for name in self.names(m, "aliases"):
            self.alias(name, place, m.line)
        for name in adjs + plurals:
            self.alias(name, lex, m.line)
        for name in self.names(m, "context_aliases"):
            self.alias(name, _Lex("entity", eid, context_only=True), m.line)
        if isinstance(m.get("capital"), str):
            self.alias(m["capital"], _Lex("actor", f"{eid}.government", place=True), m.line)

    def role(self, value: Any, line: int, table: dict[str, _Role], kind: str) -> None:
        m = self.node(value, kind.replace("_", " "), line, ("id", "name"), ("kind", "modifier", "nouns"))
        template = m["name"] if kind == "role" else "{adj} " + m["name"]
        rkind = m.get("kind") or ("institution" if kind == "role" else "person")
        try:
            template.format(adj="", name="")
        except (KeyError, IndexError, ValueError) as exc:
            raise self.err(m.line, f"name {template!r} may only use {{adj}} and {{name}}") from exc
        if not _SIDE_ID.fullmatch(m["id"]) or rkind not in KINDS:
            raise self.err(m.line, f"bad id {m['id']!r} or kind {rkind!r} (kinds: {', '.join(sorted(KINDS))})")
        table[m["id"]] = _Role(m["id"], template, rkind, bool(m.get("modifier", False)))
        for noun in self.names(m, "nouns"):
            self.alias(noun, _Lex(kind, m["id"]), m.line)

    def pack(self, doc: _Map) -> None:
        pid = doc.get("id")
        if not isinstance(pid, str) or not pid.strip() or pid in self.packs:
            raise self.err(doc.line, f"conflict pack without `id`, or with an id already used: {pid!r}")
        known = {s for sides in self.packs.values() for s in sides}
        ids: list[str] = []
        for value in self.items(doc, "sides"):
            s = self.node(value, "side", doc.line, ("id", "name"), ("aliases", "parties", "persons"))
            sid = s["id"]
            if not _SIDE_ID.fullmatch(sid) or sid == NEUTRAL or sid in known or sid in ids:
                raise self.err(s.line, f"side id {sid!r} must be new, not 'neutral', and in lowercase, digits and _")
            ids.append(sid)
            self.spec(f"side.{sid}", s, s["name"], "group", sid, None, named=False)  # its name is often a party's
            for value in self.items(s, "parties"):
                self.party(value, s.line, sid)
            for value in self.items(s, "persons"):
                p = self.node(value, "person", s.line, ("name",), ("id", "country", "aliases"))
                eid = p.get("country")
                if (eid is None and not p.get("id")) or (eid is not None and eid not in self.entities):
                    raise self.err(p.line, f"person needs `country` (a known entity id, not {eid!r}) or an `id`")
                aid = p.get("id") or f"{eid}.person.{p['name'].replace(' ', '_')}"
                self.spec(aid, p, p["name"], "person", sid, self.entities[eid]["country"] if eid else None)
        if not ids:
            raise self.err(doc.line, f"conflict pack {pid!r} has no `sides`")
        self.packs[pid] = tuple(ids)

    def party(self, value: Any, line: int, sid: str) -> None:
        if isinstance(value, _Map) and "id" not in value:
            m = self.node(value, "party", line, ("country",), _ENTITY_KEYS)
            eid = m["country"]
            if self.entities.get(eid, {}).get("country") != eid:
                raise self.err(m.line, f"unknown country {eid!r} (an ISO 3166-1 alpha-2 code of countries.yaml)")
        else:
            optional = ("kind", "country", "composable", "domains", *_ENTITY_KEYS)
            m = self.node(value, "party", line, ("id", "name"), optional)
            eid, kind, country = m["id"], m.get("kind", "group"), self.country_ref(m)
            if kind not in KINDS:
                raise self.err(m.line, f"unknown kind {kind!r}; expected one of {', '.join(sorted(KINDS))}")
            if not m.get("composable", kind == "country"):
                bad = [k for k in _ENTITY_KEYS[1:] if k in m]
                if bad:
                    raise self.err(m.line, f"`{bad[0]}` needs a state-like party (kind: country, or composable: true)")
                self.spec(eid, m, m["name"], kind, sid, country)
                return
            if eid in self.entities or eid in self.specs or "." in eid:
                raise self.err(m.line, f"party id {eid!r} is given twice, or has a dot")
            self.entities[eid] = {"name": m["name"], "adjs": [], "kind": kind, "country": country}
        if self.entity_side.setdefault(eid, sid) != sid:
            raise self.err(m.line, f"{eid} is already on side {self.entity_side[eid]!r}; an entity has one side")
        self.extend(eid, m)
        for adj in self.entities[eid]["adjs"]:
            self.alias(f"{adj} side", _Lex("actor", f"side.{sid}"), m.line)
        for value in self.items(m, "institutions"):
            i = self.node(value, "institution", m.line, ("role",), ("id", "name", "aliases", "domains"))
            role, entity = self.roles.get(i["role"]), self.entities[eid]
            if role is None:
                raise self.err(i.line, f"unknown role {i['role']!r}; expected one of {', '.join(self.roles)}")
            aid = i.get("id") or f"{eid}.{role.id}"
            adj = (entity["adjs"] or [entity["name"]])[0]
            name = i.get("name") or role.template.format(adj=adj, name=entity["name"])
            self.spec(aid, i, name, role.kind, None, entity["country"], side_of=eid)
            self.role_by_actor[aid] = role.id

    def actor(self, value: Any, line: int, section: str, kind: str | None, side: str | None) -> None:
        keys = ("kind", "side", "country", "aliases", "lookup", "domains", "parent")
        m = self.node(value, section.removesuffix("s"), line, ("id", "name"), keys)
        kind, side, country = m.get("kind") or kind, m.get("side", side), self.country_ref(m)
        if kind not in KINDS:
            raise self.err(m.line, f"unknown kind {kind!r}; expected one of {', '.join(sorted(KINDS))}")
        if section == "outlets" and not side:
            raise self.err(m.line, f"outlet {m['id']!r} without `side` (a side id, or 'neutral')")
        self.spec(m["id"], m, m["name"], kind, side, country, side_of=None if side else country)

    def spec(
        self, aid: str, m: _Map, name: str, kind: str, side: str | None, country: str | None,
        side_of: str | None = None, named: bool = True,
    ) -> None:  # fmt: skip
        if aid in self.specs or aid in self.entities:
            raise self.err(m.line, f"actor id {aid!r} is given twice")
        self.specs[aid] = {"name": name, "kind": kind, "side": side, "country": country, "side_of": side_of,
                           "at": (self.source, m.line)}  # fmt: skip
        lex, names = _Lex("actor", aid), self.names(m, "aliases")
        if named and kind != "outlet":
            self.alias(name, lex, m.line, strict=False)
        for alias in names:
            self.alias(alias, lex, m.line)
        for domain in self.names(m, "domains"):
            self.domains[domain.lower().removeprefix("www.")] = aid
        if kind == "outlet" or "domains" in m:
            for alias in (name, *names, *self.names(m, "lookup")):
                self.lookup[_name_key(alias)] = aid

    def finish(self) -> ActorBase:
        sides = {s for pack in self.packs.values() for s in pack} | {NEUTRAL}
        for eid, e in self.entities.items():  # a country in no pack is a side of its own
            if eid not in self.entity_side:
                base = _slug((e["adjs"] or [e["name"]])[0])
                self.entity_side[eid] = base if base not in sides else f"{base}_{eid.lower()}"
                sides.add(self.entity_side[eid])
        entities = {
            eid: _Entity(eid, e["name"], (e["adjs"] or [e["name"]])[0], self.entity_side[eid], e["country"])
            for eid, e in self.entities.items()
        }
        actors = {eid: Actor(id=eid, name=e.name, kind=self.entities[eid]["kind"], side=e.side, country=e.country)
                  for eid, e in entities.items()}  # fmt: skip
        for aid, s in self.specs.items():
            side = s["side"] or (self.entity_side.get(s["side_of"]) if s["side_of"] else None)
            if side is not None and side not in sides:
                raise ActorPackError(*s["at"], f"unknown side {side!r}; known: {', '.join(sorted(sides))}")
            actors[aid] = Actor(id=aid, name=s["name"], kind=s["kind"], side=side, country=s["country"])
        trie: dict[Any, Any] = {}
        for key, (lex, _, _) in self.aliases.items():
            node = trie
            for part in key:
                node = node.setdefault(part, {})
            node[_END] = lex
        side_actors = frozenset(f"side.{s}" for pack in self.packs.values() for s in pack)
        base = ActorBase(
            _Tables(actors, entities, self.roles, self.person_nouns, self.role_by_actor, side_actors, trie,
                    self.domains, self.lookup, self.packs, frozenset(sides), self.overrides)
        )  # fmt: skip
        for lex, source, line in self.aliases.values():
            if lex.kind == "actor":
                try:
                    base.get(lex.ref)
                except KeyError:
                    raise ActorPackError(source, line, f"alias of unknown actor {lex.ref!r}") from None
        return base
