"""The JSON API: auth for writes, body cap, filters and paging, errors, claims matrix, spans."""

from __future__ import annotations

import pytest

from tests.server.conftest import KEY, make_client
from tests.store.conftest import report

pytestmark = pytest.mark.slow

AUTH = {"X-API-Key": KEY}


def test_writes_need_the_api_key(fresh_client, tmp_path, nlp, actors, gazetteer):
    body = {"text": report(0, "Kramatorsk")}
    missing = fresh_client.post("/documents", json=body)
    assert missing.status_code == 401 and missing.json()["error"] == "unauthorized"
    assert "X-API-Key" in missing.json()["message"]
    wrong = fresh_client.post("/documents", json=body, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 401
    assert fresh_client.get("/stats").json()["documents"] == 0
    with make_client(f"sqlite:///{tmp_path / 'ro.db'}", nlp, actors, gazetteer, api_key=None) as read_only:
        refused = read_only.post("/documents", json=body, headers=AUTH)
        assert refused.status_code == 403 and "without an API key" in refused.json()["message"]


def test_post_text_json_and_html_merge_and_are_idempotent(fresh_client):
    first = fresh_client.post("/documents", json={"text": report(1, "Sloviansk"), "published": "2022-03-02",
                                                  "outlet": "Test Wire"}, headers=AUTH)
    assert first.status_code == 201, first.json()
    doc_id = first.json()["added"][0]
    assert first.json()["incidents"]
    assert fresh_client.get(f"/documents/{doc_id}").json()["outlet"] == "Test Wire"

    again = fresh_client.post("/documents", json={"text": report(1, "Sloviansk"), "published": "2022-03-02"},
                              headers=AUTH)
    assert again.status_code == 200 and again.json()["added"] == []
    assert again.json()["skipped"] == [{"source": "<posted>", "id": doc_id}]

    plain = fresh_client.post("/documents?published=2022-03-02&source=wire-2", content=report(2, "Sloviansk"),
                              headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"})
    assert plain.status_code == 201
    html = ("<html><head><title>Shelling in Sloviansk</title></head><body><article><p>"
            + report(3, "Sloviansk").replace("\n\n", "</p><p>") + "</p></article></body></html>")
    page = fresh_client.post("/documents?published=2022-03-02", content=html,
                             headers={**AUTH, "Content-Type": "text/html"})
    assert page.status_code == 201, page.json()
    assert fresh_client.get("/stats").json()["documents"] == 3


@pytest.mark.parametrize("body, status, error", [
    ({"text": "a", "html": "<p>b</p>"}, 422, "invalid"),
    ({}, 422, "invalid"),
    ({"text": "x", "extra": 1}, 422, "invalid"),
    ({"text": "   "}, 422, "no_text"),
    ({"url": "ftp://example.org/a"}, 422, "invalid"),
    ({"url": "https://example.org/a"}, 422, "fetch_failed"),  # fetching is off in these tests
])
def test_bad_document_bodies(fresh_client, body, status, error):
    response = fresh_client.post("/documents", json=body, headers=AUTH)
    assert response.status_code == status and response.json()["error"] == error
    assert response.json()["message"]


def test_other_media_types_and_bad_json(fresh_client):
    assert fresh_client.post("/documents", content=b"x", headers={**AUTH, "Content-Type": "image/png"}).status_code == 415
    broken = fresh_client.post("/documents", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert broken.status_code == 422 and broken.json()["error"] == "invalid"
    latin = fresh_client.post("/documents", content="caf\xe9".encode("latin-1"),
                              headers={**AUTH, "Content-Type": "text/plain"})
    assert latin.status_code == 400


def test_bodies_over_the_cap_are_refused(fresh_client, tmp_path, nlp, actors, gazetteer):
    big = fresh_client.post("/documents", content=b"a" * (2 * 1024 * 1024 + 1),
                            headers={**AUTH, "Content-Type": "text/plain"})
    assert big.status_code == 413 and big.json()["error"] == "too_large"
    with make_client(f"sqlite:///{tmp_path / 'small.db'}", nlp, actors, gazetteer, max_body_bytes=1000) as small:
        def chunks():  # no Content-Length: counted as it streams
            for _ in range(5):
                yield b"b" * 400
        streamed = small.post("/documents", content=chunks(), headers={**AUTH, "Content-Type": "text/plain"})
        assert streamed.status_code == 413
        assert small.get("/stats").json()["documents"] == 0


def test_incident_listing_filters_and_paging(client):
    everything = client.get("/incidents", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) >= 2
    ids = [i["id"] for i in everything["items"]]
    page1 = client.get("/incidents", params={"limit": 1}).json()
    page2 = client.get("/incidents", params={"limit": 1, "offset": 1}).json()
    assert page1["total"] == everything["total"] and [page1["items"][0]["id"], page2["items"][0]["id"]] == ids[:2]
    assert client.get("/incidents", params={"offset": 10_000}).json()["items"] == []

    ua = client.get("/incidents", params={"country": "ua"}).json()
    assert ua["total"] >= 1 and all(any(p["country"] == "UA" for p in i["places"]) for i in ua["items"])
    assert client.get("/incidents", params={"country": "AM"}).json()["total"] == 0
    assert client.get("/incidents", params={"since": "2030-01-01"}).json()["total"] == 0
    assert client.get("/incidents", params={"until": "2000-01-01"}).json()["total"] == 0
    contested = client.get("/incidents", params={"status": "contested"}).json()
    assert all(i["status"] == "contested" for i in contested["items"])
    typed = client.get("/incidents", params={"event_type": "explosions/remote violence"}).json()
    assert typed["total"] >= 1 and all(i["event_type"] == "Explosions/Remote violence" for i in typed["items"])


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"status": "maybe"},
                                    {"since": "yesterday"}, {"country": "USA"}])
def test_bad_filters_are_422_with_a_message(client, params):
    response = client.get("/incidents", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid" and body["message"].startswith("query.") and body["details"]


def test_incident_with_claims_matrix(client):
    listing = client.get("/incidents", params={"limit": 500}).json()["items"]
    biggest = max(listing, key=lambda i: len(i["documents"]))
    detail = client.get(f"/incidents/{biggest['id']}").json()
    assert detail["id"] == biggest["id"] and {c["id"] for c in detail["claims"]} == set(detail["mentions"])
    matrix = detail["matrix"]
    columns = [(s["side"], name) for s in matrix["sides"] for name in s["claimants"]]
    assert len({s["side"] for s in matrix["sides"]}) >= 2
    assert [r["attribute"] for r in matrix["rows"]] == list(detail["attributes"])
    for row in matrix["rows"]:
        assert [(c["side"], c["claimant"]) for c in row["cells"]] == columns
        assert row["status"] == detail["attributes"][row["attribute"]]["status"]
        claimed = sum(len(c["values"]) for c in row["cells"])
        assert claimed == len(detail["attributes"][row["attribute"]]["claims"])


def test_claims_and_document_spans(client):
    incident = client.get("/incidents", params={"limit": 1}).json()["items"][0]
    claims = client.get("/claims", params={"incident": incident["id"], "limit": 500}).json()
    assert claims["total"] == len(set(incident["mentions"]))
    doc_id = claims["items"][0]["document"]
    of_doc = client.get("/claims", params={"document": doc_id, "limit": 2}).json()
    assert of_doc["total"] >= len(of_doc["items"]) and all(c["document"] == doc_id for c in of_doc["items"])
    side = next(c["claimant"]["side"] for c in claims["items"] if c["claimant"]["side"])
    assert all(c["claimant"]["side"] == side for c in client.get("/claims", params={"side": side}).json()["items"])

    doc = client.get(f"/documents/{doc_id}").json()
    assert doc["spans"] and incident["id"] in doc["incidents"]
    kinds = {s["kind"] for s in doc["spans"]}
    assert "content" in kinds and "claimant" in kinds
    for span in doc["spans"]:
        assert 0 <= span["start"] <= span["end"] <= len(doc["text"])
    quotes = {c["id"]: c["quote"] for c in doc["claims"]}
    for span in doc["spans"]:
        if span["kind"] == "content":
            assert doc["text"][span["start"]:span["end"]] == quotes[span["claim"]]


@pytest.mark.parametrize("path", ["/incidents/i999999", "/documents/dmissing", "/claims?incident=i999999",
                                  "/nowhere"])
def test_not_found_is_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found" and response.json()["message"]


@pytest.fixture
def article_server():
    """An HTTP server on 127.0.0.1 serving one article page."""
    import http.server
    import threading

    from tests.store.conftest import report

    page = ("<html><head><title>Shelling in Izium</title></head><body><article><p>"
            + report(4, "Izium").replace("\n\n", "</p><p>") + "</p></article></body></html>").encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/izium.html"
    server.shutdown()
    server.server_close()


def test_posted_urls_are_fetched_through_ingest_with_its_address_guard(article_server, tmp_path, nlp, actors,
                                                                          gazetteer):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    with make_client(url, nlp, actors, gazetteer, fetch_urls=True) as guarded:
        refused = guarded.post("/documents", json={"url": article_server}, headers=AUTH)
        assert refused.status_code == 422 and refused.json()["error"] == "fetch_failed"
        assert "refused" in refused.json()["message"]
        assert guarded.get("/stats").json()["documents"] == 0
    with make_client(url, nlp, actors, gazetteer, fetch_urls=True, allow_private_urls=True) as trusting:
        added = trusting.post("/documents", json={"url": article_server, "published": "2022-03-05"}, headers=AUTH)
        assert added.status_code == 201, added.json()
        doc = trusting.get(f"/documents/{added.json()['added'][0]}").json()
        assert doc["source"] == article_server and "Izium" in doc["text"] and doc["published"] == "2022-03-05"
