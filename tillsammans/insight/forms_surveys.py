"""Forms for building a survey and for answering it (the public one guards itself against bots)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.core.publicforms import BotGuardForm
from tillsammans.insight.models_surveys import SURVEY_LANGUAGES, QuestionKind, Survey, TargetGroup
from tillsammans.insight.survey_language import phrases
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area

LANGUAGE_NAMES = dict(SURVEY_LANGUAGES)


def survey_areas():
    return Area.objects.current().filter(kind__in=["county", "municipality", "district"]).order_by("name")


class SurveyForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text=_("Why you ask, and what the answers will be used for."))
    target_groups = forms.MultipleChoiceField(label=_("Target groups"), choices=TargetGroup.choices,
                                              widget=forms.CheckboxSelectMultiple,
                                              help_text=_("With more than one, each respondent says which group "
                                                          "they belong to."))
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=[(code, name) for code, name in SURVEY_LANGUAGES],
        widget=forms.CheckboxSelectMultiple, initial=["sv"],
        help_text=_("The first chosen in this list is the survey's own language; write each question in every "
                    "language before you open the survey."))
    areas = forms.ModelMultipleChoiceField(label=_("Areas respondents choose among"), queryset=Area.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple,
                                           help_text=_("Gives the results by area. Leave empty to not ask."))
    one_answer_per_link = forms.BooleanField(
        label=_("One answer per link (hand out single-use links instead of one shared link)"), required=False)
    closes_on = forms.DateField(label=_("Last day to answer"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = survey_areas()
        for name in ("target_groups", "languages", "areas"):
            self.fields[name].widget.attrs.pop("class", None)

    @staticmethod
    def initial_for(survey: Survey) -> dict:
        return {"title": survey.title, "introduction": survey.introduction, "target_groups": survey.target_groups,
                "languages": survey.languages, "areas": list(survey.areas.all()),
                "one_answer_per_link": survey.one_answer_per_link, "closes_on": survey.closes_on}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(StyledMixin, forms.Form):
    """The question in every language of the survey: a text, and for choices one option per line."""

    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices, widget=forms.RadioSelect)
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["kind"].widget.attrs.pop("class", None)
        for index, lang in enumerate(survey.languages):
            name = LANGUAGE_NAMES[lang]
            self.fields[f"text_{lang}"] = forms.CharField(
                label=_("Question (%(lang)s)") % {"lang": name}, max_length=500, required=index == 0,
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input", "lang": lang,
                                             "dir": "rtl" if lang == "ar" else "auto"}))
            self.fields[f"choices_{lang}"] = forms.CharField(
                label=_("Choices (%(lang)s), one per line") % {"lang": name}, required=False,
                help_text=_("Only for one or several choices."),
                widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input", "lang": lang,
                                             "dir": "rtl" if lang == "ar" else "auto"}))

    def texts(self) -> dict[str, str]:
        return {lang: self.cleaned_data.get(f"text_{lang}", "") for lang in self.survey.languages}

    def choices(self) -> dict[str, list[str]]:
        return {lang: _lines(self.cleaned_data.get(f"choices_{lang}", "")) for lang in self.survey.languages}

    @staticmethod
    def initial_for(question) -> dict:
        initial = {"kind": question.kind, "required": question.required}
        for lang, text in question.text.items():
            initial[f"text_{lang}"] = text
        for lang, options in question.choices.items():
            initial[f"choices_{lang}"] = "\n".join(options)
        return initial


class TranslationForm(StyledMixin, forms.Form):
    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        for lang in survey.languages[1:]:
            name = LANGUAGE_NAMES[lang]
            attrs = {"class": "ds-input", "lang": lang, "dir": "rtl" if lang == "ar" else "auto"}
            self.fields[f"title_{lang}"] = forms.CharField(label=_("Title (%(lang)s)") % {"lang": name},
                                                           max_length=200, widget=forms.TextInput(attrs=attrs))
            self.fields[f"introduction_{lang}"] = forms.CharField(
                label=_("Introduction (%(lang)s)") % {"lang": name}, required=False,
                widget=forms.Textarea(attrs={**attrs, "rows": 4}))
            texts = survey.translations.get(lang) or {}
            self.initial.setdefault(f"title_{lang}", texts.get("title", ""))
            self.initial.setdefault(f"introduction_{lang}", texts.get("introduction", ""))

    def translations(self) -> dict[str, dict[str, str]]:
        return {lang: {"title": self.cleaned_data.get(f"title_{lang}", ""),
                       "introduction": self.cleaned_data.get(f"introduction_{lang}", "")}
                for lang in self.survey.languages[1:]}


class LinksForm(StyledMixin, forms.Form):
    count = forms.IntegerField(label=_("Number of single-use links"), min_value=1, max_value=500, initial=30)


class AnswerForm(BotGuardForm):
    """The public questionnaire in one language, built from the survey's questions."""

    def __init__(self, *args, survey: Survey, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.language = survey, language
        words = phrases(language)
        self.words = words
        errors = {"required": words["required_error"], "invalid_choice": words["invalid"],
                  "invalid_list": words["invalid"]}
        fields: dict[str, forms.Field] = {}
        if len(survey.target_groups) > 1:
            fields["target_group"] = forms.ChoiceField(
                label=words["group"], choices=[(g, words[g]) for g in survey.target_groups],
                widget=forms.RadioSelect, error_messages=errors)
        areas = list(survey.areas.order_by("name"))
        if areas:
            fields["area"] = forms.ChoiceField(
                label=words["area"], required=False, error_messages=errors,
                choices=[("", words["no_area"]), *[(str(a.pk), a.name) for a in areas]],
                widget=forms.Select(attrs={"class": "ds-input"}))
        self.questions = list(survey.questions.all())
        scale = [(str(n), str(n)) for n in range(1, 6)]
        scale[0] = ("1", f"1 – {words['scale_low']}")
        scale[4] = ("5", f"5 – {words['scale_high']}")
        for question in self.questions:
            label, name = question.text_in(language), f"q{question.pk}"
            options = [(str(i), text) for i, text in enumerate(question.choices_in(language))]
            if question.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(choices=scale, widget=forms.RadioSelect)
            elif question.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
            else:
                field = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4, "class": "ds-input"}))
            field.label, field.required, field.error_messages = label, question.required, {
                **field.error_messages, **errors}
            fields[name] = field
        guard = {name: self.fields.pop(name) for name in self.GUARD_FIELDS}
        self.fields.update(fields)
        self.fields.update(guard)

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def target_group(self) -> str:
        return self.cleaned_data.get("target_group") or self.survey.target_groups[0]

    def area_id(self) -> int | None:
        value = self.cleaned_data.get("area")
        return int(value) if value else None
