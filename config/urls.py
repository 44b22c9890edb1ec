from django.conf import settings
from django.urls import include, path

from tillsammans.core.admin import site as admin_site
from tillsammans.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("tillsammans.core.urls")),
    path("konto/", include("tillsammans.accounts.urls")),
    path("", include("tillsammans.organisations.urls")),
    path("planer/", include("tillsammans.childplans.urls")),
    path("loggkontroll/", include("tillsammans.logreview.urls")),
    path("natverk/", include("tillsammans.networks.urls")),
    path("handlingsplaner/", include("tillsammans.planning.urls")),
    path("evenemang/", include("tillsammans.events.urls")),
    path("vagen/", include("tillsammans.pathway.urls")),
    path("orosanmalan/", include("tillsammans.concerns.urls")),
    path("stod/", include("tillsammans.support.urls_public")),
    path("foraldraskapsstod/", include("tillsammans.support.urls")),
    path("", include("tillsammans.insight.urls")),
    path("api/", include("tillsammans.api.urls")),
    path("admin/", admin_site.urls),
    path("oidc/", include("tillsammans.accounts.oidc")),
    path("familj/", include("tillsammans.family.urls")),
]
if settings.FAMILY_TEST_IDP:  # the demo's and the tests' stand-in for BankID/Freja (ADR 0017)
    urlpatterns.append(path("test-e-id/", include("tillsammans.family.testidp.urls")))

handler400 = "tillsammans.core.errors.bad_request"
handler403 = "tillsammans.core.errors.forbidden"
handler404 = "tillsammans.core.errors.not_found"
handler500 = "tillsammans.core.errors.server_error"
