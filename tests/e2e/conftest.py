"""Browser tests: Debian Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = (Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js").read_text()
PASSWORD = "korrekt-hast-batteri-1"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


class CspWatcher:
    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.errors.append(message.text)


@pytest.fixture
def page(browser):
    """A page with the CSP enforced; fails the test on any CSP error in the console."""
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    watcher = CspWatcher(page)
    yield page
    context.close()
    assert watcher.errors == [], watcher.errors


@pytest.fixture
def axe_page(browser):
    """A page for axe-core, which must be injected: CSP bypassed in this context only."""
    context = browser.new_context(locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def login(page, live_server, membership, device):
    from django_otp.oath import TOTP

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn eller e-post").fill(membership.user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url("**/konto/verifiera/**")
    token = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits).token()
    page.get_by_label("Kod från din autentiseringsapp").fill(f"{token:06d}")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")


def axe_violations(page) -> list:
    page.wait_for_load_state("load")
    page.wait_for_selector("main#main")
    page.add_script_tag(content=AXE)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    return result
