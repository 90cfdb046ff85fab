"""Issue 6, point 4: Überzahlung → Erstattungsbescheid → Aufrechnung at the legal percentage through the Zahllauf →
claim settled, with a smaller last instalment; bookings balance.

Hand calculation (standard case, conftest.py): from February 2025 the Kaltmiete falls from 400 € to 100 € and the
person did not report it. New amount 563 + 100 + 100 + 80 = 843,00 € (§ 22 Abs. 1 SGB II); February and March were
paid at 1.143,00 €, so 2 × 300,00 € = 600,00 € were received without a right (§ 48 Abs. 1 Satz 2 Nr. 2 SGB X, § 50
Abs. 1 SGB X). April to December are not yet paid: no Überzahlung, they are simply paid at 843,00 €.

Aufrechnung (§ 43 Abs. 2 Satz 1 SGB II, "in den übrigen Fällen 30 Prozent"): 30 % × 563,00 € = 168,90 € a month.
April, May, June: 3 × 168,90 = 506,70 € → open 93,30 €; July: the last, smaller amount 93,30 € → open 0,00 €.
Paid to the person: 843,00 − 168,90 = 674,10 € (April–June), 843,00 − 93,30 = 749,70 € (July), 843,00 € (August).
"""

import io
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from django.core.exceptions import ValidationError

from sozialhaus.cases import services as cases
from sozialhaus.claims import aufrechnung, services
from sozialhaus.claims.konto import saldo
from sozialhaus.claims.models import Buchungsart, Forderung, Grund
from sozialhaus.payments import services as zahllauf
from sozialhaus.payments.models import Buchung, Zahlung
from tests.payments.conftest import pruefungsreif

from .conftest import APR, AUG, FEB, JUL, JUN, MAI, aenderung, miete_senken, ueberzahlt

pytestmark = pytest.mark.django_db


def _pdf_text(dokument) -> str:
    return " ".join(seite.extract_text() for seite in pypdf.PdfReader(io.BytesIO(dokument.inhalt)).pages)


def test_ueberzahlung_erstattungsbescheid_aufrechnung_bis_getilgt(bewilligt, ausgefuehrt, benutzer, traeger):
    sb = benutzer("sb.kreis")
    bg, entscheidung = ueberzahlt(bewilligt, ausgefuehrt, sb)
    assert [m.differenz for m in entscheidung.monate.order_by("monat")][:3] == [Decimal("-300.00")] * 3

    (forderung,) = services.forderungen_festsetzen(sb, entscheidung, grund=Grund.SGB2_SONSTIGE)
    assert forderung.betrag == Decimal("600.00")
    assert forderung.monate == [
        {"monat": "2025-02-01", "betrag": "300.00"},
        {"monat": "2025-03-01", "betrag": "300.00"},
    ]
    assert forderung.person == bg.mitgliedschaften.get().person
    assert saldo(forderung) == Decimal("600.00")
    # Bescheid of 20.03.2025: Bekanntgabe on the fourth day (§ 37 Abs. 2 SGB X) 24.03.2025, Widerspruchsfrist one
    # month later (§ 84 SGG, § 64 SGG) 24.04.2025, a Thursday.
    assert (str(forderung.bekanntgabe), str(forderung.widerspruchsfrist_ende)) == ("2025-03-24", "2025-04-24")
    text = _pdf_text(forderung.dokument)
    for teil in ("Erstattungsbescheid", forderung.nummer, "600,00 €", "Rechtsbehelfsbelehrung", "24.04.2025", "§ 50"):
        assert teil in text, teil
    assert forderung.dokument.bedarfsgemeinschaft == bg

    erklaerung = aufrechnung.aufrechnung_erklaeren(
        sb, forderung, prozent="30", ab=APR, begruendung="Keine besondere Härte vorgetragen (Anhörung vom 1.3.2025)."
    )
    assert (erklaerung.regelbedarf, erklaerung.monatsbetrag) == (Decimal("563.00"), Decimal("168.90"))

    erwartet = {
        APR: (Decimal("674.10"), Decimal("431.10")),
        MAI: (Decimal("674.10"), Decimal("262.20")),
        JUN: (Decimal("674.10"), Decimal("93.30")),
        JUL: (Decimal("749.70"), Decimal("0.00")),
        AUG: (Decimal("843.00"), Decimal("0.00")),
    }
    for monat, (an_person, offen) in erwartet.items():
        lauf = ausgefuehrt(monat)
        assert [z.betrag for z in lauf.zahlungen.all()] == [an_person], monat
        assert saldo(forderung) == offen, monat
        assert aufrechnung.pruefe_einbehalte(lauf) == []
        # Buchungen of the Zahlung + amount withheld = the month's 843,00 €
        gebucht = sum(Buchung.objects.filter(zahlung__zahllauf=lauf).values_list("betrag", flat=True), Decimal(0))
        einbehalten = -sum(forderung.buchungen.filter(monat=monat).values_list("betrag", flat=True), Decimal(0))
        assert gebucht + einbehalten == Decimal("843.00")
    arten = list(forderung.buchungen.values_list("art", "betrag"))
    assert arten == [
        (Buchungsart.SOLLSTELLUNG, Decimal("600.00")),
        *[(Buchungsart.AUFRECHNUNG, Decimal("-168.90"))] * 3,
        (Buchungsart.AUFRECHNUNG, Decimal("-93.30")),
    ]
    # nothing withheld is paid out later as a Nachzahlung
    assert zahllauf.faellige_betraege(traeger, AUG) == []
    assert sum(Zahlung.objects.filter(monat=APR).values_list("betrag", flat=True)) == Decimal("674.10")


def test_aufrechnung_ueber_der_grenze_wird_abgelehnt(bewilligt, ausgefuehrt, benutzer):
    sb = benutzer("sb.kreis")
    _, entscheidung = ueberzahlt(bewilligt, ausgefuehrt, sb)
    (forderung,) = services.forderungen_festsetzen(sb, entscheidung, grund=Grund.SGB2_SONSTIGE)
    with pytest.raises(ValidationError) as fehler:
        aufrechnung.aufrechnung_erklaeren(sb, forderung, prozent="30.01", ab=APR, begruendung="Ermessen ausgeübt.")
    assert fehler.value.messages == [
        "Die Aufrechnung darf höchstens 30 % des maßgebenden Regelbedarfs betragen (§ 43 Abs. 1 Nr. 1, Abs. 2 Satz 1 "
        "SGB II); angegeben sind 30.01 %."
    ]
    assert not forderung.aufrechnungen.exists()


def test_einkommensfall_zehn_prozent_und_gesamtgrenze(bewilligt, ausgefuehrt, benutzer):
    """§ 43 Abs. 2 Satz 1 SGB II: 10 % for claims from § 48 Abs. 1 Satz 2 Nr. 3 SGB X: 10 % × 563,00 = 56,30 €."""
    sb = benutzer("sb.kreis")
    _, entscheidung = ueberzahlt(bewilligt, ausgefuehrt, sb)
    (forderung,) = services.forderungen_festsetzen(sb, entscheidung, grund=Grund.SGB2_EINKOMMEN)
    with pytest.raises(ValidationError, match="höchstens 10 % des maßgebenden Regelbedarfs"):
        aufrechnung.aufrechnung_erklaeren(sb, forderung, prozent="30", ab=APR, begruendung="Ermessen ausgeübt.")
    erklaerung = aufrechnung.aufrechnung_erklaeren(sb, forderung, prozent="10", ab=APR, begruendung="Ermessen.")
    assert erklaerung.monatsbetrag == Decimal("56.30")


def test_forderung_nur_einmal_und_nicht_ohne_ueberzahlung(bewilligt, ausgefuehrt, benutzer):
    sb = benutzer("sb.kreis")
    bg = bewilligt()
    miete_senken(bg, "100.00", FEB)
    entscheidung = aenderung(sb, bg, FEB)  # nothing paid yet: a lower amount, no Überzahlung
    with pytest.raises(ValidationError, match="nichts zu erstatten"):
        services.forderungen_festsetzen(sb, entscheidung, grund=Grund.SGB2_SONSTIGE)
    assert not Forderung.objects.exists()


def test_aufteilen_nach_gesunkenem_personenanspruch():
    """300,00 € of one month over two persons whose own claims fell by 150 € and 50 €: 225,00 € and 75,00 €;
    100,00 € over three equal falls: 33,33 + 33,33 + 33,34 (the remaining cent to one person, sum exact)."""
    assert services.aufteilen(Decimal("300.00"), {"K1": Decimal(150), "K2": Decimal(50)}) == {
        "K1": Decimal("225.00"),
        "K2": Decimal("75.00"),
    }
    teile = services.aufteilen(Decimal("100.00"), {"K1": Decimal(1), "K2": Decimal(1), "K3": Decimal(1)})
    assert sorted(teile.values()) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]


def test_einmalige_leistung_wird_nicht_aufgerechnet(forderung, ausgefuehrt, benutzer, uhr):
    """The Aufrechnung is declared on the monthly benefit (§ 43 Abs. 1, 2 SGB II: a percentage of the Regelbedarf per
    month); a one-off Erstausstattung of 420,00 € (§ 24 Abs. 3 Satz 1 Nr. 1 SGB II) decided on 2.4.2025 is paid in
    full beside it. April: 843,00 − 168,90 = 674,10 € and 420,00 € to the person; claim 600,00 − 168,90 = 431,10 €."""
    sb = benutzer("sb.kreis")
    aufrechnung.aufrechnung_erklaeren(sb, forderung, prozent="30", ab=APR, begruendung="Keine Härte vorgetragen.")
    uhr.tag = date(2025, 4, 2)
    antrag = cases.antrag_anlegen(sb, forderung.bedarfsgemeinschaft, art="einmalbedarf", eingegangen_am=uhr.tag)
    cases.einmalleistung_bewilligen(sb, pruefungsreif(sb, antrag, am=uhr.tag), art="wohnung", betrag="420.00")

    lauf = ausgefuehrt(APR)
    assert sorted((z.art, z.betrag) for z in lauf.zahlungen.all()) == [
        ("einmalig", Decimal("420.00")),
        ("laufend", Decimal("674.10")),
    ]
    assert saldo(forderung) == Decimal("431.10")
    assert aufrechnung.pruefe_einbehalte(lauf) == []
    gebucht = sum(Buchung.objects.filter(zahlung__zahllauf=lauf).values_list("betrag", flat=True), Decimal(0))
    assert gebucht == Decimal("1094.10")
    assert [z.betrag for z in ausgefuehrt(MAI).zahlungen.all()] == [Decimal("674.10")]  # the 420 € only once
