"""On PostgreSQL the access log becomes a table partitioned by month (``occurred_at``, UTC months),
so that retention drops a month instead of deleting rows (``core/audit_partitions.py``). SQLite
keeps the plain table: this migration does nothing there.

A partitioned table can only enforce keys that include the partition key, so the primary key is
``(id, occurred_at)`` and ``seq`` is unique per ``(seq, occurred_at)``. One chain is still kept by
the chain lock (inline) or the one sequencer, and ``verify-audit`` names a duplicate or a gap.
The rows are copied into the new table in this migration: for 10 million events, minutes.
"""

from datetime import UTC, date, datetime

from django.db import migrations

TABLE = "core_accessevent"
OLD = "core_accessevent_unpartitioned"


def _month_name(day):
    return f"{TABLE}_y{day.year}m{day.month:02d}"


def _next(day):
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _utc(day):
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE])
        if cursor.fetchone():
            return
        cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                       "AND tablename = %s AND indexname NOT IN (%s, %s)",
                       [TABLE, f"{TABLE}_pkey", f"{TABLE}_seq_key"])
        indexes = cursor.fetchall()
        for position, (name, _definition) in enumerate(indexes):
            cursor.execute(f'ALTER INDEX "{name}" RENAME TO "{OLD}_{position}"')
        cursor.execute(f"ALTER TABLE {TABLE} RENAME CONSTRAINT {TABLE}_pkey TO {OLD}_pkey")
        cursor.execute(f"ALTER TABLE {TABLE} RENAME CONSTRAINT {TABLE}_seq_key TO {OLD}_seq_key")
        cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}")
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
        cursor.execute(f"ALTER TABLE {OLD} ALTER COLUMN id DROP IDENTITY IF EXISTS")

        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS) PARTITION BY RANGE (occurred_at)")
        cursor.execute(f"CREATE SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}.id")
        cursor.execute(f"SELECT setval('{TABLE}_id_seq', coalesce(max(id), 0) + 1, false) FROM {OLD}")  # noqa: S608
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")

        cursor.execute(f"SELECT min(occurred_at), max(occurred_at) FROM {OLD}")  # noqa: S608
        first, last = cursor.fetchone()
        today = datetime.now(UTC).date()
        month = date((first or _utc(today)).astimezone(UTC).year, (first or _utc(today)).astimezone(UTC).month, 1)
        last_day = max((last.astimezone(UTC).date() if last else today), today)
        end = _next(_next(_next(_next(date(last_day.year, last_day.month, 1)))))  # three months ahead
        while month < end:
            name = _month_name(month)
            cursor.execute(f'CREATE TABLE "{name}" PARTITION OF {TABLE} FOR VALUES FROM (%s) TO (%s)',
                           [_utc(month), _utc(_next(month))])
            cursor.execute(f'CREATE TRIGGER "{name}_no_truncate" BEFORE TRUNCATE ON "{name}" '
                           f"FOR EACH STATEMENT EXECUTE FUNCTION tillsammans_audit_no_truncate()")
            month = _next(month)
        cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
        cursor.execute(f"CREATE TRIGGER {TABLE}_default_no_truncate BEFORE TRUNCATE ON {TABLE}_default "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION tillsammans_audit_no_truncate()")

        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {OLD}")  # noqa: S608
        cursor.execute(f"DROP TABLE {OLD}")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, occurred_at)")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_seq_key UNIQUE (seq, occurred_at)")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute(f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
                       f"FOR EACH ROW EXECUTE FUNCTION tillsammans_audit_append_only()")
        cursor.execute(f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION tillsammans_audit_no_truncate()")
        cursor.execute(f"ANALYZE {TABLE}")


class Migration(migrations.Migration):
    # Not reversed: going back to one table is a copy in the other direction, done by hand if ever.
    atomic = True

    dependencies = [("core", "0007_access_event_sequencer")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=False)]
