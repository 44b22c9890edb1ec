"""Django's plain input and select widgets written out in Python, for forms on pages that must be cheap.

Django renders a text or date input through three templates (``text.html`` → ``input.html`` →
``attrs.html``) and each ``<option>`` of a select through two more. The log review's filter form
(seven fields, eighteen options) spent ≈ 3.5 ms of a 15 ms page there. ``InlineRenderer`` writes
the same markup, byte for byte, for those widgets and leaves every other template to Django; a
form opts in with ``default_renderer = InlineRenderer``. ``core/tests/test_widgets.py`` holds it to
Django's own templates for every input type and select state it handles, so a Django upgrade that
changes the markup fails there rather than on a page (ADR 0029)."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_WIDGETS = "django/forms/widgets/"
# Widgets whose template is only ``{% include "django/forms/widgets/input.html" %}``.
INPUTS = frozenset(f"{_WIDGETS}{name}.html" for name in (
    "text", "number", "email", "url", "password", "hidden", "date", "time", "datetime", "search", "tel"))
SELECT = f"{_WIDGETS}select.html"
OPTION = f"{_WIDGETS}select_option.html"


def _attrs(attrs: dict) -> str:
    """``attrs.html``: `` name="value"`` each, `` name`` for True, nothing for False."""
    return "".join(f" {conditional_escape(name)}" if value is True
                   else f' {conditional_escape(name)}="{conditional_escape(value)}"'
                   for name, value in attrs.items() if value is not False)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    return (f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f"{value}{_attrs(widget['attrs'])}>")


def _text(value) -> bool:
    """Printed as it is by a template (a number would be localised there: left to Django)."""
    return isinstance(value, str | Promise)


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            if not _text(group_name):
                return None
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION or not _text(option["label"]):
                return None  # its own option template, or a number for a label: Django renders it
            parts.append(f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                         f"{conditional_escape(option['label'])}</option>\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class InlineRenderer(DjangoTemplates):
    """Django's template renderer, with the plain inputs and selects written out in Python."""

    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return mark_safe(_input(context["widget"]))  # noqa: S308 - every value is escaped above
        if template_name == SELECT:
            html = _select(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308 - every value is escaped above
        return super().render(template_name, context, request)
