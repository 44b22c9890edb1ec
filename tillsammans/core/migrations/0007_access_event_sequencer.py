"""Events may wait for the sequencer without a place in the chain (ADR 0022): ``seq`` may be empty,
and on PostgreSQL the append-only trigger lets exactly one change through – the sequencer giving an
unchained event its sequence number, link, canonical text and HMAC, every other column unchanged."""

from django.db import migrations, models

ALLOW_CHAINING = """
CREATE OR REPLACE FUNCTION tillsammans_audit_append_only() RETURNS trigger AS $$
DECLARE
    chain_fields text[] := ARRAY['seq', 'prev_mac', 'mac', 'canonical'];
BEGIN
    IF TG_OP = 'UPDATE' AND left(TG_TABLE_NAME, 16) = 'core_accessevent' THEN  -- or a month of it
        IF (to_jsonb(OLD) ->> 'seq') IS NULL AND (to_jsonb(NEW) ->> 'seq') IS NOT NULL
           AND coalesce(to_jsonb(NEW) ->> 'prev_mac', '') <> ''
           AND coalesce(to_jsonb(NEW) ->> 'mac', '') <> ''
           AND (to_jsonb(NEW) - chain_fields) = (to_jsonb(OLD) - chain_fields) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'The access log is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""

REFUSE_ALL = """
CREATE OR REPLACE FUNCTION tillsammans_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(ALLOW_CHAINING)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(REFUSE_ALL)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0006_outgoing_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accessevent",
            name="seq",
            field=models.BigIntegerField(null=True, unique=True, verbose_name="sequence number"),
        ),
        migrations.RunPython(forward, backward),
    ]
