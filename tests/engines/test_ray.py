"""The Ray engine gives the same analysis as the local one (local 2-CPU Ray; skipped without Ray)."""

from __future__ import annotations

import datetime as dt

import pytest

from .test_local import TEXTS

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def test_ray_engine_equals_local_engine(local_ray, nlp, actors, gazetteer) -> None:
    from rashomon.ingest import document_from_text
    from rashomon.pipeline import analyze_documents

    docs = [document_from_text(t, source=f"doc{k}.txt", published=dt.date(2021, 3, 4)) for k, t in enumerate(TEXTS)]
    local = analyze_documents(docs, nlp=nlp, actors=actors, gazetteer=gazetteer)
    on_ray = analyze_documents(docs, engine="ray", workers=2)
    assert on_ray.model_dump() == local.model_dump()
    assert local.incidents
