"""Import units from CSV: every line checked first, all or nothing, re-import updates.

A unit is matched, in this order, on its HSA-id, its unit code, or its organisation number when
that number identifies exactly one unit. Every bad line is reported with its number, its column
and a reason; if there is one, nothing is saved.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from tillsammans.core.access import Actor
from tillsammans.core.text import fold
from tillsammans.organisations import services, validators
from tillsammans.organisations.models import Authority, Unit, UnitType

# CSV column → model field. Swedish column names, as a coordinator's spreadsheet has them.
COLUMNS = {
    "namn": "name", "enhetstyp": "unit_type", "huvudman": "principal", "myndighet": "authority",
    "organisationsnummer": "org_number", "hsa_id": "hsa_id", "enhetskod": "code",
    "gatuadress": "street", "postnummer": "postal_code", "ort": "city", "latitud": "latitude",
    "longitud": "longitude", "telefon": "phone", "e-post": "email", "webbplats": "website",
    "beskrivning": "description", "ingår_i": "parent",
}
REQUIRED = ("namn", "enhetstyp", "myndighet")
COMPARED = ("name", "unit_type", "authority", "parent", "org_number", "hsa_id", "code", "street",
            "postal_code", "city", "latitude", "longitude", "phone", "email", "website",
            "description")


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("line %(line)s") % {"line": self.line}
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(_("The file is neither UTF-8 nor Windows-1252 text."))


def read_rows(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[LineError]]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return [], [LineError(1, "", _("The file is empty."))]
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        return [], [LineError(1, "", str(exc))]
    errors = [LineError(1, h, _("Unknown column. Known columns: %(cols)s.")
                        % {"cols": ", ".join(COLUMNS)}) for h in header if h and h not in COLUMNS]
    errors += [LineError(1, c, _("The column is missing.")) for c in REQUIRED if c not in header]
    rows = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            line = reader.line_num
            if len(values) != len(header):
                errors.append(LineError(line, "", _("The line has %(n)s fields; the header has %(m)s.")
                                        % {"n": len(values), "m": len(header)}))
                continue
            rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True) if h}))
    except csv.Error as exc:
        errors.append(LineError(reader.line_num, "", str(exc)))
    return rows, errors


class _Catalogues:
    def __init__(self) -> None:
        self.types: dict[str, UnitType] = {}
        for unit_type in UnitType.objects.all():
            self.types[fold(unit_type.code)] = unit_type
            self.types[fold(unit_type.name)] = unit_type
        self.authorities: dict[tuple[str, str], Authority] = {}
        self.authority_names: dict[str, list[Authority]] = {}
        for authority in Authority.objects.select_related("principal"):
            self.authorities[(fold(authority.principal.name), fold(authority.name))] = authority
            self.authority_names.setdefault(fold(authority.name), []).append(authority)
        self.by_hsa = {u.hsa_id: u for u in Unit.objects.exclude(hsa_id=None)}
        self.by_code = {u.code: u for u in Unit.objects.exclude(code=None)}
        self.by_org: dict[str, list[Unit]] = {}
        for unit in Unit.objects.exclude(org_number=None):
            self.by_org.setdefault(unit.org_number, []).append(unit)


def _number(value: str) -> float:
    return float(value.replace(",", ".").replace(" ", ""))


def _validate_row(line: int, row: dict[str, str], cat: _Catalogues,
                  seen: dict[str, dict[str, int]]) -> tuple[dict[str, Any], list[LineError]]:
    errors: list[LineError] = []
    out: dict[str, Any] = {}

    def fail(column: str, message: str) -> None:
        errors.append(LineError(line, column, message))

    for column in REQUIRED:
        if not row.get(column):
            fail(column, _("A value is required."))
    out["name"] = row.get("namn", "")
    if row.get("enhetstyp"):
        out["unit_type"] = cat.types.get(fold(row["enhetstyp"]))
        if out["unit_type"] is None:
            fail("enhetstyp", _("Unknown unit type %(value)s.") % {"value": row["enhetstyp"]})
    if row.get("myndighet"):
        if row.get("huvudman"):
            authority = cat.authorities.get((fold(row["huvudman"]), fold(row["myndighet"])))
        else:
            matches = cat.authority_names.get(fold(row["myndighet"]), [])
            authority = matches[0] if len(matches) == 1 else None
        if authority is None:
            fail("myndighet", _("No authority %(value)s (give the principal in the column "
                                "huvudman if the name is not unique).") % {"value": row["myndighet"]})
        out["authority"] = authority
    for column, field_name in (("organisationsnummer", "org_number"), ("hsa_id", "hsa_id"),
                               ("postnummer", "postal_code")):
        value = row.get(column, "")
        validator = {"org_number": validators.validate_org_number, "hsa_id": validators.validate_hsa_id,
                     "postal_code": validators.validate_postal_code}[field_name]
        try:
            validator(value)
        except ValidationError as exc:
            fail(column, " ".join(exc.messages))
        out[field_name] = (validators.normalise_org_number(value) if field_name == "org_number"
                           else value) or (None if field_name != "postal_code" else "")
    out["code"] = row.get("enhetskod") or None
    for column, field_name in (("gatuadress", "street"), ("ort", "city"), ("telefon", "phone"),
                               ("beskrivning", "description")):
        out[field_name] = row.get(column, "")
    for column, field_name, validator in (("e-post", "email", EmailValidator()),
                                          ("webbplats", "website", URLValidator())):
        value = row.get(column, "")
        if value:
            try:
                validator(value)
            except ValidationError:
                fail(column, _("%(value)s is not valid.") % {"value": value})
        out[field_name] = value
    lat, lon = row.get("latitud", ""), row.get("longitud", "")
    try:
        out["latitude"] = _number(lat) if lat else None
        out["longitude"] = _number(lon) if lon else None
        validators.validate_coordinates(out["latitude"], out["longitude"])
    except ValueError:
        fail("latitud", _("Coordinates must be decimal numbers, e.g. 59.37 and 16.51."))
    except ValidationError as exc:
        fail("latitud", " ".join(exc.messages))
    for key, column in (("hsa_id", "hsa_id"), ("code", "enhetskod")):
        value = out.get(key)
        if value:
            if value in seen[key]:
                fail(column, _("%(value)s also appears on line %(line)s.")
                     % {"value": value, "line": seen[key][value]})
            seen[key].setdefault(value, line)
    parent_code = row.get("ingår_i", "")
    out["parent"] = None
    if parent_code:
        out["parent"] = cat.by_code.get(parent_code)
        if out["parent"] is None and parent_code not in seen["code"]:
            fail("ingår_i", _("No unit with the code %(value)s (it must exist or come earlier "
                              "in the file).") % {"value": parent_code})
        out["_parent_code"] = parent_code
    return out, errors


def _match(values: dict[str, Any], cat: _Catalogues) -> Unit | None:
    if values.get("hsa_id") and values["hsa_id"] in cat.by_hsa:
        return cat.by_hsa[values["hsa_id"]]
    if values.get("code") and values["code"] in cat.by_code:
        return cat.by_code[values["code"]]
    candidates = cat.by_org.get(values.get("org_number") or "", [])
    return candidates[0] if len(candidates) == 1 else None


def import_units(*, actor: Actor, text: str, dry_run: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    result = ImportResult()
    rows, result.errors = read_rows(text)
    cat = _Catalogues()
    seen: dict[str, dict[str, int]] = {"hsa_id": {}, "code": {}}
    checked: list[tuple[int, dict[str, Any]]] = []
    for line, row in rows:
        values, errors = _validate_row(line, row, cat, seen)
        result.errors.extend(errors)
        checked.append((line, values))
    if result.errors or dry_run:
        return result
    try:
        with transaction.atomic():
            for index, (line, values) in enumerate(checked, start=1):
                _save(actor, line, values, cat, result)
                if progress:
                    progress(index, len(checked))
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = result.updated = result.unchanged = 0
    return result


class _Rollback(Exception):
    pass


def _save(actor: Actor, line: int, values: dict[str, Any], cat: _Catalogues,
          result: ImportResult) -> None:
    parent_code = values.pop("_parent_code", None)
    if parent_code and values["parent"] is None:
        values["parent"] = cat.by_code.get(parent_code)
    existing = _match(values, cat)
    try:
        with transaction.atomic():
            if existing is None:
                unit = services.unit_create(actor=actor, **values)
                result.created += 1
            else:
                changed = {k: v for k, v in values.items()
                           if k in COMPARED and getattr(existing, k) != v}
                if not changed:
                    result.unchanged += 1
                    return
                unit = services.unit_update(actor=actor, unit=existing, **changed)
                result.updated += 1
    except ValidationError as exc:
        for column, messages in exc.message_dict.items():
            reverse = {v: k for k, v in COLUMNS.items()}
            result.errors.append(LineError(line, reverse.get(column, ""), " ".join(messages)))
        return
    if unit.code:
        cat.by_code[unit.code] = unit
    if unit.hsa_id:
        cat.by_hsa[unit.hsa_id] = unit
