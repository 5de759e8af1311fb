"""The HTML report: self-contained, every article text escaped, links that land, the matrix and timeline."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

import pytest

from outputs.sample import HOSTILE
from rashomon.outputs.html import render_report


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_report_is_self_contained(sample):
    page = render_report(sample)
    tags = _parse(page)
    names = {t for t, _ in tags.tags}
    assert not names & {"link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"}
    assert all("src" not in attrs for _, attrs in tags.tags)
    assert "@import" not in page and "url(" not in page
    hrefs = [a["href"] for t, a in tags.tags if t == "a" and "href" in a]
    assert all(h.startswith("#") or h.startswith("https://") for h in hrefs)


def test_only_the_reports_own_script_runs_and_the_policy_pins_it(sample):
    page = render_report(sample)
    tags = _parse(page)
    assert len(tags.scripts) == 1
    csp = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1
    digest = base64.b64encode(hashlib.sha256(tags.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp[0] and "default-src 'none'" in csp[0]
    assert "<meta http-equiv" not in render_report(sample, csp=False)


def test_hostile_text_is_escaped_everywhere(hostile):
    page = render_report(hostile, csp=False)
    for name, payload in HOSTILE.items():
        assert payload not in page, name
    tags = _parse(page)
    assert len(tags.scripts) == 1 and [t for t, _ in tags.tags].count("style") == 1
    assert [t for t, _ in tags.tags].count("svg") == 1  # the map, not the payload's
    for tag, attrs in tags.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert tag not in ("iframe", "img", "textarea"), tag
        for key in ("href", "src", "xlink:href"):
            assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), (tag, attrs)
    # the payload is still there for the reader, as text
    assert html.escape(HOSTILE["img"], quote=False) in page or "&lt;img src=x onerror=" in page
    assert "javascript:window.__pwned=9" in page  # the unsafe source is shown as text, never linked


def test_every_internal_link_lands(sample):
    page = render_report(sample)
    tags = _parse(page)
    ids = {a["id"] for _, a in tags.tags if a.get("id")}
    targets = {a["href"][1:] for t, a in tags.tags if t == "a" and (a.get("href") or "").startswith("#")}
    assert targets and targets <= ids
    for claim in sample.claims:
        assert f"claim-{claim.id.replace(':', '-')}" in ids


def test_documents_are_shown_whole_with_claims_marked(sample):
    page = render_report(sample)
    for doc in sample.documents:
        body = re.search(rf'id="doc-{doc.id}".*?<div class="text">(.*?)</div>', page, re.S).group(1)
        assert html.unescape(re.sub(r"<[^>]+>", "", body)) == doc.text
    assert page.count('<mark class="m') >= len(sample.claims)


def test_matrix_groups_claimants_by_side_with_verdicts_and_quotes(sample):
    page = render_report(sample)
    article = re.search(r'<article class="incident" id="incident-i1".*?</article>', page, re.S).group(0)
    assert "Armenian side" in article and "Azerbaijani side" in article
    assert article.count("b-contested") >= 4  # two contested rows, two cells each
    assert "b-denied" in article  # the claim the Armenian ministry rejects
    assert "<b>Azerbaijani forces</b>" in article  # the words the value was read from, inside the claim
    assert "no estimate" in article and "the sides blame each other" in article
    # the timeline has the live-blog update time and the day-only statements
    assert "13 Sep 2022, 10:30" in article and "(day only)" in article


def test_filters_carry_what_they_filter_on(sample):
    page = render_report(sample)
    assert re.search(r'<article class="incident" id="incident-i2" data-incident="i2" data-countries="UA" '
                     r'data-start="2022-04-08" data-end="2022-04-08" data-statuses="agreed single_source"', page)
    assert '<option value="UA">Ukraine</option>' in page


def test_map_and_credit_only_with_places(sample):
    page = render_report(sample)
    assert '<svg class="map"' in page and "GeoNames" in page and "CC BY 4.0" in page
    bare = sample.model_copy(update={"incidents": tuple(i.model_copy(update={"places": ()})
                                                        for i in sample.incidents), "credits": ()})
    page = render_report(bare)
    assert '<svg class="map"' not in page and "GeoNames" not in page


def test_no_incidents_still_renders(sample):
    page = render_report(sample.model_copy(update={"incidents": ()}))
    assert "0 incident(s)" in page and "Source documents" in page


@pytest.mark.slow
def test_examples_report_renders_every_incident(examples_analysis):
    page = render_report(examples_analysis)
    assert page.count('<article class="incident"') == len(examples_analysis.incidents)
    assert "b-contested" in page and "<svg" in page


def test_write_folder_writes_every_export(sample, tmp_path):
    from rashomon.outputs import write_folder

    paths = write_folder(sample, tmp_path / "report", timestamp=1)
    assert sorted(p.name for p in paths) == ["claims.csv", "incidents.csv", "incidents.geojson", "incidents.json",
                                            "report.html"]
    assert (tmp_path / "report" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_stray_homonym_does_not_stretch_the_map(sample):
    from rashomon.model import Place

    inc = sample.incidents[0]
    stray = Place(name="Republic", lat=37.1, lon=-93.5, country="US", feature="place")
    page = render_report(sample.model_copy(update={"incidents": (inc.model_copy(
        update={"places": inc.places + (stray,)}),)}))
    svg = page[page.index('<svg class="map"'):page.index("</svg>")]
    assert "<title>Armenia</title>" in svg and "<title>United States</title>" not in svg
