"""The public forms of parenting support: a parent's sign-up (the shared bot guard of
core.publicforms) and the anonymous evaluation. Their texts are in the public pages' catalogues."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.core.publicforms import BotGuardForm
from tillsammans.core.sms import normalise_phone
from tillsammans.organisations.forms import StyledMixin
from tillsammans.support.models import AgeBand, RemindBy

EMAIL_ERRORS = {"invalid": _("Write a whole e-mail address, e.g. namn@exempel.se.")}


class PhoneField(forms.CharField):
    """A mobile number, normalised to +46… (core.sms); the error names the field, what was typed stays."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else ""


# Public ---------------------------------------------------------------------------------------------


class SignUpForm(StyledMixin, BotGuardForm):
    """A parent signs up: name, contact, the children's age band — nothing more."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    age_band = forms.ChoiceField(label=_("Your children's age"), choices=AgeBand.choices, widget=forms.RadioSelect,
                                 help_text=_("Choose the youngest child the group is for."))
    remind_by = forms.ChoiceField(label=_("Confirmation and reminders by"), choices=RemindBy.choices,
                                  initial=RemindBy.EMAIL, widget=forms.RadioSelect)
    email = forms.EmailField(label=_("E-mail"), required=False, error_messages=EMAIL_ERRORS,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = PhoneField(label=_("Mobile number"), required=False, max_length=30,
                       widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"


RATING = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(StyledMixin, forms.Form):
    rating = forms.TypedChoiceField(label=_("Overall, how was the group? (1 = poor, 5 = very good)"),
                                    choices=RATING, coerce=int, widget=forms.RadioSelect)
    helped = forms.TypedChoiceField(label=_("Has it helped you as a parent? (1 = not at all, 5 = very much)"),
                                    choices=RATING, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Anything else? (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Do not write names or anything else that tells who you are."))


