"""Index for the person search: (suchname, geburtsdatum, id) serves both the prefix range and the ORDER BY of
``suche_personen``, so the first page (LIMIT 50) is read in index order and the database stops after 50 visible rows
instead of sorting every match (measured in benchmarks/README.md, section "Personensuche").

Plain SQL valid on SQLite and PostgreSQL. It is not declared in ``Person.Meta.indexes`` (the model belongs to the
people app's owner); if it is added there later, replace this operation by ``SeparateDatabaseAndState``.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX people_person_suche_idx ON people_person (suchname, geburtsdatum, id);",
            reverse_sql="DROP INDEX people_person_suche_idx;",
        )
    ]
