"""The demo persons carry the facts their Rechtskreis needs (deterministic, without drawing new random numbers)."""

from datetime import date

import pytest
from django.core.management import call_command

from sozialhaus.cases.eingabe import eingabe_fuer_monat
from sozialhaus.core.models import Rechtskreis
from sozialhaus.people.models import Bedarfsgemeinschaft, Person


@pytest.fixture
def demo(db):
    call_command("demo_laden", bgs=60, verbosity=0)


def test_asylblg_personen_haben_den_beginn_des_aufenthalts(demo):
    asyl = Person.objects.filter(mitgliedschaften__bedarfsgemeinschaft__rechtskreis=Rechtskreis.ASYLBLG)
    assert asyl.exists()
    for person in asyl.prefetch_related("mitgliedschaften"):
        assert person.aufenthalt_seit == person.mitgliedschaften.get().gueltig_ab
    assert not Person.objects.exclude(pk__in=asyl).filter(aufenthalt_seit__isnull=False).exists()
    # Familie Ahmadi (docs/demo.md) entered on 1.9.2024: the AsylbLG input of a month is complete.
    ahmadi = Bedarfsgemeinschaft.objects.get(mitgliedschaften__person__vorname="Farid", rechtskreis="asylblg")
    eingabe = eingabe_fuer_monat(ahmadi, date(2026, 3, 1), "asylblg", date(2024, 9, 1), None)
    assert {p["aufenthalt_seit"] for p in eingabe["personen"]} == {"2024-09-01"}


def test_dauerhafte_erwerbsminderung_nur_in_der_grundsicherung(demo):
    gemindert = Person.objects.filter(dauerhaft_voll_erwerbsgemindert_seit__isnull=False)
    assert gemindert.exists()
    assert set(gemindert.values_list("mitgliedschaften__bedarfsgemeinschaft__rechtskreis", flat=True)) <= {
        Rechtskreis.SGB12_KAP4
    }
