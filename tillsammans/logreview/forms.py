from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.core.models import AuditAction
from tillsammans.logreview.models import LogReview
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Unit

FLAG_CHOICES = [("", _("All events")), ("emergency", _("Emergency access")),
                ("protected", _("Protected identity")), ("many", _("Many children in a short time")),
                ("night", _("Outside office hours")), ("refused", _("Refused access")),
                ("probing", _("Repeated refusals by one person"))]


class FilterForm(StyledMixin, forms.Form):
    user = forms.CharField(label=_("User"), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.order_by("name"), required=False)
    personal_number = forms.CharField(label=_("Child's personal identity number"), required=False)
    action = forms.ChoiceField(label=_("Action"), choices=[("", _("All")), *AuditAction.choices], required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    flag = forms.ChoiceField(label=_("Flag"), choices=FLAG_CHOICES, required=False)


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
