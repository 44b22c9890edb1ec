"""The public report at /orosanmalan/: no login, may be anonymous, rate-limited, and no address,
cookie or session kept with it."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from tillsammans.concerns.models import ConcernReport, Sector
from tillsammans.core.models import AccessEvent

ADDRESS = "198.51.100.23"


def form_data(client, world, **extra):
    page = client.get("/orosanmalan/")
    started = page.context["form"].initial["started"]
    data = {"municipality": world["municipality"].pk, "child_name": "Barn på gården", "child_age": "6",
            "observations": "Barnet är ute ensamt sent varje kväll och ser hungrigt ut.", "urgency": "normal",
            "family_informed": "no", "started": started}
    data.update(extra)
    return data


@pytest.fixture
def public(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    cache.clear()
    return Client(REMOTE_ADDR=ADDRESS)


@pytest.mark.django_db
def test_anyone_reports_anonymously_and_nothing_about_the_connection_is_kept(public, world, concerns_world):
    response = public.post("/orosanmalan/", form_data(public, world), REMOTE_ADDR=ADDRESS,
                           HTTP_USER_AGENT="Testwebbläsare/1.0")
    report = ConcernReport.objects.get()
    page = response.content.decode()
    assert response.status_code == 200 and report.reference in page
    assert report.public and report.reporter is None and report.reporter_sector == Sector.ANONYMOUS
    assert report.municipality == world["municipality"] and report.routed_by == "chosen"
    stored = " ".join(str(value) for value in ConcernReport.objects.values().get().values())
    event = AccessEvent.objects.get(object_type="concerns.concernreport", object_id=str(report.pk))
    assert event.client_ip == "" and event.request_id == ""
    for trace in (ADDRESS, "Testwebbläsare", public.cookies.get("csrftoken").value):
        assert trace not in stored and trace not in event.canonical
    assert not Session.objects.exists() and "sessionid" not in response.cookies
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_named_relative_and_the_errors_keep_what_was_typed(public, world, concerns_world):
    missing = public.post("/orosanmalan/", form_data(public, world, child_name="", observations="Hon gråter."))
    assert missing.status_code == 200 and "Hon gråter." in missing.content.decode()
    assert not ConcernReport.objects.exists()
    public.post("/orosanmalan/", form_data(public, world, relation="relative", reporter_name="Mormor Test",
                                           reporter_phone="070-000 11 22"))
    report = ConcernReport.objects.get()
    assert report.reporter_sector == Sector.RELATIVE and report.reporter_name == "Mormor Test"


@pytest.mark.django_db
def test_bots_and_floods_are_refused(settings, world, concerns_world):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    cache.clear()
    client = Client(REMOTE_ADDR=ADDRESS)
    bot = Client(REMOTE_ADDR="198.51.100.99").post("/orosanmalan/", form_data(client, world, website="x"),
                                                   REMOTE_ADDR="198.51.100.99")
    assert bot.status_code == 200 and not ConcernReport.objects.exists()
    for _ in range(5):
        client.post("/orosanmalan/", form_data(client, world))
    assert ConcernReport.objects.count() == 5
    flooded = client.post("/orosanmalan/", form_data(client, world))
    assert "För många" in flooded.content.decode() and ConcernReport.objects.count() == 5
