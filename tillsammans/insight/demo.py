"""Demo step: a county of four municipalities and the region (Ekmora and three neighbours, all
fictional), a mapping of the collaboration that exists, a closed needs survey answered by young
people and guardians, indicators with three years and more of values (some from a recorded Kolada
answer, some computed from Tillsammans, some entered), targets linked to sub-goals, and a sent
newsletter. Idempotent: it finds what it made before."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from tillsammans.accounts.models import Membership
from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.insight import services_indicators, services_mapping, services_newsletters, services_surveys
from tillsammans.insight.models_indicators import Indicator
from tillsammans.insight.models_newsletters import Subscriber
from tillsammans.organisations.models import Area, AreaKind, Principal, PrincipalKind

KOLADA_ANSWER = Path(__file__).resolve().parent / "data" / "kolada" / "N15419-2022-2026.json"
COUNTY_BOX = (16.40, 58.90, 17.40, 59.50)
NEIGHBOURS = [  # name, org number prefix, Kolada code, box
    ("Lindö kommun", "Lindö", "212000-998", "0492", (16.90, 59.20, 17.40, 59.50)),
    ("Åsby kommun", "Åsby", "212000-997", "0493", (16.40, 58.90, 16.90, 59.20)),
    ("Storvik kommun", "Storvik", "212000-996", "0494", (16.90, 58.90, 17.40, 59.20)),
]
EKMORA_CODE, REGION_CODE = "0491", "0030"
MAPPING = [  # name, kind, unit codes, district indexes, target groups, since, maturity, findings
    ("Familjecentralen Norrmora", "family_centre", ["FC-1", "BVC-1", "F-NM-1"], [0], ["guardians"], 2016, 4, [
        ("success", "premises", "BVC, öppen förskola och socialtjänstens förebyggande del under samma tak gör det "
                                "lätt att lotsa en familj vidare samma dag."),
        ("success", "leadership", "En gemensam ledningsgrupp med chefer från kommun och region träffas varje månad."),
        ("challenge", "funding", "Den öppna förskolan finansieras år för år, vilket gör det svårt att planera."),
    ]),
    ("Familjecentralen Västlunda", "family_centre", ["FC-2", "BVC-4"], [3], ["guardians"], 2021, 2, [
        ("success", "reach", "Föräldragrupper på flera språk når familjer som inte kommer till BVC annars."),
        ("challenge", "staffing", "Personalomsättningen på BVC gör att samarbetet får börja om."),
    ]),
    ("Ungdomsmottagningen Ekmora", "youth_clinic", ["UM-1", "VC-1"], [1], ["young_people"], 2012, 4, [
        ("success", "knowledge", "Kurator och barnmorska har ett gemensamt sätt att fråga om psykisk hälsa."),
        ("challenge", "secrecy", "Att lämna över till elevhälsan kräver samtycke och tar tid."),
    ]),
    ("Barnahus Sörmarken", "barnahus", ["BH-1", "BVC-2"], [0, 1, 2, 3], ["young_people", "guardians"], 2018, 3, [
        ("success", "leadership", "Polis, socialtjänst, åklagare och hälso- och sjukvård har en gemensam rutin."),
        ("challenge", "reach", "Långa resor för barn från kommunens ytterkanter."),
    ]),
    ("Skolan som arena i Södermora", "school_arena", ["F-SM-1", "BVC-3"], [2], ["young_people", "guardians"], 2023,
     1, [("challenge", "follow_up", "Det saknas ännu ett gemensamt sätt att följa upp insatserna.")]),
]


def _box(box):
    min_lon, min_lat, max_lon, max_lat = box
    return {"type": "Polygon", "coordinates": [[[min_lon, min_lat], [max_lon, min_lat], [max_lon, max_lat],
                                                [min_lon, max_lat], [min_lon, min_lat]]]}


def _leader() -> Membership | None:
    return (Membership.objects.filter(user__username="processledare", role=Role.COORDINATOR)
            .select_related("user", "unit").first())


def _actor(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership, verified=True, request_id="demo-data")


def build_county(demo) -> Area:
    """The county and three neighbouring municipalities; the process leader's scope covers them."""
    from tillsammans.demo.builder import org_number

    region = demo.principals["region"]
    if region.municipality_code != REGION_CODE:
        Principal.objects.filter(pk=region.pk).update(municipality_code=REGION_CODE)
    Principal.objects.filter(pk=demo.principals["kommun"].pk).update(municipality_code=EKMORA_CODE)
    county = Area.objects.filter(name="Sörmarkens län", parent=None).first()
    if county is None:
        county = Area.objects.create(name="Sörmarkens län", kind=AreaKind.COUNTY, principal=region,
                                     boundary=_box(COUNTY_BOX), description="Det fiktiva länet i demon.")
    for name, short, prefix, code, box in NEIGHBOURS:
        principal, _ = Principal.objects.get_or_create(name=name, defaults={
            "kind": PrincipalKind.MUNICIPALITY, "org_number": org_number(prefix), "municipality_code": code})
        if not Area.objects.filter(name=short, parent=county).exists():
            Area.objects.create(name=short, kind=AreaKind.MUNICIPALITY, parent=county, principal=principal,
                                boundary=_box(box), description=f"Grannkommunen {short} i demolänet.")
    leader = _leader()
    if leader is not None:
        ekmora = Area.objects.filter(name="Ekmora", parent=None).first()
        leader.areas.add(county, *([ekmora] if ekmora else []))
    return county


def build_mapping(demo) -> None:
    from tillsammans.insight.models_mapping import CollaborationForm

    leader = _leader()
    if leader is None or CollaborationForm.objects.exists():
        return
    actor = _actor(leader)
    for name, kind, codes, districts, groups, since, maturity, findings in MAPPING:
        units = [demo.units[c] for c in codes if c in demo.units]
        if not units:
            continue
        form = services_mapping.form_create(
            actor=actor, name=name, kind=kind, units=units, areas=[demo.districts[i] for i in districts],
            target_groups=groups, since=since, maturity=maturity,
            description=f"{name}: samverkan mellan {', '.join(u.name for u in units)}.")
        for finding_kind, tag, text in findings:
            services_mapping.finding_add(actor=actor, form=form, kind=finding_kind, tag=tag, text=text)
        if kind == "family_centre" and maturity == 4:
            services_mapping.document_add(actor=actor, form=form, title="Samverkansöverenskommelse",
                                          filename="overenskommelse.txt", content_type="text/plain",
                                          content="Överenskommelse om familjecentralen (demo).".encode())


def build_survey(demo) -> None:
    from tillsammans.insight.models_surveys import Survey

    leader = _leader()
    if leader is None or Survey.objects.exists():
        return
    actor = _actor(leader)
    districts = demo.districts
    survey = services_surveys.survey_create(
        actor=actor, title="Vad behöver du för stöd?", target_groups=["young_people", "guardians"],
        languages=["sv", "en"], areas=districts,
        introduction="Tjänstedesign i Ekmora: vi frågar unga och vårdnadshavare vad som hjälper och vad som saknas.")
    services_surveys.survey_translate(actor=actor, survey=survey, translations={"en": {
        "title": "What support do you need?", "introduction": "Service design in Ekmora: we ask young people and "
                                                                "guardians what helps and what is missing."}})
    q = [
        services_surveys.question_add(actor=actor, survey=survey, kind="scale", required=True, text={
            "sv": "Jag vet vart jag kan vända mig när jag behöver stöd", "en": "I know where to turn for support"}),
        services_surveys.question_add(actor=actor, survey=survey, kind="single", text={
            "sv": "Var söker du helst stöd först?", "en": "Where do you prefer to look for support first?"}, choices={
            "sv": ["Skolan", "Vårdcentralen eller BVC", "Familjecentralen", "Någon annanstans"],
            "en": ["School", "Health centre or child health clinic", "Family centre", "Somewhere else"]}),
        services_surveys.question_add(actor=actor, survey=survey, kind="multiple", text={
            "sv": "Hur vill du få information?", "en": "How do you want to be informed?"}, choices={
            "sv": ["Sms", "E-post", "Sociala medier", "På plats"],
            "en": ["Text message", "E-mail", "Social media", "In person"]}),
        services_surveys.question_add(actor=actor, survey=survey, kind="text", text={
            "sv": "Vad saknar du i dag?", "en": "What do you miss today?"}),
    ]
    services_surveys.survey_open(actor=actor, survey=survey)
    rng = random.Random(15)
    texts = ["Fler kvällstider på familjecentralen.", "Någon att prata med på skolan utan att vänta.",
             "Information på fler språk.", "Att slippa berätta samma sak flera gånger.", ""]
    for group, count, scale in (("young_people", 17, (2, 5)), ("guardians", 11, (1, 4))):
        for index in range(count):
            services_surveys.response_submit(
                survey=survey, link=None, language="en" if index % 6 == 5 else "sv", target_group=group,
                area=districts[rng.randrange(len(districts))] if index % 4 else None, answers={
                    q[0].pk: rng.randint(*scale), q[1].pk: rng.randrange(4),
                    q[2].pk: sorted(rng.sample(range(4), rng.randint(1, 2))), q[3].pk: texts[index % len(texts)]})
    services_surveys.survey_close(actor=actor, survey=survey)


def build_indicators(demo) -> None:
    if Indicator.objects.exists():
        return
    actor = Actor.for_system("demo-data")
    county = Area.objects.get(name="Sörmarkens län", parent=None)
    municipalities = list(Area.objects.filter(kind=AreaKind.MUNICIPALITY).exclude(principal=None))
    attendance = services_indicators.indicator_create(
        actor=actor, name="Närvaro i grundskolan", unit="%", good="up", source="kolada", kolada_kpi="N15419",
        description="Andel av lektionstiden som eleverna i grundskolan är närvarande.")
    services_indicators.kolada_import(actor=actor, indicator=attendance, years=range(2022, 2027),
                                      payload=json.loads(KOLADA_ANSWER.read_text(encoding="utf-8")))
    reports = services_indicators.indicator_create(
        actor=actor, name="Orosanmälningar per 1 000 barn", unit="per 1 000 barn", good="down", source="manual",
        description="Orosanmälningar som kommit in till socialtjänsten, per 1 000 barn 0–17 år.")
    preschool = services_indicators.indicator_create(
        actor=actor, name="Andel barn 1–5 år i förskola", unit="%", good="up", source="manual")
    rng = random.Random(2024)
    this_year = timezone.localdate().year
    years = list(range(this_year - 4, this_year))
    for area in [county, *municipalities, *demo.districts]:
        base_reports, base_preschool = rng.uniform(28, 42), rng.uniform(82, 90)
        for step, year in enumerate(years):
            services_indicators.value_set(actor=actor, indicator=reports, area=area, year=year,
                                          value=Decimal(str(round(base_reports - step * rng.uniform(0.2, 1.6), 1))),
                                          source="csv")
            services_indicators.value_set(actor=actor, indicator=preschool, area=area, year=year,
                                          value=Decimal(str(round(base_preschool + step * rng.uniform(0, 1.1), 1))),
                                          source="form")
    computed = [services_indicators.indicator_create(actor=actor, name=name, unit=unit, good=good, source="computed",
                                                     measure_code=code, decimals=decimals)
                for name, unit, good, code, decimals in (
                    ("Samordnade individuella planer (SIP) som öppnats", "antal", "", "childplans.opened", 0),
                    ("Kurstäckning", "%", "up", "events.course_coverage", 1),
                    ("Uppföljda aktiviteter i handlingsplaner", "%", "up", "planning.followed_up", 1))]
    from tillsammans.core import indicators as registry

    for code in ("concerns.reports", "pathway.days_need_to_sip", "support.group_participants"):
        measure = registry.get(code)  # counted by the apps that report of concern, the pathway and support
        if measure is not None and not Indicator.objects.filter(name__iexact=str(measure.name)).exists():
            computed.append(services_indicators.indicator_create(
                actor=actor, name=str(measure.name), unit=str(measure.unit), good=measure.good, source="computed",
                measure_code=code, decimals=1, description=str(measure.description)))
    for indicator in computed:
        services_indicators.compute(actor=actor, indicator=indicator, years=range(this_year - 2, this_year + 1))
    _targets(actor, attendance, reports)


def _targets(actor, attendance, reports) -> None:
    from tillsammans.planning.models import SubGoal

    presence = SubGoal.objects.filter(number="7.1.4").order_by("-goal_area__template__year").first()
    structures = SubGoal.objects.filter(number="7.2.2").order_by("-goal_area__template__year").first()
    this_year = timezone.localdate().year
    for year in range(this_year - 2, this_year + 1):
        services_indicators.target_set(actor=actor, indicator=attendance, year=year, value=Decimal("95"),
                                       sub_goal=presence)
        services_indicators.target_set(actor=actor, indicator=reports, year=year, value=Decimal("30"),
                                       sub_goal=structures)


def build_newsletter(demo) -> None:
    from tillsammans.events.models import Event
    from tillsammans.insight.models_newsletters import Newsletter
    from tillsammans.planning.models import Adoption

    leader = _leader()
    if leader is None or Newsletter.objects.exists():
        return
    actor = _actor(leader)
    for email in ("nyhetsbrev.lasare@exempel.invalid", "forskolan.blaklockan@ekmora.exempel.se"):
        Subscriber.objects.get_or_create(email=email, defaults={"token": f"demo-{email[:12]}-{len(email)}",
                                                                "confirmed_at": timezone.now()})
    county = Area.objects.filter(name="Sörmarkens län", parent=None).first()
    newsletter = services_newsletters.newsletter_create(
        actor=actor, subject="Tillsammans för barnens bästa – nyhetsbrev",
        body="Målbilden är nu antagen av kommunstyrelsen och hälso- och sjukvårdsnämnden. Kartläggningen av den "
             "samverkan som redan finns – familjecentraler, ungdomsmottagningen och Barnahus – är klar, och "
             "enkäten till unga och vårdnadshavare är sammanställd. Här är några av de viktigaste nyheterna.",
        events=list(Event.objects.filter(starts_at__gte=timezone.now(), cancelled=False).order_by("starts_at")[:3]),
        indicators=list(Indicator.objects.filter(name__in=["Närvaro i grundskolan", "Orosanmälningar per 1 000 barn"])),
        adoptions=list(Adoption.objects.order_by("decided_on")[:2]), area=county)
    services_newsletters.newsletter_send(actor=actor, newsletter=newsletter)


def build_insight(demo) -> None:
    build_county(demo)
    build_mapping(demo)
    build_survey(demo)
    build_indicators(demo)
    build_newsletter(demo)

