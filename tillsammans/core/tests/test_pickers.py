"""Picking units by a search (core.pickers): by the beginning of the name, Swedish letters and case
folded, at most PICK_LIMIT, within a scope; the log review's filter uses the same search."""

import pytest
from django.urls import reverse

from tillsammans.core.pickers import PICK_LIMIT, units_matching
from tillsammans.organisations.models import Unit
from tillsammans.testing.factories import UnitFactory

pytestmark = pytest.mark.django_db


def names(units) -> list[str]:
    return [unit.name for unit in units]


def test_the_beginning_of_the_name_finds_a_unit_whatever_the_case_and_swedish_letters(world):
    assert names(units_matching("förskolan")) == ["Förskolan Ekorren", "Förskolan Älgen"]
    assert names(units_matching("  FÖRSKOLAN   äl")) == ["Förskolan Älgen"]
    assert names(units_matching("bvc")) == ["BVC Norra"]
    assert units_matching("Ekorren") == []  # the middle of a name is not its beginning
    assert units_matching("   ") == []


def test_at_most_the_limit_and_only_within_the_scope(world):
    UnitFactory.create_batch(PICK_LIMIT + 5, name=factory_name())
    assert len(units_matching("Familjecentralen")) == PICK_LIMIT
    scope = Unit.objects.filter(pk__in=[world["preschool_a"].pk, world["bvc_a"].pk])
    assert names(units_matching("Förskolan", among=scope)) == ["Förskolan Ekorren"]


def factory_name():
    import factory

    return factory.Sequence(lambda n: f"Familjecentralen {n:03d}")


def test_the_log_review_picks_a_unit_by_the_same_search(world, auditor_client):
    page = auditor_client.get(reverse("logreview:review"), {"unit": "förskolan äl"}).content.decode()
    assert f"unit_id={world['preschool_b'].pk}" in page and "Förskolan Älgen" in page
    assert f"unit_id={world['preschool_a'].pk}" not in page
