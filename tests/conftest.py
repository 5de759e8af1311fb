"""Shared fixtures: the spaCy model loaded once, paths to ../shared (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import datetime as dt

import pytest

from rashomon.model import DateBasis, Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEEDS = SHARED / "seeds"
ACCEPTANCE = SHARED / "acceptance" / "seeds.yaml"
EVALDATA = SHARED / "evaldata"


@pytest.fixture(scope="session")
def nlp():
    from rashomon.language import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def actors():
    from rashomon.knowledge.actors import ActorBase

    return ActorBase.default()


@pytest.fixture(scope="session")
def gazetteer():
    from rashomon.knowledge.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def make_doc():
    def _make(text: str, *, outlet: str | None = None, published: dt.date | None = dt.date(2020, 5, 11),
              doc_id: str = "d") -> Document:
        return Document(id=doc_id, source=f"{doc_id}.txt", outlet=outlet, text=text, published=published,
                        published_basis=DateBasis.GIVEN if published else DateBasis.NONE)
    return _make
