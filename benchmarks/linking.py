"""Incident linking cost as the number of documents doubles (synthetic news stream).

Usage::

    PYTHONPATH=src python benchmarks/linking.py [--sizes 10000 20000 40000 100000] [--json]

Each size N is a synthetic stream of N short reports, written here (invented towns,
sides and words; no model, no data files): 100 reports a day, so a longer stream covers
more days, as a real feed does; every incident is told by 4 reports on its day, each
report with one mention located at a town on a given day and one placeless mention that
names a side.
For every size the script times :func:`rashomon.incidents.link_incidents` (stage 5 alone:
the documents, claims and mentions are built before the clock starts) and prints the
CPU seconds (wall-clock seconds beside them swing with other jobs on a shared machine)
and the ratio to the previous size, scaled to a doubling
(``(t2 / t1) ** (1 / log2(N2 / N1))``): near 2.0 is linear, near 4.0 quadratic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import random
import time

from rashomon.incidents import link_incidents
from rashomon.model import (
    Claim, Claimant, ClaimMode, DateBasis, Document, EventMention, PartyRef, Place, Span, TimeInterval,
)

#: Reports per day and per incident: a mid-sized monitoring feed.
PER_DAY, PER_INCIDENT = 100, 4
START = dt.date(2021, 1, 1)
SIDES = ("north", "south", "east", "west")
WORDS = ("shelling convoy ridge bridge market depot checkpoint village column drone patrol outpost "
         "harbour airfield barracks valley river quarry mill station").split()


def _towns(rng: random.Random, n: int = 1000) -> list[tuple[str, float, float]]:
    """Invented towns spread over a region about 3,000 km across (a continent's conflicts)."""
    return [(f"Town{k}", 20 + rng.uniform(0, 27), 10 + rng.uniform(0, 30)) for k in range(n)]


def stream(n: int, seed: int = 7) -> tuple[list[Document], list[Claim], list[EventMention]]:
    """N documents with their claims and mentions (deterministic for a seed)."""
    rng = random.Random(seed)
    towns = _towns(rng)
    documents, claims, mentions = [], [], []
    for k in range(n):
        day = START + dt.timedelta(days=k // PER_DAY)
        incident = k // PER_INCIDENT
        irng = random.Random(incident)
        town, lat, lon = towns[irng.randrange(len(towns))]
        side, other = irng.sample(SIDES, 2)
        words = " ".join(irng.choice(WORDS) for _ in range(12)) + " " + " ".join(rng.choice(WORDS) for _ in range(4))
        text = f"Forces of the {side} shelled {town} on Monday. {words}. Officials of the {other} said two died."
        doc_id = f"d{k}"
        documents.append(Document(id=doc_id, source=f"{doc_id}.txt", text=text, published=day,
                                  published_basis=DateBasis.GIVEN))
        claim = Claim(id=f"{doc_id}-c1", document=doc_id, start=0, end=len(text), quote=text,
                      claimant=Claimant(name=f"{other} officials", side=other), mode=ClaimMode.INDIRECT,
                      statement_time=dt.datetime.combine(day, dt.time(12)))
        claims.append(claim)
        t0 = text.index("shelled")
        place = Place(name=town, lat=lat, lon=lon, country="XX", feature="place",
                      span=Span(start=text.index(town), end=text.index(town) + len(town), text=town))
        party = PartyRef(text=f"the {side}", side=side)
        when = TimeInterval(start=day, end=day, precision=1, text="on Monday")
        mentions.append(EventMention(id=f"{doc_id}-m1", claim=claim.id, document=doc_id, start=0, end=t0 + 20,
                                     text=text[:t0 + 20], trigger=Span(start=t0, end=t0 + 7, text="shelled"),
                                     event_type="Explosions/Remote violence", initiator=party, places=(place,),
                                     time=when))
        t1 = text.index("died")
        mentions.append(EventMention(id=f"{doc_id}-m2", claim=claim.id, document=doc_id, start=t1 - 20,
                                     end=t1 + 4, text=text[t1 - 20:t1 + 4],
                                     trigger=Span(start=t1, end=t1 + 4, text="died"),
                                     event_type="Explosions/Remote violence", initiator=party))
    return documents, claims, mentions


def measure(n: int) -> dict:
    """Seconds to link a stream of ``n`` documents, and the incidents found."""
    documents, claims, mentions = stream(n)
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    incidents = link_incidents(documents, claims, mentions)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - start
    return {"documents": n, "mentions": len(mentions), "incidents": len(incidents),
            "seconds": round(cpu, 3), "wall_seconds": round(wall, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000, 100_000])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        row = measure(n)
        if rows:
            prev = rows[-1]
            row["per_doubling"] = round((row["seconds"] / prev["seconds"]) ** (1 / math.log2(n / prev["documents"])), 2)
        rows.append(row)
        if not args.json:
            print(row, flush=True)
    if args.json:
        print(json.dumps({"sizes": rows, "max_per_doubling": max((r.get("per_doubling", 0) for r in rows), default=0)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
