"""The browse pages: they render, filter, link, highlight, and escape hostile text."""

from __future__ import annotations

import re

import pytest

from tests.server.conftest import KEY

pytestmark = pytest.mark.slow

HOSTILE = (
    'Shelling in <script>alert("x")</script> Kramatorsk\n\n'
    "KYIV, March 3, 2022 (Wire) - Ukraine's defence ministry said on Tuesday that Russian forces shelled "
    'Kramatorsk <img src=x onerror="alert(1)"> overnight, killing 4 civilians.\n\n'
    "Russia's defence ministry denied striking Kramatorsk <b>and</b> said Ukrainian troops fired on the town.\n"
)


def test_incident_list_and_filters(client):
    page = client.get("/browse")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    ids = re.findall(r'href="/browse/incidents/(i\d+)"', page.text)
    assert ids and "badge s-" in page.text
    filtered = client.get("/browse", params={"country": "AM"})
    assert filtered.status_code == 200 and "0 incident(s)" in filtered.text
    bad = client.get("/browse", params={"since": "soon", "status": "<nope>"})
    assert bad.status_code == 200 and "not a date" in bad.text and "<nope>" not in bad.text
    assert client.get("/", follow_redirects=False).status_code in (302, 307)


def test_incident_page_shows_the_matrix(client):
    first = re.findall(r'href="/browse/incidents/(i\d+)"', client.get("/browse").text)
    incident = max((client.get(f"/incidents/{i}").json() for i in first), key=lambda d: len(d["documents"]))
    page = client.get(f"/browse/incidents/{incident['id']}")
    assert page.status_code == 200
    for side in incident["matrix"]["sides"]:
        assert f'>{side["side"]}</th>' in page.text
    for attribute in incident["attributes"]:
        assert f"<th>{attribute}</th>" in page.text
    assert re.search(r'href="/browse/documents/d[0-9a-f]+#', page.text)
    missing = client.get("/browse/incidents/i999999")
    assert missing.status_code == 404 and "no incident" in missing.text


def test_document_page_highlights_claim_spans(client):
    doc_id = client.get("/claims", params={"limit": 1}).json()["items"][0]["document"]
    doc = client.get(f"/documents/{doc_id}").json()
    page = client.get(f"/browse/documents/{doc_id}")
    assert page.status_code == 200
    assert page.text.count('<a id="') == len({s["claim"] for s in doc["spans"] if s["kind"] == "content"})
    assert 'class="claimant' in page.text or 'class="content claimant' in page.text
    assert client.get("/browse/documents/dnothere").status_code == 404


def test_hostile_text_is_escaped_everywhere(fresh_client):
    posted = fresh_client.post("/documents", json={"text": HOSTILE, "outlet": "<svg onload=alert(2)> <i>Evil</i>"},
                               headers={"X-API-Key": KEY})
    assert posted.status_code == 201, posted.json()
    doc_id = posted.json()["added"][0]
    pages = [fresh_client.get(f"/browse/documents/{doc_id}").text, fresh_client.get("/browse").text]
    pages += [fresh_client.get(f"/browse/incidents/{i}").text for i in posted.json()["incidents"]]
    doc_page = pages[0]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in doc_page  # the title
    untagged = re.sub(r"<[^>]+>", "", doc_page)  # highlight spans may cut the text anywhere
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in untagged  # the text
    assert "&lt;svg onload=alert(2)&gt; &lt;i&gt;Evil&lt;/i&gt;" in doc_page  # the outlet
    for html in pages:
        assert "<script>" not in html and "<img" not in html and "<svg" not in html and "<i>Evil" not in html
        assert not re.search(r"<[^>]*\sonerror=", html)
