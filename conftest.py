"""Shared fixtures: a small fictional municipality and one logged-in client per role."""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["tillsammans.testing.sip"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")


@pytest.fixture(autouse=True)
def _own_audit_anchor(settings, tmp_path):
    """Every test checks its own chain against its own anchor file (never another test's)."""
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "audit-anchor.jsonl")


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    """Text messages sent by the in-memory sender, like ``mail.outbox``, start empty in every test."""
    from tillsammans.core import sms

    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache (each test process has its own, config/settings/test.py):
    no page fragment another test cached (core/fragments.py), no rate-limit count another test's
    logins or sign-ups left (core/publicforms.over_limit)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db):
    """Two city districts (A, B) of one municipality, units in each, a region with a BVC."""
    from tillsammans.organisations.models import AreaKind, AuthorityKind, PrincipalKind
    from tillsammans.testing import factories as f

    municipality = f.PrincipalFactory(name="Testköping kommun", kind=PrincipalKind.MUNICIPALITY)
    region = f.PrincipalFactory(name="Region Testland", kind=PrincipalKind.REGION)
    school_board = f.AuthorityFactory(principal=municipality, name="Förskolenämnden")
    social = f.AuthorityFactory(principal=municipality, name="Socialnämnden",
                                secrecy_domain="OSL 26 kap.")
    care = f.AuthorityFactory(principal=region, name="Hälso- och sjukvård",
                              kind=AuthorityKind.CARE_PROVIDER)
    town = f.AreaFactory(name="Testköping", kind=AreaKind.MUNICIPALITY, principal=municipality,
                         boundary=f.polygon(16.40, 59.20, 16.80, 59.50))
    district_a = f.AreaFactory(name="Norra", parent=town, principal=municipality,
                               boundary=f.polygon(16.40, 59.35, 16.80, 59.50))
    district_b = f.AreaFactory(name="Södra", parent=town, principal=municipality,
                               boundary=f.polygon(16.40, 59.20, 16.80, 59.35))
    from tillsammans.organisations.services import recompute_area_units

    preschool_a = f.UnitFactory(name="Förskolan Ekorren", authority=school_board,
                                latitude=59.40, longitude=16.50)
    preschool_b = f.UnitFactory(name="Förskolan Älgen", authority=school_board,
                                latitude=59.25, longitude=16.50)
    bvc_a = f.UnitFactory(name="BVC Norra", authority=care, unit_type=f.unit_type("bvc"),
                          latitude=59.42, longitude=16.60)
    social_office = f.UnitFactory(name="Socialtjänsten Testköping", authority=social,
                                  unit_type=f.unit_type("socialtjanst"),
                                  latitude=59.30, longitude=16.55)
    for area in (town, district_a, district_b):
        recompute_area_units(area)
    return {
        "municipality": municipality, "region": region, "school_board": school_board,
        "social": social, "care": care, "town": town, "district_a": district_a,
        "district_b": district_b, "preschool_a": preschool_a, "preschool_b": preschool_b,
        "bvc_a": bvc_a, "social_office": social_office,
    }


def _membership(world, role, unit_key, areas=()):
    from tillsammans.testing.factories import MembershipFactory

    return MembershipFactory(role=role, unit=world[unit_key], areas=list(areas))


@pytest.fixture
def coordinator_membership(world):
    from tillsammans.accounts.roles import Role

    return _membership(world, Role.COORDINATOR, "social_office", [world["district_a"]])


@pytest.fixture
def coordinator_client(coordinator_membership):
    from tillsammans.testing.clients import client_for

    return client_for(coordinator_membership)


@pytest.fixture
def admin_membership(world):
    from tillsammans.accounts.roles import Role

    return _membership(world, Role.SYSTEM_ADMIN, "social_office")


@pytest.fixture
def admin_client(admin_membership):
    from tillsammans.testing.clients import client_for

    return client_for(admin_membership)


@pytest.fixture
def staff_membership(world):
    from tillsammans.accounts.roles import Role

    return _membership(world, Role.STAFF, "preschool_a")


@pytest.fixture
def staff_client(staff_membership):
    from tillsammans.testing.clients import client_for

    return client_for(staff_membership)


@pytest.fixture
def manager_membership(world):
    from tillsammans.accounts.roles import Role

    return _membership(world, Role.MANAGER, "preschool_a")


@pytest.fixture
def manager_client(manager_membership):
    from tillsammans.testing.clients import client_for

    return client_for(manager_membership)


@pytest.fixture
def auditor_membership(world):
    from tillsammans.accounts.roles import Role

    return _membership(world, Role.AUDITOR, "social_office")


@pytest.fixture
def auditor_client(auditor_membership):
    from tillsammans.testing.clients import client_for

    return client_for(auditor_membership)


@pytest.fixture
def unverified_client(staff_membership):
    """Logged in with the password only: no second factor yet."""
    from tillsammans.testing.clients import client_for

    return client_for(staff_membership, verified=False)


def pytest_terminal_summary(terminalreporter):
    """Print the size of the role × route matrix (also when it ran in xdist workers)."""
    cells = [value for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
             for name, value in getattr(report, "user_properties", []) if name == "matrix_cells"]
    if cells:
        terminalreporter.write_line(f"role × route matrix: {sum(cells)} cells in {len(cells)} actors")
