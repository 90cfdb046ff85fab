"""Demo Kreis (issue 2, item 8): ``demo_laden`` loads N BGs, visibility follows the Zuständigkeitsmatrix, idempotent."""

import pytest
from django.core.management import call_command
from schwifty import IBAN
from stdnum.de import idnr

from sozialhaus.core.models import Benutzer
from sozialhaus.core.permissions import sichtbare_personen
from sozialhaus.people.models import (
    Adresse,
    Bankverbindung,
    Bedarfsgemeinschaft,
    BGMitglied,
    Einkommen,
    Nummernkreis,
    Person,
    Unterkunft,
)

pytestmark = pytest.mark.django_db

BGS = 60


@pytest.fixture
def demo():
    call_command("demo_laden", bgs=BGS, ohne_faelle=True, verbosity=0)


def _personen_der(*kuerzel):
    return set(
        Person.objects.filter(mitgliedschaften__bedarfsgemeinschaft__dienststelle__kuerzel__in=kuerzel).values_list(
            "pk", flat=True
        )
    )


def _sichtbar(name):
    return set(sichtbare_personen(Benutzer.objects.get(username=name)).values_list("pk", flat=True))


def test_creates_requested_number_of_bgs(demo):
    assert Bedarfsgemeinschaft.objects.count() == BGS
    assert Person.objects.count() >= BGS
    # every person belongs to exactly one BG and was registered by that BG's Dienststelle
    for person in Person.objects.prefetch_related("mitgliedschaften__bedarfsgemeinschaft"):
        (mitgliedschaft,) = person.mitgliedschaften.all()
        assert person.erfasst_von_id == mitgliedschaft.bedarfsgemeinschaft.dienststelle_id


def test_each_person_visible_to_exactly_the_responsible_dienststelle(demo):
    brake = _personen_der("sozialamt-brake")
    nordenham = _personen_der("sozialamt-nordenham", "wg-nordenham")
    jobcenter = _personen_der("jc-brake", "jc-nordenham")
    assert brake and nordenham and jobcenter
    assert _sichtbar("sb.brake") == brake
    assert _sichtbar("sb.nordenham") == nordenham
    assert _sichtbar("sb.kreis") == jobcenter
    assert _sichtbar("teamleitung") == jobcenter
    assert _sichtbar("zahlstelle") == set(Person.objects.values_list("pk", flat=True))
    assert not brake & nordenham
    rechtskreise = set(
        Bedarfsgemeinschaft.objects.filter(dienststelle__kuerzel="sozialamt-brake").values_list(
            "rechtskreis", flat=True
        )
    )
    assert {"sgb12_kap3", "asylblg"} <= rechtskreise
    assert Person.objects.filter(familienname="Ahmadi", pk__in=_sichtbar("sb.brake")).count() == 4
    assert not Person.objects.filter(familienname="Janßen", pk__in=_sichtbar("sb.brake")).exists()


def test_all_records_pass_model_validation(demo):
    """bulk_create skips validation, so check what the forms would check."""
    for modell in (Person, Bankverbindung, Einkommen, Unterkunft, Adresse, BGMitglied):
        for objekt in modell.objects.all():
            objekt.full_clean(validate_unique=False)


def test_identifiers_are_valid(demo):
    ibans = list(Bankverbindung.objects.values_list("iban", flat=True))
    assert ibans
    for iban in ibans:
        IBAN(iban, validate_bban=True)
    steuer_ids = [s for s in Person.objects.values_list("steuer_id", flat=True) if s]
    assert steuer_ids and all(idnr.is_valid(s) for s in steuer_ids)


def test_numbers_continue_after_bulk_load(demo, bg_in):
    letzte = Person.objects.order_by("-kundennummer").first().kundennummer
    assert Nummernkreis.objects.get(name="kunde").letzte == int(letzte[1:])
    bg = bg_in("Brake", "sgb12_kap3", [{"familienname": "Neu"}])
    neu = bg.mitgliedschaften.get().person
    assert int(neu.kundennummer[1:]) == int(letzte[1:]) + 1
    assert Person.objects.get(kundennummer=neu.kundennummer).suchname == "neu person0"


def test_second_run_adds_nothing(demo):
    vorher = (Person.objects.count(), Bedarfsgemeinschaft.objects.count(), Bankverbindung.objects.count())
    call_command("demo_laden", bgs=BGS, ohne_faelle=True, verbosity=0)
    assert (Person.objects.count(), Bedarfsgemeinschaft.objects.count(), Bankverbindung.objects.count()) == vorher


def test_generator_is_deterministic():
    from sozialhaus.people.demo_personen import plane

    erste = [(p.familienname, p.vorname, p.geburtsdatum) for h in plane(40) for p in h.personen]
    zweite = [(p.familienname, p.vorname, p.geburtsdatum) for h in plane(40) for p in h.personen]
    assert erste == zweite
