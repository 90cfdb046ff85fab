"""Shared fixtures: the demo organisation (Landkreis Wesermarsch, Dienststellen, demo logins) loaded once per
test database, a fast password hasher, and helpers to build persons and Bedarfsgemeinschaften."""

from datetime import date
from decimal import Decimal

import pytest

from sozialhaus.core.demo import lade_organisation
from sozialhaus.core.models import Benutzer, Dienststelle, Gemeinde, Rechtskreis, zustaendige_dienststelle
from sozialhaus.people.models import Bedarfsgemeinschaft, BGMitglied, Haushalt, Person, Unterkunft


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        lade_organisation()


@pytest.fixture(autouse=True)
def _schneller_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def benutzer(db):
    """Look up a demo login by name: ``benutzer("sb.brake")``."""
    return lambda name: Benutzer.objects.get(username=name)


@pytest.fixture
def gemeinde(db):
    """Look up a Gemeinde by (start of) its name: ``gemeinde("Brake")``."""
    return lambda name: Gemeinde.objects.get(name__startswith=name)


def neue_bg(gemeinde_name: str, rechtskreis: str, personen: list[dict] | None = None) -> Bedarfsgemeinschaft:
    """A Haushalt with a BG in ``gemeinde_name`` for ``rechtskreis``, responsible Dienststelle from the matrix.

    Each person dict may give familienname, vorname, geburtsdatum, rolle.
    """
    gemeinde = Gemeinde.objects.get(name__startswith=gemeinde_name)
    dienststelle = zustaendige_dienststelle(rechtskreis, gemeinde)
    haushalt = Haushalt.objects.create(gemeinde=gemeinde)
    bg = Bedarfsgemeinschaft.objects.create(rechtskreis=rechtskreis, haushalt=haushalt, dienststelle=dienststelle)
    for i, daten in enumerate(personen or [{}]):
        person = Person.objects.create(
            familienname=daten.get("familienname", "Muster"),
            vorname=daten.get("vorname", f"Person{i}"),
            geburtsdatum=daten.get("geburtsdatum", date(1980, 1, 1 + i)),
            geschlecht="w",
            erfasst_von=dienststelle,
        )
        haushalt.mitglieder.add(person)
        BGMitglied.objects.create(
            bedarfsgemeinschaft=bg,
            person=person,
            rolle=daten.get("rolle", "antragsteller" if i == 0 else "kind"),
            gueltig_ab=date(2025, 1, 1),
        )
    Unterkunft.objects.create(
        haushalt=haushalt,
        kaltmiete=Decimal("400.00"),
        nebenkosten=Decimal("100.00"),
        heizkosten=Decimal("80.00"),
        wohnflaeche=Decimal("55.00"),
        gemeinde=gemeinde,
        gueltig_ab=date(2025, 1, 1),
    )
    return bg


@pytest.fixture
def bg_in(db):
    """Factory: ``bg_in("Nordenham", Rechtskreis.SGB12_KAP3, [{"familienname": "Nord"}])``."""
    return neue_bg


@pytest.fixture
def dienststelle(db):
    return lambda kuerzel: Dienststelle.objects.get(kuerzel=kuerzel)


__all__ = ["Rechtskreis"]
