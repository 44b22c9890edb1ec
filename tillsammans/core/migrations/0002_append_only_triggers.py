"""On PostgreSQL, refuse UPDATE, DELETE and TRUNCATE on the audit tables in the database itself.

TRUNCATE is let through only on connections that set ``tillsammans.allow_truncate=on``: the test
settings do, so that Django can flush between transactional tests. Production never sets it.
"""

from django.db import migrations

TABLES = ("core_accessevent", "core_auditcheckpoint")

TRUNCATE_GUARD = """
CREATE OR REPLACE FUNCTION tillsammans_audit_no_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('tillsammans.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'The access log is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""

FORWARD = """
CREATE OR REPLACE FUNCTION tillsammans_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(FORWARD)
        cursor.execute(TRUNCATE_GUARD)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION tillsammans_audit_append_only()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION tillsammans_audit_no_truncate()"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS tillsammans_audit_append_only()")
    schema_editor.execute("DROP FUNCTION IF EXISTS tillsammans_audit_no_truncate()")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
