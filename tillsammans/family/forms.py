"""Forms of the family's own door: short, one question a fieldset, errors that keep what was typed."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.childplans.models import InformationCategory, MeetingInvitation  # noqa: F401
from tillsammans.family.models import MeetingAnswer, NoticeChoice
from tillsammans.family.subject import LANGUAGES
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Unit

REQUIRED = {"required": _("Answer this question.")}


class UnitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _units(ids):
    return Unit.objects.filter(pk__in=ids).order_by("name")


def _valid_to():
    return forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("At most one year from today."), error_messages=REQUIRED)


class ConsentGiveForm(StyledMixin, forms.Form):
    def __init__(self, *args, unit_ids, young: bool, own: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"] = UnitChoice(queryset=_units(unit_ids), widget=forms.CheckboxSelectMultiple,
                                          label=_("Who may share information with each other"),
                                          error_messages=REQUIRED)
        self.fields["categories"] = UnitChoice(queryset=InformationCategory.objects.all(),
                                               widget=forms.CheckboxSelectMultiple,
                                               label=_("What kind of information"), error_messages=REQUIRED)
        self.fields["valid_to"] = _valid_to()
        self.initial.setdefault("valid_to", timezone.localdate() + timedelta(days=365))
        if own:
            self.fields["words"] = forms.CharField(label=_("In your own words: what do you agree to?"),
                                                   widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)
        elif young:
            self.fields["child_view"] = forms.CharField(
                label=_("The young person's own view of the consent"), widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Your child is 15 or older. Write what they think, in their words – or ask them to "
                            "log in and answer themselves."), error_messages=REQUIRED)

    def clean_valid_to(self):
        value = self.cleaned_data["valid_to"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("The date has already passed."))
        if value > today + timedelta(days=366):
            raise forms.ValidationError(_("A consent is valid for at most one year."))
        return value


class UnitsForm(StyledMixin, forms.Form):
    """Join or withdraw: the units concerned."""

    def __init__(self, *args, unit_ids, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"] = UnitChoice(queryset=_units(unit_ids), widget=forms.CheckboxSelectMultiple,
                                          label=label, error_messages=REQUIRED)


class ObjectionForm(StyledMixin, forms.Form):
    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = forms.ModelChoiceField(
            queryset=_units(unit_ids), required=False, label=_("What do you object to?"),
            empty_label=_("The plan as a whole"), widget=forms.Select(attrs={"class": "ds-input"}))
        self.fields["words"] = forms.CharField(label=_("Why? Write in your own words."),
                                               widget=forms.Textarea(attrs={"rows": 4}), error_messages=REQUIRED)


class AnswerForm(StyledMixin, forms.Form):
    answer = forms.ChoiceField(label=_("Are you coming to the meeting?"), choices=MeetingAnswer.Answer.choices,
                               widget=forms.RadioSelect, error_messages=REQUIRED)


class TextForm(StyledMixin, forms.Form):
    text = forms.CharField(label=_("Write here"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages=REQUIRED)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label


class RatingForm(StyledMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from tillsammans.childplans import wellbeing

        scale = [(str(n), str(n)) for n in wellbeing.SCALE]
        for code, label, _sv in wellbeing.INDICATORS:
            self.fields[code] = forms.TypedChoiceField(label=label, choices=scale, coerce=int,
                                                       widget=forms.RadioSelect, error_messages=REQUIRED)
        self.fields["comment"] = forms.CharField(label=_("Anything you want to add"), required=False,
                                                 max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class NoticeForm(StyledMixin, forms.Form):
    channel = forms.ChoiceField(label=_("How do you want to be told that something is new?"),
                                choices=NoticeChoice.Channel.choices, widget=forms.RadioSelect, error_messages=REQUIRED)
    language = forms.ChoiceField(label=_("Language of the messages"), choices=LANGUAGES, error_messages=REQUIRED)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES,
                                 widget=forms.Select(attrs={"class": "ds-input"}))
