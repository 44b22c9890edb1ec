"""Which language a visitor of the public pages reads: their choice (``?sprak=``, remembered in a
cookie of its own), else the browser's Accept-Language, else Swedish.

The fixed texts are rendered in ``languages.interface_for(choice)`` (Swedish, English or Arabic);
offer texts in the choice itself where the offer has it. The cookie is not Django's language cookie,
so choosing Arabic on the public catalogue never changes the language of the professionals' pages.
"""

from __future__ import annotations

import functools

from django.utils import translation
from django.utils.cache import patch_vary_headers

from tillsammans.support import languages

COOKIE = "stod_sprak"
PARAM = "sprak"
COOKIE_AGE = 365 * 24 * 3600


def chosen(request) -> tuple[str, bool]:
    """(language code, whether the visitor chose it on this request)."""
    code = request.GET.get(PARAM, "")
    if code in languages.BY_CODE:
        return code, True
    cookie = request.COOKIES.get(COOKIE, "")
    if cookie in languages.BY_CODE:
        return cookie, False
    return languages.from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) or languages.DEFAULT, False


def public_page(view):
    """Render the view in the visitor's language; ``request.support_language`` holds the choice."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        code, explicit = chosen(request)
        request.support_language = code
        interface = languages.interface_for(code)
        with translation.override(interface):
            request.LANGUAGE_CODE = interface
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        if explicit:
            response.set_cookie(COOKIE, code, max_age=COOKIE_AGE, samesite="Lax", secure=request.is_secure(),
                                httponly=True)
        response.headers.setdefault("Content-Language", interface)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapper
