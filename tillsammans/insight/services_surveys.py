"""Writes for needs surveys: build, translate, open and close, hand out single-use links, and store
an anonymous answer."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.insight.models_surveys import (
    SURVEY_LANGUAGES,
    Answer,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyLink,
    SurveyStatus,
    TargetGroup,
)
from tillsammans.insight.survey_language import phrases
from tillsammans.organisations.models import Area

LANGUAGE_CODES = [code for code, _name in SURVEY_LANGUAGES]
MAX_LINKS = 2000


def _guard(values: Mapping[str, object]) -> dict[str, list[str]]:
    errors = {}
    for name, text in values.items():
        try:
            pii.validate_text(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    return errors


def _check_survey(*, title: str, introduction: str, target_groups: list[str], languages: list[str]) -> None:
    errors = _guard({"title": title, "introduction": introduction})
    if not title.strip():
        errors["title"] = [_("Give the survey a title.")]
    if not target_groups or set(target_groups) - set(TargetGroup.values):
        errors["target_groups"] = [_("Choose at least one target group.")]
    if not languages or set(languages) - set(LANGUAGE_CODES):
        errors["languages"] = [_("Choose at least one language.")]
    if errors:
        raise ValidationError(errors)


def _ordered_languages(languages: Iterable[str]) -> list[str]:
    chosen = set(languages)
    return [code for code in LANGUAGE_CODES if code in chosen]


def survey_create(*, actor: Actor, title: str, introduction: str = "", target_groups: list[str],
                  languages: list[str], areas: Iterable[Area] = (), one_answer_per_link: bool = False,
                  closes_on: date | None = None) -> Survey:
    _check_survey(title=title, introduction=introduction, target_groups=target_groups, languages=languages)
    with transaction.atomic():
        survey = Survey.objects.create(
            title=title.strip(), introduction=introduction.strip(), target_groups=list(target_groups),
            languages=_ordered_languages(languages), one_answer_per_link=one_answer_per_link, closes_on=closes_on,
            token=secrets.token_urlsafe(18), owner=actor.membership)
        survey.areas.set(areas)
        audit.record(actor, AuditAction.CREATE, survey)
    return survey


def survey_change(*, actor: Actor, survey: Survey, title: str, introduction: str = "", target_groups: list[str],
                  languages: list[str], areas: Iterable[Area] = (), one_answer_per_link: bool = False,
                  closes_on: date | None = None) -> Survey:
    _check_survey(title=title, introduction=introduction, target_groups=target_groups, languages=languages)
    areas = list(areas)
    if survey.responses.exists():
        changed = (set(target_groups) != set(survey.target_groups) or
                   set(languages) != set(survey.languages) or
                   {a.pk for a in areas} != set(survey.areas.values_list("pk", flat=True)) or
                   one_answer_per_link != survey.one_answer_per_link)
        if changed:
            raise ValidationError(_("The survey has answers: its target groups, languages, areas and links can no "
                                    "longer change (the answers would no longer match). Change the title, the "
                                    "introduction or the last day, or make a new survey."))
    with transaction.atomic():
        survey.title, survey.introduction = title.strip(), introduction.strip()
        survey.target_groups, survey.languages = list(target_groups), _ordered_languages(languages)
        survey.one_answer_per_link, survey.closes_on = one_answer_per_link, closes_on
        survey.save()
        survey.areas.set(areas)
        audit.record(actor, AuditAction.UPDATE, survey)
    return survey


def survey_translate(*, actor: Actor, survey: Survey, translations: Mapping[str, Mapping[str, str]]) -> Survey:
    """Title and introduction in the survey's other languages: {language: {"title", "introduction"}}."""
    cleaned = {lang: {"title": (texts.get("title") or "").strip(),
                      "introduction": (texts.get("introduction") or "").strip()}
               for lang, texts in translations.items() if lang in survey.languages[1:]}
    errors = _guard({f"title_{lang}": t["title"] for lang, t in cleaned.items()}
                    | {f"introduction_{lang}": t["introduction"] for lang, t in cleaned.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        survey.translations = cleaned
        survey.save(update_fields=["translations"])
        audit.record(actor, AuditAction.UPDATE, survey)
    return survey


def _check_question(survey: Survey, kind: str, text: Mapping[str, str], choices: Mapping[str, list[str]]) -> None:
    errors: dict[str, list[str]] = {}
    primary = survey.primary_language
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Choose a kind of question.")]
    if not (text.get(primary) or "").strip():
        errors[f"text_{primary}"] = [_("Write the question.")]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        count = len(choices.get(primary) or [])
        if count < 2:
            errors[f"choices_{primary}"] = [_("Give at least two choices, one per line.")]
        elif count > 30:
            errors[f"choices_{primary}"] = [_("Give at most 30 choices.")]
        for lang in survey.languages[1:]:
            given = choices.get(lang) or []
            if given and len(given) != count:
                errors[f"choices_{lang}"] = [_("Give as many choices as in the first language (%(n)s), in the "
                                               "same order.") % {"n": count}]
    errors.update(_guard({f"text_{lang}": value for lang, value in text.items()}))
    errors.update(_guard({f"choices_{lang}": value for lang, value in choices.items()}))
    if errors:
        raise ValidationError(errors)


def _editable(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("Questions can only change while the survey is a draft (close it and make a copy "
                                "to ask differently)."))


def _clean_texts(survey: Survey, text: Mapping[str, str], choices: Mapping[str, list[str]], kind: str):
    text = {lang: (text.get(lang) or "").strip() for lang in survey.languages if (text.get(lang) or "").strip()}
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        choices = {lang: [c.strip() for c in choices.get(lang) or [] if c.strip()] for lang in survey.languages
                   if choices.get(lang)}
    else:
        choices = {}
    return text, choices


def question_add(*, actor: Actor, survey: Survey, kind: str, text: Mapping[str, str],
                 choices: Mapping[str, list[str]] | None = None, required: bool = False) -> Question:
    _editable(survey)
    text, choices = _clean_texts(survey, text, choices or {}, kind)
    _check_question(survey, kind, text, choices)
    with transaction.atomic():
        order = (survey.questions.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        question = Question.objects.create(survey=survey, order=order, kind=kind, required=required, text=text,
                                           choices=choices)
        audit.record(actor, AuditAction.UPDATE, survey, detail={"question": question.pk})
    return question


def question_change(*, actor: Actor, question: Question, kind: str, text: Mapping[str, str],
                    choices: Mapping[str, list[str]] | None = None, required: bool = False) -> Question:
    survey = question.survey
    _editable(survey)
    text, choices = _clean_texts(survey, text, choices or {}, kind)
    _check_question(survey, kind, text, choices)
    with transaction.atomic():
        question.kind, question.text, question.choices, question.required = kind, text, choices, required
        question.save()
        audit.record(actor, AuditAction.UPDATE, survey, detail={"question": question.pk})
    return question


def question_remove(*, actor: Actor, question: Question) -> None:
    survey = question.survey
    _editable(survey)
    with transaction.atomic():
        audit.record(actor, AuditAction.UPDATE, survey, detail={"question_removed": question.pk})
        question.delete()


def question_move(*, actor: Actor, question: Question, up: bool) -> None:
    survey = question.survey
    _editable(survey)
    questions = list(survey.questions.all())
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(questions):
        return
    questions[index], questions[other] = questions[other], questions[index]
    with transaction.atomic():
        for order, item in enumerate(questions, start=1):
            if item.order != order:
                Question.objects.filter(pk=item.pk).update(order=order)


def survey_open(*, actor: Actor, survey: Survey) -> Survey:
    questions = list(survey.questions.all())
    problems = []
    if not questions:
        problems.append(_("Add at least one question."))
    for number, question in enumerate(questions, start=1):
        missing = [lang for lang in survey.languages if not question.text.get(lang)]
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            missing += [lang for lang in survey.languages if not question.choices.get(lang) and lang not in missing]
        if missing:
            names = dict(SURVEY_LANGUAGES)
            problems.append(_("Question %(n)s is not written in %(langs)s.") % {
                "n": number, "langs": ", ".join(names[lang] for lang in missing)})
    for lang in survey.languages[1:]:
        if not (survey.translations.get(lang) or {}).get("title"):
            problems.append(_("The title is not translated into %(lang)s.") % {"lang": dict(SURVEY_LANGUAGES)[lang]})
    if survey.closes_on and survey.closes_on < timezone.localdate():
        problems.append(_("The last day to answer has passed: choose a later day."))
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        survey.status = SurveyStatus.OPEN
        survey.save(update_fields=["status"])
        audit.record(actor, AuditAction.UPDATE, survey, detail={"status": "open"})
    return survey


def survey_close(*, actor: Actor, survey: Survey) -> Survey:
    with transaction.atomic():
        survey.status = SurveyStatus.CLOSED
        survey.save(update_fields=["status"])
        audit.record(actor, AuditAction.UPDATE, survey, detail={"status": "closed"})
    return survey


def survey_delete(*, actor: Actor, survey: Survey) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETE, survey, detail={"responses": survey.responses.count()})
        survey.delete()


def links_create(*, actor: Actor, survey: Survey, count: int) -> list[SurveyLink]:
    if not survey.one_answer_per_link:
        raise ValidationError(_("The survey takes answers through its one public link; choose one answer per link "
                                "first."))
    if not 1 <= count <= 500 or survey.links.count() + count > MAX_LINKS:
        raise ValidationError({"count": [_("Make between 1 and 500 links at a time, at most %(max)s in all.")
                                         % {"max": MAX_LINKS}]})
    with transaction.atomic():
        links = SurveyLink.objects.bulk_create(
            [SurveyLink(survey=survey, token=secrets.token_urlsafe(18)) for _i in range(count)])
        audit.record(actor, AuditAction.UPDATE, survey, detail={"links": count})
    return links


def answering_state(survey: Survey, link: SurveyLink | None) -> str:
    """"open", "closed" or "used" – whether this public address takes an answer now."""
    if survey.status != SurveyStatus.OPEN or (survey.closes_on and survey.closes_on < timezone.localdate()):
        return "closed"
    if link is not None and link.used_on is not None:
        return "used"
    return "open"


def response_submit(*, survey: Survey, link: SurveyLink | None, language: str, target_group: str,
                    area: Area | None, answers: Mapping[int, object]) -> Response:
    """Store one anonymous answer. ``answers`` maps question id → 1–5 (scale), an option number
    (one choice), a list of option numbers (several choices) or a text. Nothing about the person,
    their address or their browser is stored; a single-use link is marked used in the same
    transaction, without pointing at the answer."""
    words = phrases(language)
    errors: dict[str, list[str]] = {}
    if language not in survey.languages:
        raise ValidationError(_("The survey is not written in that language."))
    if target_group not in survey.target_groups:
        errors["target_group"] = [words["invalid"]]
    if area is not None and not survey.areas.filter(pk=area.pk).exists():
        errors["area"] = [words["invalid"]]
    rows: list[Answer] = []
    for question in survey.questions.all():
        given = answers.get(question.pk)
        field = f"q{question.pk}"
        empty = given in (None, "", []) or (isinstance(given, str) and not given.strip())
        if empty:
            if question.required:
                errors[field] = [words["required_error"]]
            continue
        if question.kind == QuestionKind.TEXT:
            text = str(given).strip()[:4000]
            try:
                pii.validate_text(text)
            except ValidationError:
                errors[field] = [words["personal_data"]]
                continue
            rows.append(Answer(question=question, text=text))
            continue
        values = given if isinstance(given, (list, tuple)) else [given]
        try:
            numbers = sorted({int(v) for v in values})
        except (TypeError, ValueError):
            errors[field] = [words["invalid"]]
            continue
        low, high = (1, 5) if question.kind == QuestionKind.SCALE else (0, question.option_count - 1)
        if any(not low <= n <= high for n in numbers) or (question.kind != QuestionKind.MULTIPLE and len(numbers) > 1):
            errors[field] = [words["invalid"]]
            continue
        rows.extend(Answer(question=question, value=n) for n in numbers)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        state = answering_state(survey, None)
        if link is not None:
            link = SurveyLink.objects.select_for_update().get(pk=link.pk)
            state = answering_state(survey, link)
        if state != "open":
            raise ValidationError(words["used" if state == "used" else "closed"])
        today = timezone.localdate()
        response = Response.objects.create(survey=survey, target_group=target_group, area=area, language=language,
                                           answered_on=today)
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
        if link is not None:
            SurveyLink.objects.filter(pk=link.pk).update(used_on=today)
    return response
