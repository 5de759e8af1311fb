"""The local engine: several processes give the same analysis as one."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.engines.local import chunks
from rashomon.ingest import document_from_text

DAY = dt.date(2021, 3, 4)

TEXTS = [
    "The Ostrovian Defence Ministry said Valdrian forces shelled the village of Martuni on 3 March, "
    "killing two civilians. Valdria denied the report.",
    "Valdrian officials said on Thursday that their units repelled an attack near Martuni. "
    "Three Ostrovian soldiers were killed, a spokesman said.",
    "A roadside bomb wounded four police officers in Kandahar on Wednesday, local officials said.",
    "Weather was mild across the region and markets were calm, analysts told reporters.",
    "Police said gunmen attacked a checkpoint in Kandahar, killing one guard.",
]


def test_chunks_keep_order_and_items() -> None:
    items = list(range(19))
    parts = chunks(items, size=8)  # type: ignore[arg-type]
    assert [len(p) for p in parts] == [8, 8, 3]
    assert [x for p in parts for x in p] == items


@pytest.mark.slow
def test_two_workers_give_the_same_analysis(nlp, actors, gazetteer) -> None:
    from rashomon.pipeline import analyze_documents

    docs = [document_from_text(t, source=f"doc{k}.txt", published=DAY) for k, t in enumerate(TEXTS)]
    one = analyze_documents(docs, nlp=nlp, actors=actors, gazetteer=gazetteer, workers=1)
    two = analyze_documents(docs, nlp=nlp, actors=actors, gazetteer=gazetteer, workers=2)
    assert two.model_dump() == one.model_dump()
    assert one.incidents
