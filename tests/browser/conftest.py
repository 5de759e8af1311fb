"""Headless Chromium for the report tests: Debian's /usr/bin/chromium driven by Playwright, no browser download.

Every test here is marked ``browser`` and skips with a message when Chromium or Playwright is missing
(``scripts/install-test-deps.sh`` installs Chromium). Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("RASHOMON_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run scripts/install-test-deps.sh (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                                   "(pip install -e '.[test]')")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_report(browser, tmp_path):
    """Write a report to a file and open it; the page records dialogs and script errors."""
    pages = []

    def _open(page_html: str, name: str = "report"):
        path = tmp_path / f"{name}.html"
        path.write_text(page_html, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.dialogs = []
        page.errors = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield _open
    for p in pages:
        p.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
