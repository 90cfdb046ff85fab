"""``manage.py audit_pruefen`` and the immutability of audit entries (issue 2, item 5)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from sozialhaus.core.audit import AuditEintrag, AuditVerletzung, protokolliere

pytestmark = pytest.mark.django_db


@pytest.fixture
def eintraege(benutzer):
    sb = benutzer("sb.nordenham")
    return [protokolliere(sb, "lesen", ("person", str(i), f"Person {i}")) for i in range(3)]


def test_intact_chain(eintraege, capsys):
    call_command("audit_pruefen")
    assert f"Protokollkette intakt: {AuditEintrag.objects.count()} Einträge geprüft." in capsys.readouterr().out


def _manipuliere(sql, params):
    """Bypass the trigger inside the test's transaction (rolled back afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # deferred foreign-key checks of the new rows would block ALTER TABLE ("pending trigger events")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditeintrag DISABLE TRIGGER core_auditeintrag_unveraenderlich")
        else:
            cursor.execute("DROP TRIGGER core_auditeintrag_kein_update")
        cursor.execute(sql, params)


def test_manipulated_row_fails(eintraege, capsys):
    _manipuliere("UPDATE core_auditeintrag SET benutzername = %s WHERE id = %s", ["jemand", eintraege[1].pk])
    with pytest.raises(CommandError, match="Protokollkette beschädigt"):
        call_command("audit_pruefen")
    assert f"Eintrag {eintraege[1].pk}: Inhalt wurde verändert" in capsys.readouterr().err


def test_orm_refuses_change_and_delete(eintraege):
    eintrag = AuditEintrag.objects.get(pk=eintraege[0].pk)
    eintrag.benutzername = "jemand"
    for versuch in (
        eintrag.save,
        eintrag.delete,
        lambda: AuditEintrag.objects.filter(pk=eintrag.pk).update(benutzername="x"),
        lambda: AuditEintrag.objects.filter(pk=eintrag.pk).delete(),
    ):
        with pytest.raises(AuditVerletzung):
            versuch()
    assert AuditEintrag.objects.get(pk=eintrag.pk).benutzername == "sb.nordenham"


@pytest.mark.parametrize(
    "sql",
    ["UPDATE core_auditeintrag SET benutzername = 'x' WHERE id = %s", "DELETE FROM core_auditeintrag WHERE id = %s"],
)
def test_raw_sql_refused(eintraege, sql):
    with pytest.raises(Exception, match="Protokolleintr"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [eintraege[0].pk])
    assert AuditEintrag.objects.filter(pk=eintraege[0].pk, benutzername="sb.nordenham").exists()
    call_command("audit_pruefen")
