"""Fixtures for insight: a process leader (coordinator of the district), a survey with one question
of each kind in Swedish and English, and a helper that answers it as the public would."""

from __future__ import annotations

import pytest

from tillsammans.accounts.roles import Role
from tillsammans.insight import services_surveys
from tillsammans.testing.factories import MembershipFactory
from tillsammans.testing.sip import actor_for


@pytest.fixture
def leader(world):
    return MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                             areas=[world["town"]], function="Processledare")


def build_survey(leader, world, *, groups=("young_people", "guardians"), one_per_link=False, open_=True):
    actor = actor_for(leader)
    survey = services_surveys.survey_create(
        actor=actor, title="Vad behöver du för stöd?", introduction="Vi vill veta vad som hjälper.",
        target_groups=list(groups), languages=["sv", "en"], areas=[world["district_a"], world["district_b"]],
        one_answer_per_link=one_per_link)
    services_surveys.survey_translate(actor=actor, survey=survey, translations={
        "en": {"title": "What support do you need?", "introduction": "We want to know what helps."}})
    scale = services_surveys.question_add(
        actor=actor, survey=survey, kind="scale", required=True,
        text={"sv": "Jag vet vart jag kan vända mig", "en": "I know where to turn"})
    single = services_surveys.question_add(
        actor=actor, survey=survey, kind="single",
        text={"sv": "Var söker du helst stöd?", "en": "Where do you prefer to look for support?"},
        choices={"sv": ["Skolan", "Vårdcentralen", "Familjecentralen"],
                 "en": ["School", "Health centre", "Family centre"]})
    multiple = services_surveys.question_add(
        actor=actor, survey=survey, kind="multiple",
        text={"sv": "Vilka vägar når dig?", "en": "Which ways reach you?"},
        choices={"sv": ["Sms", "E-post", "Affisch"], "en": ["Text message", "E-mail", "Poster"]})
    text = services_surveys.question_add(
        actor=actor, survey=survey, kind="text", text={"sv": "Vad saknar du?", "en": "What do you miss?"})
    if open_:
        services_surveys.survey_open(actor=actor, survey=survey)
    return survey, {"scale": scale, "single": single, "multiple": multiple, "text": text}


@pytest.fixture
def survey(leader, world):
    return build_survey(leader, world)


def answer(survey, questions, *, group="young_people", area=None, scale=3, single=0, multiple=(0,), text="",
           language="sv", link=None):
    return services_surveys.response_submit(
        survey=survey, link=link, language=language, target_group=group, area=area,
        answers={questions["scale"].pk: scale, questions["single"].pk: single,
                 questions["multiple"].pk: list(multiple), questions["text"].pk: text})
