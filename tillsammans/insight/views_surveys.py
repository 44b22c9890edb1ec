"""Survey pages for staff: the list, build (questions in every language), open and close, single-use
links, results with a chart per question, and the free-text export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tillsammans.core import fragments
from tillsammans.core.access import allowed, policy, require
from tillsammans.insight import charts, exports, selectors_surveys, services_surveys
from tillsammans.insight.forms_surveys import LANGUAGE_NAMES, LinksForm, QuestionForm, SurveyForm, TranslationForm
from tillsammans.insight.models_surveys import Question, QuestionKind, Survey, SurveyStatus
from tillsammans.organisations.views_edit import _try


def _survey(request, pk: int, policy_name: str = "insight.manage_survey") -> Survey:
    survey = get_object_or_404(Survey, pk=pk)
    require(request.actor, policy_name, survey)
    return survey


def _form_data(form: SurveyForm) -> dict:
    data = form.cleaned_data
    return {"title": data["title"], "introduction": data.get("introduction", ""),
            "target_groups": list(data["target_groups"]), "languages": list(data["languages"]),
            "areas": list(data.get("areas") or []), "one_answer_per_link": data.get("one_answer_per_link", False),
            "closes_on": data.get("closes_on")}


@policy("insight.survey_results")
def survey_list(request):
    page = Paginator(selectors_surveys.surveys_for(request.actor), 25).get_page(request.GET.get("page"))
    return render(request, "insight/survey_list.html", {
        "page_obj": page, "surveys": page.object_list, "can_create": allowed(request.actor, "insight.manage")})


@policy("insight.manage")
def survey_create(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("s", services_surveys.survey_create(
                actor=request.actor, **_form_data(form)))):
            messages.success(request, _("The survey was created. Add its questions."))
            return redirect("insight:survey", created["s"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New survey"),
                                              "cancel_url": "insight:survey_list"})


@policy("insight.manage")
def survey_edit(request, pk: int):
    survey = _survey(request, pk)
    form = SurveyForm(request.POST or None, initial=SurveyForm.initial_for(survey))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_surveys.survey_change(actor=request.actor, survey=survey, **_form_data(form))):
            messages.success(request, _("The survey was saved."))
            return redirect("insight:survey", survey.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Change %(title)s") % {"title": survey.title},
                                              "cancel_href": reverse("insight:survey", args=[survey.pk])})


@policy("insight.manage")
def survey_detail(request, pk: int):
    survey = _survey(request, pk)
    questions = list(survey.questions.all())
    return render(request, "insight/survey_detail.html", {
        "survey": survey, "questions": questions, "languages": [LANGUAGE_NAMES[c] for c in survey.languages],
        "public_url": request.build_absolute_uri(reverse("insight:answer", args=[survey.token])),
        "answers": survey.responses.count(), "draft": survey.status == SurveyStatus.DRAFT,
        "links": survey.links.count(), "used_links": survey.links.exclude(used_on=None).count(),
        "language_links": [(code, LANGUAGE_NAMES[code]) for code in survey.languages]})


@policy("insight.manage")
def survey_translate(request, pk: int):
    survey = _survey(request, pk)
    form = TranslationForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_surveys.survey_translate(actor=request.actor, survey=survey,
                                                                 translations=form.translations())):
            messages.success(request, _("The translations were saved."))
            return redirect("insight:survey", survey.pk)
    return render(request, "form_page.html", {"form": form, "title": _("Title and introduction in other languages"),
                                              "cancel_href": reverse("insight:survey", args=[survey.pk])})


@policy("insight.manage")
def question_add(request, pk: int):
    survey = _survey(request, pk)
    form = QuestionForm(request.POST or None, survey=survey, initial={"kind": QuestionKind.SCALE})
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_surveys.question_add(
                actor=request.actor, survey=survey, kind=form.cleaned_data["kind"], text=form.texts(),
                choices=form.choices(), required=form.cleaned_data["required"])):
            messages.success(request, _("The question was added."))
            return redirect(reverse("insight:survey", args=[survey.pk]) + "#fragor")
    return render(request, "form_page.html", {"form": form, "title": _("New question in %(title)s") % {
        "title": survey.title}, "cancel_href": reverse("insight:survey", args=[survey.pk])})


def _question(request, pk: int, question_pk: int) -> Question:
    survey = _survey(request, pk)
    return get_object_or_404(Question.objects.select_related("survey"), pk=question_pk, survey=survey)


@policy("insight.manage")
def question_edit(request, pk: int, question_pk: int):
    question = _question(request, pk, question_pk)
    survey = question.survey
    form = QuestionForm(request.POST or None, survey=survey, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_surveys.question_change(
                actor=request.actor, question=question, kind=form.cleaned_data["kind"], text=form.texts(),
                choices=form.choices(), required=form.cleaned_data["required"])):
            messages.success(request, _("The question was saved."))
            return redirect(reverse("insight:survey", args=[survey.pk]) + "#fragor")
    return render(request, "form_page.html", {"form": form, "title": _("Change the question"),
                                              "cancel_href": reverse("insight:survey", args=[survey.pk])})


def _act(request, survey: Survey, action, success: str):
    try:
        action()
        messages.success(request, success)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("insight:survey", survey.pk)


@policy("insight.manage")
@require_POST
def question_remove(request, pk: int, question_pk: int):
    question = _question(request, pk, question_pk)
    return _act(request, question.survey, lambda: services_surveys.question_remove(
        actor=request.actor, question=question), _("The question was removed."))


@policy("insight.manage")
@require_POST
def question_move(request, pk: int, question_pk: int):
    question = _question(request, pk, question_pk)
    return _act(request, question.survey, lambda: services_surveys.question_move(
        actor=request.actor, question=question, up=request.POST.get("direction") == "up"), _("The order was saved."))


@policy("insight.manage")
@require_POST
def survey_open(request, pk: int):
    survey = _survey(request, pk)
    return _act(request, survey, lambda: services_surveys.survey_open(actor=request.actor, survey=survey),
                _("The survey is open: share the link."))


@policy("insight.manage")
@require_POST
def survey_close(request, pk: int):
    survey = _survey(request, pk)
    return _act(request, survey, lambda: services_surveys.survey_close(actor=request.actor, survey=survey),
                _("The survey is closed: no more answers are taken."))


@policy("insight.manage")
def survey_delete(request, pk: int):
    survey = _survey(request, pk)
    if request.method == "POST":
        services_surveys.survey_delete(actor=request.actor, survey=survey)
        messages.success(request, _("The survey and its answers were removed."))
        return redirect("insight:survey_list")
    return render(request, "insight/confirm_delete.html", {
        "title": _("Remove %(title)s?") % {"title": survey.title},
        "text": _("The survey, its questions and its %(n)s answers are removed for good.") % {
            "n": survey.responses.count()},
        "cancel_href": reverse("insight:survey", args=[survey.pk])})


@policy("insight.manage")
def survey_links(request, pk: int):
    survey = _survey(request, pk)
    form = LinksForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _try(form, lambda: services_surveys.links_create(actor=request.actor, survey=survey,
                                                             count=form.cleaned_data["count"])):
            messages.success(request, _("The links were made."))
            return redirect("insight:survey_links", survey.pk)
    links = Paginator(survey.links.all(), 100).get_page(request.GET.get("page"))
    if request.GET.get("format") == "csv":
        rows = [[_("Link"), _("Used on")]] + [
            [request.build_absolute_uri(reverse("insight:answer", args=[link.token])), link.used_on or ""]
            for link in survey.links.all()]
        response = HttpResponse(exports.links_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="enkat-{survey.pk}-lankar.csv"'
        return response
    return render(request, "insight/survey_links.html", {
        "survey": survey, "form": form, "page_obj": links, "links": [
            (request.build_absolute_uri(reverse("insight:answer", args=[link.token])), link) for link in links]})


@policy("insight.survey_results")
def survey_results(request, pk: int):
    survey = get_object_or_404(Survey, pk=pk)

    def context() -> dict:
        results = selectors_surveys.results(survey)
        groups, areas = dict(results.groups), dict(results.areas)
        overall = selectors_surveys.grid(results.by_group, caption=_("Answers by target group and area"),
                                         corner=_("Target group"), row_names=groups, column_names=areas)
        for item in results.questions:
            if not item.options:
                continue
            title = _("Question %(n)s: %(text)s") % {"n": item.number, "text": item.question.text_in("sv")}
            item.chart = charts.bar_chart(
                title=title, prefix=f"q{item.question.pk}",
                bars=[charts.Bar(label=o.label, value=o.shown.public,
                                 text=str(o.shown) + (f" ({o.share} %)" if o.share is not None else ""))
                      for o in item.options])
            labels = {value: option.label for value, option in zip(item.by_group.rows, item.options, strict=True)}
            item.group_grid = selectors_surveys.grid(
                item.by_group, caption=_("Question %(n)s by target group") % {"n": item.number}, corner=_("Answer"),
                row_names=labels, column_names=groups)
            if item.by_area is not None:
                item.area_grid = selectors_surveys.grid(
                    item.by_area, caption=_("Question %(n)s by area") % {"n": item.number}, corner=_("Answer"),
                    row_names=labels, column_names=areas)
        texts_page, texts = selectors_surveys.free_text_page(
            survey, request.GET.get("page"), {item.question.pk: item.number for item in results.questions})
        return {"survey": survey, "results": results, "overall": overall, "texts": texts, "page_obj": texts_page,
                "any_text_question": any(item.question.kind == QuestionKind.TEXT for item in results.questions)}

    # The results are the same for everyone who may read them: a cached part of the page until an
    # answer or the survey changes (ADR 0026); the suppression rules ran when it was built.
    body = fragments.render_part(request, "survey_results", [survey.pk], "insight/_survey_results_body.html",
                                 context)
    return render(request, "insight/survey_results.html", {
        "survey": survey, "body": body,
        "can_manage": allowed(request.actor, "insight.manage_survey", survey)})


def _free_text(pk: int, fmt: str) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    if fmt == "csv":
        response = HttpResponse(exports.free_text_csv(survey), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.free_text_xlsx(survey), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="enkat-{survey.pk}-fritext.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@policy("insight.survey_results")
def free_text_csv(request, pk: int):
    return _free_text(pk, "csv")


@policy("insight.survey_results")
def free_text_xlsx(request, pk: int):
    return _free_text(pk, "xlsx")
