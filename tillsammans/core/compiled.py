"""A large condition built with the ORM once and compiled once, then given its values at each use.

The access rule of child plans (``childplans.rules.visible_plans``) is a dozen sub-queries deep;
Django builds and resolves it anew on every request (cloning and relabelling every nested query
at each level), and compiles it again: ≈ 15 ms of a list page's ≈ 50 ms of Python on the bench
machine, though only the acting membership, its unit and the time differ between two requests.

Here the same ORM expression is built once with ``Bound`` placeholders where those values go,
compiled once per database and key (the day, say: what changes the SQL's shape or literal values),
and each use fills the placeholders in, prepared for the database as the field of the placeholder
prepares it. The condition is the ORM's own SQL, so it is stated once, in the ORM; its values are
parameters, never text in the SQL.

Only for the top of a list's own query: used inside another query (as a sub-query, where Django
renames the table) it refuses to compile rather than name the wrong table."""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import Any

from django.db import NotSupportedError, connections
from django.db.models import BooleanField, Expression, Model, Q


class Bound(Expression):
    """A named value of a compiled condition (``compiled``), given at each use."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def __repr__(self) -> str:
        return f"Bound({self.name!r})"


class Condition(Expression):
    """A compiled condition with its values: ``Model.objects.filter(Condition(...))``."""

    def __init__(self, table: str, alias: str, sql: str, params: list, values: dict[str, Any]):
        super().__init__(output_field=BooleanField())
        self.table, self.alias, self.sql, self.params, self.values = table, alias, sql, params, values

    def as_sql(self, compiler, connection):
        if connection.alias != self.alias or compiler.query.base_table != self.table:
            raise NotSupportedError("A compiled condition is for the top of its own model's query.")
        return f"({self.sql})", [
            p.output_field.get_db_prep_value(self.values[p.name], connection) if isinstance(p, Bound) else p
            for p in self.params]


_compiled: dict[tuple, tuple[str, list]] = {}
_lock = Lock()


def compiled(model: type[Model], name: str, key: Any, build: Callable[[], Q], values: dict[str, Any],
             using: str = "default") -> Condition:
    """``build()`` (a condition on ``model`` with ``Bound`` placeholders) compiled once for this
    ``name`` and ``key`` on this database, given ``values`` for its placeholders. A new key drops the
    name's older compilations (a day's rule is not kept for the next day)."""
    cache_key = (name, using, key)
    found = _compiled.get(cache_key)
    if found is None:
        query = model._base_manager.using(using).filter(build()).query
        compiler = query.get_compiler(using=using)
        sql, params = compiler.compile(query.where)
        joined = [alias for alias, count in query.alias_refcount.items() if count and alias != query.base_table]
        if query.base_table != model._meta.db_table or joined:
            raise NotSupportedError("A compiled condition must not join the model's own query.")
        missing = {p.name for p in params if isinstance(p, Bound)} - set(values)
        if missing:
            raise ValueError(f"No value for {sorted(missing)}.")
        found = (sql, list(params))
        with _lock:
            for old in [k for k in _compiled if k[:2] == (name, using)]:
                del _compiled[old]
            _compiled[cache_key] = found
    sql, params = found
    return Condition(model._meta.db_table, connections[using].alias, sql, params, values)
