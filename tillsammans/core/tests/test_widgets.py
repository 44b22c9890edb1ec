"""The inline widget renderer writes exactly what Django's templates write, for every widget and
state it handles, and hands everything else back to the templates."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from tillsammans.core import widgets
from tillsammans.core.widgets import InlineRenderer

TEMPLATES = DjangoTemplates()
INLINE = InlineRenderer()
ODD = 'a<b> & "c" \'d\''
ATTRS = [{}, {"class": "ds-input", "aria-describedby": "id_x_helptext id_x_error", "maxlength": 100},
         {"required": True, "disabled": False, "placeholder": gettext_lazy("From"), "data-x": ODD},
         {"title": mark_safe("<b>already safe</b>"), "min": 0, "step": 0.5}]
INPUT_WIDGETS = [forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput, forms.PasswordInput,
                 forms.HiddenInput, forms.DateInput, forms.TimeInput, forms.DateTimeInput]
CHOICES = [("", gettext_lazy("All")), ("read", gettext_lazy("read")), (ODD, ODD), ("safe", mark_safe("<i>x</i>")),
           (3, "three")]
GROUPED = [("", "–"), (gettext_lazy("Group"), [("a", "A"), ("b", ODD)]), ("Tom & Jerry", [("c", "C")])]


def _both(widget, name, value, attrs=None) -> tuple[str, str]:
    return (widget.render(name, value, attrs, renderer=INLINE), widget.render(name, value, attrs, renderer=TEMPLATES))


@pytest.mark.parametrize("widget_class", INPUT_WIDGETS)
@pytest.mark.parametrize("value", [None, "", ODD, 0, 12345, 3.5, date(2026, 2, 3), mark_safe("<b>")])
@pytest.mark.parametrize("attrs", ATTRS)
def test_inputs_match_the_templates(widget_class, value, attrs):
    widget = widget_class(attrs={"type": "date"} if widget_class is forms.DateInput else None)
    with override("sv"):
        inline, templates = _both(widget, 'na"me', value, attrs)
    assert widget.template_name in widgets.INPUTS
    assert inline == templates


@pytest.mark.parametrize("value", [None, "", "read", ODD, "safe", 3, "3", "absent"])
@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("choices", [CHOICES, GROUPED, []])
def test_selects_match_the_templates(value, attrs, choices):
    with override("sv"):
        inline, templates = _both(forms.Select(choices=choices), "action", value, attrs)
        assert inline == templates
        inline, templates = _both(forms.SelectMultiple(choices=choices), "many", [value, "a", "read"], attrs)
        assert inline == templates
        inline, templates = _both(forms.NullBooleanSelect(), "yes", value, attrs)
        assert inline == templates


def test_what_it_does_not_know_is_left_to_the_templates(monkeypatch):
    calls = []
    original = DjangoTemplates.render
    monkeypatch.setattr(DjangoTemplates, "render", lambda self, name, *a, **k: calls.append(name)
                        or original(self, name, *a, **k))

    class OwnOption(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"

    others = [(forms.Textarea(), "text"), (forms.CheckboxInput(), True), (forms.RadioSelect(choices=CHOICES), "read"),
              (OwnOption(choices=CHOICES), "read"), (forms.Select(choices=[(1, 1000)]), 1)]  # a number for a label
    for widget, value in others:
        assert widget.render("x", value, renderer=INLINE) == widget.render("x", value, renderer=TEMPLATES)
    assert len(calls) == 10  # each rendered by the templates both times
    calls.clear()
    forms.TextInput().render("x", "y", renderer=INLINE)
    assert calls == []


@pytest.mark.django_db
def test_the_log_review_filters_render_as_with_the_templates():
    from tillsammans.logreview.forms import FilterForm

    class Templated(FilterForm):
        default_renderer = TEMPLATES

    for data in (None, {}, {"user": ODD, "unit": "Enhet", "personal_number": "20160412-9805", "action": "read",
                            "date_from": "2026-11-01", "date_to": "2026-10-01", "flag": "probing"}):
        with override("sv"):
            fast, slow = FilterForm(data), Templated(data)
            fast.is_valid(), slow.is_valid()
            assert FilterForm.default_renderer is InlineRenderer
            for name in fast.fields:
                assert str(fast[name]) == str(slow[name]), name
