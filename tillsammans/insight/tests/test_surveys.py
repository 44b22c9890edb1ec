"""Needs surveys: built in the pages, answered through the public link without anything that points
at the person, refused outside the scale, results suppressed, free text exported."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tillsammans.accounts.roles import Role
from tillsammans.insight import services_surveys
from tillsammans.insight.models_surveys import Answer, Response, Survey, SurveyLink
from tillsammans.insight.tests.conftest import answer, build_survey
from tillsammans.testing.clients import client_for
from tillsammans.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _post_answer(client, url, data, *, ip="203.0.113.77"):
    page = client.get(url)
    assert page.status_code == 200
    started = page.context["form"].initial["started"]
    return client.post(url, {"started": started, **data}, REMOTE_ADDR=ip)


def test_the_process_leader_builds_a_survey_in_two_languages_in_the_pages(leader, world):
    client = client_for(leader)
    response = client.post(reverse("insight:survey_create"), {
        "title": "Ungas behov av stöd", "introduction": "Svaren används i kommunens behovsanalys.",
        "target_groups": ["young_people"], "languages": ["en", "sv"], "areas": [world["district_a"].pk]})
    survey = Survey.objects.get()
    assert response.url == reverse("insight:survey", args=[survey.pk])
    assert survey.languages == ["sv", "en"] and survey.owner == leader and len(survey.token) >= 20
    add = reverse("insight:question_add", args=[survey.pk])
    missing = client.post(add, {"kind": "single", "text_sv": "Var söker du stöd?", "choices_sv": "Skolan"})
    assert "minst två val" in missing.content.decode() and "Var söker du stöd?" in missing.content.decode()
    uneven = client.post(add, {"kind": "single", "text_sv": "Var söker du stöd?", "choices_sv": "Skolan\nUMO",
                               "text_en": "Where do you look for support?", "choices_en": "School"})
    assert "lika många val" in uneven.content.decode()
    assert client.post(add, {"kind": "single", "text_sv": "Var söker du stöd?", "choices_sv": "Skolan\nUMO",
                             "text_en": "Where do you look for support?", "choices_en": "School\nYouth clinic",
                             "required": "on"}).status_code == 302
    refused = client.post(reverse("insight:survey_open", args=[survey.pk]), follow=True)
    assert "Rubriken är inte översatt till English" in refused.content.decode()
    client.post(reverse("insight:survey_translate", args=[survey.pk]),
                {"title_en": "Young people's needs", "introduction_en": "The answers are used in a needs analysis."})
    client.post(reverse("insight:survey_open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == "open"
    detail = client.get(reverse("insight:survey", args=[survey.pk])).content.decode()
    assert reverse("insight:answer", args=[survey.token]) in detail and "Ändra<span" not in detail  # locked


def test_an_anonymous_answer_keeps_no_address_cookie_or_user(survey, world, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    survey, questions = survey
    staff = MembershipFactory(role=Role.STAFF, unit=world["preschool_a"])
    client = client_for(staff)  # even a logged-in person answers anonymously
    url = reverse("insight:answer", args=[survey.token])
    response = _post_answer(client, url, {
        "target_group": "guardians", "area": str(world["district_b"].pk), f"q{questions['scale'].pk}": "4",
        f"q{questions['single'].pk}": "2", f"q{questions['multiple'].pk}": ["0", "2"],
        f"q{questions['text'].pk}": "Kvällstider på familjecentralen"})
    assert response.status_code == 302 and response.url.endswith("tack=1")
    assert "Tack!" in client.get(response.url).content.decode()

    stored = Response.objects.get()
    # The response's fields are exactly these: nothing about the person, address, cookie or time of day.
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id", "survey", "target_group", "area", "language", "answered_on"}
    assert {f.name for f in Answer._meta.concrete_fields} == {"id", "response", "question", "value", "text"}
    assert (stored.target_group, stored.area, stored.language) == ("guardians", world["district_b"], "sv")
    rows = list(Response.objects.values()) + list(Answer.objects.values())
    # no stored value is the address, the session, the CSRF cookie or the person (the user id is an
    # integer like any answer: the field list above proves there is no column for it)
    secrets = {"203.0.113.77", client.session.session_key, client.cookies["csrftoken"].value,
               staff.user.username, staff.user.email}
    assert not [(row, value) for row in rows for value in row.values() if str(value) in secrets]
    assert sorted(Answer.objects.exclude(value=None).values_list("question_id", "value")) == sorted([
        (questions["scale"].pk, 4), (questions["single"].pk, 2), (questions["multiple"].pk, 0),
        (questions["multiple"].pk, 2)])
    # and nothing about the answer went into the access log with the address
    from tillsammans.core.models import AccessEvent

    assert not AccessEvent.objects.filter(object_type__startswith="insight.response").exists()


def test_answers_outside_the_scale_are_refused(survey, world, settings, client):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    survey, questions = survey
    url = reverse("insight:answer", args=[survey.token])
    page = _post_answer(client, url, {"target_group": "young_people", f"q{questions['scale'].pk}": "6",
                                      f"q{questions['text'].pk}": "Mer fritid"})
    assert page.status_code == 200 and "Välj ett av alternativen" in page.content.decode()
    assert "Mer fritid" in page.content.decode()  # what was typed is kept
    for bad in (0, 6, "sex", [3, 4]):
        with pytest.raises(ValidationError):
            answer(survey, questions, scale=bad)
    with pytest.raises(ValidationError):
        answer(survey, questions, single=3)  # three options: 0, 1, 2
    with pytest.raises(ValidationError):
        answer(survey, questions, group="professionals")  # not a target group of this survey
    assert not Response.objects.exists()


def test_the_scale_is_required_and_personal_data_in_free_text_is_refused(survey, settings, client):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    survey, questions = survey
    url = reverse("insight:answer", args=[survey.token]) + "?sprak=en"
    page = _post_answer(client, url, {"target_group": "young_people",
                                      f"q{questions['text'].pk}": "Ring mig på 070-123 45 67"})
    body = page.content.decode()
    assert "Answer this question." in body and "without names, personal identity numbers" not in body
    page = _post_answer(client, url, {"target_group": "young_people", f"q{questions['scale'].pk}": "2",
                                      f"q{questions['text'].pk}": "Ring mig på 070-123 45 67"})
    assert "Write without names, personal identity numbers" in page.content.decode()
    assert not Response.objects.exists()


def test_the_public_page_speaks_the_chosen_language(survey, client):
    survey, _questions = survey
    body = client.get(reverse("insight:answer", args=[survey.token]) + "?sprak=en").content.decode()
    assert 'lang="en"' in body and "What support do you need?" in body and "I know where to turn" in body
    assert "Which group do you belong to?" in body
    assert client.get(reverse("insight:answer", args=[survey.token]) + "?sprak=xx").status_code == 400
    assert client.get(reverse("insight:answer", args=["x" * 24])).status_code == 404


def test_one_answer_per_link(leader, world, settings, client):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    survey, questions = build_survey(leader, world, one_per_link=True)
    # the shared address takes no answers when the survey hands out single-use links
    assert client.get(reverse("insight:answer", args=[survey.token])).status_code == 404
    leader_client = client_for(leader)
    leader_client.post(reverse("insight:survey_links", args=[survey.pk]), {"count": 3})
    links = list(SurveyLink.objects.filter(survey=survey))
    assert len(links) == 3
    csv_text = leader_client.get(reverse("insight:survey_links", args=[survey.pk]) + "?format=csv").content.decode()
    assert all(link.token in csv_text for link in links)
    url = reverse("insight:answer", args=[links[0].token])
    data = {"target_group": "young_people", f"q{questions['scale'].pk}": "5"}
    assert _post_answer(client, url, data).status_code == 302
    again = client.get(url).content.decode()
    assert "redan använts" in again and "<form" not in again.split("</header>")[1].split("<footer")[0]
    assert client.post(url, {**data, "started": "x"}).status_code == 200
    assert Response.objects.count() == 1
    links[0].refresh_from_db()
    assert links[0].used_on is not None
    # the link does not know which answer it gave
    assert not [f for f in SurveyLink._meta.get_fields() if f.is_relation and f.related_model is Response]
    with pytest.raises(ValidationError):
        answer(survey, questions, link=links[0])


def test_a_closed_survey_takes_no_answers_and_bots_are_refused(survey, client, settings):
    survey, questions = survey
    url = reverse("insight:answer", args=[survey.token])
    too_quick = _post_answer(client, url, {"target_group": "young_people", f"q{questions['scale'].pk}": "3"})
    assert "för snabbt" in too_quick.content.decode()
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    honeypot = _post_answer(client, url, {"target_group": "young_people", f"q{questions['scale'].pk}": "3",
                                          "website": "http://spam.invalid"})
    assert "för snabbt" in honeypot.content.decode()
    services_surveys.survey_close(actor=_system(), survey=survey)
    closed = client.get(url).content.decode()
    assert "Enkäten är stängd" in closed
    with pytest.raises(ValidationError):
        answer(survey, questions)
    assert not Response.objects.exists()


def _system():
    from tillsammans.core.access import Actor

    return Actor.for_system("test")


def test_results_show_a_chart_per_question_and_suppress_small_counts(survey, leader, world):
    survey, questions = survey
    for _ in range(6):
        answer(survey, questions, group="young_people", area=world["district_a"], scale=4, single=0, multiple=(0, 1),
               text="Mer öppet på kvällar")
    for _ in range(3):
        answer(survey, questions, group="guardians", area=world["district_b"], scale=2, single=1, multiple=(1,))
    body = client_for(leader).get(reverse("insight:survey_results", args=[survey.pk])).content.decode()
    assert body.count('<svg role="img"') == 3  # scale, one choice, several choices; not the free text
    assert "<title id=\"q{}-title\">".format(questions["scale"].pk) in body
    # nine answers: six young people (shown), three guardians (<5); the guardians' row total is <5 too
    assert "Svar totalt: 9." in body
    assert "&lt;5" in body
    # the scale's "2" has three answers: suppressed; the "4" with six would give it away from the
    # total of nine, so it is hidden as well
    scale_chart = body.split('id="q{}-title"'.format(questions["scale"].pk))[1].split("</svg>")[0]
    assert "&lt;5" in scale_chart and ">6 (" not in scale_chart
    assert "medelvärde 3,3" in body  # (6 × 4 + 3 × 2) / 9


def _undetermined(table) -> None:
    """No suppressed number follows from the shown ones along any row or column."""
    lines = [[table.cell(r, c) for c in table.columns] + [table.row_totals[r]] for r in table.rows]
    lines += [[table.cell(r, c) for r in table.rows] + [table.column_totals[c]] for c in table.columns]
    lines += [[table.row_totals[r] for r in table.rows] + [table.total]]
    lines += [[table.column_totals[c] for c in table.columns] + [table.total]]
    for line in lines:
        hidden = [entry for entry in line if entry.suppressed]
        assert len(hidden) != 1, line


def test_breakdowns_by_group_and_area_have_secondary_suppression(survey, world):
    from tillsammans.insight.selectors_surveys import results

    survey, questions = survey
    for _ in range(6):
        answer(survey, questions, group="young_people", area=world["district_a"], scale=4, single=0)
    for _ in range(3):
        answer(survey, questions, group="guardians", area=world["district_b"], scale=2, single=1)
    found = results(survey)
    table = found.by_group
    assert table.cell("guardians", world["district_b"].pk).suppressed  # 3 answers
    assert table.row_totals["guardians"].suppressed and table.column_totals[world["district_b"].pk].suppressed
    # 9 in all and 6 young people would give the guardians' 3 away: one more is hidden
    assert table.total.suppressed or table.row_totals["young_people"].suppressed
    _undetermined(table)
    scale = next(q for q in found.questions if q.question == questions["scale"])
    for breakdown in (scale.by_group, scale.by_area):
        _undetermined(breakdown)
        assert any(s.suppressed for s in breakdown.cells.values())
    assert [o.shown.public for o in scale.options] == [0, None, 0, None, 0]
    assert scale.mean is not None and str(scale.mean) == "3.3"


def test_staff_do_not_see_results_and_managers_do(survey, world):
    survey, _questions = survey
    staff = client_for(MembershipFactory(role=Role.STAFF, unit=world["preschool_a"]))
    manager = client_for(MembershipFactory(role=Role.MANAGER, unit=world["preschool_a"]))
    url = reverse("insight:survey_results", args=[survey.pk])
    assert staff.get(url).status_code == 403
    assert manager.get(url).status_code == 200
    assert manager.get(reverse("insight:survey", args=[survey.pk])).status_code == 403
    other = client_for(MembershipFactory(role=Role.COORDINATOR, unit=world["preschool_b"]))
    assert other.get(reverse("insight:survey", args=[survey.pk])).status_code == 403


def test_free_text_is_exported_as_csv_and_xlsx_without_who_or_when(survey, leader, world):
    survey, questions = survey
    texts = ["Mer öppet på kvällar", "=HYPERLINK(\"http://x\",\"y\")", "Fler fritidsgårdar"]
    for index in range(5):
        answer(survey, questions, group="young_people", text=texts[index % 3])
    answer(survey, questions, group="guardians", text="Stöd i föräldraskapet")
    client = client_for(leader)
    csv_body = client.get(reverse("insight:free_text_csv", args=[survey.pk])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_body), delimiter=";"))
    assert rows[0] == ["Frågans nummer", "Fråga", "Målgrupp", "Svar"]
    assert len(rows) == 7
    assert {row[3] for row in rows[1:]} == {"Mer öppet på kvällar", "'=HYPERLINK(\"http://x\",\"y\")",
                                            "Fler fritidsgårdar", "Stöd i föräldraskapet"}
    # five young people: the group is named; one guardian: not
    assert {row[2] for row in rows[1:] if row[3] != "Stöd i föräldraskapet"} == {"Unga"}
    assert [row[2] for row in rows[1:] if row[3] == "Stöd i föräldraskapet"] == [""]
    response = client.get(reverse("insight:free_text_xlsx", args=[survey.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Frågans nummer", "Fråga", "Målgrupp", "Svar"] and len(values) == 7
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_questions_lock_once_open_and_the_survey_can_be_closed_reopened_and_removed(survey, leader):
    survey, questions = survey
    client = client_for(leader)
    page = client.post(reverse("insight:question_remove", args=[survey.pk, questions["text"].pk]), follow=True)
    assert "bara ändras medan enkäten är ett utkast" in page.content.decode()
    client.post(reverse("insight:survey_close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == "closed"
    client.post(reverse("insight:survey_open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == "open"
    answer(survey, questions)
    change = client.post(reverse("insight:survey_edit", args=[survey.pk]), {
        "title": survey.title, "target_groups": ["professionals"], "languages": ["sv", "en"]})
    assert "har svar" in change.content.decode()
    assert "1 svar" in client.get(reverse("insight:survey_delete", args=[survey.pk])).content.decode()
    client.post(reverse("insight:survey_delete", args=[survey.pk]))
    assert not Survey.objects.exists() and not Response.objects.exists()


def test_a_draft_can_reorder_and_remove_questions(leader, world):
    survey, questions = build_survey(leader, world, open_=False)
    client = client_for(leader)
    client.post(reverse("insight:question_move", args=[survey.pk, questions["text"].pk]), {"direction": "up"})
    assert list(survey.questions.values_list("pk", flat=True)) == [
        questions["scale"].pk, questions["single"].pk, questions["text"].pk, questions["multiple"].pk]
    client.post(reverse("insight:question_remove", args=[survey.pk, questions["single"].pk]))
    assert survey.questions.count() == 3
    edit = client.post(reverse("insight:question_edit", args=[survey.pk, questions["scale"].pk]), {
        "kind": "scale", "text_sv": "Jag vet vart jag vänder mig", "text_en": "I know where to turn"})
    assert edit.status_code == 302
    questions["scale"].refresh_from_db()
    assert questions["scale"].text["sv"] == "Jag vet vart jag vänder mig"


def test_anonymous_client_sees_the_public_page_without_a_session(survey):
    survey, _questions = survey
    client = Client()
    client.get(reverse("insight:answer", args=[survey.token]))
    assert "sessionid" not in client.cookies


def test_the_coordinators_overview_lists_open_surveys(survey, leader):
    survey, _questions = survey
    body = client_for(leader).get(reverse("core:home")).content.decode()
    assert "Enkäter och nyhetsbrev" in body and survey.title in body and "Öppen för svar, 0 svar" in body
