"""Builds the fictional demo municipality step by step, through the project's own services.

Later capabilities add their own step to ``STEPS``; each step is idempotent (it finds what it made
before instead of making it again), so ``tillsammans demo-data`` can be run any number of times.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillsammans.accounts.models import Contact, Membership, User
from tillsammans.accounts.services import membership_grant
from tillsammans.core.access import Actor
from tillsammans.demo import data, history, networks
from tillsammans.organisations.models import Area, Authority, Principal, Unit, UnitType
from tillsammans.organisations.services import area_create, unit_create

ACTOR = Actor.for_system("demo-data")


@dataclass
class Demo:
    """What the steps share: objects by key, and the logins to print at the end."""

    principals: dict[str, Principal] = field(default_factory=dict)
    authorities: dict[str, Authority] = field(default_factory=dict)
    districts: list[Area] = field(default_factory=list)
    units: dict[str, Unit] = field(default_factory=dict)
    logins: list[User] = field(default_factory=list)


def luhn_complete(nine_digits: str) -> str:
    """Append the Luhn check digit (used by organisation and personal identity numbers)."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return nine_digits + str((10 - total % 10) % 10)


def org_number(prefix: str) -> str:
    digits = luhn_complete(prefix.replace("-", ""))
    return f"{digits[:6]}-{digits[6:]}"


def box_polygon(box: tuple[float, float, float, float]) -> dict:
    min_lon, min_lat, max_lon, max_lat = box
    return {"type": "Polygon", "coordinates": [[
        [min_lon, min_lat], [max_lon, min_lat], [max_lon, max_lat], [min_lon, max_lat],
        [min_lon, min_lat]]]}


def build_organisations(demo: Demo) -> None:
    for key, name, kind, prefix in data.PRINCIPALS:
        demo.principals[key], _ = Principal.objects.get_or_create(
            name=name, defaults={"kind": kind, "org_number": org_number(prefix)})
    for key, principal_key, name, kind, secrecy in data.AUTHORITIES:
        demo.authorities[key], _ = Authority.objects.get_or_create(
            principal=demo.principals[principal_key], name=name,
            defaults={"kind": kind, "secrecy_domain": secrecy})


def build_areas(demo: Demo) -> None:
    municipality = demo.principals["kommun"]
    top = Area.objects.filter(name="Ekmora", parent=None).first() or area_create(
        actor=ACTOR, name="Ekmora", kind="municipality", principal=municipality,
        boundary=box_polygon(data.MUNICIPALITY_BOX), description="Demokommunen Ekmora.")
    for name, box, subareas in data.DISTRICTS:
        district = Area.objects.filter(name=name, parent=top).first() or area_create(
            actor=ACTOR, name=name, kind="district", parent=top, principal=municipality,
            boundary=box_polygon(box), description=f"Stadsområdet {name} i Ekmora.")
        demo.districts.append(district)
        for sub_name, sub_box in subareas:
            if not Area.objects.filter(name=sub_name, parent=district).exists():
                kind = "principal_area" if "rektorsområde" in sub_name else "sub_area"
                area_create(actor=ACTOR, name=sub_name, kind=kind, parent=district,
                            principal=municipality, boundary=box_polygon(sub_box))


def _point(district_box, fraction):
    min_lon, min_lat, max_lon, max_lat = district_box
    fx, fy = fraction
    return (round(min_lat + (max_lat - min_lat) * fy, 5), round(min_lon + (max_lon - min_lon) * fx, 5))


def build_units(demo: Demo) -> None:
    types = {t.code: t for t in UnitType.objects.all()}
    parents = {"forskola": "ADM-1", "grundskola": "ADM-2", "elevhalsa": "ADM-2",
               "gymnasieskola": "ADM-2"}
    for number, (code, name, type_code, authority_key, district, fraction) in enumerate(data.UNITS):
        existing = Unit.objects.filter(code=code).first()
        if existing:
            demo.units[code] = existing
            continue
        latitude, longitude = _point(data.DISTRICTS[district][1], fraction)
        parent = demo.units.get(parents.get(type_code, ""))
        slug = code.lower()
        demo.units[code] = unit_create(
            actor=ACTOR, name=name, code=code, unit_type=types[type_code],
            authority=demo.authorities[authority_key], parent=parent,
            street=f"{['Ekvägen', 'Lindgatan', 'Björkallén', 'Hamngatan', 'Skolvägen'][number % 5]} "
                   f"{number + 3}",
            postal_code=f"6{number % 9 + 1}1 {10 + number:02d}", city="Ekmora",
            latitude=latitude, longitude=longitude, phone=f"0155-99 {number + 10:02d} 00",
            email=f"{slug}@ekmora.exempel.se",
            description=f"{name} är en {types[type_code].name.lower()} i demokommunen Ekmora.",
        )


def _person(username: str, index: int) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        first = data.FIRST_NAMES[index % len(data.FIRST_NAMES)]
        last = data.LAST_NAMES[(index + index // len(data.FIRST_NAMES)) % len(data.LAST_NAMES)]
        user = User(username=username, first_name=first, last_name=last,
                    email=f"{username}@ekmora.exempel.se", phone=f"0155-99 {index:02d} 50")
        user.set_password(data.DEMO_PASSWORD)
        user.save()
    if not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(user=user, name="Demo-app", confirmed=True)
    return user


def _grant(user: User, role: str, unit: Unit, function: str, areas=()) -> None:
    if Membership.objects.filter(user=user, unit=unit, role=role).exists():
        return
    membership_grant(actor=ACTOR, user=user, unit=unit, role=role, function=function, areas=areas)


def build_people(demo: Demo) -> None:
    for index, (username, role, unit_code, function, district_ids) in enumerate(data.NAMED_PEOPLE):
        user = _person(username, index)
        _grant(user, role, demo.units[unit_code], function,
               [demo.districts[i] for i in district_ids])
        demo.logins.append(user)
    # Some people hold two roles.
    _grant(User.objects.get(username="kurator"), "staff", demo.units["EH-2"], "Skolkurator")
    _grant(User.objects.get(username="processledare"), "manager", demo.units["ADM-3"],
           "Chef för samverkansenheten")
    index = len(data.NAMED_PEOPLE)
    staffed = [(code, unit) for code, unit in demo.units.items()
               if unit.unit_type.code in data.FUNCTIONS]
    for round_ in range(2):
        for code, unit in staffed[: len(staffed) if round_ == 0 else 20]:
            username = f"{code.lower()}-{round_ + 1}"
            user = _person(username, index)
            _grant(user, "staff", unit, data.FUNCTIONS[unit.unit_type.code])
            index += 1


def build_contacts(demo: Demo) -> None:
    for code, name, title in data.CONTACTS:
        unit = demo.units[code]
        Contact.objects.get_or_create(
            name=name, unit=unit,
            defaults={"role_title": title, "phone": f"0155-99 {len(name):02d} 77",
                      "email": f"{name.split()[0].lower()}@{code.lower()}.exempel.se"})


def build_child_plans(demo: Demo) -> None:
    from tillsammans.childplans.demo import build_child_plans as step

    step(demo)


def build_networks(demo: Demo) -> None:
    from tillsammans.networks.demo import build_networks as step

    step(demo)


def build_action_plans(demo: Demo) -> None:
    from tillsammans.planning.demo import build_action_plans as step

    step(demo)


def build_events(demo: Demo) -> None:
    from tillsammans.events.demo import build_events as step

    step(demo)


def build_support(demo: Demo) -> None:
    from tillsammans.support.demo import build_support as step

    step(demo)


def build_development_project(demo: Demo) -> None:
    from tillsammans.planning.demo_projects import build_development_project as step

    step(demo)


def build_insight(demo: Demo) -> None:
    from tillsammans.insight.demo import build_insight as step

    step(demo)


def build_pathway(demo: Demo) -> None:
    from tillsammans.pathway.demo import build_pathway as step

    step(demo)


def build_family(demo: Demo) -> None:
    from tillsammans.family.demo import build_family as step

    step(demo)


def build_concerns(demo: Demo) -> None:
    from tillsammans.concerns.demo import build_concerns as step

    step(demo)


def build_refusals(demo: Demo) -> None:
    from tillsammans.logreview.demo import build_refusals as step

    step(demo)


STEPS: list[Callable[[Demo], None]] = [
    build_organisations, build_areas, build_units, build_people, build_contacts, build_child_plans,
    build_networks, networks.build_principal_area_networks, networks.build_groups, build_action_plans,
    build_development_project, build_events, build_support, build_concerns, build_pathway, history.build_history,
    build_refusals, build_family, build_insight,
]


def build() -> Demo:
    demo = Demo()
    with transaction.atomic():
        for step in STEPS:
            step(demo)
    return demo


def totp_secret(user: User) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return base64.b32encode(bytes.fromhex(device.key)).decode() if device else "-"


TOTP_COMMAND = (""".venv/bin/python -c "import base64,sys; from django_otp.oath import totp; """
                """print('%06d' % totp(base64.b32decode(sys.argv[1])))" HEMLIGHET""")


def login_table(demo: Demo) -> str:
    """Each login with every role it holds (one per line, never cut) and its TOTP secret."""
    lines = [f"{'Användarnamn':16} {'TOTP-hemlighet (base32)':34} Roller"]
    for user in demo.logins:
        roles = [f"{m.get_role_display()} – {m.unit.name}"
                 for m in Membership.objects.filter(user=user).select_related("unit").order_by("role", "unit__name")]
        lines.append(f"{user.username:16} {totp_secret(user):34} {roles[0] if roles else '–'}")
        lines.extend(f"{'':16} {'':34} {role}" for role in roles[1:])
    lines.append(f"Lösenord för alla demokonton: {data.DEMO_PASSWORD}")
    lines.append("Koder: lägg in hemligheten i en autentiseringsapp, eller skriv i projektets katalog:")
    lines.append(f"  {TOTP_COMMAND}")
    return "\n".join(lines)
