"""The store's commands: add, incidents, show, export, db upgrade (on a SQLite file)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from tests.store.conftest import ROOT

pytestmark = pytest.mark.slow

KRAMATORSK = [str(p) for p in sorted((ROOT / "examples").glob("kramatorsk-2022-*"))]


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("RASHOMON_DB", url)  # the commands read it when --db is not given
    return url


@pytest.fixture
def runner():
    return CliRunner()


def test_add_then_list_show_export(runner, db, tmp_path):
    result = runner.invoke(app, ["add", *KRAMATORSK[:2]])
    assert result.exit_code == 0, result.output
    assert "added 2 document(s), 0 already stored" in result.output
    result = runner.invoke(app, ["add", *KRAMATORSK])
    assert result.exit_code == 0, result.output
    assert "added 1 document(s), 2 already stored" in result.output

    listing = runner.invoke(app, ["incidents", "--country", "UA"])
    assert listing.exit_code == 0 and "incident(s)" in listing.output

    data = json.loads(runner.invoke(app, ["incidents", "--json"]).output)
    assert {"rashomon_version", "documents", "claims", "incidents"} <= set(data)
    assert len(data["documents"]) == 3 and data["incidents"]
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for c in data["claims"]:
        assert texts[c["document"]][c["start"]:c["end"]] == c["quote"]
    biggest = max(data["incidents"], key=lambda i: len(i["documents"]))

    shown = runner.invoke(app, ["show", biggest["id"]])
    assert shown.exit_code == 0, shown.output
    assert biggest["id"] in shown.output and "who claims what" in shown.output
    one = json.loads(runner.invoke(app, ["show", biggest["id"], "--json"]).output)
    assert [i["id"] for i in one["incidents"]] == [biggest["id"]]
    assert {c["id"] for c in one["claims"]} == set(biggest["mentions"])

    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--format", "csv"]).output)))
    assert {r["event_id_cnty"] for r in rows} == {f"RSH-{i['id']}" for i in data["incidents"]}
    claims = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "-f", "claims"]).output)))
    assert len(claims) == len(data["claims"])
    out = tmp_path / "all.json"
    assert runner.invoke(app, ["export", "--out", str(out)]).exit_code == 0
    assert json.loads(out.read_text())["incidents"] == data["incidents"]


def test_errors_and_exit_codes(runner, db, tmp_path):
    assert runner.invoke(app, ["show", "i404"]).exit_code == 1
    bad = runner.invoke(app, ["incidents", "--status", "maybe"])
    assert bad.exit_code == 2 and "contested" in bad.output
    assert runner.invoke(app, ["incidents", "--since", "yesterday"]).exit_code == 2
    missing = runner.invoke(app, ["add", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "nope.txt" in missing.output
    unsupported = runner.invoke(app, ["incidents", "--db", "mysql://x@y/z"])
    assert unsupported.exit_code == 2 and "unsupported" in unsupported.output


def test_db_upgrade_creates_then_reports_up_to_date(runner, tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    first = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert first.exit_code == 0 and "empty -> " in first.output
    second = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert second.exit_code == 0 and "up to date" in second.output
