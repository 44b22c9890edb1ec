"""Picking units by a search, never from a list of every unit.

A unit is found by the beginning of its name, on the unit table's own folded search column (Swedish
letters and case folded, as ``core.text.fold``), and at most ``PICK_LIMIT`` matches are offered to
pick from. At thousands of units a list of all of them is unusable and makes every page that holds
it grow with the register.

Two ways in, one search:

* a filter page (the log review) reads ``units_matching(text)`` and offers the matches as links
  that set the picked id in the query string;
* a form that saves units (the mapping) uses ``UnitPickerField`` with ``PickingFormMixin``: the
  picked units are ticked boxes, a search box with its own button offers the matches as boxes to
  tick, and a press on that button shows the form again with everything typed kept – nothing is
  saved and no error is shown until the form's own button is pressed.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import ErrorDict
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from tillsammans.core.text import fold

PICK_LIMIT = 20
"""At most this many units (or people) offered by one search."""

PICK_BUTTON = "pick"
"""The name of a picker's search button; its value names the field searched."""


def units_matching(text: str, among=None) -> list:
    """Units whose name begins with the text (case and Swedish letters folded), at most
    ``PICK_LIMIT``, by name; ``among`` narrows the search to a queryset of units (a scope)."""
    from tillsammans.organisations.models import Unit

    folded = fold(text)
    if not folded:
        return []
    units = Unit.objects.all() if among is None else among
    return list(units.filter(name_folded__startswith=folded).order_by("name", "pk")[:PICK_LIMIT])


def _ids(values) -> list[int]:
    """The ids among the submitted or initial values (model instances, numbers or digit strings)."""
    found = []
    for value in values or ():
        value = getattr(value, "pk", value)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            found.append(int(value))
    return list(dict.fromkeys(found))


class UnitPickerWidget(forms.Widget):
    """The picked units as ticked boxes, a search box with its button, and the matches to tick.
    Renders only what is picked and what the search found: never the whole queryset."""

    picker = True  # the shared field template lays it out as a fieldset (core_tags.field_kind)
    template = "includes/unit_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.queryset = None
        self.search_text = ""
        self.searched = False

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked is a value too: no unit

    def use_required_attribute(self, initial):
        return False  # the search box is never required; the field's own check says so in words

    def id_for_label(self, id_):
        return f"{id_}_search" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id", f"id_{name}")
        for key in ("class", "required"):
            attrs.pop(key, None)
        picked_ids = _ids(value)
        picked = list(self.queryset.filter(pk__in=picked_ids).order_by("name", "pk")) if picked_ids else []
        found = units_matching(self.search_text, among=self.queryset) if self.searched else []
        return render_to_string(self.template, {
            "name": name, "id": base_id, "picked": picked, "searched": self.searched,
            "matches": [unit for unit in found if unit.pk not in picked_ids], "more": len(found) >= PICK_LIMIT,
            "search_name": f"{name}_search", "search_text": self.search_text, "button": PICK_BUTTON,
            "limit": PICK_LIMIT, "attrs": attrs})


class UnitPickerField(forms.ModelMultipleChoiceField):
    """Several units, picked by a search (see the module). Validates the picked ids against the
    queryset in one query, whatever its size."""

    widget = UnitPickerWidget
    default_help_text = _("Search for the beginning of a unit's name, tick the units among the matches, and "
                          "search again for more.")

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(queryset, **kwargs)

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.widget.queryset = self._queryset

    queryset = property(forms.ModelMultipleChoiceField._get_queryset, _set_queryset)


class PickingFormMixin:
    """A form with unit pickers. A press on a picker's search button (``PICK_BUTTON``) shows the
    form again with what was typed and the matches: the form is then not valid, and shows no error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pressed = self.data.get(PICK_BUTTON, "") if self.is_bound else ""
        self.searching = bool(pressed)
        for name, field in self.fields.items():
            if isinstance(field, UnitPickerField):
                field.widget.search_text = self.data.get(self.add_prefix(f"{name}_search"), "") if self.is_bound \
                    else ""
                field.widget.searched = pressed == self.add_prefix(name)

    def full_clean(self):
        if self.searching:
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.searching and super().is_valid()
