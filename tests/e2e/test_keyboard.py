"""With the keyboard alone: the map's skip link passes the map's links to the same units as a list;
the map's links are at least 24 × 24 px and apart on a phone; an error summary's link for a group of
checkboxes puts focus on the group's first box, inside its fieldset."""

import math

import pytest

from tests.e2e.conftest import login
from tillsammans.accounts.roles import Role
from tillsammans.testing.factories import MembershipFactory, UnitFactory, totp_device


@pytest.fixture
def coordinator(transactional_db, world):
    for n in range(8):  # a crowded corner: markers must still be apart
        UnitFactory(name=f"Förskolan Klungan {n}", authority=world["school_board"],
                    latitude=59.40 + n * 0.0002, longitude=16.50 + n * 0.0002)
    from tillsammans.organisations.services import recompute_area_units

    recompute_area_units(world["district_a"])
    membership = MembershipFactory(role=Role.COORDINATOR, unit=world["social_office"],
                                   areas=[world["district_a"]])
    return membership, totp_device(membership.user)


def test_map_skip_link_and_target_sizes_on_a_phone(page, live_server, coordinator, world):
    membership, device = coordinator
    login(page, live_server, membership, device)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/omraden/{world['district_a'].pk}/")

    boxes = page.locator("svg.map a.unit-link circle.unit").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2, r.width, r.height]; })")
    assert len(boxes) >= 10
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        assert w1 >= 24 and h1 >= 24, f"marker {i + 1} is {w1:.1f} × {h1:.1f} px"
        for j, (x2, y2, w2, _h2) in enumerate(boxes[i + 1:], start=i + 2):
            assert math.hypot(x2 - x1, y2 - y1) >= (w1 + w2) / 2 - 0.5, f"{i + 1} overlaps {j}"

    page.locator("a.map-skip").focus()
    assert page.evaluate("document.activeElement.classList.contains('map-skip')")
    assert page.locator("a.map-skip").is_visible()  # shown while it has focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "map-units"
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.closest('svg') === null,"
                            " document.activeElement.closest('#map-units') !== null]")
    assert focused == [True, True], "one Tab after the skip link lands in the list, not the map"
    listed = page.locator("#map-units li").count()
    assert listed == len(boxes)


def test_error_summary_link_focuses_the_groups_first_checkbox(page, live_server, coordinator,
                                                             world):
    membership, device = coordinator
    login(page, live_server, membership, device)
    page.goto(f"{live_server.url}/natverk/nytt/?area={world['district_a'].pk}")
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_unit_types_0"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_unit_types_0"
    legend = page.evaluate("document.activeElement.closest('fieldset').querySelector('legend')"
                           ".textContent")
    assert "Önskade enhetstyper" in legend
    page.keyboard.press("Space")
    assert page.locator("#id_unit_types_0").is_checked()
