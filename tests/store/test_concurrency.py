"""Two `rashomon add` processes on one store at once: no duplicates, nothing lost, a consistent store."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from rashomon.store import Store
from rashomon.store.engine import normalize_url
from tests.store.conftest import ROOT, consistency_problems, write_reports

pytestmark = pytest.mark.slow


def test_concurrent_adds_of_overlapping_batches(db_url, tmp_path):
    paths = write_reports(tmp_path / "all", 16)
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, chunk in ((first, paths[:10]), (second, paths[6:])):  # six reports in both
        folder.mkdir()
        for p in chunk:
            (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    Store(db_url).close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    children = [subprocess.Popen([sys.executable, "-m", "rashomon.cli", "add", "--db", db_url, "--published",
                                  "2022-03-10", str(folder)], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for folder in (first, second)]
    outputs = [c.communicate(timeout=300) for c in children]
    for child, (out, err) in zip(children, outputs):
        assert child.returncode == 0, err[-2000:]
    engine = create_engine(normalize_url(db_url))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), count(DISTINCT content_hash) FROM documents")).one() == (16, 16)
        assert conn.execute(text("SELECT count(*) FROM documents WHERE NOT linked")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM claims")).scalar_one() == \
            conn.execute(text("SELECT sum(n_claims) FROM documents")).scalar_one()
    engine.dispose()
    assert consistency_problems(db_url) == []
