"""The role × route matrix: every route (URL configuration, admin and API operations) × every role
and anonymous × an object inside and outside the actor's reach, with the outcome the policies
promise. Used by ``core/tests/test_matrix.py``; a new route joins by itself.

The expected outcome is computed from the policies, never written by hand:

* anonymous: public routes answer (no login redirect, no 401/403); every other route sends to the
  login page (401 for the API);
* a role the route's declared policy refuses: 403 (401/403 for the API);
* a role it allows: no refusal on a route without an object; on a route with an object, the
  object's own policy (``OBJECT_POLICIES``, the name the view asks) decides: allowed → answered,
  refused → 403 or 404 — and 405 is accepted for POST-only routes, which show nothing on GET.

Objects come from ``objects_for(world)``: each URL parameter is filled with an object inside some
actors' reach and with one outside it (another plan, another network, or an id that does not
exist). A route whose parameter has no provider gets an id that does not exist (so: refused).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tillsammans.core import access
from tillsammans.insight.testing import OBJECT_OF as INSIGHT_OBJECT_OF
from tillsammans.insight.testing import OBJECT_POLICIES as INSIGHT_OBJECT_POLICIES

MISSING = 987654321

# The object-level policy each view asks, by URL name (None: every actor the route allows may see
# every existing object of it). Routes not named here are read as None.
OBJECT_POLICIES: dict[str, str | None] = {
    **dict.fromkeys(["childplans:plan", "childplans:history"], "childplans.view_plan"),
    **dict.fromkeys(["childplans:plan_update", "childplans:guardian_add", "childplans:consent_add",
                     "childplans:participant_add", "childplans:meeting_add", "childplans:consent_withdraw",
                     "childplans:meeting_cancel"], "childplans.manage_plan"),
    **dict.fromkeys(["childplans:goal_add", "childplans:intervention_add", "childplans:assessment_add",
                     "childplans:family_copy", "childplans:confirm", "childplans:meeting_respond",
                     "childplans:objection_add"],
                    "childplans.contribute"),
    **dict.fromkeys(["planning:plan", "planning:history", "planning:export"], "planning.view"),
    **dict.fromkeys(["planning:sections", "planning:post_add", "planning:line_add", "planning:activity_add",
                     "planning:budget", "planning:carry_over"], "planning.edit"),
    "planning:comment": "planning.approve",
    **dict.fromkeys(["planning:follow_up", "planning:reopen"], "planning.move"),
    **dict.fromkeys(["planning:template_edit", "planning:template_copy"], "planning.write_template"),
    **dict.fromkeys(["networks:plan_term", "networks:action_add", "networks:meeting_move",
                     "networks:meeting_cancel"], "networks.manage"),
    **dict.fromkeys(["events:event_edit", "events:event_cancel", "events:attendance", "events:attendance_export"],
                    "events.manage"),
    "events:certificate": "events.certificate",
    **dict.fromkeys(["pathway:pathway_edit", "pathway:level_edit"], "pathway.edit_pathway"),
    "pathway:worry": "pathway.view_worry",
    **dict.fromkeys(["pathway:worry_edit", "pathway:worry_decide", "pathway:guardian_add", "pathway:log_open",
                     "pathway:member_add", "pathway:member_remove", "pathway:measure_add", "pathway:evaluate",
                     "pathway:consent_withdraw", "pathway:request_add", "pathway:handover_add",
                     "pathway:handover_cancel"], "pathway.work_log"),
    "pathway:forum": "pathway.view_forum",
    "pathway:request": "pathway.view_request",
    **dict.fromkeys(["pathway:request_decide", "pathway:request_schedule"], "pathway.decide_request"),
    **dict.fromkeys(["pathway:request_name", "pathway:request_withdraw", "pathway:family_told"],
                    "pathway.work_request"),
    "pathway:handover_confirm": "pathway.confirm_handover",
    "concerns:receipt": "concerns.receipt",
    **dict.fromkeys(["concerns:intake_detail", "concerns:assess", "concerns:decide", "concerns:extend",
                     "concerns:forward", "concerns:feedback", "concerns:sip_tell"], "concerns.handle"),
    **dict.fromkeys(["support:offer_edit", "support:offer_text", "support:offer_end", "support:offer_publish"],
                    "support.manage_offer"),
    **dict.fromkeys(["support:group_edit", "support:group_cancel", "support:session_add", "support:session_edit",
                     "support:session_cancel", "support:participant_cancel"], "support.manage_group"),
    "support:attendance": "support.attendance",
    "support:stock_entry_remove": "support.stock",
    "organisations:unit_edit": "organisations.change_unit",
    # The family's own door: every page about a plan asks whether this family member reaches it.
    **dict.fromkeys([f"family:{name}" for name in (
        "plan", "plan_pdf", "log", "own_words", "rating", "meeting_answer", "topic", "consents", "consent_give",
        "consent_own", "objection", "consent_join", "consent_withdraw")], "family.view_plan"),
    "organisations:area_edit": "organisations.change_area",
    **INSIGHT_OBJECT_POLICIES,
}


# When the view asks the policy about a related object (a meeting's network).
OBJECT_OF = {
    **dict.fromkeys(["networks:action_add", "networks:meeting_move", "networks:meeting_cancel"],
                    lambda meeting: meeting.network),
    **dict.fromkeys(["support:session_edit", "support:session_cancel", "support:attendance",
                     "support:participant_cancel"], lambda row: row.group),
    "support:stock_entry_remove": lambda entry: entry.unit,
    "pathway:handover_cancel": lambda handover: handover.log.worry,
    **INSIGHT_OBJECT_OF,
}


@dataclass(frozen=True)
class MatrixRoute:
    name: str  # namespace:name
    pattern: str
    policy: str | None
    params: tuple[str, ...]
    kind: str = "url"  # url, admin, api
    method: str = "GET"


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            pattern = prefix + str(entry.pattern)
            params = tuple(a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern))
            yield MatrixRoute(f"{namespace}:{entry.name}".strip(":"), pattern, access.policy_of(entry.callback),
                              params, "admin" if pattern.startswith("admin/") else "url")


def routes() -> list[MatrixRoute]:
    """Every named Django route (admin included) and every API operation per method."""
    from tillsammans.core.walker import api_operations

    found = [route for route in _walk(get_resolver().url_patterns)
             if not route.name.startswith("api:") or route.policy == access.PUBLIC]
    for operation in api_operations():
        method, _name = operation.name.split(" ", 1)
        found.append(MatrixRoute(f"api {operation.name}", "/" + operation.route.replace("//", "/"),
                                 operation.policy, tuple(re.findall(r"\{(\w+)\}", operation.route)),
                                 "api", method))
    return found


# Objects ---------------------------------------------------------------------------------------


def build_world(world, sip):
    """Objects inside and outside reach: the SIP plan and a second plan only its lead sees; an
    action plan of district A; a network with a meeting; units, areas and principals."""
    from tillsammans.accounts.roles import Role
    from tillsammans.childplans import services as child_services
    from tillsammans.core.identity import fictional_number
    from tillsammans.networks import services as network_services
    from tillsammans.planning import seed
    from tillsammans.planning import services as plan_services
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    other_lead = MembershipFactory(role=Role.SIP_LEAD, unit=world["preschool_b"])
    from datetime import date

    other_plan = child_services.plan_start(
        actor=actor_for(other_lead), personal_number=fictional_number(date(2018, 2, 3), 2),
        first_name="Olle", last_name="Annanberg", reason="Behöver stöd i förskolan").plan
    coordinator = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"], areas=[world["district_a"]])
    system = access.Actor.for_system("matrix")
    agreement = seed.build_agreement(name="Samverkansavtal", parties=[world["care"], world["social"]],
                                     receiver=world["bvc_a"])
    template = seed.build_template(agreement=agreement, year=2024)
    action_plan = plan_services.plan_create(actor=system, area=world["district_a"], template=template)
    other_action_plan = plan_services.plan_create(actor=system, area=world["district_b"], template=template)
    network = network_services.network_create(
        actor=actor_for(coordinator), name="Nätverk Norra", kind="child_health", area=world["district_a"],
        convener=coordinator, members=[(world["bvc_a"], sip["nurse"], None),
                                       (world["preschool_a"], sip["lead"], None)])
    start = timezone.now() + timedelta(days=14)
    meeting = network_services.meeting_schedule(actor=actor_for(coordinator), network=network,
                                                starts_at=start, ends_at=start + timedelta(hours=2),
                                                place="Rum 2")
    from tillsammans.planning.models import Vision

    vision = Vision.objects.create(name="Gemensam målbild", summary="Alla barn ska få stöd i tid.")
    from tillsammans.events import services as event_services
    from tillsammans.events.models import EventKind

    def event_by(organiser, title, guests):
        return event_services.event_create(
            actor=actor_for(organiser), title=title, kind=EventKind.BREAKFAST, series=None, presenting_unit=None,
            course=None, description="", starts_at=start, ends_at=start + timedelta(hours=1), place="Rum 3",
            accessibility="", video_link="", capacity=10, registration_deadline=None, open_to_guests=guests,
            audience_roles=[])

    event = event_by(coordinator, "Frukostmöte", True)
    other_event = event_by(MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"]), "Studiebesök", False)
    registration = event_services.register_staff(actor=actor_for(sip["nurse"]), event=event)
    event_services.attendance_set(actor=actor_for(coordinator), registration=registration, attended=True)
    other_registration = event_services.register_staff(actor=actor_for(other_lead), event=other_event)
    from tillsammans.testing.pathway import build_pathway

    way = build_pathway(world, author=sip["lead"], coordinator=coordinator,
                        forum_members=[(world["bvc_a"], sip["nurse"]), (world["preschool_a"], sip["lead"])])
    report, other_report = _reports(world, sip)
    support = _support_world(world, coordinator, start)
    from tillsammans.insight.testing import matrix_objects

    insight = matrix_objects(world, coordinator)
    return {
        "coordinator": coordinator,
        "pk": {**insight, "childplans": (sip["plan"], other_plan), "planning": (action_plan, other_action_plan),
               "networks": (network, None), "planning-vision": (vision, None),
               "planning-template": (template, None), "networks-meeting": (meeting, None),
               "events": (event, other_event), "events-registration": (registration, other_registration),
               "concerns": (report, other_report),
               "organisations-unit": (world["bvc_a"], world["preschool_b"]),
               "organisations-area": (world["district_a"], world["district_b"]),
               "organisations-principal": (world["municipality"], world["region"]),
               "pathway-pathway": (way["pathway"], None), "pathway-worry": (way["worry"], way["other_worry"]),
               "pathway-forum": (way["forum"], None), "pathway-request": (way["request"], None),
               "pathway-handover": (way["handover"], None),
               "family": (sip["plan"], other_plan), **support},
        "consent": sip["consent"],
        "extra": {"pathway": {"consent_pk": way["consent"], "level_pk": way["level"], "member_pk": way["member"],
                              "measure_pk": way["measure"]}},
    }


PATHWAY_KEYS = {"vagen/handlingsvagledning/<int:pk>": "pathway-pathway", "vagen/oro/<int:pk>": "pathway-worry",
                "vagen/forum/<int:pk>": "pathway-forum", "vagen/arenden/<int:pk>": "pathway-request",
                "vagen/overlamningar/<int:pk>": "pathway-handover"}


def _reports(world, sip):
    """A report of concern sent by the SIP's nurse to the world's municipality (inside the reach of
    its intake and of the nurse's receipt), and one sent by someone else to another municipality."""
    from tillsammans.accounts.roles import Role
    from tillsammans.concerns import services as concern_services
    from tillsammans.testing.factories import AuthorityFactory, MembershipFactory, PrincipalFactory, UnitFactory
    from tillsammans.testing.sip import actor_for

    text = "Barnet berättade i morse att det inte vågar gå hem."
    report = concern_services.report_submit(actor=actor_for(sip["nurse"]), child_name="Tove Provsson",
                                            observations=text)
    elsewhere = PrincipalFactory(name="Annanstad kommun")
    unit = UnitFactory(name="Förskolan Annanstad", authority=AuthorityFactory(principal=elsewhere))
    other = concern_services.report_submit(actor=actor_for(MembershipFactory(role=Role.STAFF, unit=unit)),
                                           child_name="Olle Annansson", observations=text)
    return report, other


SUPPORT_KEYS = (("foraldraskapsstod/erbjudanden/", "support-offer"), ("foraldraskapsstod/grupper/", "support-group"),
                ("foraldraskapsstod/sammankomster/", "support-session"),
                ("foraldraskapsstod/deltagare/", "support-participant"),
                ("foraldraskapsstod/gruppledare/", "support-leader"),
                ("foraldraskapsstod/material/", "support-material"),
                ("foraldraskapsstod/lager/", "support-stock"), ("foraldraskapsstod/program/", "support-programme"),
                ("stod/grupp/", "support-group"), ("stod/", "support-offer"))


def _support_world(world, coordinator, start) -> dict:
    """An offer, a group with a session, a parent, a leader and a material stocked at a unit, in
    district A (the coordinator's), and another offer and group in district B."""
    from tillsammans.accounts.roles import Role
    from tillsammans.core.access import ANONYMOUS
    from tillsammans.support import services as support_services
    from tillsammans.support import services_groups
    from tillsammans.support.models import Programme
    from tillsammans.testing.factories import ContactFactory, MembershipFactory
    from tillsammans.testing.sip import actor_for

    abc = Programme.objects.get_or_create(name="ABC", defaults={"sub_goal_number": "7.1.1"})[0]
    other = MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"], areas=[world["district_b"]])

    def offer_in(by, area, provider):
        return support_services.offer_create(
            actor=actor_for(by), areas=[area], spoken=["sv"], text={"title": "ABC", "summary": "Fyra träffar."},
            kind="programme", programme=abc, provider=provider, for_expecting=False, age_from=3, age_to=12,
            free=True, signup="group", published=True)

    def group_in(by, offer, area):
        return services_groups.group_create(
            actor=actor_for(by), offer=offer, programme=abc, area=area, name="ABC tisdagar", language="sv",
            childcare=False, capacity=8, starts_on=start.date(), ends_on=start.date() + timedelta(days=30),
            place="Familjecentralen")

    offer, other_offer = offer_in(coordinator, world["district_a"], world["bvc_a"]), offer_in(
        other, world["district_b"], world["preschool_b"])
    group, other_group = group_in(coordinator, offer, world["district_a"]), group_in(
        other, other_offer, world["district_b"])
    session = services_groups.session_add(actor=actor_for(coordinator), group=group, starts_at=start,
                                          ends_at=start + timedelta(hours=2))
    other_session = services_groups.session_add(actor=actor_for(other), group=other_group, starts_at=start,
                                                ends_at=start + timedelta(hours=2))
    parent = services_groups.participant_signup(actor=ANONYMOUS, group=group, name="Förälder Ett",
                                                email="ett@exempel.se", age_band="3-5")
    other_parent = services_groups.participant_signup(actor=ANONYMOUS, group=other_group, name="Förälder Två",
                                                      email="tva@exempel.se", age_band="3-5")
    leader = services_groups.leader_add(actor=actor_for(coordinator),
                                        contact=ContactFactory(unit=world["bvc_a"], name="Gruppledare Ett"))
    material = support_services.material_save(actor=actor_for(coordinator), name="Pixiböcker", kind="pixie")
    entry = support_services.stock_record(actor=actor_for(coordinator), material=material, unit=world["bvc_a"],
                                          kind="received", quantity=10)
    other_entry = support_services.stock_record(actor=actor_for(other), material=material,
                                                unit=world["preschool_b"], kind="received", quantity=5)
    return {"support-offer": (offer, other_offer), "support-group": (group, other_group),
            "support-session": (session, other_session), "support-participant": (parent, other_parent),
            "support-leader": (leader, None), "support-material": (material, None),
            "support-stock": (entry, other_entry), "support-programme": (abc, None)}


def _object_key(route: MatrixRoute) -> str:
    app = route.name.split(":", 1)[0]
    if app in ("support", "support_public"):
        return next((key for prefix, key in SUPPORT_KEYS if route.pattern.startswith(prefix)), "none")
    if app == "pathway":
        return next((key for prefix, key in PATHWAY_KEYS.items() if route.pattern.startswith(prefix)), "none")
    if route.pattern.startswith("handlingsplaner/malbilder/"):
        return "planning-vision"
    if route.pattern.startswith("handlingsplaner/mallar/"):
        return "planning-template"
    if app == "networks":
        if route.pattern.startswith("natverk/moten/"):
            return "networks-meeting"
        if "kalender/omrade" in route.pattern:
            return "organisations-area"
        if "atgarder/" in route.pattern and route.pattern.startswith("natverk/atgarder"):
            return "none"
        return "networks"
    if app == "events":
        if route.pattern.startswith("evenemang/anmalningar/"):
            return "events-registration"
        if route.pattern.startswith("evenemang/serier/") or route.pattern.startswith("evenemang/kompetens/"):
            return "none"
        return "events"
    if app == "insight":
        from tillsammans.insight.testing import object_key

        return object_key(route.pattern)
    if app == "organisations":
        for part, key in (("enheter", "unit"), ("omraden", "area"), ("huvudman", "principal")):
            if route.pattern.startswith(part):
                return f"organisations-{key}"
    return app


def fill(route: MatrixRoute, objects: dict, which: int):
    """URL kwargs and the object whose reach decides (None if the route has no object)."""
    if route.kind == "admin":
        return _fill_admin(route), None
    kwargs, target = {}, None
    extra = objects.get("extra", {}).get(route.name.split(":", 1)[0], {})
    for param in route.params:
        if param in extra:
            kwargs[param] = extra[param].pk
        elif param == "pk":
            pair = objects["pk"].get(_object_key(route), (None, None))
            target = pair[which]
            kwargs[param] = target.pk if target is not None else MISSING
        elif param == "consent_pk":
            kwargs[param] = objects["consent"].pk
        elif param == "fmt":
            kwargs[param] = "pdf"
        elif param == "token":
            kwargs[param] = "x" * 20
        else:
            kwargs[param] = MISSING
    if route.params and (target is None or MISSING in kwargs.values()):
        target = "missing"
    return kwargs, target


def _fill_admin(route: MatrixRoute) -> dict:
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    kwargs = {}
    for param in route.params:
        if param == "app_label":
            kwargs[param] = "accounts"
        elif param == "object_id":
            label = route.name.split(":", 1)[1].rsplit("_", 1)[0]
            model = next((m for m in apps.get_models()
                          if f"{m._meta.app_label}_{m._meta.model_name}" == label), None)
            first = model.objects.order_by("pk").first() if model is not None else None
            kwargs[param] = str(first.pk) if first is not None else str(MISSING)
        elif param == "content_type_id":
            kwargs[param] = ContentType.objects.get_by_natural_key("accounts", "user").pk
        else:
            kwargs[param] = "1"
    return kwargs


def url_for(route: MatrixRoute, kwargs: dict) -> str:
    if route.kind == "api":
        path = route.pattern
        for key, value in kwargs.items():
            path = path.replace("{" + key + "}", str(value))
        return path
    return reverse(route.name, kwargs=kwargs)


# Expectations -----------------------------------------------------------------------------------


def expected(route: MatrixRoute, actor, target) -> str:
    """"login", "refused" (403/404, 405 accepted) or "answered" (no refusal, no server error)."""
    policy = route.policy
    if policy == access.PUBLIC:
        return "public"
    if not actor.is_authenticated:
        if actor.family is not None and (policy or "").startswith(access.FAMILY_PREFIX) \
                and access.allowed(actor, policy):
            pass  # a family member on the family's pages: the policies decide below
        else:
            return "login"
    if policy == access.AUTHENTICATED:
        return "answered"
    if not access.allowed(actor, policy):
        return "forbidden"
    if route.kind == "admin":
        return "admin"  # the admin's own object permissions decide further (add/delete may be off)
    if target is None:
        return "answered"
    if target == "missing":
        return "refused"
    object_policy = OBJECT_POLICIES.get(route.name)
    target = OBJECT_OF.get(route.name, lambda obj: obj)(target)
    if object_policy is None or access.allowed(actor, object_policy, target):
        return "answered"
    return "refused"


def outcome_matches(route: MatrixRoute, expectation: str, response) -> bool:
    status = response.status_code
    if status >= 500:
        return False
    location = response.get("Location", "") if status in (301, 302) else ""
    if expectation == "public":
        return status not in (401, 403)
    if expectation == "admin":
        return "/konto/logga-in/" not in location or route.name == "admin:login"
    if expectation == "login":
        if route.kind == "api" or route.pattern.startswith("api/"):
            return status == 401
        if (route.policy or "").startswith(access.FAMILY_PREFIX):  # the family's door has its own login
            return status == 302 and "/familj/logga-in/" in location
        return status == 302 and ("/konto/logga-in/" in location)
    if expectation == "forbidden":
        return status in (401, 403) if route.kind == "api" else status == 403
    if expectation == "refused":
        return status in (403, 404, 405)
    # answered: nothing refused, nobody sent to log in
    return status not in (401, 403, 404) and "/konto/logga-in/" not in location and "/familj/logga-in/" not in location
