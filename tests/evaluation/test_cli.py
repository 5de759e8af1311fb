"""``rashomon eval TASK DATA --json`` prints one JSON object and nothing else on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rashomon
from rashomon.cli import app

from .fixtures import write_linking_set, write_time_set

runner = CliRunner()


def _one_object(stdout: str) -> dict:
    assert stdout.strip().count("\n") == 0, stdout
    obj = json.loads(stdout)
    assert set(obj) == {"task", "data", "n", "metrics"}
    return obj


def test_eval_time_json(tmp_path):
    data = write_time_set(tmp_path)
    result = runner.invoke(app, ["eval", "time", str(data), "--json"])
    assert result.exit_code == 0, result.output
    obj = _one_object(result.stdout)
    assert obj["task"] == "time" and obj["data"] == str(data) and obj["n"] == 1
    assert obj["metrics"] == {"recognition_f1": 1.0, "value_f1": 0.6667}


def test_eval_linking_json_and_text(tmp_path):
    data = write_linking_set(tmp_path)
    obj = _one_object(runner.invoke(app, ["eval", "linking", str(data), "--json"]).stdout)
    assert obj["n"] == 4 and obj["metrics"] == {"bcubed_f1": 1.0, "conll_f1": 1.0}
    text = runner.invoke(app, ["eval", "linking", str(data)])
    assert text.exit_code == 0 and "bcubed_f1" in text.stdout and "note:" in text.stdout


def test_errors_go_to_stderr_with_exit_code_2(tmp_path):
    result = runner.invoke(app, ["eval", "time", str(tmp_path / "absent"), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "absent" in result.stderr
    result = runner.invoke(app, ["eval", "time", str(tmp_path), "--json"])  # exists, no .tml files
    assert result.exit_code == 2 and result.stdout == "" and ".tml" in result.stderr
    result = runner.invoke(app, ["eval", "nosuchtask", str(tmp_path), "--json"])
    assert result.exit_code == 2 and "tasks are" in result.stderr


def test_module_entry_point_in_a_subprocess(tmp_path):
    data = write_time_set(tmp_path)
    src = str(Path(rashomon.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "rashomon.cli", "eval", "time", str(data), "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert _one_object(proc.stdout)["metrics"]["value_f1"] == pytest.approx(0.6667)
