from django.urls import URLPattern, URLResolver, path

from tillsammans.api.main import api
from tillsammans.core import access

PUBLIC_API_PAGES = {"openapi-json", "openapi-view"}


def _mark(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _mark(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            # The schema and its docs are public; every operation enforces its own policy.
            name = access.PUBLIC if entry.name in PUBLIC_API_PAGES else access.API_DELEGATED
            access.mark_patterns([entry], name)
    return patterns


urlpatterns = _mark([path("v1/", api.urls)])
