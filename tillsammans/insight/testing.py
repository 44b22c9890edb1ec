"""Objects of insight for the role × route matrix (``testing/matrix.py``): one inside a coordinator's
reach and one outside it, per kind of page."""

from __future__ import annotations

from tillsammans.accounts.roles import Role

OBJECT_POLICIES = {
    **dict.fromkeys(["insight:survey", "insight:survey_edit", "insight:survey_translate", "insight:question_add",
                     "insight:survey_open", "insight:survey_close", "insight:survey_delete",
                     "insight:survey_links"], "insight.manage_survey"),
}


OBJECT_POLICIES.update({
    "insight:value_remove": "insight.enter_values",
    **dict.fromkeys(["insight:newsletter_edit", "insight:newsletter_send"], "insight.edit_newsletter"),
    **dict.fromkeys(["insight:collaboration_edit", "insight:collaboration_delete", "insight:finding_add",
                     "insight:document_add", "insight:finding_remove", "insight:document_remove"],
                    "insight.manage_collaboration"),
})
OBJECT_OF = {"insight:value_remove": lambda value: value.area,
             **dict.fromkeys(["insight:finding_remove", "insight:document_remove"], lambda item: item.form)}


PREFIXES = (
    ("insikt/enkater/", "insight-survey"), ("insikt/kartlaggning/fynd/", "insight-finding"),
    ("insikt/kartlaggning/dokument/", "insight-document"), ("insikt/kartlaggning/", "insight-collaboration"),
    ("insikt/indikatorer/varden/", "insight-value"), ("insikt/indikatorer/mal/", "insight-target"),
    ("insikt/indikatorer/", "insight-indicator"), ("insikt/oversikt/omrade/", "organisations-area"),
    ("insikt/nyhetsbrev/", "insight-newsletter"), ("nyhetsbrev/", "insight-newsletter"),
)


def object_key(pattern: str) -> str:
    for prefix, key in PREFIXES:
        if pattern.startswith(prefix):
            return key
    return "none"


def matrix_objects(world, coordinator) -> dict:
    from tillsammans.insight import services_surveys
    from tillsammans.testing.factories import MembershipFactory
    from tillsammans.testing.sip import actor_for

    other = MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"], areas=[world["district_b"]])

    def survey(owner, area):
        return services_surveys.survey_create(actor=actor_for(owner), title="Ungas behov", target_groups=[
            "young_people"], languages=["sv"], areas=[area])

    from decimal import Decimal

    from tillsammans.core.access import Actor
    from tillsammans.insight import services_indicators

    system = Actor.for_system("matrix")
    indicator = services_indicators.indicator_create(actor=system, name="Närvaro i grundskolan", unit="%",
                                                     good="up", source="manual")
    values = [services_indicators.value_set(actor=system, indicator=indicator, area=world[key], year=2025,
                                            value=Decimal("91.5")) for key in ("district_a", "district_b")]
    target = services_indicators.target_set(actor=system, indicator=indicator, year=2025, value=Decimal(95))
    from tillsammans.insight import services_mapping

    def mapped(owner, area, unit):
        form = services_mapping.form_create(actor=actor_for(owner), name=f"Familjecentral {area.name}",
                                            kind="family_centre", units=[unit], areas=[area])
        finding = services_mapping.finding_add(actor=actor_for(owner), form=form, kind="success", tag="premises",
                                               text="Gemensamma lokaler.")
        document = services_mapping.document_add(actor=actor_for(owner), form=form, title="Avtal",
                                                  filename="avtal.pdf", content_type="application/pdf",
                                                  content=b"%PDF-1.7")
        return form, finding, document

    from tillsammans.insight import services_newsletters

    draft = services_newsletters.newsletter_create(actor=actor_for(coordinator), subject="Nyhetsbrev", body="Text")
    sent = services_newsletters.newsletter_create(actor=actor_for(coordinator), subject="Skickat", body="Text")
    services_newsletters.newsletter_send(actor=actor_for(coordinator), newsletter=sent)
    inside = mapped(coordinator, world["district_a"], world["bvc_a"])
    outside = mapped(other, world["district_b"], world["preschool_b"])
    return {"insight-newsletter": (draft, sent),
            "insight-collaboration": (inside[0], outside[0]), "insight-finding": (inside[1], outside[1]),
            "insight-document": (inside[2], outside[2]),
            "insight-survey": (survey(coordinator, world["district_a"]), survey(other, world["district_b"])),
            "insight-indicator": (indicator, None), "insight-value": tuple(values), "insight-target": (target, None)}


# The every-page browser check (tests/e2e/pages.py) -----------------------------------------------

PAGE_SLOTS = [
    ("enkater/", "pk", "survey"), ("fragor/", "question_pk", "question"), ("indikatorer/", "pk", "indicator"),
    ("varden/", "pk", "indicator_value"), ("mal/", "pk", "indicator_target"), ("kartlaggning/", "pk", "collaboration"),
    ("fynd/", "pk", "finding"), ("dokument/", "pk", "document"), ("nyhetsbrev/", "pk", "newsletter"),
    ("enkat/", "token", "survey_token"), ("bekrafta/", "token", "subscriber_token"),
    ("avsluta/", "token", "subscriber_token"),
]
_SURVEY_PAGES = ("", "andra/", "oversattning/", "fragor/ny/", "fragor/<int:question_pk>/", "lankar/", "ta-bort/")
_COLLABORATION_PAGES = ("andra/", "ta-bort/", "fynd/", "dokument/")
PAGE_OBJECT_POLICY = {
    **{f"insikt/enkater/<int:pk>/{tail}": [("insight.manage_survey", "survey")] for tail in _SURVEY_PAGES},
    **{f"insikt/kartlaggning/<int:pk>/{tail}": [("insight.manage_collaboration", "collaboration")]
       for tail in _COLLABORATION_PAGES},
    "insikt/nyhetsbrev/<int:pk>/andra/": [("insight.edit_newsletter", "newsletter")],
}


def page_objects(world, coordinator) -> dict:
    """One of each insight object for the every-page walk, made by the walk's coordinator."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from tillsammans.core.access import Actor
    from tillsammans.insight import services_indicators, services_mapping, services_newsletters, services_surveys
    from tillsammans.insight.models import Subscriber
    from tillsammans.testing.sip import actor_for

    actor, system = actor_for(coordinator), Actor.for_system("walk")
    survey = services_surveys.survey_create(actor=actor, title="Ungas behov", target_groups=["young_people",
                                            "guardians"], languages=["sv", "en"], areas=[world["district_a"]])
    services_surveys.survey_translate(actor=actor, survey=survey,
                                      translations={"en": {"title": "Young people's needs"}})
    question = services_surveys.question_add(actor=actor, survey=survey, kind="single", text={
        "sv": "Var söker du stöd?", "en": "Where do you look for support?"}, choices={
        "sv": ["Skolan", "Vårdcentralen"], "en": ["School", "Health centre"]})
    services_surveys.question_add(actor=actor, survey=survey, kind="scale", text={"sv": "Jag vet vart jag vänder mig",
                                                                                   "en": "I know where to turn"})
    services_surveys.question_add(actor=actor, survey=survey, kind="text", text={"sv": "Vad saknar du?",
                                                                                  "en": "What do you miss?"})
    services_surveys.survey_open(actor=actor, survey=survey)
    for index in range(7):
        services_surveys.response_submit(survey=survey, link=None, language="sv", target_group=(
            "young_people", "guardians")[index % 2], area=world["district_a"], answers={question.pk: index % 2})
    indicator = services_indicators.indicator_create(actor=system, name="Närvaro i grundskolan", unit="%", good="up",
                                                     source="kolada", kolada_kpi="N15419")
    value = None
    for step, year in enumerate(range(timezone.localdate().year - 3, timezone.localdate().year)):
        for area in (world["town"], world["district_a"], world["district_b"]):
            value = services_indicators.value_set(actor=system, indicator=indicator, area=area, year=year,
                                                  value=Decimal("90.5") + step, source="kolada")
    target = services_indicators.target_set(actor=system, indicator=indicator, year=value.year, value=Decimal(95))
    collaboration = services_mapping.form_create(
        actor=actor, name="Familjecentralen Norra", kind="family_centre", units=[world["bvc_a"], world["preschool_a"]],
        areas=[world["district_a"]], target_groups=["guardians"], since=2019, maturity=3)
    finding = services_mapping.finding_add(actor=actor, form=collaboration, kind="success", tag="premises",
                                           text="Gemensamma lokaler.")
    document = services_mapping.document_add(actor=actor, form=collaboration, title="Överenskommelse",
                                              filename="overenskommelse.txt", content_type="text/plain",
                                              content=b"Demo")
    Subscriber.objects.create(email="las@exempel.invalid", token="walk-subscriber-0123456789",
                              confirmed_at=timezone.now() - timedelta(days=1))
    newsletter = services_newsletters.newsletter_create(actor=actor, subject="Nyhetsbrev", body="Det här har hänt.",
                                                        indicators=[indicator])
    services_newsletters.newsletter_send(actor=actor, newsletter=newsletter)
    return {"survey": survey, "question": question, "indicator": indicator, "indicator_value": value,
            "indicator_target": target, "collaboration": collaboration, "finding": finding, "document": document,
            "newsletter": newsletter, "survey_token": survey.token, "subscriber_token": "walk-subscriber-0123456789"}
