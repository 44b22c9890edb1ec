"""Forms for the mapping of collaboration."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.core.pickers import PickingFormMixin, UnitPickerField
from tillsammans.insight.models_mapping import CollaborationForm, CollaborationKind, Finding, FindingTag, Maturity
from tillsammans.insight.models_surveys import TargetGroup
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area, Unit


class CollaborationFormForm(PickingFormMixin, StyledMixin, forms.Form):
    """A collaboration in the mapping. Its units are picked by a search on the beginning of their
    name (core.pickers), never from a list of every unit."""

    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. Familjecentralen Norrmora."))
    kind = forms.ChoiceField(label=_("Kind"), choices=CollaborationKind.choices)
    description = forms.CharField(label=_("How the collaboration works"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    units = UnitPickerField(label=_("Participating units"), queryset=Unit.objects.none())
    areas = forms.ModelMultipleChoiceField(label=_("Areas"), queryset=Area.objects.none(), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    target_groups = forms.MultipleChoiceField(label=_("Target groups"), choices=TargetGroup.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    since = forms.IntegerField(label=_("Since (year)"), required=False, min_value=1950, max_value=2100)
    maturity = forms.TypedChoiceField(label=_("Maturity"), choices=Maturity.choices, coerce=int,
                                      widget=forms.RadioSelect, initial=Maturity.STARTED)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["areas"].queryset = Area.objects.current().filter(
            kind__in=["county", "municipality", "district"]).order_by("name")
        for name in ("units", "areas", "target_groups", "maturity"):
            self.fields[name].widget.attrs.pop("class", None)

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "kind": data["kind"], "description": data.get("description", ""),
                "units": list(data["units"]), "areas": list(data.get("areas") or []),
                "target_groups": list(data.get("target_groups") or []), "since": data.get("since"),
                "maturity": data["maturity"]}

    @staticmethod
    def initial_for(form: CollaborationForm) -> dict:
        return {"name": form.name, "kind": form.kind, "description": form.description,
                "units": list(form.units.values_list("pk", flat=True)),
                "areas": list(form.areas.all()), "target_groups": form.target_groups, "since": form.since,
                "maturity": form.maturity}


class FindingForm(StyledMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Success factor or challenge"), choices=Finding.Kind.choices,
                             widget=forms.RadioSelect)
    tag = forms.ChoiceField(label=_("Theme"), choices=FindingTag.choices)
    text = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs.pop("class", None)


class DocumentForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, OpenDocument or text, at most 10 MB."))
