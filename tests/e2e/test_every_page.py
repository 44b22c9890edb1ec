"""Every page the URL walker can fill in with real objects, for every role, the admin included:
the status the role's policy promises; axe-core (WCAG 2.0–2.2 A/AA) finds nothing at 1 280 and
at 390 px; nothing scrolls sideways at 390 px; no inline style or script that the product's CSP
would refuse. One login per role; every offending URL is listed in the failure."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import AXE, login
from tests.e2e.pages import Page, build_world, walk
from tillsammans.accounts.roles import Role
from tillsammans.core import access

WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>",
                           re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.fixture
def walk_world(transactional_db, world):
    return build_world(world)


def _axe(page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    found = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3)
            .map(n => n.target.join(' ')).join(' | '));
    }""", TAGS)
    return found


def _too_wide(page) -> str | None:
    widths = page.evaluate("""() => {
        const doc = document.documentElement;
        if (doc.scrollWidth <= window.innerWidth) return null;
        const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .filter(e => !(e.parentElement && e.parentElement.closest('.table-scroll')))
            .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined
                ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '')
                + ' → ' + Math.round(e.getBoundingClientRect().right) + ' px');
        return doc.scrollWidth + ' px wide: ' + wide.join(', ');
    }""")
    return widths


def _csp(body: str) -> list[str]:
    problems = []
    for label, pattern in (("inline style", INLINE_STYLE), ("inline script", INLINE_SCRIPT),
                           ("inline event handler", INLINE_HANDLER)):
        if match := pattern.search(body):
            problems.append(f"{label}: {match.group(0)[:120]}")
    return problems


def _visit(page, base: str, target: Page, promised: set[int], problems: dict, first_403: list,
           post_only: list):
    page.set_viewport_size(WIDE)
    try:
        response = page.goto(base + target.url, wait_until="load")
    except PlaywrightError:  # an empty 405 answer or a download: ask for the status alone
        response = None
        status = page.request.get(base + target.url, max_redirects=5).status
    else:
        status = response.status if response else 0
    if status == 405:  # a form's POST address: no page to see
        post_only.append(target.url)
        return
    if status not in promised:
        problems["status"].append(f"{target.url} answered {status}, its policy "
                                  f"{target.policy} promises {sorted(promised)}")
    html = response is not None and "text/html" in response.headers.get("content-type", "")
    if not html or status not in (200, 403) or (status == 403 and first_403):
        return
    if status == 403:
        first_403.append(target.url)
    for problem in _csp(response.text()):
        problems["csp"].append(f"{target.url}: {problem}")
    for violation in _axe(page):
        problems["axe 1280"].append(f"{target.url}: {violation}")
    if too_wide := page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        problems["1280 scroll"].append(f"{target.url}: {_too_wide(page) or too_wide}")
    page.set_viewport_size(PHONE)
    if too_wide := _too_wide(page):
        problems["390 scroll"].append(f"{target.url}: {too_wide}")
    for violation in _axe(page):
        problems["axe 390"].append(f"{target.url}: {violation}")


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_every_page_for_every_role(browser, live_server, walk_world, role):
    membership, device = walk_world["members"][role]
    actor = access.Actor(user=membership.user, membership=membership, verified=True)
    pages, skipped = walk(walk_world)
    if role != Role.SYSTEM_ADMIN:  # others are refused by the admin's index and nothing more
        pages = [p for p in pages if not p.route.startswith("admin/") or p.url == "/admin/"]
    context = browser.new_context(locale="sv-SE", bypass_csp=True, viewport=WIDE)
    page = context.new_page()
    login(page, live_server, membership, device)
    problems: dict[str, list[str]] = {key: [] for key in (
        "status", "csp", "axe 1280", "1280 scroll", "390 scroll", "axe 390")}
    first_403: list[str] = []
    post_only: list[str] = []
    for target in pages:
        _visit(page, live_server.url, target, target.promised(actor, walk_world), problems,
               first_403, post_only)
    context.close()
    checked = len(pages) - len(post_only)
    print(f"\n{role.value}: {checked} pages checked, {len(post_only)} addresses take POST only, "
          f"{len(skipped)} routes skipped")
    for route, reason in sorted(skipped.items()):
        print(f"  skipped {route}: {reason}")
    found = {key: found for key, found in problems.items() if found}
    report = "\n".join(f"{key} ({len(lines)}):\n  " + "\n  ".join(lines)
                       for key, lines in found.items())
    assert not found, f"{role.value}: problems on {checked} pages\n{report}"


def test_every_portal_page_for_the_family(browser, live_server, walk_world):
    """The family's door as a guardian of the walk's child sees it: every page, axe 0, no sideways
    scroll at 390 px, in Swedish and in Arabic (right to left)."""
    from datetime import date

    from tillsammans.core.identity import fictional_number
    from tillsammans.testing.family import family_actor, family_client

    number = fictional_number(date(1984, 5, 6), 3)
    guardian = walk_world["sip"].child.guardians.first()
    guardian.personal_number = number
    guardian.save(update_fields=["personal_number"])
    actor = family_actor(number)
    pages, _skipped = walk(walk_world)
    pages = [p for p in pages if p.route.startswith(("familj/", "test-e-id/"))]
    session = family_client(number).cookies["sessionid"].value
    problems: dict[str, list[str]] = {key: [] for key in (
        "status", "csp", "axe 1280", "1280 scroll", "390 scroll", "axe 390")}
    for language in ("sv", "ar"):
        context = browser.new_context(locale="sv-SE", bypass_csp=True, viewport=WIDE)
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        page = context.new_page()
        page.goto(f"{live_server.url}/familj/logga-in/")
        if language == "ar":
            page.goto(f"{live_server.url}/familj/")
            page.get_by_label("Språk").select_option("ar")
            page.get_by_role("button", name="Ändra").click()
            assert page.locator("html").get_attribute("dir") == "rtl"
        first_403: list[str] = []
        post_only: list[str] = []
        for target in pages:
            _visit(page, live_server.url, target, target.promised(actor, walk_world), problems, first_403, post_only)
        context.close()
    print(f"\nfamily: {len(pages)} portal pages checked in Swedish and Arabic")
    found = {key: lines for key, lines in problems.items() if lines}
    assert not found, "\n".join(f"{key}: {lines}" for key, lines in found.items())
