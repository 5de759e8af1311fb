"""`rashomon add` killed with SIGKILL mid-batch: committed documents are intact, a re-run completes the batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from rashomon.store import Store
from rashomon.store.engine import normalize_url
from tests.store.conftest import ROOT, write_reports

pytestmark = pytest.mark.slow

BATCH = 20
#: The child needs ~2 s to load the model before the first commit; give a slow CI machine ample room.
FIRST_COMMIT_TIMEOUT_S = 120


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM documents")).scalar_one()


def test_sigkill_mid_batch_keeps_committed_documents_and_rerun_completes(db_url, heavy, tmp_path):
    folder = tmp_path / "batch"
    paths = write_reports(folder, BATCH)
    Store(db_url).close()  # create the schema first, so that the child only writes documents
    engine = create_engine(normalize_url(db_url))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "rashomon.cli", "add", "--db", db_url, "--published", "2022-03-10", str(folder)]
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + FIRST_COMMIT_TIMEOUT_S
        while _count(engine) == 0:
            assert child.poll() is None, f"add exited before committing: {child.stderr.read().decode()[-2000:]}"
            assert time.monotonic() < deadline, "no document committed in time"
            time.sleep(0.005)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    committed = _count(engine)
    assert 0 < committed < BATCH, f"kill landed after the whole batch ({committed}); not a mid-batch test"

    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, n_claims, n_mentions, linked FROM documents")).all()
        for doc_id, n_claims, n_mentions, _linked in rows:
            got_claims = conn.execute(text("SELECT count(*) FROM claims WHERE document_id = :d"), {"d": doc_id}).scalar_one()
            got_mentions = conn.execute(text("SELECT count(*) FROM mentions WHERE document_id = :d"),
                                        {"d": doc_id}).scalar_one()
            assert (got_claims, got_mentions) == (n_claims, n_mentions), doc_id
            assert n_claims > 0 and n_mentions > 0
    with Store(db_url) as store:  # every committed document reads back whole, offsets right
        for doc in store.documents():
            for claim in store.claims_of([doc.id]):
                assert doc.text[claim.start:claim.end] == claim.quote

    # the re-run completes the batch without duplicates
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"added {BATCH - committed} document(s), {committed} already stored" in done.stdout
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), count(DISTINCT content_hash) FROM documents")).one() == (BATCH, BATCH)
        total_claims = conn.execute(text("SELECT sum(n_claims) FROM documents")).scalar_one()
        assert conn.execute(text("SELECT count(*) FROM claims")).scalar_one() == total_claims
        assert conn.execute(text("SELECT count(*) FROM documents WHERE NOT linked")).scalar_one() == 0
    engine.dispose()

    # and the incidents are those of one uninterrupted run
    with Store(db_url) as resumed, Store(f"sqlite:///{tmp_path / 'clean.db'}") as clean:
        from datetime import date

        clean.add(paths, published=date(2022, 3, 10), **heavy)
        members = lambda s: sorted(tuple(sorted(i.event_mentions)) for i in s.incidents(limit=None).items)  # noqa: E731
        assert members(resumed) == members(clean)
