"""Core pages: start page, health check, public pages."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
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


ASSESSED_ON = date(2026, 11, 24)
"""When the pages were last assessed (automated checks over every page and role, see
tests/e2e/test_every_page.py); the statement shows it. Change it when the assessment is redone."""


FEEDBACK_LIMIT = 10
"""Feedback messages per client address and hour."""


@policy(PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement after DIGG's model, with a feedback form."""
    from tillsammans.core import publicforms
    from tillsammans.core.feedback import FeedbackForm, feedback_send

    form = FeedbackForm(request.POST or None)
    if (request.method == "POST" and not publicforms.refuse(request, form, scope="core.feedback", limit=FEEDBACK_LIMIT)
            and form.is_valid()):
        if feedback_send(**form.clean_data_without_guard()):
            messages.success(request, _("Thank you. Your feedback has been sent."))
        else:
            messages.error(request, _("Nobody can receive feedback in this installation yet. "
                                      "Contact the organisation that gave you access."))
        return redirect(f"{request.path}#feedback")
    return render(request, "core/accessibility.html", {
        "form": form, "assessed_on": ASSESSED_ON,
        "session_minutes": settings.SESSION_TIMEOUT_MINUTES},
        status=422 if form.errors else 200)


@policy(PUBLIC)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")
