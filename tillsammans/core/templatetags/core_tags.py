from django import template

from tillsammans.core.numbers import swedish_number

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return params.urlencode()


@register.filter
def sv_number(value, decimals=None):
    """{{ value|sv_number }} → "1 250", "3,5"; {{ value|sv_number:1 }} → "3,0"."""
    return swedish_number(value, int(decimals) if decimals not in (None, "") else None)
