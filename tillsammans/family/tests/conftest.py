"""Fixtures for the family's own door: the sip plan's guardians with e-ID numbers, a young person
of 16 with their own plan, and logged-in family clients named by who they are."""

from datetime import date

import pytest
from django.test import Client

from tillsammans.core.identity import fictional_number
from tillsammans.testing.family import e_id_login, test_idp  # noqa: F401

MOTHER = fictional_number(date(1984, 5, 6), 3)
FATHER = fictional_number(date(1982, 9, 1), 4)
STRANGER = fictional_number(date(1979, 1, 2), 5)


@pytest.fixture
def family(sip):
    """The sip plan's two guardians (joint custody) with their personal identity numbers."""
    sip["mother"].personal_number, sip["father"].personal_number = MOTHER, FATHER
    sip["mother"].save(update_fields=["personal_number"])
    sip["father"].save(update_fields=["personal_number"])
    return sip


def _logged_in(number):
    client = Client()
    response = e_id_login(client, number)
    assert response.status_code == 302 and response["Location"] == "/familj/", response
    return client


@pytest.fixture
def mother_client(family, test_idp):  # noqa: F811
    return _logged_in(MOTHER)


@pytest.fixture
def father_client(family, test_idp):  # noqa: F811
    return _logged_in(FATHER)
