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


# Unicode variants: the text is normalised before it is searched --------------------------------

DIGITS = NUMBER[2:]


@pytest.mark.parametrize("spelling", [
    f"{DIGITS[:6]}\u2011{DIGITS[6:]}",  # non-breaking hyphen
    f"{DIGITS[:6]}\u2013{DIGITS[6:]}",  # en dash
    f"{DIGITS[:6]}\u2212{DIGITS[6:]}",  # minus sign
    f"{DIGITS[:6]}\u200b{DIGITS[6:]}",  # zero-width space
    f"{DIGITS[:3]}\u200d{DIGITS[3:]}",  # zero-width joiner inside the digits
    f"{DIGITS[:6]}\u00a0{DIGITS[6:]}",  # non-breaking space
    f"{DIGITS[:6]}\u202f{DIGITS[6:]}",  # narrow non-breaking space
    " ".join(DIGITS),  # every digit spaced
    f"{DIGITS[:2]} {DIGITS[2:4]} {DIGITS[4:6]} - {DIGITS[6:8]} {DIGITS[8:]}",  # spaced in pairs
    "".join(chr(ord(c) + 0xFEE0) for c in DIGITS),  # full-width digits
    f"\ufeff{NUMBER[:8]}\u2060-{NUMBER[8:]}",  # BOM and word joiner
])
def test_identity_numbers_in_unicode_disguise_are_found(spelling):
    assert "personal_number" in kinds(f"Uppgift om {spelling} i protokollet.")


def test_full_width_at_sign_in_a_private_address_is_found():
    assert "private_email" in kinds("Skriv till familjen.nilsson＠gmail.com")
    assert "private_email" in kinds("Skriv till familjen.nilsson＠ｇｍａｉｌ.ｃｏｍ")


def test_normalise_maps_what_the_guard_needs():
    from tillsammans.core.pii import normalise

    assert normalise("a\u2010b\u2015c\u2212d") == "a-b-c-d"
    assert normalise("x\u200by\u200cz\u200d\u2060\ufeff") == "xyz"
    assert normalise("1\u00a02\u202f3") == "1 2 3"
    assert normalise("ＡＢＣ＠１２３") == "ABC@123"


# Names: refused with what identifies a child, not when they name a speaker or guest --------------

@pytest.mark.parametrize("text", [
    "Anna Svensson från BVC presenterade familjecentralens arbete.",
    "Gästföreläsare Erik Lund berättade om forskningen.",
    "Maria Holm, rektor, inledde mötet.",
])
def test_a_speaker_or_guest_may_be_named(text):
    assert "first_name" not in kinds(text)


@pytest.mark.parametrize("text", [
    "Ella, 7 år, har svårt att komma till skolan.",
    "Ella är 7 år och går i klass 1.",
    "Omar går i årskurs 3 och behöver stöd.",
    "Barnet Ella behöver hjälp med läxorna.",
    "Familjen till Noah har flyttat.",
    "Anna Svensson från BVC presenterade barnet Ella, 7 år.",  # a speaker does not cover a child
    "Ella har svårt att komma till skolan.",  # a bare first name stays refused
])
def test_a_first_name_with_what_identifies_a_child_is_refused(text):
    assert "first_name" in kinds(text)
