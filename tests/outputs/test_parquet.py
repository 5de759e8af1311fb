"""Parquet: typed incidents (ACLED columns), claims and attribute claims that read back as written."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.outputs.acled import ACLED_COLUMNS

pq = pytest.importorskip("pyarrow.parquet", reason="the Parquet export needs pyarrow (rashomon[parquet])")

from rashomon.outputs.parquet import write_parquet  # noqa: E402


def test_three_tables_read_back(sample, tmp_path):
    paths = write_parquet(sample, tmp_path / "out", timestamp=42)
    assert [p.name for p in paths] == ["incidents.parquet", "claims.parquet", "attribute_claims.parquet"]
    incidents = pq.read_table(paths[0])
    assert incidents.column_names[:1 + len(ACLED_COLUMNS)] == ["incident", *ACLED_COLUMNS]
    rows = incidents.to_pylist()
    assert rows[0]["event_date"] == dt.date(2022, 9, 13) and rows[0]["year"] == 2022
    assert rows[0]["fatalities"] == 0 and rows[1]["fatalities"] == 50 and rows[0]["timestamp"] == 42
    assert rows[0]["iso"] == 51 and rows[0]["latitude"] == pytest.approx(40.2)
    assert rows[0]["assoc_actor_1"] is None  # unknown is null, not ""
    assert dict(rows[0]["statuses"])["initiator"] == "contested"
    claims = pq.read_table(paths[1]).to_pylist()
    texts = {d.id: d.text for d in sample.documents}
    assert len(claims) == len(sample.claims)
    assert all(texts[c["document"]][c["start"]:c["end"]] == c["quote"] for c in claims)
    attrs = pq.read_table(paths[2]).to_pylist()
    toll = [a for a in attrs if a["attribute"] == "killed.armenian"]
    assert [(a["value_min"], a["value_max"]) for a in toll] == [(0, 0), (2, 2)]
    assert all(a["status"] == "contested" and a["estimate_min"] == 0 for a in toll)
    assert {a["value"] for a in attrs if a["attribute"] == "initiator"} == {"azerbaijani", "armenian"}
