from decimal import Decimal

from django.template import Context, Template

from tillsammans.core.numbers import swedish_number

NNBSP = "\u202f"


def test_decimal_comma_and_thin_space_thousands():
    assert swedish_number(Decimal("3.50")) == "3,5"
    assert swedish_number(4.5) == "4,5"
    assert swedish_number(1250) == f"1{NNBSP}250"
    assert swedish_number(1234567.25) == f"1{NNBSP}234{NNBSP}567,25"
    assert swedish_number(-1250) == f"-1{NNBSP}250"
    assert swedish_number(Decimal("100")) == "100"
    assert swedish_number(0) == "0"


def test_fixed_decimals_and_non_numbers():
    assert swedish_number(3, 1) == "3,0"
    assert swedish_number("2.345", 2) == "2,34" or swedish_number("2.345", 2) == "2,35"
    assert swedish_number(None) == ""
    assert swedish_number("abc") == "abc"


def test_template_filter():
    out = Template("{% load core_tags %}{{ a|sv_number }} mot {{ b|sv_number:1 }}").render(
        Context({"a": Decimal("3.5"), "b": 4}))
    assert out == "3,5 mot 4,0"
