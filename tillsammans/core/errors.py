"""Error pages in Swedish (400, 403, 404, 413, 500); the API gets the same words as JSON."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from tillsammans.core.access import PUBLIC, policy


def _answer(request, template: str, status: int, detail: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return render(request, template, status=status)


@policy(PUBLIC)
def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return _answer(request, "413.html", 413, _("What you sent is larger than Tillsammans accepts."))
    return _answer(request, "400.html", 400, _("The request could not be handled."))


@policy(PUBLIC)
def forbidden(request, exception=None):
    return _answer(request, "403.html", 403, _("You do not have access to this page in your current role."))


@policy(PUBLIC)
def not_found(request, exception=None):
    return _answer(request, "404.html", 404, _("The page does not exist, or it has moved."))


@policy(PUBLIC)
def server_error(request):
    """No context processors and no database: the page must show even when those are the fault."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Something went wrong")}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())
