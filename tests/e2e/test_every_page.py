"""Every page the URL walker can fill in with real objects, for every role, the admin included:
the status the role's policy promises; axe-core (WCAG 2.0–2.2 A/AA) finds nothing at 1 280 and
at 390 px; nothing scrolls sideways at 390 px; no inline style or script that the product's CSP
would refuse. One login per role; every offending URL is listed in the failure.

Every page's status and CSP are checked for every role. The browser's checks run once for each
distinct rendering across the run's workers (a page that shows the same controls to five roles is
checked once, a role that sees other buttons is checked again) and on each role's first page."""

from __future__ import annotations

import re

import pytest

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


NOISE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"|\d+')
MAIN = re.compile(r"<main\b.*?</main>", re.S)


@pytest.fixture(scope="session")
def checked_dir(tmp_path_factory, worker_id):
    """Where the workers mark the renderings already put through axe: shared by every xdist worker
    of the run, so that a page that looks the same to several roles is checked once (a claim is an
    exclusive file create; a race only checks twice)."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if worker_id != "master" else base) / "every-page-checked"
    root.mkdir(exist_ok=True)
    return root


def _claim(checked_dir, key: str) -> bool:
    import hashlib
    import os

    path = checked_dir / hashlib.sha256(key.encode()).hexdigest()
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _rendering_key(target: Page, body: str) -> str:
    """What makes a page's rendering worth its own accessibility check: the main content with the
    numbers, tokens and nonces taken out (the same page for another object or another role that
    sees the same controls is the same rendering). Django's admin pages share their templates:
    one of each kind (list, add, change, delete, history) stands for the rest."""
    if target.admin is not None:
        return f"admin:{target.admin[1]}"
    found = MAIN.search(body)
    return target.route + "\n" + NOISE.sub("0", found.group(0) if found else body)


def _visit(page, base: str, target: Page, promised: set[int], problems: dict, first_403: list,
           post_only: list, rendered: list, claim=None):
    """Every page's status and CSP for every role; the browser's checks (axe at 1 280 and 390 px,
    sideways scroll) once for each distinct rendering (``claim``; None checks everything) and on a
    role's first page, where its own header and navigation show."""
    url = base + target.url
    answer = page.request.get(url, max_redirects=5)
    status = answer.status
    if status == 405:  # a form's POST address: no page to see
        post_only.append(target.url)
        return
    if status not in promised:
        problems["status"].append(f"{target.url} answered {status}, its policy "
                                  f"{target.policy} promises {sorted(promised)}")
    html = "text/html" in answer.headers.get("content-type", "")
    if not html or status not in (200, 403) or (status == 403 and first_403):
        return
    if status == 403:
        first_403.append(target.url)
    body = answer.text()
    for problem in _csp(body):
        problems["csp"].append(f"{target.url}: {problem}")
    new = claim(_rendering_key(target, body)) if claim is not None else True
    if rendered and not new:  # a role's first page is always checked: its own header and navigation
        return
    rendered.append(target.url)
    headers = {k: v for k, v in answer.headers.items() if k.lower() not in ("content-encoding", "content-length")}

    def fulfil(route):  # the browser renders the answer already fetched: one GET per page
        route.fulfill(status=status, headers=headers, body=answer.body())

    def this_page(address: str) -> bool:
        return address == url

    page.set_viewport_size(WIDE)
    page.route(this_page, fulfil)
    try:
        page.goto(url, wait_until="load")
    finally:
        page.unroute(this_page, fulfil)
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
def test_every_page_for_every_role(browser, live_server, walk_world, role, checked_dir):
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
    rendered: list[str] = []
    for target in pages:
        _visit(page, live_server.url, target, target.promised(actor, walk_world), problems,
               first_403, post_only, rendered, claim=lambda key: _claim(checked_dir, key))
    context.close()
    checked = len(pages) - len(post_only)
    print(f"\n{role.value}: {checked} pages checked, {len(rendered)} rendered in the browser, "
          f"{len(post_only)} addresses take POST only, {len(skipped)} routes skipped")
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
            _visit(page, live_server.url, target, target.promised(actor, walk_world), problems, first_403, post_only,
                   [])
        context.close()
    print(f"\nfamily: {len(pages)} portal pages checked in Swedish and Arabic")
    found = {key: lines for key, lines in problems.items() if lines}
    assert not found, "\n".join(f"{key}: {lines}" for key, lines in found.items())
