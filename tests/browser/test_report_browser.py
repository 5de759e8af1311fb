"""The HTML report in a real headless Chromium: it renders, quotes open, filters hide, hostile text stays inert."""

from __future__ import annotations

import pytest

from outputs.sample import HOSTILE, analyzed, clash_analysis
from outputs.tests_paths import EXAMPLES
from rashomon.outputs.html import render_report

pytestmark = pytest.mark.browser


def _visible_incidents(page) -> list[str]:
    return page.eval_on_selector_all("article.incident", "els => els.filter(e => !e.hidden).map(e => e.dataset.incident)")


def test_matrix_shows_both_sides_and_contested_badges(open_report, artifacts):
    page = open_report(render_report(clash_analysis()))
    assert page.errors == []
    heads = page.locator("#incident-i1 .matrix th.sideh").all_inner_texts()
    assert [h.strip() for h in heads] == ["ARMENIAN SIDE", "AZERBAIJANI SIDE"]
    contested = page.locator("#incident-i1 .badge.b-contested")
    assert contested.count() >= 4 and contested.first.is_visible()
    assert "contested" in contested.first.inner_text()
    page.screenshot(path=str(artifacts / "report-sample.png"), full_page=True)


def test_expanding_a_cell_shows_the_quote_and_its_link_lands_on_the_passage(open_report):
    page = open_report(render_report(clash_analysis()))
    cell = page.locator("#incident-i1 details.claim").first
    quote = cell.locator("blockquote")
    assert not quote.is_visible()
    cell.locator("summary").click()
    assert quote.is_visible()
    assert "Azerbaijani forces attacked the village of Sotk" in quote.inner_text()
    cell.locator("a.jump").click()
    page.wait_for_function("document.querySelectorAll('mark.active').length > 0")
    marked = " ".join(page.locator("mark.active").all_inner_texts())
    assert "Azerbaijani forces attacked the village of Sotk" in marked


def test_filters_hide_incidents(open_report):
    page = open_report(render_report(clash_analysis()))
    assert page.locator("#filters").is_visible()  # shown by the script
    assert _visible_incidents(page) == ["i1", "i2"]
    page.select_option("#f-country", "UA")
    assert _visible_incidents(page) == ["i2"]
    assert page.locator("#f-count").inner_text() == "1 of 2 incidents shown"
    assert not page.locator('.index tr[data-incident="i1"]').is_visible()
    assert page.locator('svg .mpt[data-incident="i1"]').first.evaluate("e => getComputedStyle(e).display") == "none"
    page.click("#f-reset")
    assert _visible_incidents(page) == ["i1", "i2"]
    page.select_option("#f-status", "contested")
    assert _visible_incidents(page) == ["i1"]
    page.click("#f-reset")
    page.fill("#f-from", "2022-06-01")
    assert _visible_incidents(page) == ["i1"]
    page.fill("#f-to", "2022-06-30")
    assert _visible_incidents(page) == []


@pytest.mark.parametrize("csp", [False, True], ids=["escaping-alone", "escaping-and-csp"])
def test_hostile_article_executes_nothing(open_report, artifacts, csp):
    page = open_report(render_report(clash_analysis(hostile=True), csp=csp), name=f"hostile-{csp}")
    # the report's own script ran (so scripts were not simply off) ...
    assert page.locator("#filters").is_visible()
    # ... and touching everything a payload could hide behind runs nothing
    for summary in page.locator("details.claim summary").all():
        summary.hover()
        summary.click()
    page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == [] and page.errors == []
    assert HOSTILE["script"] in page.locator("#doc-d1 .text").inner_text()  # shown as text, not run
    page.screenshot(path=str(artifacts / f"report-hostile-{'csp' if csp else 'nocsp'}.png"))


def test_the_flag_check_can_fail(open_report):
    """Control: the same payload injected raw does run, so the test above would see it."""
    page = open_report(f"<!DOCTYPE html><body>{HOSTILE['img']}</body>", name="control")
    page.wait_for_function("window.__pwned === 2")


@pytest.mark.slow
def test_examples_report(open_report, artifacts, nlp, actors, gazetteer):
    analysis = analyzed(EXAMPLES, nlp, actors, gazetteer)
    page = open_report(render_report(analysis), name="examples")
    assert page.errors == []
    assert page.locator("article.incident").count() == len(analysis.incidents)
    two_sided = page.eval_on_selector_all(
        "article.incident", "els => els.filter(e => e.querySelectorAll('.matrix th.sideh').length >= 2).length")
    assert two_sided >= 2
    assert page.locator(".matrix .badge.b-contested").count() > 0
    assert page.locator("svg.map circle").count() > 0
    page.screenshot(path=str(artifacts / "report-examples-top.png"))
    page.screenshot(path=str(artifacts / "report-examples.png"), full_page=True)


@pytest.mark.slow
@pytest.mark.acceptance
def test_seed_report_shows_the_dispute(open_report, artifacts, seeds_dir, nlp, actors, gazetteer):
    analysis = analyzed(seeds_dir, nlp, actors, gazetteer)
    page = open_report(render_report(analysis), name="seeds")
    clash = next(i for i in analysis.incidents if i.attributes.get("initiator")
                 and i.attributes["initiator"].status == "contested")
    article = page.locator(f'article.incident[data-incident="{clash.id}"]')
    heads = " ".join(article.locator(".matrix th.sideh").all_inner_texts()).lower()
    assert "armenian side" in heads and "azerbaijani side" in heads
    row = article.locator(".matrix tr.st-contested").first
    assert "initiator" in row.inner_text() and row.locator(".badge.b-contested").first.is_visible()
    first = row.locator("details.claim").first
    first.locator("summary").click()
    assert first.locator("blockquote").is_visible()
    page.screenshot(path=str(artifacts / "report-seeds.png"), full_page=True)
