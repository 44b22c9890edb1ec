from datetime import date

import pytest

from tillsammans.core import indicators


def test_a_measure_registers_and_is_found():
    @indicators.measure(code="test.count", name="Antal", unit="antal", good="up")
    def count(start, end, area_ids):
        return {area: indicators.Figure(value=area * 2, n=area * 2) for area in area_ids}

    found = indicators.get("test.count")
    assert found in indicators.measures() and found.about_people
    assert found.compute(date(2026, 1, 1), date(2027, 1, 1), [1, 3]) == {1: indicators.Figure(2, 2),
                                                                         3: indicators.Figure(6, 6)}
    indicators._MEASURES.pop("test.count")


def test_good_direction_is_checked():
    with pytest.raises(ValueError):
        indicators.measure(code="x", name="x", unit="x", good="sideways")
