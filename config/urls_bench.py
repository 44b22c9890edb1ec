"""The application's routes plus the benchmark's floor: one indexed lookup, a tiny response."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler403, handler404  # noqa: F401
from config.urls import urlpatterns as app_urlpatterns
from tillsammans.core.access import AUTHENTICATED, PUBLIC, policy


@policy(PUBLIC)
def floor(request, pk: int):
    from tillsammans.childplans.models import Child

    found = Child.objects.filter(pk=pk).values_list("created_at", flat=True).first()
    return HttpResponse(f"{found}", content_type="text/plain")


@policy(AUTHENTICATED)
def floor_login(request, pk: int):
    """The floor behind a login: what every page pays before its own work (session, person,
    second factor, acting membership), plus the same lookup."""
    from tillsammans.childplans.models import Child

    found = Child.objects.filter(pk=pk).values_list("created_at", flat=True).first()
    return HttpResponse(f"{found} {request.actor.role}", content_type="text/plain")


urlpatterns = [path("bench/floor/<int:pk>/", floor), path("bench/floor-login/<int:pk>/", floor_login),
               *app_urlpatterns]
