"""The extraction task on a two-page set with known token overlap."""

from __future__ import annotations

import gzip
import json

import pytest

from rashomon.errors import EvaluationDataError
from rashomon.evaluation.extraction import evaluate

PARAGRAPHS = [
    "A powerful storm struck the northern coast on Tuesday, flooding dozens of homes and cutting power to "
    "thousands of residents in the region.",  # 22 word tokens
    "Emergency crews worked through the night to clear fallen trees from the main roads, and the local council "
    "opened two shelters for families who had to leave their houses.",  # 30 word tokens
]
PAGE = (
    "<html><head><title>Storm hits the coast</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Storm hits the coast</h1>'
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
)
EMPTY_PAGE = '<html><body><nav><a href="/">Home</a></nav></body></html>'


def write_set(root, pages: dict[str, tuple[str, str]]):
    (root / "html").mkdir(parents=True)
    truth = {}
    for page_id, (html, body) in pages.items():
        (root / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        truth[page_id] = {"articleBody": body, "url": f"https://example.org/{page_id}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_two_pages_with_known_overlap(tmp_path):
    # page a: extracted 52 tokens, all in the gold body, which has 7 more ("Officials said repairs would
    # take a week") -> P 1, R 52/59. Page b: nothing extracted -> 0, 0, 0. Means over the two pages.
    gold_a = "\n\n".join(PARAGRAPHS) + "\n\nOfficials said repairs would take a week."
    root = write_set(tmp_path / "set", {"a": (PAGE, gold_a), "b": (EMPTY_PAGE, "A short gold body.")})
    result = evaluate(root, limit=None)
    r_a = 52 / 59
    assert result.n == 2
    assert result.metrics["precision"] == pytest.approx(0.5, abs=1e-4)
    assert result.metrics["recall"] == pytest.approx(r_a / 2, abs=1e-4)
    assert result.metrics["f1"] == pytest.approx(2 * r_a / (1 + r_a) / 2, abs=1e-4)
    assert any(note.startswith("pages_per_s") for note in result.notes)
    assert any("IngestError), scored 0: 1" in note for note in result.notes)


def test_limit_takes_the_first_ids(tmp_path):
    root = write_set(tmp_path / "set", {"b": (EMPTY_PAGE, "x"), "a": (PAGE, "\n\n".join(PARAGRAPHS))})
    result = evaluate(root, limit=1)
    assert result.n == 1 and result.metrics["f1"] == 1.0


def test_layout_errors(tmp_path):
    with pytest.raises(EvaluationDataError, match="ground-truth.json"):
        evaluate(tmp_path, limit=None)
    (tmp_path / "ground-truth.json").write_text('{"a": {"url": "x"}}', encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="expected shape"):
        evaluate(tmp_path, limit=None)
    (tmp_path / "ground-truth.json").write_text('{"a": {"articleBody": "x"}}', encoding="utf-8")
    with pytest.raises(EvaluationDataError, match="html/<id>.html.gz"):
        evaluate(tmp_path, limit=None)
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "a.html.gz").write_bytes(b"not gzip")
    with pytest.raises(EvaluationDataError, match="not a gzip file"):
        evaluate(tmp_path, limit=None)
