"""Database triggers that refuse UPDATE and DELETE on the audit trail, for every client (not only the ORM).

TRUNCATE is not covered: the production database role must not own the table
(see docs/operations.md); test databases are emptied with TRUNCATE on PostgreSQL.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER core_auditeintrag_kein_update BEFORE UPDATE ON core_auditeintrag
       BEGIN SELECT RAISE(ABORT, 'Protokolleinträge dürfen nicht geändert werden.'); END;""",
    """CREATE TRIGGER core_auditeintrag_kein_delete BEFORE DELETE ON core_auditeintrag
       BEGIN SELECT RAISE(ABORT, 'Protokolleinträge dürfen nicht gelöscht werden.'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditeintrag_kein_update;",
    "DROP TRIGGER IF EXISTS core_auditeintrag_kein_delete;",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION core_auditeintrag_unveraenderlich() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'Protokolleinträge dürfen nicht geändert oder gelöscht werden.'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditeintrag_unveraenderlich BEFORE UPDATE OR DELETE ON core_auditeintrag
       FOR EACH ROW EXECUTE FUNCTION core_auditeintrag_unveraenderlich();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditeintrag_unveraenderlich ON core_auditeintrag;",
    "DROP FUNCTION IF EXISTS core_auditeintrag_unveraenderlich();",
]


def anlegen(apps, schema_editor):
    statements = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)


def entfernen(apps, schema_editor):
    statements = POSTGRES_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(anlegen, entfernen)]
