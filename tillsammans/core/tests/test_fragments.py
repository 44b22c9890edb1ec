"""Cached parts of structural pages (core/fragments.py): a change shows at once, whoever cached the
part; what the viewer may do is part of the key; the language too; a cached read costs fewer
queries than a build; and no app holding a child's data uses it."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillsammans.core import fragments

pytestmark = pytest.mark.django_db


def _count(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_change_shows_at_once_in_the_cached_directory(world, staff_client, coordinator_client):
    url = reverse("organisations:directory")
    assert "Förskolan Ekorren" in coordinator_client.get(url).content.decode()
    built, _page = _count(staff_client, url, {"q": "Förskolan"})
    cached, page = _count(staff_client, url, {"q": "Förskolan"})
    assert cached < built and "Förskolan Ekorren" in page
    unit = world["preschool_a"]
    unit.name = "Förskolan Igelkotten"
    unit.save()
    _count_after, page = _count(coordinator_client, url, {"q": "Förskolan"})
    assert "Förskolan Igelkotten" in page and "Förskolan Ekorren" not in page


def test_what_the_viewer_may_do_is_part_of_the_key(world, admin_client, staff_client):
    url = reverse("organisations:area_detail", args=[world["district_a"].pk])
    edit = reverse("organisations:area_edit", args=[world["district_a"].pk])
    assert edit in admin_client.get(url).content.decode()
    assert edit not in staff_client.get(url).content.decode()
    assert edit in admin_client.get(url).content.decode()


def test_the_language_is_part_of_the_key(world, staff_client):
    from django.utils import translation

    assert "Vem gör vad" in staff_client.get(reverse("organisations:directory")).content.decode()
    with translation.override("en"):
        english = fragments.cached("probe", ["x"], lambda: "en")
    with translation.override("sv"):
        assert fragments.cached("probe", ["x"], lambda: "sv") == "sv"
    assert english == "en"


def test_a_bulk_write_moves_the_generation_on(world):
    from tillsammans.bench import scale

    before = fragments.generation()
    scale.add_units([world["school_board"].pk], 2)
    assert fragments.generation() > before


def test_no_app_with_child_data_uses_cached_fragments():
    root = Path(__file__).resolve().parents[2]
    for app in ("childplans", "concerns", "family", "logreview", "pathway"):
        for path in (root / app).rglob("*.py"):
            assert "fragments" not in path.read_text(encoding="utf-8"), path


def test_without_a_shared_cache_nothing_is_kept(settings):
    settings.FRAGMENT_CACHE = False
    calls = []
    for _ in range(2):
        fragments.cached("probe-off", ["x"], lambda: calls.append(1) or "built")
    assert calls == [1, 1]


def test_a_form_in_a_cached_part_keeps_a_placeholder_and_each_reader_gets_their_own_token(world, monkeypatch):
    """ADR 0032: the cache never holds a CSRF token; render_part puts the reader's in on every read."""
    from django.core.cache import cache

    from tillsammans.accounts.roles import Role
    from tillsammans.events.tests.conftest import make_event
    from tillsammans.testing.clients import client_for
    from tillsammans.testing.csrf import form_token
    from tillsammans.testing.factories import MembershipFactory

    event = make_event(MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"]))
    stored = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, *a, **kw: (stored.append((key, value)),
                                                                     real_set(key, value, *a, **kw))[1])
    url, register = reverse("events:event", args=[event.pk]), reverse("events:register", args=[event.pk])
    readers = [client_for(MembershipFactory(role=Role.STAFF, unit=world["bvc_a"])) for _ in range(2)]
    tokens = [form_token(reader.get(url).content.decode(), register) for reader in readers]
    parts = [value for key, value in stored if key.startswith("fragments:event:")]
    assert len(parts) == 1 and fragments.CSRF_PLACEHOLDER in parts[0]
    assert "csrfmiddlewaretoken" in parts[0] and not any(token in parts[0] for token in tokens)
    assert tokens[0] != tokens[1]
