"""Store fixtures: the same tests run on SQLite (a file in tmp_path) and on a real PostgreSQL.

PostgreSQL: ``RASHOMON_TEST_PG_URL`` if set, else ``scripts/start-postgres.sh`` (installs and
starts a local server, prints its URL). Each test gets a database of its own. The
PostgreSQL cases are skipped, with the reason, only when no server can be started;
with ``RASHOMON_REQUIRE_PG=1`` (CI) they fail instead, so that they always run somewhere.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_SCRIPT = ROOT / "scripts" / "start-postgres.sh"

TOWNS = ["Kramatorsk", "Sloviansk", "Bakhmut", "Izium", "Lyman", "Avdiivka", "Kostiantynivka", "Pokrovsk",
         "Kherson", "Mykolaiv", "Zaporizhzhia", "Kharkiv", "Sumy", "Chernihiv", "Dnipro", "Odesa", "Poltava",
         "Vinnytsia", "Lviv", "Rivne"]


def report(k: int, town: str, *, long: bool = False) -> str:
    """A short wire report of a shelling, with two sides' claims (made up for the tests)."""
    more = "".join(
        f"On day {d + 2} of the fighting, the regional governor said {k + d} people were wounded in shelling "
        f"of villages near {town}, and the general staff said its forces had repelled {d + 3} attacks.\n\n"
        for d in range(8)) if long else ""
    return (
        f"Shelling reported in {town}\n\n"
        f"KYIV, March {1 + k % 28}, 2022 (Wire) - Ukraine's defence ministry said on Tuesday that Russian forces "
        f"shelled {town} overnight, killing {k + 2} civilians and wounding {k + 5} others.\n\n"
        f"Russia's defence ministry denied striking {town} and said Ukrainian troops had fired on the town.\n\n"
        f"A local official said the attack hit a school and a market in the centre of {town}.\n\n"
        + more
    )


def write_reports(folder: Path, n: int = 20, *, long: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        path = folder / f"r{k:02d}.txt"
        path.write_text(report(k, TOWNS[k % len(TOWNS)], long=long), encoding="utf-8")
        paths.append(path)
    return paths


def _unavailable(reason: str):
    if os.environ.get("RASHOMON_REQUIRE_PG") == "1":
        pytest.fail(f"RASHOMON_REQUIRE_PG=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    url = os.environ.get("RASHOMON_TEST_PG_URL")
    if url:
        return url
    try:
        done = subprocess.run(["bash", str(START_SCRIPT)], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        _unavailable(f"PostgreSQL could not be started ({START_SCRIPT}): {exc}")
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].startswith("postgresql://"):
        tail = " | ".join(done.stderr.strip().splitlines()[-5:])
        _unavailable(f"PostgreSQL could not be started ({START_SCRIPT}, exit {done.returncode}): {tail}")
    return lines[-1]


@pytest.fixture
def pg_url(pg_server_url: str):
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    name = f"rashomon_t_{uuid.uuid4().hex[:12]}"
    conninfo = pg_server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = conninfo.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """The store URL under test: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def heavy(nlp, actors, gazetteer) -> dict:
    """The loaded model, actor base and gazetteer, to inject into Store.add."""
    return {"nlp": nlp, "actors": actors, "gazetteer": gazetteer}


def consistency_problems(url: str) -> list[str]:
    """What breaks the store's invariants: each mention in at most one incident, and
    ``mentions.incident_id`` agreeing with every incident's ``event_mentions``."""
    import json

    from sqlalchemy import create_engine, text

    from rashomon.store.engine import normalize_url

    engine = create_engine(normalize_url(url))
    problems = []
    with engine.connect() as conn:
        owner = dict(conn.execute(text("SELECT id, incident_id FROM mentions")).all())
        seen: dict[str, str] = {}
        for iid, data in conn.execute(text("SELECT id, data FROM incidents")):
            for mid in json.loads(data)["event_mentions"]:
                if mid in seen:
                    problems.append(f"{mid} in {seen[mid]} and {iid}")
                seen[mid] = iid
                if owner.get(mid) != iid:
                    problems.append(f"{mid} listed by {iid} but stored with incident {owner.get(mid)}")
        for mid, iid in owner.items():
            if iid is not None and seen.get(mid) != iid:
                problems.append(f"{mid} stored with incident {iid} which does not list it")
    engine.dispose()
    return problems
