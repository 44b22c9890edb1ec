from django import template
from django.forms import CheckboxInput
from django.forms.widgets import ChoiceWidget
from django.utils.html import format_html

from tillsammans.core.numbers import swedish_number

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def query_with_key(context, key, value):
    """``query_with`` for a parameter whose name is itself a variable (a page with two paged lists)."""
    return query_with(context, **{key: value})


@register.filter
def sv_number(value, decimals=None):
    """{{ value|sv_number }} → "1 250", "3,5"; {{ value|sv_number:1 }} → "3,0"."""
    return swedish_number(value, int(decimals) if decimals not in (None, "") else None)


@register.filter
def field_kind(bound_field) -> str:
    """How the shared field template lays a field out: ``check`` (one checkbox), ``group`` (radio
    buttons or several checkboxes: a fieldset with a legend), ``picker`` (a search that picks units,
    core.pickers: a fieldset whose widget draws its own boxes) or ``input`` (everything else)."""
    widget = bound_field.field.widget
    if getattr(widget, "picker", False):
        return "picker"
    if isinstance(widget, CheckboxInput):
        return "check"
    if isinstance(widget, ChoiceWidget) and widget.input_type in ("checkbox", "radio"):
        return "group"
    return "input"


@register.filter
def field_anchor(bound_field) -> str:
    """The id an error-summary link points at: the field's input, or a group's first input."""
    if field_kind(bound_field) == "group":
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="table-scroll" role="region" aria-label="{}" tabindex="0">\n{}\n</div>',
            self.label.resolve(context), self.nodelist.render(context))


@register.tag("scrollregion")
def scrollregion(parser, token):
    """``{% scrollregion _("Networks") %}<table>…</table>{% endscrollregion %}``: a wide table
    scrolls sideways inside its own labelled region that the keyboard can reach, never the page."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("scrollregion takes one argument, the region's label")
    label = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endscrollregion",))
    parser.delete_first_token()
    return ScrollRegionNode(label, nodelist)
