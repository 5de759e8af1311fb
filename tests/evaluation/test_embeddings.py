"""Optional sentence embeddings: a clear error without the extra, real clustering with it."""

from __future__ import annotations

import importlib.util

import pytest
from typer.testing import CliRunner

from rashomon import embeddings
from rashomon.cli import app
from rashomon.errors import EmbeddingsUnavailable
from rashomon.similarity import cluster_documents, document_features

from .fixtures import write_linking_set

runner = CliRunner()


@pytest.fixture
def without_extra(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(embeddings.importlib.util, "find_spec",
                        lambda name, *a: None if name in embeddings.REQUIRED else real(name, *a))
    embeddings.load_model.cache_clear()
    yield
    embeddings.load_model.cache_clear()


def test_chunks_cover_the_lead_only():
    text = " ".join(f"w{i}" for i in range(1000))
    parts = embeddings.chunks(text, size=100, limit=3)
    assert len(parts) == 3 and parts[0].split()[0] == "w0" and parts[2].split()[-1] == "w299"
    assert embeddings.chunks("") == [""]


def test_without_the_extra_the_error_says_how_to_install(without_extra):
    assert not embeddings.available()
    with pytest.raises(EmbeddingsUnavailable, match=r"rashomon\[embeddings\]"):
        embeddings.load_model()


def test_eval_linking_with_embeddings_but_no_extra_is_one_error_line(tmp_path, without_extra):
    data = write_linking_set(tmp_path)
    result = runner.invoke(app, ["eval", "linking", str(data), "--similarity", "embeddings", "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "rashomon[embeddings]" in result.stderr


def test_similarity_option_belongs_to_linking(tmp_path):
    result = runner.invoke(app, ["eval", "time", str(tmp_path), "--similarity", "embeddings"])
    assert result.exit_code == 2 and "linking" in result.stderr


STRIKES = [
    "Artillery shelled the village of Dervana overnight, killing two farmers, the regional governor said.",
    "Two farmers died when shells hit Dervana during the night, local officials reported.",
    "Shelling of Dervana killed two civilians overnight, according to the governor.",
    "A drone struck a fuel depot in Koratsk on Sunday; no one was hurt, the ministry said.",
    "The ministry said a drone hit the Koratsk fuel depot on Sunday without casualties.",
    "Fire crews put out a blaze at a fuel depot in Koratsk hit by a drone on Sunday.",
]


@pytest.mark.slow
@pytest.mark.skipif(not embeddings.available(), reason="the rashomon[embeddings] extra is not installed")
def test_embeddings_are_real_and_keep_two_strikes_apart():
    sim = embeddings.similarity_matrix(STRIKES[:2] + STRIKES[3:4])
    assert sim[0][1] > sim[0][2] and abs(sim[0][0] - 1.0) < 1e-4  # a paraphrase beats another event
    vectors = embeddings.document_vectors(STRIKES)
    clusters = cluster_documents([document_features(t) for t in STRIKES], embeddings=vectors)
    assert sorted(clusters) == [[0, 1, 2], [3, 4, 5]]


def test_linker_joins_embedding_and_lexical_cosines():
    from rashomon.ingest import document_from_text
    from rashomon.incidents import Linker

    a = document_from_text("Shelling hit Dervana overnight.", source="a.txt")
    b = document_from_text("Artillery struck the hamlet at night.", source="b.txt")
    lexical = Linker([a, b], []).similarity(a.id, b.id)
    joined = Linker([a, b], [], {a.id: [1.0, 0.0], b.id: [0.6, 0.8]}).similarity(a.id, b.id)
    assert joined == pytest.approx((lexical + 0.6) / 2)  # EMBEDDING_WEIGHT 1: the mean of the two cosines
    only_one = Linker([a, b], [], {a.id: [1.0, 0.0]}).similarity(a.id, b.id)
    assert only_one == pytest.approx(lexical)


def test_analyze_with_embeddings_but_no_extra_is_one_error_line(tmp_path, without_extra):
    (tmp_path / "a.txt").write_text("The ministry said shelling hit Dervana overnight.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--similarity", "embeddings"])
    assert result.exit_code == 2 and "rashomon[embeddings]" in result.stderr
    assert result.stderr.count("\n") == 1


def test_add_with_embeddings_but_no_extra_is_one_error_line(tmp_path, without_extra):
    (tmp_path / "a.txt").write_text("The ministry said shelling hit Dervana overnight.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = runner.invoke(app, ["add", str(tmp_path / "a.txt"), "--db", db, "--similarity", "embeddings"])
    assert result.exit_code == 2 and "rashomon[embeddings]" in result.stderr
    assert not (tmp_path / "store.db").exists()  # refused before anything was opened or stored


@pytest.mark.slow
@pytest.mark.skipif(not embeddings.available(), reason="the rashomon[embeddings] extra is not installed")
def test_store_links_with_embeddings(tmp_path):
    from rashomon.store import Store

    reports = tmp_path / "reports"
    reports.mkdir()
    for k, text in enumerate(STRIKES[:3]):
        (reports / f"r{k}.txt").write_text(text, encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'store.db'}", similarity="embeddings") as store:
        result = store.add([str(reports)])
    assert len(result.added) == 3 and not result.errors
