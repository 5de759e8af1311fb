"""Request and response models of the JSON API (they make its OpenAPI schema).

The response shapes are the output contract's (``rashomon.outputs.json``), with
extra fields allowed as the contract allows them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    """Every error: its HTTP status, a short code and a message for people."""

    status: int
    error: str = Field(description="short code: not_found, unauthorized, forbidden, too_large, invalid, ...")
    message: str
    details: list[dict] | None = None


class DocumentIn(BaseModel):
    """A report to add: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="the article as plain text")
    html: str | None = Field(default=None, description="the page's HTML; its main text is extracted")
    url: str | None = Field(default=None, description="a page to fetch (public addresses only)")
    published: dt.date | None = Field(default=None, description="publication date, when known")
    outlet: str | None = Field(default=None, max_length=200, description="the outlet, when known")
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=2000, description="a label for where it came from")

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class SkippedOut(BaseModel):
    source: str
    id: str = Field(description="id of the stored copy")


class RetiredOut(BaseModel):
    id: str
    now: str = Field(description="the incident it is now part of")


class AddOut(BaseModel):
    """What adding did: documents stored, documents already there, incidents created or changed."""

    added: list[str]
    skipped: list[SkippedOut]
    incidents: list[str]
    retired: list[RetiredOut]


class CountOut(BaseModel):
    min: int
    max: int | None
    text: str


Value = CountOut | str | None


class AttributeClaimOut(_Open):
    claim: str
    claimant: str
    side: str | None
    value: Value


class VerdictOut(_Open):
    status: Literal["agreed", "corroborated", "contested", "single_source", "denied"]
    estimate: Value
    sources: int
    reasons: list[str]
    claims: list[AttributeClaimOut]


class DateOut(_Open):
    start: dt.date | None
    end: dt.date | None
    precision: int


class PlaceOut(_Open):
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None


class IncidentOut(_Open):
    id: str
    status: str | None = Field(description="the least settled status of its attributes")
    date: DateOut
    event_type: str | None
    sub_event_type: str | None
    summary: str
    places: list[PlaceOut]
    documents: list[str]
    mentions: list[str]
    attributes: dict[str, VerdictOut]


class IncidentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[IncidentOut]


class ClaimantOut(_Open):
    name: str
    actor: str | None
    side: str | None


class ClaimOut(_Open):
    id: str
    document: str
    start: int
    end: int
    quote: str
    claimant: ClaimantOut
    cue: str | None
    mode: str


class ClaimPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ClaimOut]


class MatrixValue(BaseModel):
    value: str
    claim: str
    document: str | None
    start: int | None
    end: int | None
    quote: str | None
    superseded: bool


class MatrixCell(BaseModel):
    claimant: str
    side: str
    values: list[MatrixValue]


class MatrixRow(BaseModel):
    attribute: str
    status: str
    estimate: str
    cells: list[MatrixCell]


class MatrixSide(BaseModel):
    side: str
    claimants: list[str]


class MatrixOut(BaseModel):
    """Attributes (rows) by claimants (columns), claimants grouped by side."""

    sides: list[MatrixSide]
    rows: list[MatrixRow]


class IncidentDetail(IncidentOut):
    claims: list[ClaimOut]
    matrix: MatrixOut


class SpanOut(BaseModel):
    kind: Literal["content", "claimant", "cue"]
    start: int
    end: int
    claim: str
    side: str | None


class DocumentOut(_Open):
    id: str
    source: str
    outlet: str | None
    title: str | None
    published: dt.date | None
    text: str
    spans: list[SpanOut]
    claims: list[ClaimOut]
    incidents: list[str]


class StatsOut(BaseModel):
    version: str
    documents: int
    claims: int
    mentions: int
    incidents: int
    unlinked_documents: int
