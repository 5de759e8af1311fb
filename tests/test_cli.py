"""The command line: outputs, exit codes, bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rashomon.cli import app

pytestmark = pytest.mark.slow

GOOD = ("Ukraine's General Staff said Russian forces shelled Kharkiv on 3 March 2022, killing two civilians.\n\n"
        "Russia's Defence Ministry denied striking civilian areas.\n")


@pytest.fixture
def runner():
    return CliRunner()


def test_analyze_writes_the_contract(runner, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    out = tmp_path / "report"
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "incidents.json").read_text())
    assert set(data) >= {"rashomon_version", "documents", "claims", "incidents"}
    doc = data["documents"][0]
    assert set(doc) >= {"id", "source", "outlet", "title", "published", "published_inferred", "relays", "segments"}
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for c in data["claims"]:
        assert set(c) >= {"id", "document", "start", "end", "quote", "claimant", "cue", "mode"}
        assert set(c["claimant"]) >= {"name", "actor", "side"}
        assert texts[c["document"]][c["start"]:c["end"]] == c["quote"]
    for inc in data["incidents"]:
        assert set(inc) >= {"id", "date", "event_type", "sub_event_type", "places", "documents", "mentions",
                            "attributes"}
        assert set(inc["date"]) >= {"start", "end", "precision"}
        for name, verdict in inc["attributes"].items():
            assert verdict["status"] in ("agreed", "corroborated", "contested", "single_source", "denied")
            for c in verdict["claims"]:
                assert set(c) >= {"claim", "claimant", "side", "value"}
                assert texts[c["document"]][c["start"]:c["end"]] == c["quote"]
                if name.split(".")[0] in ("killed", "wounded", "captured"):
                    assert set(c["value"]) == {"min", "max", "text"}
    assert (out / "claims.csv").read_text().startswith("claim,document")
    assert (out / "incidents.csv").read_text().startswith("event_id_cnty,event_date,year")
    json.loads(result.stdout)  # --format json prints the same contract


def test_bad_inputs_are_reported_and_the_batch_goes_on(runner, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["analyze", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"),
                                 str(tmp_path / "binary.txt"), str(missing), "--format", "json", "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert sum(name in line for line in errors) == 1


def test_markdown_and_table_formats(runner, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    md = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--format", "md"])
    assert md.exit_code == 0 and md.stdout.startswith("# rashomon:")
    table = runner.invoke(app, ["analyze", str(tmp_path / "a.txt")])
    assert table.exit_code == 0 and "claim(s)" in table.stdout


def test_published_is_validated(runner, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--published", "yesterday"])
    assert result.exit_code == 2


def test_given_date_is_not_inferred(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit the town overnight, the ministry said.\n")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--published", "2020-05-10", "-f", "json"])
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["published"] == "2020-05-10" and doc["published_inferred"] is False


def test_eval_unknown_task(runner):
    result = runner.invoke(app, ["eval", "nonsense"])
    assert result.exit_code == 2
    assert "unknown task" in result.stderr


def test_every_command_has_help_with_an_example(runner):
    for args in (["analyze"], ["eval"], ["gazetteer", "build"], ["gazetteer", "import"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.stdout


def test_train_events_from_an_acled_export_and_use_it(runner, tmp_path):
    rows = ["event_type,sub_event_type,notes"]
    for k in range(4):
        rows.append(f'Battles,Armed clash,"Soldiers clashed with militants near village {k}, killing {k + 1}."')
        rows.append(f'Protests,Peaceful protest,"Teachers held a peaceful march in town {k} for higher pay."')
    (tmp_path / "acled.csv").write_text("\n".join(rows) + "\n")
    model = tmp_path / "model"
    result = runner.invoke(app, ["train", "events", "--acled", str(tmp_path / "acled.csv"), "--out", str(model)])
    assert result.exit_code == 0, result.output
    assert "model written to" in result.stdout and model.is_dir()
    (tmp_path / "a.txt").write_text(GOOD)
    used = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--event-model", str(model), "-f", "json"])
    assert used.exit_code == 0, used.output
    bad = runner.invoke(app, ["train", "events", "--acled", str(tmp_path / "a.txt")])
    assert bad.exit_code == 1 and "error:" in bad.stderr


def test_log_json_writes_json_lines(runner, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    missing = tmp_path / "missing.txt"  # its warning is logged whatever was loaded before
    result = runner.invoke(app, ["--log-json", "analyze", str(tmp_path / "a.txt"), str(missing), "-f", "json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert any(entry["level"] == "warning" and "missing.txt" in entry["message"] for entry in lines)


def test_python_dash_m_runs_the_same_cli():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "rashomon", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "analyze" in done.stdout
