"""Audit trail: append-only and tamper-evident (issue 2, item 5)."""

import pytest
from django.db import connection, transaction

from sozialhaus.core.audit import GENESIS_HASH, AuditEintrag, AuditVerletzung, protokolliere, pruefe_kette

pytestmark = pytest.mark.django_db


@pytest.fixture
def eintraege(benutzer, dienststelle):
    sb = benutzer("sb.brake")
    return [
        protokolliere(sb, "lesen", ("person", str(i), f"Person {i}"), dienststelle=dienststelle("sozialamt-brake"))
        for i in range(3)
    ]


def test_entries_form_a_hash_chain(eintraege):
    assert eintraege[0].vorheriger_hash == GENESIS_HASH
    for vorher, nachher in zip(eintraege, eintraege[1:], strict=False):
        assert nachher.vorheriger_hash == vorher.hash
    assert eintraege[0].benutzername == "sb.brake"
    assert eintraege[0].dienststelle.kuerzel == "sozialamt-brake"
    assert pruefe_kette() == []


def test_orm_cannot_change_or_delete(eintraege):
    eintrag = eintraege[0]
    eintrag.aktion = "aendern"
    with pytest.raises(AuditVerletzung):
        eintrag.save()
    with pytest.raises(AuditVerletzung):
        eintrag.delete()
    with pytest.raises(AuditVerletzung):
        AuditEintrag.objects.filter(pk=eintrag.pk).update(aktion="aendern")
    with pytest.raises(AuditVerletzung):
        AuditEintrag.objects.filter(pk=eintrag.pk).delete()
    assert AuditEintrag.objects.get(pk=eintrag.pk).aktion == "lesen"


@pytest.mark.parametrize(
    "sql",
    ["UPDATE core_auditeintrag SET aktion = 'aendern'", "DELETE FROM core_auditeintrag"],
    ids=["update", "delete"],
)
def test_database_trigger_refuses_raw_sql(eintraege, sql):
    with pytest.raises(Exception, match="Protokolleintr"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEintrag.objects.filter(aktion="lesen").count() >= 3


def _trigger_aus(cursor):
    if connection.vendor == "postgresql":
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK trigger events may block ALTER TABLE
        cursor.execute("ALTER TABLE core_auditeintrag DISABLE TRIGGER core_auditeintrag_unveraenderlich")
    else:
        cursor.execute("DROP TRIGGER core_auditeintrag_kein_update")
        cursor.execute("DROP TRIGGER core_auditeintrag_kein_delete")


def test_chain_check_detects_manipulated_content(eintraege):
    with connection.cursor() as cursor:
        _trigger_aus(cursor)
        cursor.execute("UPDATE core_auditeintrag SET benutzername = 'jemand' WHERE id = %s", [eintraege[1].pk])
    fehler = pruefe_kette()
    assert fehler == [f"Eintrag {eintraege[1].pk}: Inhalt wurde verändert (Hash stimmt nicht)."]


def test_chain_check_detects_removed_entries(eintraege):
    with connection.cursor() as cursor:
        _trigger_aus(cursor)
        cursor.execute("DELETE FROM core_auditeintrag WHERE id = %s", [eintraege[1].pk])
        cursor.execute("DELETE FROM core_auditeintrag WHERE id = %s", [eintraege[2].pk])
    fehler = pruefe_kette()
    assert fehler == ["Das Ende der Kette fehlt: Einträge wurden entfernt."]
