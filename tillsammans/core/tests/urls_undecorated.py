"""The project's URLs plus one view that forgot to declare a policy."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler403, handler404  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns


def forgotten_view(request):
    return HttpResponse("should never be served")


urlpatterns = [path("glomd/", forgotten_view, name="forgotten"), *project_urlpatterns]
