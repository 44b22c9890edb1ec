"""Swedish order: Å, Ä and Ö come after Z, in that order, on SQLite and PostgreSQL alike."""

import pytest

from tillsammans.organisations import selectors
from tillsammans.testing import factories as f


@pytest.mark.django_db
def test_units_are_listed_in_swedish_order():
    authority = f.AuthorityFactory()
    for name in ["Örnen", "Ängen", "Zebran", "Åkern", "Apan", "ängsgården"]:
        f.UnitFactory(name=name, authority=authority)
    names = [u.name for u in selectors.units_list(principal=authority.principal_id)]
    assert names == ["Apan", "Zebran", "Åkern", "Ängen", "ängsgården", "Örnen"]
