"""Bookings: SGB II split Bund/Kommune, direct rent on KdU, Storno, checks, CSV export and sums."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialhaus.core.unveraenderlich import UnveraenderlichFehler
from sozialhaus.payments import buchungen, services
from sozialhaus.payments.models import Buchung, Direktzahlung, Zahlung
from sozialhaus.people.models import Einkommen

from .conftest import KDU, MONATLICH, REGELBEDARF, iban

JAN, FEB = date(2025, 1, 1), date(2025, 2, 1)


def _gebucht(zahlung) -> dict[str, Decimal]:
    return {b.haushaltsstelle.leistungsart: b.betrag for b in zahlung.buchungen.filter(art="zahlung")}


def test_sgb2_ohne_einkommen_bund_und_kommune(bewilligt, ausgefuehrt):
    bewilligt()
    zahlung = ausgefuehrt(JAN).zahlungen.get()
    # § 6 Abs. 1 Nr. 1/Nr. 2 SGB II: Regelbedarf 563,00 € Bund, Unterkunft und Heizung 580,00 € Kommune.
    assert _gebucht(zahlung) == {"regelbedarf": REGELBEDARF, "kdu": KDU}
    stellen = {
        b.haushaltsstelle.leistungsart: (b.haushaltsstelle.produkt, b.haushaltsstelle.kostentraeger)
        for b in zahlung.buchungen.all()
    }
    assert stellen == {"regelbedarf": ("31.2.02", "Bund"), "kdu": ("31.2.01", "Kommune")}


def test_sgb2_einkommen_deckt_zuerst_regelbedarf_19_abs_3_satz_2(bewilligt, ausgefuehrt):
    """1.100 € brutto / 850 € netto: Absetzbeträge 100 + 84 + 144 + 10 = 338 € (§ 11b Abs. 2, 3 SGB II), counted
    512,00 €. Income covers the Regelbedarf first (§ 19 Abs. 3 Satz 2 SGB II): Bund 563 − 512 = 51,00 €,
    Kommune 580,00 €, together 631,00 €."""

    def einkommen(bg):
        Einkommen.objects.create(
            person=bg.mitgliedschaften.get().person, art="erwerbseinkommen", brutto=Decimal("1100.00"),
            netto=Decimal("850.00"), gueltig_ab=JAN,
        )  # fmt: skip

    bewilligt(vor_bewilligung=einkommen)
    zahlung = ausgefuehrt(JAN).zahlungen.get()
    assert zahlung.betrag == Decimal("631.00")
    personen = zahlung.leistungsmonat.berechnung["personen"].values()
    assert [Decimal(p["anspruch_kdu"]) for p in personen] == [
        Decimal("580.00")
    ]  # the engine agrees with the hand value
    assert _gebucht(zahlung) == {"regelbedarf": Decimal("51.00"), "kdu": Decimal("580.00")}


def test_direkte_miete_wird_auf_kdu_gebucht(bewilligt, ausgefuehrt):
    bg = bewilligt()
    Direktzahlung.objects.create(
        bedarfsgemeinschaft=bg, art="miete", empfaenger="Vermieter", iban=iban(9001), betrag=Decimal("500.00"),
        gueltig_ab=JAN,
    )  # fmt: skip
    lauf = ausgefuehrt(JAN)
    # Rent 500 € → KdU; the person's 643 € → Regelbedarf 563 € first, then the remaining KdU 80 € (580 − 500).
    assert _gebucht(lauf.zahlungen.get(empfaengerart="miete")) == {"kdu": Decimal("500.00")}
    assert _gebucht(lauf.zahlungen.get(empfaengerart="person")) == {"regelbedarf": REGELBEDARF, "kdu": Decimal("80.00")}


def test_aufteilen_ergibt_immer_den_betrag():
    folge = ("regelbedarf", "kdu")
    anteil = {"regelbedarf": Decimal("100.00"), "kdu": Decimal("50.00")}
    assert buchungen.aufteilen(Decimal("120.00"), anteil, {}, folge) == {
        "regelbedarf": Decimal("100.00"),
        "kdu": Decimal("20.00"),
    }
    # Already fully booked (e.g. a Nachzahlung after an Änderung that raised nothing of either part): first part.
    voll = {"regelbedarf": Decimal("100.00"), "kdu": Decimal("50.00")}
    assert buchungen.aufteilen(Decimal("5.00"), anteil, voll, folge) == {"regelbedarf": Decimal("5.00")}


def test_pruefe_buchungen_und_kontrollsummen(bewilligt, ausgefuehrt):
    bewilligt("Eins", konto=1)
    bewilligt("Zwei", konto=2)
    lauf = ausgefuehrt(JAN)
    assert buchungen.pruefe_buchungen(lauf) == []
    lauf.sepa_xml = lauf.sepa_xml.replace("<CtrlSum>2286.00</CtrlSum>", "<CtrlSum>2287.00</CtrlSum>", 1)
    assert buchungen.pruefe_buchungen(lauf) == [
        "SEPA-Datei: NbOfTxs 2 / CtrlSum 2.287,00 € passen nicht zu 2 Zahlungen über 2.286,00 €."
    ]


def test_storno_und_erneute_faelligkeit(bewilligt, ausgefuehrt, traeger, zahlstelle, benutzer):
    bewilligt()
    zahlung = ausgefuehrt(JAN).zahlungen.get()
    with pytest.raises(ValidationError, match="Nur die Zahlstelle"):
        buchungen.zahlung_stornieren(benutzer("sb.kreis"), zahlung, grund="Rücklastschrift")
    storno = buchungen.zahlung_stornieren(zahlstelle, zahlung, grund="Konto erloschen")
    assert sorted(b.betrag for b in storno) == [-KDU, -REGELBEDARF]
    assert sum(Buchung.objects.filter(zahlung=zahlung).values_list("betrag", flat=True)) == 0
    zahlung.refresh_from_db()
    assert zahlung.status == Zahlung.Status.STORNIERT
    # A reversed payment no longer counts as paid: January is due again (as Nachzahlung in the February run).
    assert [(f.monat, f.offen) for f in services.faellige_betraege(traeger, JAN)] == [(JAN, MONATLICH)]
    with pytest.raises(ValidationError, match="kann nicht storniert werden"):
        buchungen.zahlung_stornieren(zahlstelle, zahlung, grund="doppelt")


def test_buchungen_sind_unveraenderlich(bewilligt, ausgefuehrt):
    bewilligt()
    buchung = Buchung.objects.filter(zahlung__zahllauf=ausgefuehrt(JAN)).first()
    buchung.betrag = Decimal("1.00")
    with pytest.raises(UnveraenderlichFehler):
        buchung.save()
    with pytest.raises(UnveraenderlichFehler):
        Buchung.objects.all().delete()


def test_csv_export_und_summen(bewilligt, ausgefuehrt):
    bg = bewilligt()
    lauf = ausgefuehrt(JAN)
    ausgabe = io.StringIO()
    assert buchungen.buchungen_csv(Buchung.objects.filter(zahlung__zahllauf=lauf), ausgabe) == 2
    zeilen = list(csv.reader(io.StringIO(ausgabe.getvalue()), delimiter=";"))
    assert zeilen[0] == buchungen.CSV_SPALTEN
    zahlung = lauf.zahlungen.get()
    assert [z[2:] for z in zeilen[1:]] == [
        ["Zahlung", str(lauf.pk), zahlung.end_to_end_id, bg.bg_nummer, "sgb2", "jc-brake", "01/2025", "31.2.02",
         "533200", "Bund", "Regelbedarf und Mehrbedarfe", "563,00"],
        ["Zahlung", str(lauf.pk), zahlung.end_to_end_id, bg.bg_nummer, "sgb2", "jc-brake", "01/2025", "31.2.01",
         "533100", "Kommune", "Unterkunft und Heizung", "580,00"],
    ]  # fmt: skip
    assert [(s["rechtskreis"], s["monat"], s["summe"]) for s in buchungen.buchungssummen(Buchung.objects.all())] == [
        ("sgb2", JAN, MONATLICH)
    ]


def test_fehlende_haushaltsstelle_verhindert_den_lauf(bewilligt, traeger):
    bewilligt()
    traeger.haushaltsstellen.filter(leistungsart="kdu").delete()
    with pytest.raises(ValidationError, match="Es fehlt die Haushaltsstelle für: SGB II .* – Unterkunft und Heizung."):
        services.zahllauf_vorbereiten(None, traeger, FEB)
