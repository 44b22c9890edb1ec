"""Forms for indicators: the definition, a value, a target, a CSV file and a Kolada fetch."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.core import indicators
from tillsammans.insight.models_indicators import Direction, Indicator, IndicatorSource
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area
from tillsammans.planning.models import SubGoal

MAX_UPLOAD = 2 * 1024 * 1024


class IndicatorForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("What it shows"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.CharField(label=_("Unit"), max_length=40, help_text=_("E.g. %, number, days, per 1 000 children."))
    good = forms.ChoiceField(label=_("Good direction"), choices=Direction.choices, required=False,
                             widget=forms.RadioSelect)
    decimals = forms.IntegerField(label=_("Decimals shown"), min_value=0, max_value=3, initial=1)
    source = forms.ChoiceField(label=_("Source"), choices=IndicatorSource.choices, widget=forms.RadioSelect)
    kolada_kpi = forms.CharField(label=_("Kolada key figure (KPI id)"), max_length=20, required=False,
                                 help_text=_("Only for Kolada, e.g. N15419."))
    measure_code = forms.ChoiceField(label=_("Computed measure"), required=False,
                                     help_text=_("Only for values computed in Tillsammans."))
    about_people = forms.BooleanField(label=_("The values count people (fewer than five are shown as <5)"),
                                      required=False)
    on_dashboard = forms.BooleanField(label=_("Show on the dashboards"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_code"].choices = [("", "–")] + [(m.code, str(m.name)) for m in indicators.measures()]
        for name in ("good", "source"):
            self.fields[name].widget.attrs.pop("class", None)

    @staticmethod
    def initial_for(indicator: Indicator) -> dict:
        return {name: getattr(indicator, name) for name in (
            "name", "description", "unit", "good", "decimals", "source", "kolada_kpi", "measure_code", "about_people",
            "on_dashboard")}


def _year_field(label=None):
    return forms.IntegerField(label=label or _("Year"), min_value=1990, max_value=2100,
                              initial=lambda: timezone.localdate().year - 1)


class ValueForm(StyledMixin, forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    year = _year_field()
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=3, localize=True)
    n = forms.IntegerField(label=_("Number of people behind the value"), min_value=0, required=False,
                           help_text=_("Values about fewer than five people are shown as <5."))

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class TargetForm(StyledMixin, forms.Form):
    year = _year_field()
    value = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=3, localize=True)
    area = forms.ModelChoiceField(label=_("Area (empty: every area)"), queryset=Area.objects.none(), required=False)
    sub_goal = forms.ModelChoiceField(label=_("Action-plan sub-goal it follows up"), required=False,
                                      queryset=SubGoal.objects.none())

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["sub_goal"].queryset = SubGoal.objects.select_related("goal_area__template").order_by(
            "-goal_area__template__year", "goal_area__order", "order", "number")
        self.fields["sub_goal"].label_from_instance = lambda s: (
            f"{s.goal_area.template.year} · {s.number} {s.title}"[:120])


class ImportForm(StyledMixin, forms.Form):
    file = forms.FileField(label=_("CSV file with values"),
                           help_text=_("Columns: indikator;område;år;värde and, if you like, antal."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class KoladaForm(StyledMixin, forms.Form):
    first_year = _year_field(_("From year"))
    last_year = _year_field(_("To year"))
    answer = forms.FileField(label=_("Answer saved from Kolada (JSON)"), required=False,
                             help_text=_("Needed when this installation does not fetch from Kolada itself."))

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and not 0 <= last - first <= 20:
            self.add_error("last_year", _("Give at most 20 years, the last not before the first."))
        upload = data.get("answer")
        if upload and upload.size > MAX_UPLOAD:
            self.add_error("answer", _("The file is larger than 2 MB."))
        return data


class ComputeForm(StyledMixin, forms.Form):
    first_year = _year_field(_("From year"))
    last_year = _year_field(_("To year"))

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and not 0 <= last - first <= 10:
            self.add_error("last_year", _("Give at most ten years, the last not before the first."))
        return data
