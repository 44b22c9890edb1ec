"""Free-text answers on a survey's results page, for those who may read the results: 25 a page,
ordered by text and without who or when, the target group named only where five of it answered;
a question that fewer than five answered in words shows none (page and export alike); the page asks
the same number of queries at 30 and at 300 answers; other roles are refused."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.accounts.roles import Role
from tillsammans.core.suppression import THRESHOLD
from tillsammans.insight.models_surveys import Answer, Response
from tillsammans.insight.selectors_surveys import FREE_TEXT_PAGE
from tillsammans.insight.tests.conftest import answer
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def section(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    return body.split('id="fritext"')[1].split("</section>")[0] if 'id="fritext"' in body else ""


def shown_texts(page: str) -> list[str]:
    return re.findall(r'<li><p class="ds-paragraph">(.*?)</p>', page)


def test_the_texts_are_on_the_results_page_a_page_at_a_time(survey, leader, world):
    survey, questions = survey
    for n in range(FREE_TEXT_PAGE + 5):
        answer(survey, questions, group="young_people", text=f"Önskemål nummer {n:02d}")
    answer(survey, questions, group="guardians", text="Stöd i föräldraskapet")
    client = client_for(leader)
    url = reverse("insight:survey_results", args=[survey.pk])
    first = section(client.get(url))
    texts = shown_texts(first)
    assert len(texts) == FREE_TEXT_PAGE and texts == sorted(texts)  # by text, not by when
    assert "Fråga 4: Vad saknar du?" in first and "Unga" in first
    assert "Sida 1 av 2" in first and 'href="?page=2#fritext"' in first
    second = section(client.get(url, {"page": 2}))
    rest = shown_texts(second)
    assert len(rest) == 6 and set(texts).isdisjoint(rest)
    assert len({*texts, *rest}) == FREE_TEXT_PAGE + 6 and "Stöd i föräldraskapet" in {*texts, *rest}
    # one guardian among the answers: their group is not named
    guardian = (first + second).split("Stöd i föräldraskapet")[1].split("</li>")[0]
    assert "Vårdnadshavare" not in guardian
    body = client.get(url).content.decode()
    assert 'href="#fritext"' in body and "läs dem i exporten" not in body


def test_fewer_than_five_who_wrote_show_none_on_the_page_or_in_the_export(survey, leader, world):
    survey, questions = survey
    for n in range(THRESHOLD - 1):
        answer(survey, questions, group="young_people", text=f"Hemlig önskan {n}")
    for _ in range(6):
        answer(survey, questions, group="young_people")  # answered the rest, wrote nothing
    client = client_for(leader)
    body = client.get(reverse("insight:survey_results", args=[survey.pk])).content.decode()
    assert "Hemlig önskan" not in body
    assert "Färre än fem har besvarat frågan" in body and "Inga fritextsvar att visa." in body
    assert not re.search(r"\b4 fritextsvar", body)  # the small count itself is not told either
    csv_body = client.get(reverse("insight:free_text_csv", args=[survey.pk])).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(csv_body), delimiter=";"))[1:] == []
    answer(survey, questions, group="guardians", text="Hemlig önskan 4")  # the fifth
    page = section(client.get(reverse("insight:survey_results", args=[survey.pk])))
    assert len(shown_texts(page)) == THRESHOLD


@pytest.mark.parametrize("role", [Role.STAFF, Role.SIP_LEAD, Role.INTAKE, Role.AUDITOR, Role.SYSTEM_ADMIN])
def test_a_role_that_may_not_see_the_results_is_refused(survey, world, role):
    survey, questions = survey
    for n in range(6):
        answer(survey, questions, text=f"Önskan {n}")
    client = client_for(MembershipFactory(role=role, unit=world["preschool_a"]))
    response = client.get(reverse("insight:survey_results", args=[survey.pk]))
    assert response.status_code == 403 and "Önskan" not in response.content.decode()
    receiver = client_for(MembershipFactory(role=Role.RECEIVER, unit=world["bvc_a"]))
    assert len(shown_texts(section(receiver.get(reverse("insight:survey_results", args=[survey.pk]))))) == 6


def test_the_page_does_not_grow_with_the_answers(survey, leader, world):
    survey, questions = survey
    client = client_for(leader)
    url = reverse("insight:survey_results", args=[survey.pk])

    def grow_to(count):
        while Response.objects.filter(survey=survey).count() < count:
            answer(survey, questions, group="young_people", text=f"Svar {Answer.objects.count()}")

    def measure():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            page = section(client.get(url, {"page": 2}))
        return len(captured), len(shown_texts(page))

    grow_to(30)
    small = measure()
    grow_to(300)
    large = measure()
    assert small[0] == large[0]
    assert small[1] == 5 and large[1] == FREE_TEXT_PAGE
