"""The term plan form: the suggested meetings as rows the convener keeps, moves or drops."""

from __future__ import annotations

import contextlib

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.networks.models import Theme
from tillsammans.networks.scheduling import at
from tillsammans.organisations.forms import StyledMixin

EXTRA_ROWS = 1
MAX_ROWS = 8


class TermPlanForm(StyledMixin, forms.Form):
    place = forms.CharField(label=gettext_lazy("Place or video link"), max_length=300)
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes for the term's meetings"), queryset=Theme.objects.filter(active=True),
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The themes build each meeting's agenda and are named in the invitation."))
    rows = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ROWS)
    book_anyway = forms.BooleanField(label=gettext_lazy("Book anyway, even though someone is already booked then"),
                                     required=False)

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            with contextlib.suppress(TypeError, ValueError):
                count = min(max(int(self.data.get("rows", count)), 0), MAX_ROWS)
        self.count = count
        for index in range(count):
            n = index + 1
            self.fields[f"include_{index}"] = forms.BooleanField(
                label=_("Book meeting %(n)s") % {"n": n}, required=False)
            self.fields[f"day_{index}"] = forms.DateField(
                label=_("Meeting %(n)s: date") % {"n": n}, required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
            self.fields[f"start_{index}"] = forms.TimeField(
                label=_("Meeting %(n)s: starts") % {"n": n}, required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
            self.fields[f"end_{index}"] = forms.TimeField(
                label=_("Meeting %(n)s: ends") % {"n": n}, required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
        for name, field in self.fields.items():
            if name.startswith(("day_", "start_", "end_")):
                field.widget.attrs.setdefault("class", "ds-input")

    def row_fields(self):
        """Per row: its number and its bound fields, for a fieldset per meeting."""
        return [(index + 1, [self[f"{kind}_{index}"] for kind in ("include", "day", "start", "end")])
                for index in range(self.count)]

    def clean(self):
        data = super().clean()
        chosen = []
        for index in range(self.count):
            if not data.get(f"include_{index}"):
                continue
            day, start, end = (data.get(f"{kind}_{index}") for kind in ("day", "start", "end"))
            for kind, value in (("day", day), ("start", start), ("end", end)):
                if value is None and f"{kind}_{index}" not in self.errors:
                    self.add_error(f"{kind}_{index}", _("Fill this in, or untick the meeting."))
            if day and start and end:
                if end <= start:
                    self.add_error(f"end_{index}", _("The meeting must end after it starts."))
                else:
                    chosen.append((at(day, start), at(day, end)))
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Choose at least one meeting to book."))
        data["chosen"] = sorted(chosen)
        return data
