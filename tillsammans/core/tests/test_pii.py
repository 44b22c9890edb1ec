"""The minutes guard finds personal data and lets ordinary facts pass."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tillsammans.core.identity import display, fictional_number
from tillsammans.core.pii import find

NUMBER = fictional_number(date(2016, 4, 12), 1)


def kinds(text):
    return {f.kind for f in find(text)}


@pytest.mark.parametrize("spelling", [NUMBER, display(NUMBER), NUMBER[2:], f"{NUMBER[2:8]}-{NUMBER[8:]}",
                                      f"{NUMBER[2:8]} {NUMBER[8:]}"])
def test_valid_identity_numbers_are_found_in_every_spelling(spelling):
    assert "personal_number" in kinds(f"Vi pratade om barnet {spelling} i går.")


def test_the_same_digits_with_a_wrong_check_digit_pass():
    wrong = NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)
    assert "personal_number" not in kinds(f"Ärende {wrong} diskuterades.")


def test_coordination_numbers_are_found():
    from tillsammans.core.identity import luhn_digit

    nine = "160472998"  # day 12 + 60 = 72
    number = f"20{nine}{luhn_digit(nine)}"
    assert "personal_number" in kinds(f"Samordningsnummer {number}.")


@pytest.mark.parametrize("text", ["Ring 070-123 45 67", "tel 0155-99 23 00", "+46 70 123 45 67"])
def test_phone_numbers_are_found(text):
    assert "phone" in kinds(text)


def test_private_email_is_found_but_work_email_passes():
    assert "private_email" in kinds("Mamman nås på familjen.nilsson@gmail.com")
    assert kinds("Kontakta bvc-1@ekmora.exempel.se") == set()


def test_first_names_are_found():
    assert "first_name" in kinds("Ella har svårt att komma till skolan.")


@pytest.mark.parametrize("text", [
    "Mötet hålls 2026-11-23 kl. 13.00 i rum 2.", "Budgeten är 1 250 tkr för 2027.",
    "Postnummer 611 20 i Ekmora.", "Delmål 7.1.3 följs upp i maj.",
    "En familj med tre barn i förskoleålder har svårt med boendet.",
])
def test_ordinary_facts_pass(text):
    assert find(text) == []


@given(st.text(max_size=200))
def test_never_raises(text):
    find(text)
