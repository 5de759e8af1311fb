"""Copies across adds: a syndicated copy added in a later batch is a relay of its stored original."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import create_engine, text

from rashomon.pipeline import analyze
from rashomon.store import Store
from rashomon.store import migrate
from rashomon.store.engine import normalize_url
from tests.store.conftest import report

pytestmark = pytest.mark.slow

DAY = dt.date(2022, 3, 3)


def _write(tmp_path, name: str, body: str):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def story(tmp_path):
    """A wire report in the outlet's own voice, a copy reposted by a second site, and an unrelated report."""
    original = (
        "Shelling kills four in Sloviansk\n\n"
        "SLOVIANSK, March 3, 2022 (Wire) - Artillery shells hit a residential street in Sloviansk on Wednesday "
        "evening, killing four civilians and wounding nine, and setting fire to a school.\n\n"
        "The shelling came from the east of the town and lasted about twenty minutes. Rescue teams worked through "
        "the night to clear rubble from two collapsed houses near the central market.\n\n"
        "Local people queued at a blood donation point the next morning, and the town council opened a shelter "
        "in the basement of the library for families whose homes were damaged.\n")
    copy = ("Republished from our wire partner. Subscribe to the evening newsletter for more.\n\n"
            + original + "\nRead more: the week in review.\n")
    other = (
        "Drone strike hits fuel depot near Kherson\n\n"
        "KHERSON, March 3, 2022 - A drone struck a fuel depot on the outskirts of Kherson before dawn, the "
        "regional military administration said, adding that firefighters had put out the blaze by noon.\n\n"
        "Nobody was hurt, according to the administration, but two warehouses and a tanker truck burned down. "
        "Residents of the nearby district described a loud blast followed by a column of black smoke.\n\n"
        "The Russian side has not commented on the strike. Ukrainian air defence units said they had shot down "
        "three other drones over the region during the night.\n")
    return (_write(tmp_path, "wire.txt", original), _write(tmp_path, "copy.txt", copy),
            _write(tmp_path, "other.txt", other))


def _statuses(incidents):
    return sorted(sorted((k, v.status) for k, v in inc.attributes.items()) for inc in incidents)


def test_a_copy_added_later_relays_the_stored_original(db_url, heavy, story):
    wire, copy, other = story
    with Store(db_url) as store:
        first = store.add([wire, other], published=DAY, **heavy)
        second = store.add([copy], published=DAY + dt.timedelta(days=2), **heavy)
        docs = {d.source: d for d in store.documents()}
        stored = store.incidents(limit=None).items
    (copy_id,) = second.added
    assert docs[str(copy)].relay_of == docs[str(wire)].id
    assert docs[str(other)].relay_of is None and docs[str(wire)].relay_of is None
    assert copy_id == docs[str(copy)].id and len(first.added) == 2
    # the store's verdicts are those of one batch in which ingest marked the copy, and
    # not those of a batch that counts the copy as a second, independent outlet
    together = analyze([wire, copy, other], published=DAY, **heavy)
    assert {d.source: d.relay_of for d in together.documents}[str(copy)] is not None
    counted_twice = analyze([wire, copy, other], published=DAY, dedup=False, **heavy)
    assert _statuses(stored) == _statuses(together.incidents) != _statuses(counted_twice.incidents)


def test_an_original_added_after_its_copy_becomes_the_original(db_url, heavy, story):
    wire, copy, _other = story
    with Store(db_url) as store:
        store.add([copy], published=DAY + dt.timedelta(days=2), **heavy)
        result = store.add([wire], published=DAY, **heavy)
        docs = {d.source: d for d in store.documents()}
        stats = store.stats()
    assert docs[str(copy)].relay_of == docs[str(wire)].id == result.added[0]
    assert docs[str(wire)].relay_of is None
    assert stats["unlinked_documents"] == 0  # the re-pointed copy was linked again


def test_unrelated_reports_are_not_copies(db_url, heavy, story):
    wire, _copy, other = story
    with Store(db_url) as store:
        store.add([wire], published=DAY, **heavy)
        store.add([other], published=DAY, **heavy)
        assert all(d.relay_of is None for d in store.documents())


def test_upgrading_an_old_store_fills_keys_and_relays(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(normalize_url(url))
    migrate.upgrade(engine, "0001")
    body = report(5, "Izium", long=True)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:
        for i, (doc_id, relay) in enumerate([("d1", None), ("d2", "d1")]):
            data = {"id": doc_id, "source": f"{doc_id}.txt", "text": body, "relay_of": relay}
            conn.execute(text(
                "INSERT INTO documents (id, content_hash, source, added_at, linked, n_claims, n_mentions, data) "
                "VALUES (:id, :h, :s, :t, 1, 0, 0, :d)"),
                {"id": doc_id, "h": f"h{i}", "s": f"{doc_id}.txt", "t": now, "d": json.dumps(data)})
    migrate.upgrade(engine, "head")
    with engine.connect() as conn:
        keys = dict(conn.execute(text("SELECT document_id, COUNT(*) FROM document_keys GROUP BY document_id")).all())
        relays = dict(conn.execute(text("SELECT id, relay_of FROM documents")).all())
    engine.dispose()
    assert keys["d1"] == keys["d2"] > 10
    assert relays == {"d1": None, "d2": "d1"}
