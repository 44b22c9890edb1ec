from django.conf import settings
from django.urls import include, path

from tillsammans.core import access
from tillsammans.core.admin import site as admin_site
from tillsammans.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("tillsammans.core.urls")),
    path("konto/", include("tillsammans.accounts.urls")),
    path("", include("tillsammans.organisations.urls")),
    path("api/", include("tillsammans.api.urls")),
    path("admin/", admin_site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(
        path("oidc/", include(access.mark_patterns(
            list(include("mozilla_django_oidc.urls")[0].urlpatterns), access.PUBLIC)))
    )

handler403 = "tillsammans.core.errors.forbidden"
handler404 = "tillsammans.core.errors.not_found"
