"""Import indicator values from CSV, all or nothing: every line is checked first, every bad line is
reported with its number, column and reason, and if there is one, nothing is saved.

Columns (Swedish, as a coordinator's spreadsheet has them): ``indikator`` (the indicator's name),
``område`` (an area's name, or its code; "Kommun/Område" when the name is not unique), ``år``,
``värde`` (decimal comma or point) and optionally ``antal`` (how many people the value is about).
The coordinator may only import values for areas in their scope."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.text import fold
from tillsammans.insight.models_indicators import Indicator, IndicatorValue, ValueSource
from tillsammans.insight.services_indicators import FIRST_YEAR, LAST_YEAR
from tillsammans.organisations.importing import LineError, decode
from tillsammans.organisations.models import Area

COLUMNS = ("indikator", "område", "år", "värde", "antal")
REQUIRED = ("indikator", "område", "år", "värde")
MAX_LINES = 20000


@dataclass
class ImportResult:
    saved: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _areas() -> tuple[dict[str, list[Area]], dict[str, Area]]:
    by_name: dict[str, list[Area]] = {}
    by_code: dict[str, Area] = {}
    for area in Area.objects.current().select_related("parent"):
        by_name.setdefault(fold(area.name), []).append(area)
        if area.parent is not None:
            by_name.setdefault(fold(f"{area.parent.name}/{area.name}"), []).append(area)
        if area.code:
            by_code[fold(area.code)] = area
    return by_name, by_code


def _number(text: str) -> Decimal:
    return Decimal(text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", "."))


def import_values(*, actor: Actor, raw: bytes, allowed_area_ids: set[int] | None) -> ImportResult:
    """``allowed_area_ids`` None: any area (the system); otherwise the coordinator's scope."""
    result = ImportResult()
    try:
        text = decode(raw).lstrip("\ufeff")
    except ValueError as exc:
        result.errors.append(LineError(1, "", str(exc)))
        return result
    if not text.strip():
        result.errors.append(LineError(1, "", _("The file is empty.")))
        return result
    first = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") >= first.count(",") else ",")
    header = [h.strip().lower() for h in next(reader)]
    errors = result.errors
    errors += [LineError(1, h, _("Unknown column. Known columns: %(cols)s.") % {"cols": ", ".join(COLUMNS)})
               for h in header if h and h not in COLUMNS]
    errors += [LineError(1, c, _("The column is missing.")) for c in REQUIRED if c not in header]
    if errors:
        return result
    indicators = {fold(i.name): i for i in Indicator.objects.all()}
    by_name, by_code = _areas()
    rows: dict[tuple[int, int, int], tuple[Indicator, Area, int, Decimal, int | None]] = {}
    seen_at: dict[tuple[int, int, int], int] = {}
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        line = reader.line_num
        if line > MAX_LINES:
            errors.append(LineError(line, "", _("The file has more than %(n)s lines.") % {"n": MAX_LINES}))
            break
        if len(values) != len(header):
            errors.append(LineError(line, "", _("The line has %(n)s fields; the header has %(m)s.")
                                    % {"n": len(values), "m": len(header)}))
            continue
        row = {h: v.strip() for h, v in zip(header, values, strict=True)}
        before = len(errors)
        for column in REQUIRED:
            if not row.get(column):
                errors.append(LineError(line, column, _("A value is required.")))
        indicator = indicators.get(fold(row.get("indikator", "")))
        if row.get("indikator") and indicator is None:
            errors.append(LineError(line, "indikator", _("Unknown indicator %(value)s.") % {"value": row["indikator"]}))
        area, name = None, row.get("område", "")
        if name:
            matches = by_name.get(fold(name), [])
            area = by_code.get(fold(name)) or (matches[0] if len(matches) == 1 else None)
            if area is None and len(matches) > 1:
                errors.append(LineError(line, "område", _("%(value)s is the name of several areas: write "
                                                          "Municipality/Area.") % {"value": name}))
            elif area is None:
                errors.append(LineError(line, "område", _("Unknown area %(value)s.") % {"value": name}))
            elif allowed_area_ids is not None and area.pk not in allowed_area_ids:
                errors.append(LineError(line, "område", _("%(value)s is outside your areas.") % {"value": name}))
        year = None
        if row.get("år"):
            try:
                year = int(row["år"])
                if not FIRST_YEAR <= year <= LAST_YEAR:
                    raise ValueError
            except ValueError:
                errors.append(LineError(line, "år", _("Give a year between %(a)s and %(b)s.")
                                        % {"a": FIRST_YEAR, "b": LAST_YEAR}))
                year = None
        value = None
        if row.get("värde"):
            try:
                value = _number(row["värde"])
                if not value.is_finite() or abs(value) >= Decimal("1e11"):
                    raise InvalidOperation
            except InvalidOperation:
                errors.append(LineError(line, "värde", _("%(value)s is not a number.") % {"value": row["värde"]}))
                value = None
        n = None
        if row.get("antal"):
            try:
                n = int(row["antal"])
                if n < 0:
                    raise ValueError
            except ValueError:
                errors.append(LineError(line, "antal", _("Give a whole number of people (0 or more).")))
        if len(errors) > before or None in (indicator, area, year, value):
            continue
        key = (indicator.pk, area.pk, year)
        if key in seen_at:
            errors.append(LineError(line, "", _("The same indicator, area and year as on line %(n)s.")
                                    % {"n": seen_at[key]}))
            continue
        seen_at[key] = line
        rows[key] = (indicator, area, year, value, n)
    if not rows and not errors:
        errors.append(LineError(1, "", _("The file has no values.")))
    if errors:
        return result
    with transaction.atomic():
        for indicator, area, year, value, n in rows.values():
            IndicatorValue.objects.update_or_create(indicator=indicator, area=area, year=year,
                                                    defaults={"value": value, "n": n, "source": ValueSource.CSV})
        for indicator in {r[0] for r in rows.values()}:
            audit.record(actor, AuditAction.UPDATE, indicator, detail={"csv": sum(
                1 for r in rows.values() if r[0] == indicator)})
    result.saved = len(rows)
    return result
