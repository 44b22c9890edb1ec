"""Upload a CSV of units: every line checked, all or nothing."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core.access import policy
from tillsammans.organisations.importing import COLUMNS, decode, import_units

MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file with units"),
                           help_text=gettext_lazy("UTF-8 or Excel's Swedish CSV (semicolons)."),
                           widget=forms.ClearableFileInput(attrs={"class": "ds-input",
                                                                  "accept": ".csv,text/csv"}))
    dry_run = forms.BooleanField(label=gettext_lazy("Only check the file, save nothing"),
                                 required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return decode(upload.read())
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


@policy("organisations.import_units")
def import_page(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_units(actor=request.actor, text=form.cleaned_data["file"],
                              dry_run=form.cleaned_data["dry_run"])
    return render(request, "organisations/import.html", {
        "form": form, "result": result, "columns": COLUMNS,
        "dry_run": form.cleaned_data.get("dry_run") if form.is_bound and form.is_valid() else False,
    }, status=422 if result is not None and result.errors else 200)
