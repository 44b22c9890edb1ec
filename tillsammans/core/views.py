"""Core pages: start page, health check, public pages."""

from __future__ import annotations

from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tillsammans.core import overview
from tillsammans.core.access import AUTHENTICATED, PUBLIC, policy


@policy(PUBLIC)
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@policy(AUTHENTICATED)
def home(request: HttpRequest) -> HttpResponse:
    """Min översikt: what waits for the person in the role they act in (see core.overview)."""
    with transaction.atomic():  # a child named on the page is logged in the same transaction
        sections = overview.sections_for(request.actor)
    return render(request, "core/home.html", {"membership": request.actor.membership, "sections": sections})


@policy(PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@policy(PUBLIC)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")
