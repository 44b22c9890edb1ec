from django import template

from tillsammans.family.subject import LANGUAGES

register = template.Library()


@register.simple_tag
def family_languages():
    return LANGUAGES
