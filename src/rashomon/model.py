"""The data model: the only vocabulary the pipeline stages share.

Every record is an immutable pydantic model. Stages take records and return new
ones; nothing between stages is a dict with free-form keys. Every piece of text
that a record quotes carries character offsets into its document's ``text``
(``text[start:end] == quote``), which is the single unit of provenance.

The JSON shape of :class:`Analysis` (``Analysis.to_contract()``) is the output
contract fixed in DESIGN.md; more fields are welcome, the contract's names are
not to be changed.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Record(BaseModel):
    """Base of all records: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- spans


class Span(Record):
    """A stretch of a document's text: ``document.text[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError("span text length does not match its offsets")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(start=start, end=end, text=text[start:end])


# --------------------------------------------------------------------------- documents


class DateBasis(str, Enum):
    """How a document's publication date was obtained."""

    GIVEN = "given"  # the user or the source metadata gave it
    METADATA = "metadata"  # from the page's metadata (HTML, feed, WARC)
    PINNED = "pinned"  # inferred; the text pins it (weekday + day + month, anniversaries)
    BATCH = "batch"  # inferred; ambiguous alone, resolved by other documents of the batch
    LOWER_BOUND = "lower_bound"  # inferred; the latest date the text mentions, publication may be later
    NONE = "none"


class Segment(Record):
    """A part of a document with its own time: a live-blog update, or the lead."""

    heading: str
    time: dt.datetime | None = None
    start: int
    end: int
    order: int = Field(description="0 for the earliest written segment")


class Removed(Record):
    """Text removed from the analysed body, kept so that nothing is silently lost.

    Offsets are into :attr:`Document.raw_text`.
    """

    reason: Literal["duplicate", "share", "caption", "sidebar", "credit", "navigation", "title", "boilerplate",
                    "masthead"]
    start: int
    end: int
    text: str


class Document(Record):
    """One report, cleaned: ``text`` is what every later stage reads."""

    id: str
    source: str = Field(description="path, URL or label the document came from")
    outlet: str | None = None
    title: str | None = None
    author: str | None = Field(default=None, description="byline, from the page's metadata")
    text: str
    raw_text: str = ""
    published: dt.date | None = None
    published_time: dt.datetime | None = None
    published_inferred: bool = False
    published_basis: DateBasis = DateBasis.NONE
    year_candidates: tuple[int, ...] = ()
    relays: tuple[str, ...] = Field(default=(), description="relayed sources, origin first")
    relay_of: str | None = Field(default=None, description="id of the document this one copies")
    segments: tuple[Segment, ...] = ()
    removed: tuple[Removed, ...] = ()
    language: str = "en"

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)


# --------------------------------------------------------------------------- actors


class Actor(Record):
    """An entity that can make claims or take part in events."""

    id: str
    name: str
    kind: str = Field(description="country, institution, armed_force, international, outlet, person, group, unknown")
    side: str | None = Field(default=None, description="side id from the actor base, 'neutral', or None")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code")


class Claimant(Record):
    """Who made a claim: the words in the text and what they resolve to."""

    name: str
    actor: str | None = None
    side: str | None = None
    kind: str = "unknown"
    span: Span | None = None


class ClaimMode(str, Enum):
    DIRECT = "direct"  # quoted words
    INDIRECT = "indirect"  # reported speech: "X said that ..."
    MIXED = "mixed"  # reported speech with a quoted fragment
    ACCORDING = "according"  # "according to X, ..."
    NARRATOR = "narrator"  # no cue: the outlet itself asserts it
    EMBEDDED = "embedded"  # a tweet or statement pasted after its introduction
    CONTINUED = "continued"  # no cue, but it goes on with the account attributed just before


class Claim(Record):
    """A statement and who made it. ``start``/``end``/``quote`` are the content."""

    id: str
    document: str
    start: int
    end: int
    quote: str
    claimant: Claimant
    cue: Span | None = None
    mode: ClaimMode
    context: Span | None = Field(default=None, description="the sentence(s) holding the claim")
    relays: tuple[str, ...] = Field(default=(), description="who passed it on, nearest the origin first")
    segment: int | None = Field(default=None, description="index into the document's segments")
    statement_time: dt.datetime | None = None
    denies: tuple[str, ...] = Field(default=(), description="ids of claims this one rejects")


# --------------------------------------------------------------------------- event content


class Count(Record):
    """A number of people as an interval; ``max`` None means no upper bound."""

    min: int = Field(ge=0)
    max: int | None = None
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Count:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"count max {self.max} below min {self.min}")
        return self

    def compatible(self, other: Count) -> bool:
        """True when both intervals can hold at once."""
        lo = max(self.min, other.min)
        hi_candidates = [m for m in (self.max, other.max) if m is not None]
        return not hi_candidates or lo <= min(hi_candidates)


class Casualty(Record):
    """People killed, wounded, captured or missing, of one party."""

    kind: Literal["killed", "wounded", "captured", "missing"]
    party: str = Field(description="a side id, 'civilians', or 'unknown'")
    count: Count
    span: Span


class Place(Record):
    """A place, resolved through the gazetteer where possible."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    feature: str = Field(default="place", description="place, country, admin1, feature, unresolved")
    span: Span | None = None


class TimeInterval(Record):
    """When something happened: a closed interval of days with ACLED's precision."""

    start: dt.date
    end: dt.date
    precision: int = Field(ge=1, le=3, description="ACLED time_precision: 1 day, 2 week/few days, 3 month")
    uncertain: bool = Field(default=False, description="relative to a date that was itself only guessed")
    text: str = ""
    value: str | None = Field(default=None, description="TIMEX3-style value: 2017-02-25, 2017-W08, 2017-Q3, PAST_REF")
    span: Span | None = None


class PartyRef(Record):
    """A participant as the text names it, and the side it resolves to."""

    text: str
    side: str | None = None
    actor: str | None = None
    span: Span | None = None


class EventFlags(Record):
    negated: bool = False
    hypothetical: bool = False
    forecast: bool = False
    historical: bool = False
    another: bool = Field(default=False, description="'another attack': explicitly a further, distinct event")
    denial: bool = Field(default=False, description="the claimant rejects this event or its side's part in it")


class EventMention(Record):
    """One event as one claim describes it."""

    id: str
    claim: str
    document: str
    start: int
    end: int
    text: str
    trigger: Span
    event_type: str | None = None
    sub_event_type: str | None = None
    violent: bool = True
    initiator: PartyRef | None = None
    target: PartyRef | None = None
    places: tuple[Place, ...] = ()
    time: TimeInterval | None = None
    casualties: tuple[Casualty, ...] = ()
    weapons: tuple[Span, ...] = ()
    flags: EventFlags = EventFlags()


# --------------------------------------------------------------------------- incidents


Status = Literal["agreed", "corroborated", "contested", "single_source", "denied"]


class AttributeClaim(Record):
    claim: str
    claimant: str
    side: str | None = None
    value: str | Count | None = None
    document: str | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    superseded: bool = Field(default=False, description="a later statement of the same side replaced it")


class AttributeVerdict(Record):
    status: Status
    estimate: str | Count | None = None
    claims: tuple[AttributeClaim, ...] = ()
    sources: int = Field(default=0, description="independent sources (relays count once)")
    reasons: tuple[str, ...] = ()


class IncidentDate(Record):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: int = 3
    uncertain: bool = False


class Incident(Record):
    id: str
    date: IncidentDate
    event_type: str | None = None
    sub_event_type: str | None = None
    places: tuple[Place, ...] = ()
    documents: tuple[str, ...] = ()
    mentions: tuple[str, ...] = Field(default=(), description="ids of the claims the incident rests on")
    event_mentions: tuple[str, ...] = ()
    attributes: dict[str, AttributeVerdict] = Field(default_factory=dict)
    denials: tuple[str, ...] = Field(default=(), description="ids of claims rejecting others' claims")
    neutral_claimants: tuple[str, ...] = ()
    summary: str = ""


class InputError(Record):
    """One input that could not be analysed, and why."""

    source: str
    message: str


class Analysis(Record):
    """Everything one run produced."""

    rashomon_version: str
    documents: tuple[Document, ...] = ()
    claims: tuple[Claim, ...] = ()
    mentions: tuple[EventMention, ...] = ()
    incidents: tuple[Incident, ...] = ()
    errors: tuple[InputError, ...] = ()
    credits: tuple[str, ...] = ()
