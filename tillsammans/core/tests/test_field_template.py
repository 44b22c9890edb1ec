"""The shared field templates: groups of checkboxes or radio buttons sit in a fieldset with a
legend, and the error summary's link for a group leads to its first input."""

import re

from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from tillsammans.organisations.forms import StyledMixin


class ChoicesForm(StyledMixin, forms.Form):
    name = forms.CharField(label="Namn", help_text="Som det står i avtalet.")
    agrees = forms.BooleanField(label="Jag har läst villkoren")
    days = forms.MultipleChoiceField(label="Veckodagar", widget=forms.CheckboxSelectMultiple,
                                     choices=[("mon", "Måndag"), ("tue", "Tisdag")],
                                     help_text="Välj minst en.")
    kind = forms.ChoiceField(label="Typ av möte", widget=forms.RadioSelect,
                             choices=[("a", "Fysiskt"), ("b", "Digitalt")])


def _render(form) -> str:
    with translation.override("sv"):
        fields = render_to_string("includes/form_fields.html", {"form": form})
        errors = render_to_string("includes/form_errors.html", {"form": form})
    return errors + fields


def test_groups_are_fieldsets_with_a_legend_and_single_inputs_keep_their_labels():
    html = _render(ChoicesForm())
    for name, legend in (("days", "Veckodagar"), ("kind", "Typ av möte")):
        fieldset = re.search(rf'<fieldset[^>]*>\s*<legend class="ds-label">\s*{legend}.*?</fieldset>',
                             html, re.S)
        assert fieldset, name
        group = fieldset.group(0)
        assert group.count(f'name="{name}"') == 2
        assert f'<label class="ds-label" data-weight="regular" for="id_{name}_0">' in group
        assert 'class="ds-input"' in group
    assert html.count("<fieldset") == 2
    assert 'aria-describedby="id_days_helptext"' in html
    # Django points a widget with help at "<id>_helptext": the help must carry that id.
    for reference in re.findall(r'aria-describedby="([^"]+)"', html):
        for target in reference.split():
            assert f'id="{target}"' in html, target
    assert '<label class="ds-label" for="id_name">' in html
    check = re.search(r'<input type="checkbox" name="agrees"[^>]*>\s*<label[^>]*for="id_agrees"',
                      html)
    assert check, "a single checkbox comes before its own label"


def test_error_summary_links_a_group_to_its_first_input_and_never_to_hash_alone():
    form = ChoicesForm(data={})
    assert not form.is_valid()
    html = _render(form)
    links = re.findall(r'<a href="(#[^"]*)" class="ds-link">', html)
    assert links == ["#id_name", "#id_agrees", "#id_days_0", "#id_kind_0"]
    assert 'id="id_days_0"' in html and 'id="id_kind_0"' in html
    assert 'aria-describedby="id_kind_error"' in html
    assert 'aria-invalid="true"' in html
