"""The seed articles of ../shared: what ingest must yield on them (skipped where absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rashomon.ingest import ingest
from rashomon.model import DateBasis

from .conftest import assert_offsets

SHARED = (Path(__file__).parents[2] / ".." / "shared").resolve()
SEEDS = SHARED / "seeds"
ACCEPTANCE = SHARED / "acceptance" / "seeds.yaml"

pytestmark = [
    pytest.mark.acceptance,
    pytest.mark.skipif(not (SEEDS.is_dir() and ACCEPTANCE.is_file()), reason="../shared/seeds not present"),
]


def _norm(text: str) -> str:
    """Tolerant heading match: case and punctuation ignored ("Update 2 - 09.15" ~ "Update 2 09.15")."""
    return " ".join(re.findall(r"\w+", text.casefold()))


@pytest.fixture(scope="module")
def seeds():
    yaml = pytest.importorskip("yaml")
    expected = yaml.safe_load(ACCEPTANCE.read_text(encoding="utf-8"))["documents"]
    result = ingest([SEEDS])
    assert result.errors == ()
    by_file = {Path(d.source).name: d for d in result.documents}
    return expected, by_file


def test_documents_of_the_acceptance(seeds):
    expected, by_file = seeds
    for spec in expected:
        doc = by_file[spec["file"]]
        assert_offsets(doc)
        if "outlet" in spec:
            assert doc.outlet == spec["outlet"]
        if "relays" in spec:
            assert list(doc.relays) == spec["relays"]
        for phrase in spec.get("not_in_body", []):
            assert phrase not in doc.text, phrase
        if "duplicate_lines_removed" in spec:
            assert sum(r.reason == "duplicate" for r in doc.removed) == spec["duplicate_lines_removed"]
        if "segments" in spec:
            assert [_norm(s.heading) for s in doc.segments] == [_norm(h) for h in spec["segments"]]


def test_year_is_inferred_2017_for_both(seeds):
    # The acceptance notes: no file states its date; the weekday of 25 February and the
    # 25th anniversary of 1992 pin 2017 in one file, and the batch carries it to the other.
    _, by_file = seeds
    for doc in by_file.values():
        assert doc.published is not None and doc.published.year == 2017, doc.source
        assert doc.published_inferred
        assert doc.published_basis in (DateBasis.PINNED, DateBasis.BATCH)
    assert sorted(d.published_basis.value for d in by_file.values()) == ["batch", "pinned"]
