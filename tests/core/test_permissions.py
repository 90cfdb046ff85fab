"""The permission service decides role × Dienststelle × Rechtskreis (issue 2, item 3)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sozialhaus.core.models import Rechtskreis
from sozialhaus.core.permissions import (
    Aktion,
    darf_anlegen,
    darf_protokoll_sehen,
    pruefe,
    sichtbare_bedarfsgemeinschaften,
    sichtbare_personen,
    zugriff,
)
from sozialhaus.people.models import Einkommen, Person

pytestmark = pytest.mark.django_db


def _person(bg):
    return bg.mitgliedschaften.first().person


def test_gemeinde_user_cannot_see_other_gemeinde(bg_in, benutzer):
    nordenham = _person(bg_in("Nordenham", Rechtskreis.SGB12_KAP3))
    brake = _person(bg_in("Brake", Rechtskreis.SGB12_KAP3))
    sb_brake = benutzer("sb.brake")
    assert zugriff(sb_brake, nordenham, Aktion.LESEN) is None
    assert zugriff(sb_brake, brake, Aktion.LESEN).kuerzel == "sozialamt-brake"
    assert list(sichtbare_personen(sb_brake).filter(pk__in=[nordenham.pk, brake.pk])) == [brake]
    with pytest.raises(PermissionDenied):
        pruefe(sb_brake, nordenham, Aktion.AENDERN)


@pytest.mark.parametrize(
    ("gemeinde", "rechtskreis", "login", "dienststelle"),
    [
        ("Brake", Rechtskreis.SGB2, "sb.kreis", "jc-brake"),
        ("Stadland", Rechtskreis.SGB2, "sb.kreis", "jc-nordenham"),
        ("Nordenham", Rechtskreis.WOHNGELD, "sb.nordenham", "wg-nordenham"),
        ("Nordenham", Rechtskreis.ASYLBLG, "sb.nordenham", "sozialamt-nordenham"),
        ("Brake", Rechtskreis.WOHNGELD, "sb.brake", "sozialamt-brake"),
    ],
)
def test_read_granted_by_matrix_and_rechtskreis(bg_in, benutzer, gemeinde, rechtskreis, login, dienststelle):
    bg = bg_in(gemeinde, rechtskreis)
    assert zugriff(benutzer(login), bg, Aktion.LESEN).kuerzel == dienststelle
    assert zugriff(benutzer(login), _person(bg), Aktion.AENDERN).kuerzel == dienststelle


@pytest.mark.parametrize(
    ("gemeinde", "rechtskreis", "login"),
    [
        ("Brake", Rechtskreis.SGB2, "sb.brake"),  # same Gemeinde, other Rechtskreis
        ("Brake", Rechtskreis.SGB12_KAP3, "sb.kreis"),  # Kreis staff, delegated Rechtskreis
        ("Nordenham", Rechtskreis.WOHNGELD, "sb.brake"),
        ("Brake", Rechtskreis.SGB2, "statistik"),
        ("Brake", Rechtskreis.SGB2, "admin"),
        ("Brake", Rechtskreis.SGB2, "lotse"),
        ("Nordenham", Rechtskreis.SGB12_KAP4, "teamleitung"),
    ],
)
def test_read_denied(bg_in, benutzer, gemeinde, rechtskreis, login):
    bg = bg_in(gemeinde, rechtskreis)
    assert zugriff(benutzer(login), bg, Aktion.LESEN) is None
    assert zugriff(benutzer(login), _person(bg), Aktion.LESEN) is None
    assert not sichtbare_bedarfsgemeinschaften(benutzer(login)).filter(pk=bg.pk).exists()


@pytest.mark.parametrize("login", ["zahlstelle", "widerspruch"])
def test_read_only_roles(bg_in, benutzer, login):
    bg = bg_in("Elsfleth", Rechtskreis.SGB2)
    assert zugriff(benutzer(login), bg, Aktion.LESEN) is not None
    assert zugriff(benutzer(login), bg, Aktion.AENDERN) is None
    assert zugriff(benutzer(login), _person(bg), Aktion.AENDERN) is None


def test_teamleitung_reads_changes_and_sees_protocol(bg_in, benutzer):
    bg = bg_in("Jade", Rechtskreis.SGB2)
    assert zugriff(benutzer("teamleitung"), bg, Aktion.AENDERN).kuerzel == "jc-brake"
    assert darf_protokoll_sehen(benutzer("teamleitung"))
    assert darf_protokoll_sehen(benutzer("admin"))
    assert not darf_protokoll_sehen(benutzer("sb.brake"))
    assert not darf_protokoll_sehen(benutzer("statistik"))


def test_lotse_sees_only_persons_registered_by_own_dienststelle(benutzer, dienststelle, bg_in):
    lotse = benutzer("lotse")
    eigene = Person.objects.create(
        familienname="Erstkontakt",
        vorname="Eva",
        geburtsdatum=date(1990, 2, 2),
        geschlecht="w",
        erfasst_von=dienststelle("kv-soziales"),
    )
    fremde = _person(bg_in("Brake", Rechtskreis.SGB2))
    assert [d.kuerzel for d in darf_anlegen(lotse)] == ["kv-soziales"]
    assert zugriff(lotse, eigene, Aktion.LESEN).kuerzel == "kv-soziales"
    assert zugriff(lotse, eigene, Aktion.AENDERN) is None
    assert zugriff(lotse, fremde, Aktion.LESEN) is None
    assert list(sichtbare_personen(lotse).filter(pk__in=[eigene.pk, fremde.pk])) == [eigene]


def test_facts_follow_their_person(bg_in, benutzer):
    person = _person(bg_in("Nordenham", Rechtskreis.SGB12_KAP4))
    einkommen = Einkommen.objects.create(
        person=person, art="rente", brutto=Decimal("800.00"), netto=Decimal("720.00"), gueltig_ab=date(2025, 1, 1)
    )
    assert zugriff(benutzer("sb.nordenham"), einkommen, Aktion.LESEN) is not None
    assert zugriff(benutzer("sb.brake"), einkommen, Aktion.LESEN) is None
    haushalt = person.haushalte.first()
    assert zugriff(benutzer("sb.nordenham"), haushalt, Aktion.AENDERN) is not None
    assert zugriff(benutzer("sb.brake"), haushalt, Aktion.LESEN) is None


def test_inactive_or_anonymous_user_has_no_access(bg_in, benutzer):
    from django.contrib.auth.models import AnonymousUser

    bg = bg_in("Brake", Rechtskreis.SGB12_KAP3)
    sb = benutzer("sb.brake")
    sb.is_active = False
    assert zugriff(sb, bg, Aktion.LESEN) is None
    assert zugriff(AnonymousUser(), bg, Aktion.LESEN) is None
    assert not sichtbare_personen(AnonymousUser()).exists()
