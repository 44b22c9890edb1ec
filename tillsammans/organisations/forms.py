"""Forms for organisations and areas. Services do the saving; these keep what was typed."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.organisations.models import Area, Authority, Principal, Unit


class StyledMixin:
    """Designsystemet classes on every widget, and aria-invalid on fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                    continue  # the group's fieldset carries the description
                described = f"id_{name}_error"
                if self.fields[name].help_text:
                    described += f" id_{name}_helptext"
                widget.attrs["aria-describedby"] = described


class UnitForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "unit_type", "authority", "parent", "org_number", "hsa_id", "code",
                  "street", "postal_code", "city", "latitude", "longitude", "phone", "email",
                  "website", "description", "served_areas"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "served_areas": forms.SelectMultiple(attrs={"size": 6})}
        help_texts = {
            "latitude": _("WGS 84 decimal degrees, e.g. 59.37."),
            "longitude": _("WGS 84 decimal degrees, e.g. 16.51."),
            "org_number": _("Ten digits, NNNNNN-NNNN."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.current().order_by("name")
        self.fields["authority"].queryset = Authority.objects.select_related("principal")
        self.fields["served_areas"].queryset = Area.objects.current().order_by("name")


class UnitInfoForm(StyledMixin, forms.ModelForm):
    """What a manager may keep up to date about their own unit."""

    class Meta:
        model = Unit
        fields = ["street", "postal_code", "city", "phone", "email", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class AreaForm(StyledMixin, forms.ModelForm):
    boundary_file = forms.FileField(
        label=_("Boundary file (GeoJSON)"), required=False,
        help_text=_("A .geojson file in WGS 84. Replaces the boundary text above."))

    class Meta:
        model = Area
        fields = ["name", "kind", "parent", "principal", "code", "description", "boundary"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "boundary": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"boundary": _("A GeoJSON Polygon or MultiPolygon, longitude before "
                                    "latitude, in WGS 84 or SWEREF 99 TM (converted). Leave empty for no boundary.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Area.objects.current().order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean(self):
        data = super().clean()
        upload = data.get("boundary_file")
        if upload:
            try:
                data["boundary"] = json.loads(upload.read().decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                self.add_error("boundary_file", _("The file is not GeoJSON text (UTF-8 JSON)."))
        if data.get("boundary"):
            from tillsammans.organisations.geo import to_wgs84

            data["boundary"] = to_wgs84(data["boundary"])
        return data


class AreaDescriptionForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Area
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class PrincipalForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Principal
        fields = ["name", "kind", "org_number", "municipality_code"]


class AuthorityForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Authority
        fields = ["name", "kind", "secrecy_domain", "hsa_id"]
