"""The linker's cost indexes change nothing: the same incidents as full scans (synthetic stream)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from rashomon.incidents import Linker, link_incidents
from rashomon.model import (
    Claim, Claimant, ClaimMode, DateBasis, Document, EventFlags, EventMention, PartyRef, Place, Span, TimeInterval,
)

START = dt.date(2022, 6, 1)


def _stream(n: int, seed: int = 3) -> tuple[list[Document], list[Claim], list[EventMention]]:
    """Reports of invented towns, with precise, uncertain, wide and missing times."""
    rng = random.Random(seed)
    towns = [(f"Velgrad{k}", 45 + rng.uniform(0, 3), 30 + rng.uniform(0, 4)) for k in range(30)]
    docs, claims, mentions = [], [], []
    for k in range(n):
        day = START + dt.timedelta(days=k // 6)
        text = f"Report {k} of shelling and casualties near a town."
        doc = Document(id=f"d{k}", source=f"d{k}.txt", text=text, published=day, published_basis=DateBasis.GIVEN)
        claim = Claim(id=f"d{k}-c", document=doc.id, start=0, end=len(text), quote=text,
                      claimant=Claimant(name="officials"), mode=ClaimMode.INDIRECT,
                      statement_time=dt.datetime.combine(day, dt.time(9)))
        docs.append(doc)
        claims.append(claim)
        for j in range(rng.randint(1, 3)):
            town, lat, lon = rng.choice(towns)
            kind = rng.random()
            when = (None if kind < 0.25 else
                    TimeInterval(start=day, end=day, precision=1, uncertain=kind < 0.4) if kind < 0.8 else
                    TimeInterval(start=day - dt.timedelta(days=900), end=day, precision=3))
            places = () if rng.random() < 0.4 else (Place(name=town, lat=lat, lon=lon, country="ZZ"),)
            side = rng.choice(("north", "south", None))
            mentions.append(EventMention(
                id=f"d{k}-m{j}", claim=claim.id, document=doc.id, start=10 * j, end=10 * j + 8, text="shelling",
                trigger=Span(start=10 * j, end=10 * j + 8, text="shelling"), event_type="Battles",
                initiator=PartyRef(text="them", side=side) if side else None, places=places, time=when,
                flags=EventFlags(another=rng.random() < 0.1, denial=rng.random() < 0.05)))
    return docs, claims, mentions


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indexed_linking_equals_full_scans(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, claims, mentions = _stream(240, seed)
    fast = link_incidents(docs, claims, mentions)
    monkeypatch.setattr(Linker, "_candidates", lambda self, m: self.clusters)
    monkeypatch.setattr(Linker, "_same_segment", lambda self, m, linked: linked)
    slow = link_incidents(docs, claims, mentions)
    assert [i.model_dump() for i in fast] == [i.model_dump() for i in slow]
    assert len(fast) > 5
