"""The public survey page (``/enkat/<token>/``): no login, no session, no message cookie. The answer
is stored without the address, a cookie id or a user id; the thank-you page is a plain redirect."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from tillsammans.core import publicforms
from tillsammans.core.access import PUBLIC, policy
from tillsammans.core.params import choice_param
from tillsammans.insight import services_surveys
from tillsammans.insight.forms_surveys import LANGUAGE_NAMES, AnswerForm
from tillsammans.insight.models_surveys import RIGHT_TO_LEFT, Survey, SurveyLink
from tillsammans.organisations.models import Area
from tillsammans.organisations.views_edit import _try

RATE_LIMIT = 200
"""Answers per client address and hour: a whole school class may answer from one address."""


def _resolve(token: str) -> tuple[Survey, SurveyLink | None]:
    survey = Survey.objects.filter(token=token, one_answer_per_link=False).first()
    if survey is not None:
        return survey, None
    link = SurveyLink.objects.select_related("survey").filter(token=token, survey__one_answer_per_link=True).first()
    if link is None:
        raise Http404
    return link.survey, link


@policy(PUBLIC)
def answer(request, token: str):
    survey, link = _resolve(token)
    language = choice_param(request, "sprak", survey.languages, survey.primary_language)
    state = services_surveys.answering_state(survey, link)
    thanks = request.GET.get("tack") == "1"
    form = AnswerForm(request.POST or None, survey=survey, language=language)
    if request.method == "POST" and state == "open":
        if not publicforms.refuse(request, form, scope="insight.survey", limit=RATE_LIMIT) and form.is_valid():
            area_id = form.area_id()
            area = Area.objects.filter(pk=area_id).first() if area_id else None
            if _try(form, lambda: services_surveys.response_submit(
                    survey=survey, link=link, language=language, target_group=form.target_group(), area=area,
                    answers=form.answers())):
                return redirect(f"{reverse('insight:answer', args=[token])}?sprak={language}&tack=1")
    return render(request, "insight/answer.html", {
        "survey": survey, "form": form, "words": form.words, "language": language, "state": state,
        "thanks": thanks, "rtl": language in RIGHT_TO_LEFT, "title": survey.title_in(language),
        "introduction": survey.introduction_in(language),
        "languages": [(code, LANGUAGE_NAMES[code]) for code in survey.languages if len(survey.languages) > 1]})
