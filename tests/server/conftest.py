"""Server fixtures: the app over a SQLite store in a temporary folder, with a test API key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.conftest import ROOT

KEY = "test-key-0123"
KRAMATORSK = sorted((ROOT / "examples").glob("kramatorsk-2022-*"))


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory, nlp, actors, gazetteer) -> str:
    """A store holding the three Kramatorsk example reports (read-only tests share it)."""
    from rashomon.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('srv') / 'seeded.db'}"
    with Store(url) as store:
        store.add(KRAMATORSK, nlp=nlp, actors=actors, gazetteer=gazetteer)
    return url


def make_client(url: str, nlp, actors, gazetteer, **kwargs):
    from fastapi.testclient import TestClient

    from rashomon.server import create_app

    kwargs.setdefault("api_key", KEY)
    kwargs.setdefault("fetch_urls", False)  # no test reaches past 127.0.0.1
    return TestClient(create_app(url, nlp=nlp, actors=actors, gazetteer=gazetteer, **kwargs))


@pytest.fixture(scope="module")
def client(seeded_db, nlp, actors, gazetteer):
    """A client of the app over the seeded store (do not write through it)."""
    with make_client(seeded_db, nlp, actors, gazetteer) as c:
        yield c


@pytest.fixture
def fresh_client(tmp_path: Path, nlp, actors, gazetteer):
    """A client of the app over an empty store of its own (for writes)."""
    with make_client(f"sqlite:///{tmp_path / 'w.db'}", nlp, actors, gazetteer) as c:
        yield c
