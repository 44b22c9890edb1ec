"""Journey 12, the family's own door, on a phone: a mother logs in with the test e-ID (the whole
code flow with PKCE over HTTP against the live server), reads the plan, withdraws consent for one
unit (a fresh e-ID login first), sees in the log who opened the plan; her 16-year-old son logs in
and writes what matters to him. axe-core finds nothing on any portal page, in Swedish and Arabic."""

from datetime import date

import pytest

from tests.e2e.conftest import AXE, login
from tillsammans.core.identity import fictional_number
from tillsammans.testing.factories import totp_device

PHONE = {"width": 390, "height": 844}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MOTHER = fictional_number(date(1984, 5, 6), 3)
SON = fictional_number(date(2010, 3, 3), 7)


@pytest.fixture
def portal(transactional_db, world, live_server, settings):
    from tillsammans.accounts.roles import Role
    from tillsammans.childplans import services
    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.family.testidp.identities import ensure_client
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    issuer = f"{live_server.url}/test-e-id"
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "OIDC_ISS_ENDPOINT": issuer}
    settings.FAMILY_OIDC_ISSUER = issuer
    settings.FAMILY_FRESH_LOGIN_SECONDS = 8  # so that the journey meets the fresh login a consent change asks
    settings.FAMILY_OIDC_AUTHORIZATION_ENDPOINT = f"{issuer}/authorize/"
    settings.FAMILY_OIDC_TOKEN_ENDPOINT = f"{issuer}/token/"
    settings.FAMILY_OIDC_JWKS_ENDPOINT = f"{issuer}/jwks/"
    ensure_client([f"{live_server.url}/familj/e-legitimation/svar/"])
    lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_a"], function="Skolkurator")
    nurse = MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])
    social = MembershipFactory(role=Role.STAFF, unit=world["social_office"])
    actor = actor_for(lead)
    plan = services.plan_start(actor=actor, personal_number=SON, first_name="Sam", last_name="Sextonsson").plan
    mother = services.guardian_add(actor=actor, plan=plan, name="Maria Sextonsson", personal_number=MOTHER)
    services.consent_record(actor=actor, plan=plan, receiving_units=[world["bvc_a"], world["social_office"]],
                            categories=ensure_categories(), guardians=[mother], child_view="Okej för mig.")
    for member in (nurse, social):
        services.participant_add(actor=actor, plan=plan, membership=member)
    from tillsammans.childplans.selectors import plan_page  # noqa: F401  (the nurse opens the plan)
    from tillsammans.core import audit
    from tillsammans.core.models import AuditAction

    with audit.batch():
        audit.record(actor_for(nurse), AuditAction.READ, plan, person=plan.child, purpose="SIP")
    return {"plan": plan, "world": world, "lead": lead}


def _axe(page, where: str, found: list) -> None:
    page.add_script_tag(content=AXE)
    for violation in page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""", TAGS):
        found.append(f"{where} {page.url}: {violation}")
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append(f"{where} {page.url}: scrolls sideways at 390 px")


def _e_id(page, number: str) -> None:
    assert "/test-e-id/" in page.url, (page.url, page.content()[:3000])
    page.get_by_label("Personnummer (testnummer)").fill(number)
    page.get_by_role("button", name="Legitimera").click()


def test_a_mother_and_her_son_use_the_familys_door_on_a_phone(browser, live_server, portal):
    base, plan = live_server.url, portal["plan"]
    context = browser.new_context(locale="sv-SE", bypass_csp=True, viewport=PHONE)
    page = context.new_page()
    problems: list[str] = []
    page.goto(f"{base}/familj/")
    _axe(page, "sv", problems)
    page.get_by_role("link", name="Logga in med e-legitimation").click()
    _axe(page, "test-e-id", problems)
    _e_id(page, MOTHER)
    page.wait_for_url(f"{base}/familj/")
    page.get_by_role("link", name="Planen för Sam Sextonsson, 16 år").click()
    assert page.get_by_role("heading", name="Planen för Sam Sextonsson, 16 år").is_visible()
    for path in ("", "samtycke/", "mabra/", "logg/", "egna-ord/"):
        page.goto(f"{base}/familj/plan/{plan.pk}/{path}")
        _axe(page, "sv", problems)
    # Withdraw consent for BVC: a fresh e-ID login first.
    page.goto(f"{base}/familj/plan/{plan.pk}/samtycke/")
    page.wait_for_timeout(9000)  # the login is no longer fresh
    page.get_by_role("link", name="Återkalla samtycke").click()
    _e_id(page, MOTHER)
    page.wait_for_url(f"**/familj/plan/{plan.pk}/samtycke/*/aterkalla/")
    page.get_by_label("BVC Norra").check()
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/familj/plan/{plan.pk}/samtycke/")
    assert page.get_by_text("Ditt samtycke är återkallat.").is_visible()
    page.goto(f"{base}/familj/plan/{plan.pk}/logg/")
    assert page.get_by_role("cell", name="BVC Norra").first.is_visible()
    # The same pages in Arabic, right to left.
    page.get_by_label("Språk").select_option("ar")
    page.get_by_role("button", name="Ändra").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    for path in ("", "samtycke/", "mabra/", "logg/", "egna-ord/"):
        page.goto(f"{base}/familj/plan/{plan.pk}/{path}")
        _axe(page, "ar", problems)
    page.goto(f"{base}/familj/")
    _axe(page, "ar", problems)
    page.goto(f"{base}/familj/aviseringar/")
    _axe(page, "ar", problems)
    context.close()
    # The son, 16, logs in himself and writes what matters to him.
    context = browser.new_context(locale="sv-SE", bypass_csp=True, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}/familj/logga-in/")
    page.get_by_role("link", name="Logga in med e-legitimation").click()
    _e_id(page, SON)
    page.wait_for_url(f"{base}/familj/")
    page.get_by_role("link", name="Din egen plan").click()
    page.get_by_role("link", name="Skriv vad som är viktigt för dig").click()
    page.get_by_label("Vad är viktigt för dig?").fill("Att få sova och orka gå till skolan.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/familj/plan/{plan.pk}/")
    assert page.get_by_text("Att få sova och orka gå till skolan.").is_visible()
    _axe(page, "sv", problems)
    context.close()
    # The SIP coordinator reads on the plan page what the family wrote and did through their door.
    context = browser.new_context(locale="sv-SE", bypass_csp=True, viewport=PHONE)
    page = context.new_page()
    login(page, live_server, portal["lead"], totp_device(portal["lead"].user))
    page.goto(f"{base}/planer/{plan.pk}/")
    family = page.get_by_role("region", name="Från familjen")
    assert family.get_by_text("Att få sova och orka gå till skolan.").is_visible()
    assert family.get_by_role("cell", name="Återkallade samtycke").is_visible()
    assert family.get_by_role("cell", name="BVC Norra").is_visible()
    _axe(page, "staff", problems)
    context.close()
    assert problems == [], "\n".join(problems)
