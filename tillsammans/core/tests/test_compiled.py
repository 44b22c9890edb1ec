"""A condition built and compiled once, given its values at each use (core/compiled.py)."""

import pytest
from django.db import NotSupportedError, connection
from django.db.models import CharField, Exists, OuterRef, Q

from tillsammans.accounts.models import Membership
from tillsammans.core.compiled import Bound, compiled
from tillsammans.organisations.models import Unit
from tillsammans.testing.factories import UnitFactory


@pytest.fixture
def units(db):
    return [UnitFactory(name=f"Enhet {n}") for n in range(3)]


def named(name, built):
    def build():
        built.append(1)
        return Q(name=Bound("name", CharField())) & ~Exists(Membership.objects.filter(unit_id=OuterRef("pk")))
    return compiled(Unit, "test.named", "day 1", build, {"name": name})


def test_built_once_and_given_its_values_as_parameters_at_each_use(units):
    built = []
    assert [u.pk for u in Unit.objects.filter(named("Enhet 1", built))] == [units[1].pk]
    assert [u.pk for u in Unit.objects.filter(named("Enhet 2", built))] == [units[2].pk]
    assert not list(Unit.objects.filter(named("Enhet 1' OR 1=1 --", built)))
    assert built == [1]  # the other uses only gave values
    from tillsammans.core import compiled as module

    sql, params = module._compiled["test.named", connection.alias, "day 1"]
    assert "Enhet" not in sql and [p.name for p in params if isinstance(p, Bound)] == ["name"]
    assert list(Unit.objects.filter(named("Enhet 0", built)).filter(pk=units[0].pk).values_list("pk", flat=True)) \
        == [units[0].pk]  # more conditions beside it


def test_a_new_key_builds_again_and_drops_the_old(units):
    from tillsammans.core import compiled as module

    for day in ("day 1", "day 2", "day 3"):
        compiled(Unit, "test.days", day, lambda: Q(name=Bound("name", CharField())), {"name": "x"})
    assert [key[2] for key in module._compiled if key[0] == "test.days"] == ["day 3"]


def test_never_inside_another_query_where_its_table_is_renamed(units):
    inner = Unit.objects.filter(named("Enhet 1", [])).values("pk")
    with pytest.raises(NotSupportedError):
        list(Membership.objects.filter(unit__in=inner))


def test_a_condition_that_joins_or_lacks_a_value_is_refused(units):
    with pytest.raises(NotSupportedError):
        compiled(Unit, "test.joins", 1, lambda: Q(authority__name=Bound("name", CharField())), {"name": "x"})
    with pytest.raises(ValueError, match="name"):
        compiled(Unit, "test.lacks", 1, lambda: Q(name=Bound("name", CharField())), {})
