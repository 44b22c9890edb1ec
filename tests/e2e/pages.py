"""Every GET page the URL walker knows, filled in with real objects from a small world, and the
status each role's policy promises there. Used by ``test_every_page.py``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.apps import apps
from django.utils import timezone

from tillsammans.accounts.roles import Role
from tillsammans.core import access
from tillsammans.core.admin import site
from tillsammans.core.walker import all_routes
from tillsammans.insight.testing import PAGE_OBJECT_POLICY as INSIGHT_OBJECT_POLICY
from tillsammans.insight.testing import PAGE_SLOTS as INSIGHT_SLOTS

CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")

# (the text just before a parameter, the parameter's name) -> the object that fills it
SLOTS = {
    ("huvudman/", "pk"): "principal", ("enheter/", "pk"): "unit", ("omraden/", "pk"): "area",
    ("omrade/", "pk"): "area", ("planer/", "pk"): "sip", ("samtycke/", "consent_pk"): "consent",
    ("moten/", "meeting_pk"): "sip_meeting", ("natverk/", "pk"): "network",
    ("moten/", "pk"): "meeting", ("atgarder/", "pk"): "action", ("handlingsplaner/", "pk"): "plan",
    ("uppfoljning/", "activity_pk"): "activity", ("malbilder/", "pk"): "vision",
    ("kalender/", "token"): "calendar_token", ("export.", "fmt"): "export_format",
    ("mallar/", "pk"): "template", ("tjanst/", "post_pk"): "post",
    ("budgetpost/", "line_pk"): "budget_line", ("aktivitet/", "activity_pk"): "activity",
    ("evenemang/", "pk"): "event", ("serier/", "pk"): "series", ("anmalningar/", "pk"): "registration",
    ("krav/", "pk"): "requirement", ("kurser/", "pk"): "course", ("avboka/", "token"): "registration_token",
    ("anmald/", "token"): "registration_token", ("utvardering/", "token"): "registration_token",
    ("intyg/", "token"): "registration_token", ("familj/plan/", "pk"): "sip",
    ("mottagning/", "pk"): "concern", ("mina/", "pk"): "own_concern",
    ("stod/", "pk"): "offer", ("erbjudanden/", "pk"): "offer", ("text/", "language"): "offer_language",
    ("grupp/", "pk"): "parent_group", ("grupper/", "pk"): "parent_group", ("sammankomster/", "pk"): "group_session",
    ("deltagare/", "pk"): "participant", ("gruppledare/", "pk"): "leader", ("program/", "pk"): "programme",
    ("material/", "pk"): "material", ("lager/", "pk"): "stock_entry", ("stod/anmald/", "token"): "participant_token",
    ("stod/avboka/", "token"): "participant_token", ("stod/utvardering/", "token"): "participant_token",
    ("handlingsvagledning/", "pk"): "pathway_pathway", ("niva/", "level_pk"): "pathway_level",
    ("oro/", "pk"): "worry", ("oro/<int:pk>/samtycke/", "consent_pk"): "pathway_consent",
    ("atgarder/", "measure_pk"): "measure", ("forum/", "pk"): "forum", ("arenden/", "pk"): "forum_request",
    ("overlamningar/", "pk"): "handover",
    **{(prefix, name): kind for prefix, name, kind in INSIGHT_SLOTS},
}
LONGEST_FIRST = sorted(SLOTS.items(), key=lambda item: -len(item[0][0]))

# whose visibility decides whether a role may open the page of an object of this kind
OBJECT_POLICY = {"sip": ("childplans.view_plan", "sip"), "consent": ("childplans.view_plan", "sip"),
                 "sip_meeting": ("childplans.view_plan", "sip"),
                 "plan": ("planning.view", "plan"), "activity": ("planning.view", "plan"),
                 "concern": ("concerns.handle", "concern"), "own_concern": ("concerns.receipt", "own_concern"),
                 "worry": ("pathway.view_worry", "worry"), "pathway_consent": ("pathway.view_worry", "worry"),
                 "measure": ("pathway.view_worry", "worry"), "forum": ("pathway.view_forum", "forum"),
                 "forum_request": ("pathway.view_request", "forum_request")}

# the same kinds of object on the family's pages: whether this family member reaches the plan
FAMILY_OBJECT_POLICY = dict.fromkeys(("sip", "consent", "sip_meeting"), ("family.view_plan", "sip"))

# pages whose view asks more of the object than the route's own policy (an editing page)
ROUTE_OBJECT_POLICY = {
    "natverk/moten/<int:pk>/atgarder/": [("networks.manage", "network")],
    "natverk/moten/<int:pk>/flytta/": [("networks.manage", "network")],
    "natverk/<int:pk>/planera-termin/": [("networks.manage", "network")],
    "natverk/moten/<int:pk>/stall-in/": [("networks.manage", "network")],
    "handlingsplaner/<int:pk>/text/": [("planning.edit", "plan")],
    "handlingsplaner/<int:pk>/tjanst/": [("planning.edit", "plan")],
    "handlingsplaner/<int:pk>/budgetpost/": [("planning.edit", "plan")],
    "handlingsplaner/<int:pk>/aktivitet/": [("planning.edit", "plan")],
    "handlingsplaner/<int:pk>/aktivitet/<int:activity_pk>/": [("planning.edit", "plan")],
    "handlingsplaner/<int:pk>/tjanst/<int:post_pk>/": [("planning.edit", "plan")],
    "handlingsplaner/<int:pk>/budgetpost/<int:line_pk>/": [("planning.edit", "plan")],
    **{f"evenemang/<int:pk>/{tail}": [("events.manage", "event")] for tail in (
        "andra/", "stall-in/", "narvaro/", "narvaro.xlsx")},
    "evenemang/anmalningar/<int:pk>/intyg.pdf": [("events.certificate", "registration")],
    **INSIGHT_OBJECT_POLICY,
    "evenemang/serier/<int:pk>/andra/": [("events.manage_series", "series")],
    **{f"foraldraskapsstod/erbjudanden/<int:pk>/{tail}": [("support.manage_offer", "offer")] for tail in (
        "andra/", "text/<str:language>/", "avsluta/", "publicera/")},
    **{f"foraldraskapsstod/grupper/<int:pk>/{tail}": [("support.manage_group", "parent_group")] for tail in (
        "andra/", "stall-in/", "sammankomster/ny/")},
    **{f"foraldraskapsstod/sammankomster/<int:pk>/{tail}": [("support.manage_group", "parent_group")] for tail in (
        "andra/", "stall-in/")},
    "foraldraskapsstod/sammankomster/<int:pk>/narvaro/": [("support.attendance", "parent_group")],
    "handlingsplaner/mallar/<int:pk>/": [("planning.write_template", "template")],
    "handlingsplaner/mallar/<int:pk>/kopiera/": [("planning.write_template", "template")],
    "handlingsplaner/<int:pk>/uppfoljning/<int:activity_pk>/": [("planning.move", "plan")],
    "handlingsplaner/<int:pk>/ateroppna/": [("planning.move", "plan")],
    **{f"planer/<int:pk>/{tail}": [("childplans.manage_plan", "sip")] for tail in (
        "andra/", "vardnadshavare/", "samtycke/", "samtycke/<int:consent_pk>/aterkalla/",
        "deltagare/", "moten/", "moten/<int:meeting_pk>/flytta/",
        "moten/<int:meeting_pk>/stall-in/", "moten/<int:meeting_pk>/anteckning/",
        "moten/<int:meeting_pk>/bjud-in-familjen/")},
    **{f"planer/<int:pk>/{tail}": [("childplans.contribute", "sip")] for tail in (
        "mal/", "insatser/", "valbefinnande/", "familjekopia/")},
    **{f"vagen/handlingsvagledning/<int:pk>/{tail}": [("pathway.edit_pathway", "pathway_pathway")]
       for tail in ("andra/", "niva/<int:level_pk>/")},
    **{f"vagen/oro/<int:pk>/{tail}": [("pathway.work_log", "worry")] for tail in (
        "andra/", "beslut/", "vardnadshavare/", "stafettlogg/", "personer/", "atgarder/",
        "atgarder/<int:measure_pk>/utvardera/", "samtycke/<int:consent_pk>/aterkalla/", "forum/", "overlamning/")},
    **{f"vagen/arenden/<int:pk>/{tail}": [("pathway.decide_request", "forum_request")] for tail in (
        "beslut/", "mote/")},
    **{f"vagen/arenden/<int:pk>/{tail}": [("pathway.work_request", "forum_request")] for tail in (
        "samtycke/", "aterkalla/")},
    "vagen/overlamningar/<int:pk>/": [("pathway.confirm_handover", "handover")],
}

SKIP_NAMES = {"logout": "would end the session", "oidc_authentication_init":
              "leaves for the identity provider", "oidc_authentication_callback":
              "answers the identity provider only", "healthz": "not a page (health check)",
              "view_on_site": "redirects to the object's own page",
              "autocomplete": "JSON for admin widgets", "jsi18n": "JavaScript, not a page",
              "catch_all_view": "not a page of its own"}
SKIP_ROUTES = {"familj/e-legitimation/": "leaves for the identity provider",
               "familj/e-legitimation/svar/": "answers the identity provider only",
               "test-e-id/authorize/": "the test identity provider's protocol endpoint",
               "test-e-id/token/": "the test identity provider's protocol endpoint (POST)",
               "test-e-id/jwks/": "the test identity provider's keys (JSON)"}


@dataclass(frozen=True)
class Page:
    url: str
    route: str
    name: str
    policy: str
    kinds: tuple[str, ...]  # the kinds of object the URL points at
    admin: tuple | None = None  # (model, what the page does, object) for a model's admin page

    def promised(self, actor: access.Actor, world: dict) -> set[int]:
        """The statuses the policy promises this actor: 200 where allowed, else a refusal."""
        if not access.allowed(actor, self.policy):
            return {403}
        if self.admin is not None and not _admin_allows(actor, *self.admin):
            return {403}
        table = FAMILY_OBJECT_POLICY if self.policy.startswith(access.FAMILY_PREFIX) else OBJECT_POLICY
        checks = [table[kind] for kind in self.kinds if kind in table]
        for name, key in checks + ROUTE_OBJECT_POLICY.get(self.route, []):
            if not access.allowed(actor, name, world[key]):
                return {403, 404}
        return {200}


def build_world(world: dict) -> dict:
    """One of each object the pages need, around the shared ``world`` fixture, and one
    membership (with a TOTP device) per role."""
    from tillsammans.childplans import meetings as sip_meetings
    from tillsammans.childplans import services as sip_services
    from tillsammans.childplans.categories import ensure_categories
    from tillsammans.core.identity import fictional_number
    from tillsammans.networks import services as network_services
    from tillsammans.networks.migrations_data import ensure_themes
    from tillsammans.networks.models import ActionItem, CalendarFeed
    from tillsammans.planning import seed
    from tillsammans.planning import services as plan_services
    from tillsammans.planning.models import Adoption, BudgetLine, Post, Vision
    from tillsammans.testing.factories import ContactFactory, MembershipFactory, totp_device

    units = {Role.SYSTEM_ADMIN: "social_office", Role.COORDINATOR: "social_office",
             Role.MANAGER: "social_office", Role.STAFF: "bvc_a", Role.SIP_LEAD: "preschool_a",
             Role.INTAKE: "social_office", Role.AUDITOR: "social_office",
             Role.RECEIVER: "bvc_a"}
    members = {}
    for role, unit in units.items():
        areas = [world["district_a"]] if role == Role.COORDINATOR else []
        membership = MembershipFactory(role=role, unit=world[unit], areas=areas,
                                       function="Testfunktion")
        members[role] = (membership, totp_device(membership.user))

    def actor(role):
        return access.Actor(user=members[role][0].user, membership=members[role][0],
                            verified=True, client_ip="127.0.0.1", request_id="walk")

    ensure_themes()
    ContactFactory(unit=world["preschool_b"], name="Örjan Ängsmark", role_title="Specialpedagog")
    coordinator = members[Role.COORDINATOR][0]
    network = network_services.network_create(
        actor=actor(Role.COORDINATOR), name="Barnhälsonätverk Norra", kind="child_health",
        area=world["district_a"], convener=coordinator,
        members=[(world["bvc_a"], members[Role.STAFF][0], None)])
    start = timezone.make_aware(datetime.combine(date.today() + timedelta(days=7), time(13, 0)))
    meeting = network_services.meeting_schedule(
        actor=actor(Role.COORDINATOR), network=network, starts_at=start,
        ends_at=start + timedelta(hours=2), place="Familjecentralen Norra")
    action = ActionItem.objects.create(meeting=meeting, text="Bjud in biblioteket",
                                       owner=coordinator, due=date.today() + timedelta(days=30))
    feed = CalendarFeed.objects.create(user=coordinator.user, token="walk-token-0123456789")

    agreement = seed.build_agreement(name="Samverkansavtal FCA", parties=[world["social"]],
                                     receiver=world["bvc_a"])
    template = seed.build_template(agreement=agreement, year=date.today().year + 1)
    plan = plan_services.plan_create(actor=access.Actor.for_system("walk"),
                                     area=world["district_a"], template=template)
    budget_line = BudgetLine.objects.create(plan=plan, name="Koordinatorer",
                                            under_cofinancing=True)
    post = Post.objects.create(plan=plan, role="FCA-koordinator", employer=world["social"],
                               fte_percent=85)
    sub_goal = template.goal_areas.first().sub_goals.first()
    activity = plan_services.activity_add(actor=actor(Role.COORDINATOR), plan=plan,
                                          sub_goal=sub_goal, description="Samordna ABC-grupper")
    vision = Vision.objects.create(name="Gemensam målbild för barn och unga")
    Adoption.objects.create(vision=vision, committee=world["social"], decided_on=date.today(),
                            reference="§ 12")

    lead = actor(Role.SIP_LEAD)
    sip = sip_services.plan_start(actor=lead, personal_number=fictional_number(date(2016, 4, 12), 1),
                                  first_name="Ella", last_name="Testberg",
                                  reason="Behöver stöd från BVC").plan
    guardian = sip_services.guardian_add(actor=lead, plan=sip, name="Vårdnadshavare Ett")
    consent = sip_services.consent_record(actor=lead, plan=sip, receiving_units=[world["bvc_a"]],
                                          categories=ensure_categories(), guardians=[guardian])
    sip_services.participant_add(actor=lead, plan=sip, membership=members[Role.STAFF][0])
    sip_meeting = sip_meetings.schedule(actor=lead, plan=sip, starts_at=start,
                                        ends_at=start + timedelta(hours=1), place="Förskolan")
    from tillsammans.events import services as event_services
    from tillsammans.events.models import Course, EventKind

    series = event_services.series_create(actor=actor(Role.COORDINATOR), name="Frukostmöten i Norra",
                                          kind=EventKind.BREAKFAST)
    event = event_services.event_create(
        actor=actor(Role.COORDINATOR), title="Frukostmöte: biblioteket presenterar sig", kind=EventKind.BREAKFAST,
        series=series, presenting_unit=world["bvc_a"], course=None, description="Frukost och frågor.",
        starts_at=start, ends_at=start + timedelta(hours=1), place="Biblioteket", accessibility="Hörslinga",
        video_link="", capacity=10, registration_deadline=None, open_to_guests=True, audience_roles=["staff"])
    registration = event_services.register_staff(actor=actor(Role.STAFF), event=event)
    event_services.attendance_set(actor=actor(Role.COORDINATOR), registration=registration, attended=True)
    course = Course.objects.create(name="FCA grundutbildning", validity_years=3)
    requirement = event_services.requirement_add(actor=actor(Role.COORDINATOR), course=course, role=Role.STAFF)
    from tillsammans.testing.pathway import build_pathway

    way = build_pathway(world, author=members[Role.SIP_LEAD][0], coordinator=coordinator,
                        forum_members=[(world["bvc_a"], members[Role.STAFF][0]),
                                       (world["preschool_a"], members[Role.SIP_LEAD][0])])
    from tillsammans.concerns import services as concern_services

    concern = concern_services.report_submit(
        actor=actor(Role.STAFF), child_name="Tove Provsson", child_age=4, guardians="Mamma Provsson",
        observations="Barnet hade blåmärken på armen i morse och sa att pappa var arg.", urgency="acute")
    concern_services.assessment_record(actor=actor(Role.INTAKE), report=concern, needs_protection=False,
                                       assessment="Inget behov av omedelbart skydd i dag.", violence_suspected=False)
    support = _support(world, actor(Role.COORDINATOR), start)
    from tillsammans.insight.testing import page_objects

    return {**world, **support, **page_objects(world, coordinator), "members": members, "unit": world["social_office"],
            "pathway_pathway": way["pathway"], "pathway_level": way["level"], "worry": way["worry"],
            "pathway_consent": way["consent"], "measure": way["measure"], "forum": way["forum"],
            "forum_request": way["request"], "handover": way["handover"],
            "event": event, "series": series, "registration": registration, "course": course,
            "requirement": requirement, "registration_token": registration.token,
            "area": world["district_a"], "principal": world["municipality"], "network": network, "meeting": meeting,
            "action": action, "calendar_token": feed.token, "plan": plan, "activity": activity,
            "template": template, "post": post, "budget_line": budget_line,
            "vision": vision, "sip": sip, "consent": consent, "sip_meeting": sip_meeting,
            "export_format": "pdf", "concern": concern, "own_concern": concern}


def _support(world: dict, coordinator, start) -> dict:
    """An ABC offer in Swedish, English and Arabic with a group in English, a session, a parent, a
    leader and a material stocked at the BVC."""
    from tillsammans.core.access import ANONYMOUS
    from tillsammans.support import services, services_groups
    from tillsammans.support.models import Programme
    from tillsammans.testing.factories import ContactFactory

    abc = Programme.objects.get_or_create(name="ABC", defaults={"sub_goal_number": "7.1.1"})[0]
    offer = services.offer_create(
        actor=coordinator, areas=[world["district_a"]], spoken=["sv", "en"], kind="programme", programme=abc,
        provider=world["bvc_a"], for_expecting=False, age_from=3, age_to=12, free=True, signup="group",
        published=True, text={"title": "ABC – Alla Barn i Centrum", "summary": "Fyra träffar för föräldrar."})
    services.offer_text_save(actor=coordinator, offer=offer, language="ar", title="مجموعة ABC للآباء",
                             summary="أربعة لقاءات للآباء والأمهات.")
    group = services_groups.group_create(
        actor=coordinator, offer=offer, programme=abc, area=world["district_a"], name="ABC in English",
        language="en", childcare=True, capacity=10, starts_on=start.date(),
        ends_on=start.date() + timedelta(days=28), place="Familjecentralen Norra")
    session = services_groups.session_add(actor=coordinator, group=group, starts_at=start,
                                          ends_at=start + timedelta(hours=2))
    parent = services_groups.participant_signup(actor=ANONYMOUS, group=group, name="Förälder Testsson",
                                                email="foralder@exempel.se", age_band="3-5")
    leader = services_groups.leader_add(actor=coordinator, contact=ContactFactory(unit=world["bvc_a"],
                                                                                   name="Gruppledare Ett"))
    material = services.material_save(actor=coordinator, name="Pixiböcker", kind="pixie", sub_goal_number="7.2.2")
    entry = services.stock_record(actor=coordinator, material=material, unit=world["social_office"],
                                  kind="received", quantity=40)
    return {"offer": offer, "offer_language": "ar", "parent_group": group, "group_session": session,
            "participant": parent, "participant_token": parent.token, "leader": leader, "programme": abc,
            "material": material, "stock_entry": entry}


def _admin_allows(actor: access.Actor, model, what: str, obj) -> bool:
    """What the model's admin itself allows (some models are read-only there)."""
    model_admin = site._registry[model]
    request = SimpleNamespace(actor=actor, user=actor.user)
    if what == "add":
        return model_admin.has_add_permission(request)
    if what == "delete":
        return model_admin.has_delete_permission(request, obj)
    return model_admin.has_view_or_change_permission(request, obj)


def _model(app_label: str, model_name: str):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:  # admin/password_change/done/ and the like
        return None


def _admin_action(route: str) -> str:
    tail = re.sub(r"^admin/\w+/\w+/", "", route)
    what = {"": "list", "add/": "add"}.get(tail) or tail.rstrip("/").rsplit("/", 1)[-1]
    return "change" if what.startswith("<") else what


def _value(world: dict, kind: str):
    value = world[kind]
    return getattr(value, "pk", value)


def _admin_pages(route, world) -> tuple[list[Page], str | None]:
    """Admin URLs: every app index, and each model's pages on its first object."""
    if "(?P<app_label>" in route.route:
        labels = sorted({model._meta.app_label for model in site._registry})
        return [Page(f"/admin/{label}/", route.route, route.name, route.policy, ())
                for label in labels], None
    match = re.match(r"admin/(\w+)/(\w+)/", route.route)
    model = _model(*match.groups()) if match else None
    what = _admin_action(route.route)
    if not CONVERTER.search(route.route):
        admin = (model, what, None) if model in site._registry else None
        return [Page("/" + route.route, route.route, route.name, route.policy, (), admin)], None
    if model is None:
        return [], "no object to fill it with"
    first = model._default_manager.order_by("pk").first()
    if first is None:
        return [], f"no {model._meta.label} in the world"
    url = "/" + CONVERTER.sub(str(first.pk), route.route)
    admin = (model, what, first) if what in ("history", "delete", "change", "password") else None
    return [Page(url, route.route, route.name, route.policy, (), admin)], None


def walk(world: dict) -> tuple[list[Page], dict[str, str]]:
    """The pages to visit, and the routes skipped with the reason."""
    pages: list[Page] = []
    skipped: dict[str, str] = {}
    for route in all_routes():
        short = route.name.rsplit(".", 1)[-1]
        if route.kind == "api" or route.route.startswith("api/"):
            skipped[route.route] = "API (JSON), not a page"
            continue
        if route.route in SKIP_ROUTES:
            skipped[route.route] = SKIP_ROUTES[route.route]
            continue
        if SKIP_NAMES.get(short) or SKIP_NAMES.get(route.name):
            skipped[route.route] = SKIP_NAMES.get(short) or SKIP_NAMES[route.name]
            continue
        if route.route.startswith("admin/"):
            if short == "login":
                skipped[route.route] = "redirects to the product's own login"
                continue
            found, reason = _admin_pages(route, world)
            pages.extend(found)
            if reason:
                skipped[route.route] = reason
            continue
        url, kinds, missing = route.route, [], None
        for match in CONVERTER.finditer(route.route):
            before = route.route[:match.start()]
            key = next((kind for (prefix, name), kind in LONGEST_FIRST
                        if name == match.group("name") and before.endswith(prefix)), None)
            if key is None or key not in world:
                missing = match.group(0)
                break
            kinds.append(key)
        if missing:
            skipped[route.route] = f"no object for {missing}"
            continue
        for key in kinds:
            url = CONVERTER.sub(str(_value(world, key)), url, count=1)
        pages.append(Page("/" + url, route.route, route.name, route.policy, tuple(kinds)))
    return pages, skipped
