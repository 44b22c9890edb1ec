"""The bulk paths every scale step writes through: COPY on PostgreSQL, batched inserts elsewhere,
ids handed out ahead, rows filled with a model's defaults; and the invented names and personal
identity numbers (test serials 980–999) that every step draws from."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection

from tillsammans.core import fragments

FIRST = ["Alva", "Elsa", "Maja", "Saga", "Vera", "Ella", "Nils", "Leo", "Liam", "Otto", "Ivar", "Tage",
         "Ebba", "Stina", "Hugo", "Malte", "Selma", "Wilma", "Arvid", "Frans"]


LAST = ["Testberg", "Provsson", "Exempelström", "Fiktivgren", "Påhittlund", "Låtsasdal", "Övningsvik",
        "Demoqvist", "Skissberg", "Utkastsson"]


BATCH = 5000


def child_number(index: int) -> str:
    """A unique, fictional number: birth date, test serial 980–999, valid check digit.
    Even blocks are personal identity numbers, odd ones coordination numbers (day + 60)."""
    from tillsammans.core.identity import luhn_digit

    serial = 980 + index % 20
    rest = index // 20
    coordination = rest % 2
    born = date(1999, 12, 31) - timedelta(days=rest // 2)  # never collides with the demo's children
    day = born.day + (60 if coordination else 0)
    nine = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born:%Y%m}{day:02d}{serial:03d}{luhn_digit(nine)}"


def table_name(model) -> str:
    return model._meta.db_table


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def write_rows(model, columns: Sequence[str], rows: Iterable[Sequence[Any]],
               progress: Callable[[int], None] | None = None) -> int:
    """Insert rows fast: COPY on PostgreSQL (psycopg 3), executemany in batches otherwise.
    ``columns`` are database column names; ids are given explicitly by the caller."""
    table = table_name(model)
    written = 0
    if model._meta.app_label in fragments.APPS:  # no signal sees a COPY: cached page parts are stale
        fragments.changed()
    if connection.vendor == "postgresql":
        names = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
                if progress and written % BATCH == 0:
                    progress(BATCH)
        if progress:
            progress(written % BATCH)
        if "id" in columns:
            with connection.cursor() as cursor:
                # table names come from the models, never from input
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                               f"(SELECT max(id) FROM \"{table}\"))")
        return written
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608 (names from the models)
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append([_sqlite_value(v) for v in row])
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
            if progress:
                progress(len(batch))
    return written


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def json_text(value: Any) -> str:

    return json.dumps(value, ensure_ascii=False)


def defaults_row(model, sample, overrides: dict[str, Any]) -> list[Any]:
    values = []
    for field in model._meta.concrete_fields:
        if field.column == "id":
            continue
        if field.column in overrides:
            values.append(overrides[field.column])
        else:
            values.append(field.get_db_prep_save(field.pre_save(sample, True), connection))
    return values


def columns_of(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.column != "id"]
