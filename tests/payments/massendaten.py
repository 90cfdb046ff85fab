"""Mass data for the kill test: ``python tests/payments/massendaten.py ANZAHL JJJJ-MM`` against the database in
``DATABASE_URL`` (settings from ``DJANGO_SETTINGS_MODULE``).

Builds ANZAHL decided Bedarfsgemeinschaften of the demo Kreis in seconds with ``bulk_create`` instead of the case
services (which calculate and render a Bescheid per case): per BG a Haushalt, the Antragsteller/in with a
Bankverbindung, an Antrag, an Entscheidung (Bewilligung by sb.kreis) and one Leistungsmonat for the month with a
minimal engine result (``anspruch``; for SGB II per person ``anspruch_kdu``). Spread over SGB II, SGB XII 3. and
4. Kapitel, AsylbLG and Wohngeld; every 10th BG has a Direktzahlung of its rent, every 500th an invalid IBAN.
The amounts are deterministic (``betrag``) so the test can recompute the Soll.
"""

import os
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

RECHTSKREISE = ["sgb2", "sgb2", "sgb2", "sgb12_kap3", "sgb12_kap4", "asylblg", "wohngeld"]


def betrag(i: int) -> Decimal:
    """The month's amount of BG number ``i``: between 150,00 and 1.649,99 €."""
    return Decimal(150 + (i * 37) % 1500) + Decimal(i % 100) / 100


def kdu(i: int) -> Decimal:
    return min(betrag(i), Decimal(400 + i % 200))


def iban(konto: int) -> str:
    """German IBAN with ISO 13616 check digits (BLZ 280 501 00)."""
    bban = f"28050100{konto:010d}"
    return f"DE{98 - int(bban + '131400') % 97:02d}{bban}"


def ungueltig(i: int) -> bool:
    return i % 500 == 7


def direkt(i: int) -> bool:
    return i % 10 == 3


def anlegen(anzahl: int, monat: date) -> None:
    from django.db import transaction

    from sozialhaus.cases.models import Antrag, Entscheidung, Leistungsmonat
    from sozialhaus.core.demo import lade_organisation
    from sozialhaus.core.models import Benutzer, Gemeinde, zustaendige_dienststelle
    from sozialhaus.payments.buchungen import haushaltsstellen_anlegen
    from sozialhaus.payments.models import Direktzahlung, Zahlungskonto
    from sozialhaus.people.models import Bankverbindung, Bedarfsgemeinschaft, BGMitglied, Haushalt, Person

    with transaction.atomic():
        traeger = lade_organisation()
        Zahlungskonto.objects.create(
            traeger=traeger, kontoinhaber="Kreiskasse Landkreis Wesermarsch", iban=iban(1000001), bic="SLZODE22XXX"
        )
        haushaltsstellen_anlegen(traeger)
        sb = Benutzer.objects.get(username="sb.kreis")
        gemeinden = list(Gemeinde.objects.filter(traeger=traeger).order_by("ags"))
        orte = [(g, rk, zustaendige_dienststelle(rk, g)) for g in gemeinden for rk in RECHTSKREISE]
        nummern = range(anzahl)
        haushalte = Haushalt.objects.bulk_create(
            Haushalt(nummer=f"H9{i:07d}", gemeinde=orte[i % len(orte)][0]) for i in nummern
        )
        personen = Person.objects.bulk_create(
            Person(
                kundennummer=f"K9{i:07d}",
                familienname=f"Müller{i}",
                vorname="Jörg",
                suchname=f"mueller{i} joerg",
                geburtsdatum=date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                geschlecht="m",
                erfasst_von=orte[i % len(orte)][2],
            )
            for i in nummern
        )
        bgs = Bedarfsgemeinschaft.objects.bulk_create(
            Bedarfsgemeinschaft(
                bg_nummer=f"03461BG9{i:07d}", rechtskreis=orte[i % len(orte)][1], haushalt=haushalte[i],
                dienststelle=orte[i % len(orte)][2],
            )
            for i in nummern
        )  # fmt: skip
        ab = date(2026, 1, 1)
        BGMitglied.objects.bulk_create(
            BGMitglied(bedarfsgemeinschaft=bgs[i], person=personen[i], rolle="antragsteller", gueltig_ab=ab)
            for i in nummern
        )
        Bankverbindung.objects.bulk_create(
            Bankverbindung(
                person=personen[i], kontoinhaber=f"Jörg Müller{i}", gueltig_ab=ab,
                iban=f"DE00{iban(i)[4:]}" if ungueltig(i) else iban(i),
            )
            for i in nummern
        )  # fmt: skip
        antraege = Antrag.objects.bulk_create(
            Antrag(
                aktenzeichen=f"MASSE-{i}", bedarfsgemeinschaft=bgs[i], rechtskreis=bgs[i].rechtskreis,
                art="erstantrag", eingegangen_am=ab, wirkt_ab=ab, dienststelle=bgs[i].dienststelle,
                status="entschieden", bearbeiter=sb,
            )
            for i in nummern
        )  # fmt: skip
        entscheidungen = Entscheidung.objects.bulk_create(
            Entscheidung(
                antrag=antraege[i], art="bewilligung", zeitraum_von=ab, zeitraum_bis=date(2026, 12, 31),
                entschieden_von=sb, dienststelle=bgs[i].dienststelle,
            )
            for i in nummern
        )  # fmt: skip
        Leistungsmonat.objects.bulk_create(
            Leistungsmonat(
                entscheidung=entscheidungen[i],
                monat=monat,
                betrag=betrag(i),
                eingabe={},
                berechnung={
                    "anspruch": str(betrag(i)),
                    "personen": {personen[i].kundennummer: {"anspruch": str(betrag(i)), "anspruch_kdu": str(kdu(i))}},
                },
            )
            for i in nummern
        )
        Direktzahlung.objects.bulk_create(
            Direktzahlung(
                bedarfsgemeinschaft=bgs[i], art="miete", empfaenger=f"Vermietung {i} GmbH", iban=iban(900000 + i),
                betrag=kdu(i), gueltig_ab=ab,
            )
            for i in nummern
            if direkt(i)
        )  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialhaus.settings.base")
    django.setup()
    anlegen(int(sys.argv[1]), date.fromisoformat(f"{sys.argv[2]}-01"))
