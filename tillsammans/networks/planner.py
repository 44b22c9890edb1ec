"""Term planning: school terms and meeting dates that avoid Swedish holidays and the usual days off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

PREFERRED_WEEKDAYS = (1, 2, 3)  # Tuesday, Wednesday, Thursday


@dataclass(frozen=True)
class Term:
    kind: str  # "VT" or "HT"
    year: int
    start: date
    end: date

    @property
    def label(self) -> str:
        return f"{self.kind} {self.year}"


def default_term(kind: str, year: int) -> Term:
    """VT January–June, HT August–December, starting and ending on weekdays."""
    if kind == "VT":
        return Term("VT", year, date(year, 1, 12), date(year, 6, 12))
    return Term("HT", year, date(year, 8, 17), date(year, 12, 18))


def term_for(day: date, municipality=None) -> Term:
    """The term ``day`` falls in: the municipality's own dates if registered, else the default."""
    kind = "VT" if day.month <= 7 else "HT"
    if municipality is not None:
        from tillsammans.networks.models import SchoolTerm

        own = SchoolTerm.objects.filter(municipality=municipality, kind=kind, year=day.year).first()
        if own is not None:
            return Term(kind, day.year, own.start, own.end)
    return default_term(kind, day.year)


def days_off_named(year: int) -> dict[date, str]:
    """Public holidays plus midsommarafton, julafton, nyårsafton (Swedish names) and the bridge days
    around them, each with why it is off."""
    from django.utils.translation import get_language

    return _days_off_named(year, get_language() or "sv")


@cache
def _days_off_named(year: int, language: str) -> dict[date, str]:
    from django.utils.translation import gettext as _

    named = {day: str(name) for day, name in holidays.country_holidays(
        "SE", years=year, categories=("public", "de_facto"), language="sv").items()}
    off = dict(named)
    for day, name in named.items():
        # A bridge day (klämdag) between a holiday and a weekend is a usual day off.
        if day.weekday() == 3:
            off.setdefault(day + timedelta(days=1), _("bridge day after %(holiday)s") % {"holiday": name})
        if day.weekday() == 1:
            off.setdefault(day - timedelta(days=1), _("bridge day before %(holiday)s") % {"holiday": name})
    return off


def days_off(year: int) -> frozenset[date]:
    return frozenset(days_off_named(year))


def is_free(day: date) -> bool:
    return day.weekday() in PREFERRED_WEEKDAYS and day not in days_off(day.year)


def propose_dates(term: Term, count: int, *, taken: set[date] | frozenset[date] = frozenset()) -> list[date]:
    """``count`` dates spread evenly over the term, each on a Tue–Thu that is not a day off."""
    return suggest_dates(term, count, taken=taken)[0]


def suggest_dates(term: Term, count: int, *, taken: set[date] | frozenset[date] = frozenset()
                  ) -> tuple[list[date], list[tuple[date, str]]]:
    """The proposed dates and the Tue–Thu days passed over on the way because they are days off
    (holidays, bridge days), each with the reason, so the convener sees why."""
    if count <= 0:
        return [], []
    span = (term.end - term.start).days
    chosen: list[date] = []
    skipped: dict[date, str] = {}
    for index in range(count):
        target = term.start + timedelta(days=int(span * (index + 0.5) / count))
        for offset in range(0, span):
            for candidate in (target + timedelta(days=offset), target - timedelta(days=offset)):
                if not term.start <= candidate <= term.end or candidate.weekday() not in PREFERRED_WEEKDAYS:
                    continue
                reason = days_off_named(candidate.year).get(candidate)
                if reason:
                    skipped[candidate] = reason
                elif candidate not in chosen and candidate not in taken:
                    chosen.append(candidate)
                    break
            else:
                continue
            break
    return sorted(chosen), sorted(skipped.items())
