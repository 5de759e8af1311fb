"""The incident store on SQLite and PostgreSQL: adding, merging, ids, filters, schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rashomon.model import DateBasis, Document
from rashomon.outputs.json import to_contract
from rashomon.store import IncidentFilter, NotFound, Store, StoreError
from tests.store.conftest import ROOT, consistency_problems, write_reports

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "examples"
KRAMATORSK = sorted(EXAMPLES.glob("kramatorsk-2022-*"))
ARTICLES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))


def memberships(incidents) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(i.event_mentions)) for i in incidents)


def test_add_stores_documents_claims_mentions_and_is_idempotent(db_url, heavy, tmp_path):
    paths = write_reports(tmp_path / "in", 5)
    with Store(db_url) as store:
        result = store.add(paths, **heavy)
        assert len(result.added) == 5 and not result.skipped and not result.errors
        stats = store.stats()
        assert stats["documents"] == 5 and stats["claims"] > 5 and stats["mentions"] >= 5
        assert stats["unlinked_documents"] == 0 and stats["incidents"] >= 1
        before = [i.model_dump_json() for i in store.incidents(limit=None).items]

        again = store.add(paths, **heavy)
        assert again.added == [] and len(again.skipped) == 5 and again.incidents == []
        assert store.stats() == stats
        assert [i.model_dump_json() for i in store.incidents(limit=None).items] == before
        for doc in store.documents():
            for claim in store.claims_of([doc.id]):
                assert doc.text[claim.start:claim.end] == claim.quote


def test_incremental_adds_give_the_incidents_of_one_batch(db_url, heavy):
    from rashomon.pipeline import analyze

    batch = analyze(ARTICLES, **heavy)
    with Store(db_url) as store:
        for path in ARTICLES:  # one document per add: every merge is incremental
            store.add([path], **heavy)
        stored = store.incidents(limit=None).items
    assert consistency_problems(db_url) == []
    assert memberships(stored) == memberships(batch.incidents)
    by_members = {tuple(sorted(i.event_mentions)): i for i in batch.incidents}
    for inc in stored:
        twin = by_members[tuple(sorted(inc.event_mentions))]
        assert {k: v.status for k, v in inc.attributes.items()} == {k: v.status for k, v in twin.attributes.items()}


def test_incident_keeps_its_id_when_its_membership_grows(db_url, heavy):
    with Store(db_url) as store:
        store.add(KRAMATORSK[:1], **heavy)
        first = {i.id: set(i.event_mentions) for i in store.incidents(limit=None).items}
        result = store.add(KRAMATORSK[1:], **heavy)
        now = {i.id: set(i.event_mentions) for i in store.incidents(limit=None).items}
        grown = [iid for iid, members in first.items() if iid in now and members < now[iid]]
        assert grown, (first, now)
        assert set(grown) <= set(result.incidents)
        new_docs = set(result.added)
        assert any(new_docs & {m.split(":")[0] for m in now[iid]} for iid in grown)
        for old, new in result.retired:  # any id retired resolves to where its reports went
            assert store.incident(old).id == new
    assert consistency_problems(db_url) == []


def test_filters_and_paging(db_url, heavy):
    with Store(db_url) as store:
        store.add(ARTICLES, **heavy)
        everything = store.incidents(limit=None)
        assert everything.total == len(everything.items) > 3
        dates = [i.date.start for i in everything.items if i.date.start]
        assert dates == sorted(dates, reverse=True)  # newest first, undated last
        assert everything.items[-1].date.start is None or all(i.date.start for i in everything.items)

        page1 = store.incidents(limit=2, offset=0)
        page2 = store.incidents(limit=2, offset=2)
        assert page1.total == page2.total == everything.total
        assert [i.id for i in page1.items + page2.items] == [i.id for i in everything.items[:4]]

        am = store.incidents(IncidentFilter(country="am"), limit=None).items
        assert am and all(any(p.country == "AM" for p in i.places) for i in am)
        ua = store.incidents(IncidentFilter(country="UA"), limit=None).items
        assert ua and not {i.id for i in am} & {i.id for i in ua}

        since = dt.date(2022, 1, 1)
        recent = store.incidents(IncidentFilter(since=since), limit=None).items
        assert recent and all((i.date.end or i.date.start) >= since for i in recent)
        old = store.incidents(IncidentFilter(until=dt.date(2021, 12, 31)), limit=None).items
        assert old and all(i.date.start.year <= 2021 for i in old)
        assert not {i.id for i in recent} & {i.id for i in old}

        contested = store.incidents(IncidentFilter(status="contested"), limit=None).items
        assert contested and all(any(v.status == "contested" for v in i.attributes.values()) for i in contested)
        battles = store.incidents(IncidentFilter(event_type="battles"), limit=None).items
        assert battles and all(i.event_type == "Battles" for i in battles)
        shelling = store.incidents(IncidentFilter(event_type="Shelling/artillery/missile attack"), limit=None).items
        assert shelling and all(i.sub_event_type == "Shelling/artillery/missile attack" for i in shelling)
        assert store.incidents(IncidentFilter(country="ZZ")).total == 0


def test_claims_filters(db_url, heavy):
    with Store(db_url) as store:
        store.add(KRAMATORSK, **heavy)
        incident = max(store.incidents(limit=None).items, key=lambda i: len(i.documents))
        claims = store.claims(incident=incident.id, limit=None).items
        assert {c.id for c in claims} == set(incident.mentions)
        doc = incident.documents[0]
        of_doc = store.claims(document=doc, limit=None)
        assert of_doc.total == len(of_doc.items) > 0 and all(c.document == doc for c in of_doc.items)
        sides = {c.claimant.side for c in of_doc.items if c.claimant.side}
        side = sorted(sides)[0]
        assert all(c.claimant.side == side for c in store.claims(side=side, limit=None).items)
        with pytest.raises(NotFound):
            store.claims(incident="i999999")
        with pytest.raises(NotFound):
            store.incident("i999999")
        with pytest.raises(NotFound):
            store.document("dnothere")


def test_analysis_is_in_the_contract_shape(db_url, heavy):
    with Store(db_url) as store:
        store.add(KRAMATORSK, **heavy)
        contract = to_contract(store.analysis())
        part = to_contract(store.analysis(IncidentFilter(country="UA")))
    texts = {d["id"]: d["text"] for d in contract["documents"]}
    claim_ids = {c["id"] for c in contract["claims"]}
    assert len(texts) == 3 and contract["incidents"]
    for c in contract["claims"]:
        assert texts[c["document"]][c["start"]:c["end"]] == c["quote"]
    for inc in contract["incidents"]:
        assert set(inc["mentions"]) <= claim_ids and set(inc["documents"]) <= set(texts)
        for verdict in inc["attributes"].values():
            assert verdict["status"] in ("agreed", "corroborated", "contested", "single_source", "denied")
    assert part["incidents"] and {d["id"] for d in part["documents"]} <= set(texts)


def test_documents_committed_but_not_linked_are_linked_later(db_url, heavy, tmp_path):
    from rashomon.ingest import ingest
    from rashomon.pipeline import extract_documents

    documents = ingest(write_reports(tmp_path / "in", 4)).documents
    with Store(db_url) as store:
        # stages 1-4 committed, the process "dies" before re-linking
        for ex in extract_documents(documents, **heavy):
            assert store._commit(ex.document, ex.claims, ex.mentions) is None
        assert store.stats()["unlinked_documents"] == 4 and store.stats()["incidents"] == 0
        result = store.add(write_reports(tmp_path / "in", 4), **heavy)  # the re-run
        assert result.added == [] and len(result.skipped) == 4
        assert store.stats()["unlinked_documents"] == 0 and result.incidents
        assert store.stats()["incidents"] == len(result.incidents)


def test_a_different_text_under_a_taken_id_gets_a_suffix(db_url, heavy):
    def doc(text: str) -> Document:
        return Document(id="dclash", source="x.txt", text=text, published=dt.date(2022, 3, 2),
                        published_basis=DateBasis.GIVEN)

    with Store(db_url) as store:
        first = store.add_documents([doc("Russian forces shelled Kramatorsk, the ministry said.")], **heavy)
        second = store.add_documents([doc("Ukrainian forces shelled Donetsk, the ministry said.")], **heavy)
        assert first.added == ["dclash"] and second.added == ["dclash-2"]
        assert store.document("dclash-2").text.startswith("Ukrainian")
        assert all(c.id.startswith("dclash-2:") for c in store.claims_of(["dclash-2"]))


def test_schema_comes_from_the_migrations_and_matches_the_tables(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from rashomon.store import migrate
    from rashomon.store.schema import metadata

    with Store(db_url) as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert migrate.upgrade(store.engine) == (migrate.head_revision(), migrate.head_revision())
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
            if conn.dialect.name == "sqlite":
                from sqlalchemy import text

                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert diff == []


def test_a_store_of_an_unknown_newer_schema_is_refused(db_url):
    from sqlalchemy import text

    with Store(db_url) as store:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="unknown to this rashomon"):
        Store(db_url)
    with pytest.raises(StoreError, match="rashomon db upgrade"):
        Store(db_url, upgrade=False)


def test_bad_urls_raise_store_errors(tmp_path: Path):
    with pytest.raises(StoreError, match="unsupported"):
        Store("mysql://x@localhost/db")
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")
    with pytest.raises(StoreError, match="cannot open"):
        Store("postgresql://nobody:wrong@127.0.0.1:1/none")


def test_concurrent_first_opens_all_succeed(db_url):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    code = "import sys; from rashomon.store import Store; Store(sys.argv[1]).close()"
    children = [subprocess.Popen([sys.executable, "-c", code, db_url], env=env, stderr=subprocess.PIPE, text=True)
                for _ in range(3)]
    for child in children:
        _out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-2000:]
    with Store(db_url) as store:  # and threads of one process
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(3) as pool:
            list(pool.map(lambda _: Store(db_url).close(), range(3)))
        assert store.stats()["documents"] == 0
