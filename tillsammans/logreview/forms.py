from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.core.models import AuditAction
from tillsammans.core.widgets import InlineRenderer
from tillsammans.logreview.models import LogReview
from tillsammans.organisations.forms import StyledMixin

FLAG_CHOICES = [("", _("All events")), ("emergency", _("Emergency access")),
                ("protected", _("Protected identity")), ("many", _("Many children in a short time")),
                ("night", _("Outside office hours")), ("refused", _("Refused access")),
                ("probing", _("Repeated refusals by one person"))]


class FilterForm(StyledMixin, forms.Form):
    """Filters for the log review. A person or a unit is found by a search (the beginning of a name)
    and then picked from the matches, never chosen from a list of every unit. Its inputs and selects
    are written out in Python (core.widgets): on a page of 50 rows they cost more than the rows."""

    default_renderer = InlineRenderer

    user = forms.CharField(label=_("User"), required=False, max_length=100,
                           help_text=_("The beginning of a name or user name; then pick the person."))
    user_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=100,
                           help_text=_("The beginning of the unit's name; then pick the unit."))
    unit_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    personal_number = forms.CharField(label=_("Child's personal identity number"), required=False)
    action = forms.ChoiceField(label=_("Action"), choices=[("", _("All")), *AuditAction.choices], required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    flag = forms.ChoiceField(label=_("Flag"), choices=FLAG_CHOICES, required=False)
    before = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    after = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def clean(self):
        from tillsammans.logreview.selectors import BadCursor, parse_cursor

        data = super().clean()
        for name in ("before", "after"):
            if data.get(name):
                try:
                    parse_cursor(data[name])
                except BadCursor:
                    raise forms.ValidationError(
                        _("The page link is not valid. Start again from the newest events.")) from None
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class ReviewForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = LogReview
        fields = ["period_from", "period_to", "scope", "conclusion", "follow_up_needed"]
        widgets = {"period_from": forms.DateInput(attrs={"type": "date"}),
                   "period_to": forms.DateInput(attrs={"type": "date"}),
                   "scope": forms.Textarea(attrs={"rows": 3}), "conclusion": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("period_from") and data.get("period_to") and data["period_to"] < data["period_from"]:
            self.add_error("period_to", _("The end date is before the start date."))
        return data


class ExtractForm(StyledMixin, forms.Form):
    personal_number = forms.CharField(label=_("Child's personal identity number"))
