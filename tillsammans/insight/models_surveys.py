"""Needs surveys (behovsanalys, tjänstedesign): questions in several languages for one or more target
groups, answered through a public link without login.

An answer is anonymous by construction: a :class:`Response` has no person, no address, no cookie
or session id and no time finer than the day. When a survey hands out single-use links, the link
only knows that it was used (and on which day), never which response it gave."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    YOUNG_PEOPLE = "young_people", _("Young people")
    GUARDIANS = "guardians", _("Guardians")
    PROFESSIONALS = "professionals", _("Professionals")


# Languages a survey can be written in, named in their own language (shown to respondents).
SURVEY_LANGUAGES = [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi"), ("ar", "العربية"),
                    ("uk", "Українська")]
RIGHT_TO_LEFT = {"ar"}


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    translations = models.JSONField(_("title and introduction in other languages"), default=dict, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    areas = models.ManyToManyField("organisations.Area", blank=True, related_name="+",
                                   verbose_name=_("areas respondents choose among"))
    status = models.CharField(_("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    one_answer_per_link = models.BooleanField(_("one answer per link"), default=False)
    token = models.CharField(_("public link"), max_length=40, unique=True)
    owner = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("owner"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closes_on = models.DateField(_("last day to answer"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("title") or self.title

    def introduction_in(self, language: str) -> str:
        return (self.translations.get(language) or {}).get("introduction") or self.introduction

    @property
    def primary_language(self) -> str:
        return self.languages[0] if self.languages else "sv"


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 1–5")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    required = models.BooleanField(_("an answer is required"), default=False)
    text = models.JSONField(_("question, per language"), default=dict)
    choices = models.JSONField(_("choices, per language"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text_in("sv")

    def text_in(self, language: str = "sv") -> str:
        return self.text.get(language) or next(iter(self.text.values()), "")

    def choices_in(self, language: str = "sv") -> list[str]:
        primary = next(iter(self.choices.values()), [])
        return self.choices.get(language) or primary

    @property
    def option_count(self) -> int:
        if self.kind == QuestionKind.SCALE:
            return 5
        return len(next(iter(self.choices.values()), []))


class SurveyLink(models.Model):
    """A single-use link: it knows whether and on which day it was used, never which answer it gave."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links", verbose_name=_("survey"))
    token = models.CharField(_("link"), max_length=40, unique=True)
    used_on = models.DateField(_("used on"), null=True, blank=True)

    class Meta:
        verbose_name = _("single-use link")
        verbose_name_plural = _("single-use links")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.token[:6]}…"


class Response(models.Model):
    """One person's answers: which target group and area they said, the language, the day. Nothing
    else: no user, no address, no cookie or session id, no time of day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("area"))
    language = models.CharField(_("language"), max_length=5, default="sv")
    answered_on = models.DateField(_("answered on"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["survey", "target_group"])]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.answered_on}"


class Answer(models.Model):
    """The answer to one question: a scale value 1–5, the number of a chosen option (one row per
    option for several choices), or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("response"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("question"))
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "value"])]
        constraints = [models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__lte=50),
                                              name="answer_value_small")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value if self.value is not None else self.text[:20]}"
