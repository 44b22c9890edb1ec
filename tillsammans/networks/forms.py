from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.networks.models import NetworkKind, Theme
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area, UnitType


class ProposeForm(StyledMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    unit_types = forms.ModelMultipleChoiceField(
        label=_("Unit types wanted"), queryset=UnitType.objects.filter(active=True), to_field_name="code",
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, area_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(pk__in=area_ids).order_by("name")


class NetworkForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkKind.choices)
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    meetings_per_term = forms.IntegerField(label=_("Meetings per term"), min_value=1, max_value=6, initial=2)
    usual_minutes = forms.IntegerField(label=_("Usual length (minutes)"), min_value=30, max_value=480, initial=150)


class MinutesForm(StyledMixin, forms.Form):
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.filter(active=True),
                                            required=False, widget=forms.CheckboxSelectMultiple)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=_("Speak of children and families only in general terms."))
    decisions = forms.CharField(label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _moment(label):
    return forms.DateTimeField(label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                       format="%Y-%m-%dT%H:%M"),
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class MeetingMoveForm(StyledMixin, forms.Form):
    starts_at = _moment(_("Starts"))
    ends_at = _moment(_("Ends"))
    place = forms.CharField(label=_("Place or video link"), max_length=300)
    book_anyway = forms.BooleanField(label=_("Book anyway, even though someone is already booked then"),
                                     required=False)


class MeetingCancelForm(StyledMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Yes, cancel the meeting and tell everyone invited"))
