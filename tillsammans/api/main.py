"""The JSON API (django-ninja). Each operation declares a policy; one hook enforces it."""

from __future__ import annotations

from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger

from tillsammans.core import access
from tillsammans.core.middleware import is_verified


def enforce_policy(run):
    """Wraps every operation's run(): authentication, second factor and the declared policy."""
    operation = run.__self__

    @wraps(run)
    def guarded(request, *args, **kwargs):
        name = access.policy_of(operation.view_func)
        request.access_policy = name  # the middleware marks child data no-store, logs refusals
        if name is None:
            return JsonResponse({"detail": _("This operation has no access rule.")}, status=403)
        if name != access.PUBLIC:
            if not request.user.is_authenticated:
                return JsonResponse({"detail": _("Log in first.")}, status=401)
            if not is_verified(request):
                return JsonResponse({"detail": _("A second factor is required.")}, status=401)
            if not access.allowed(request.actor, name):
                return JsonResponse({"detail": _("Your current role does not allow this.")},
                                    status=403)
        return run(request, *args, **kwargs)

    return guarded


class OwnSwagger(Swagger):
    """Swagger UI from the product's own static files (vendor/swagger-ui) under its CSP."""

    def render_page(self, request, api, **kwargs):
        return render(request, "api/docs.html", {"api": api,
                                                 "openapi_url": self.get_openapi_url(api, kwargs)})


api = NinjaAPI(
    title="Tillsammans API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    docs=OwnSwagger(),
    openapi_url="/openapi.json",
)
api.add_decorator(enforce_policy, mode="view")


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    """A parameter that cannot be used: 400 with a Swedish message naming it, never 422 in English."""
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    return api.create_response(request, {
        "detail": _("These parameters have values that cannot be used: %(names)s.") % {"names": ", ".join(names)},
        "parameters": names}, status=400)

from tillsammans.organisations.api import router as organisations_router  # noqa: E402

api.add_router("/", organisations_router)
