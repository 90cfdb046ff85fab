"""Einmalige Leistungen: Antrag auf einmalige Leistung → Bewilligung → Bescheid; refusals; the Antrag page.

Law (checked, not taken from the code):
* § 24 Abs. 3 Satz 1 Nr. 1 to 3 SGB II / § 31 Abs. 1 Nr. 1 to 3 SGB XII: Erstausstattung für die Wohnung (Nr. 1),
  Bekleidung, Schwangerschaft und Geburt (Nr. 2), orthopädische Schuhe and therapeutische Geräte (Nr. 3) are not
  covered by the Regelbedarf and are granted separately; they must be applied for separately (§ 37 Abs. 1 Satz 2
  SGB II).
* § 24 Abs. 3 Satz 5 SGB II: also as Pauschalbetrag – the 420,00 € below are the caseworker's amount, not a
  calculation.
* Bescheid posted on Monday 10.03.2025: bekannt gegeben on the fourth day, 14.03.2025 (§ 37 Abs. 2 Satz 1 SGB X in
  the version from 1.1.2025); Widerspruchsfrist one month, ends Monday 14.04.2025 (§ 84 Abs. 1, § 64 Abs. 2 SGG).
"""

import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sozialhaus.cases import services
from sozialhaus.cases.models import Antrag, Einmalleistung, Entscheidung
from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Rechtskreis
from sozialhaus.notices.models import Bescheid

from .conftest import pruefungsreif

HEUTE = date(2025, 3, 10)
ERSTAUSSTATTUNG = Decimal("420.00")


@pytest.fixture(autouse=True)
def heute(monkeypatch):
    """Every service sees Monday 10 March 2025 as today."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: HEUTE)


@pytest.fixture
def einmalantrag(alleinstehend, sb_kreis):
    """An SGB II Antrag auf einmalige Leistung received on 3 March 2025, entscheidungsreif."""
    antrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="einmalbedarf", eingegangen_am=date(2025, 3, 3))
    return pruefungsreif(sb_kreis, antrag, am=date(2025, 3, 5))


def _pdf_text(bescheid: Bescheid, tmp_path) -> str:
    datei = tmp_path / "bescheid.pdf"
    datei.write_bytes(bytes(bescheid.dokument.inhalt))
    ausgabe = subprocess.run(["pdftotext", "-layout", str(datei), "-"], capture_output=True, text=True, check=True)
    return " ".join(ausgabe.stdout.split())


def test_antrag_wirkt_ab_eingang_mit_eigener_nachweisliste(alleinstehend, sb_kreis):
    antrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="einmalbedarf", eingegangen_am=date(2025, 3, 3))
    # not the first of the month as an SGB II Erstantrag (§ 37 Abs. 2 Satz 2 SGB II): the day of receipt
    assert antrag.wirkt_ab == date(2025, 3, 3)
    assert antrag.get_art_display() == "Antrag auf einmalige Leistung"
    erforderlich = list(antrag.nachweise.filter(erforderlich=True).values_list("bezeichnung", flat=True))
    assert erforderlich == ["Aufstellung des Bedarfs (welche Gegenstände benötigt werden und warum)"]
    assert antrag.nachweise.filter(bezeichnung="Kostenvoranschlag oder Preisangebot", erforderlich=False).exists()


def test_bewilligung_erstausstattung_mit_bescheid(einmalantrag, sb_kreis, tmp_path):
    entscheidung = services.einmalleistung_bewilligen(
        sb_kreis, einmalantrag, art="wohnung", betrag="420,00", begruendung="Erste eigene Wohnung."
    )

    leistung = Einmalleistung.objects.get()
    assert entscheidung.art == Entscheidung.Art.EINMALLEISTUNG and entscheidung.entschieden_von == sb_kreis
    assert (leistung.entscheidung, leistung.betrag, leistung.faellig_im) == (
        entscheidung,
        ERSTAUSSTATTUNG,
        date(2025, 3, 1),
    )
    assert leistung.norm == "§ 24 Abs. 3 Satz 1 Nr. 1 SGB II"
    assert not entscheidung.monate.exists() and services.bewilligte_monate(einmalantrag.bedarfsgemeinschaft) == {}
    einmalantrag.refresh_from_db()
    assert einmalantrag.status == Antrag.Status.ENTSCHIEDEN
    assert AuditEintrag.objects.filter(objekt_typ="entscheidung", objekt_id=str(entscheidung.pk)).exists()

    bescheid = Bescheid.objects.get(entscheidung=entscheidung)
    assert bescheid.vorlage.art == "einmalleistung"
    assert (bescheid.bekanntgabe, bescheid.widerspruchsfrist_ende) == (date(2025, 3, 14), date(2025, 4, 14))
    text = _pdf_text(bescheid, tmp_path)
    for erwartet in (
        "Bewilligung einer einmaligen Leistung: Erstausstattung für die Wohnung einschließlich Haushaltsgeräten",
        "420,00 €",
        "§ 24 Abs. 3 Satz 1 Nr. 1 SGB II",
        "§ 24 Abs. 3 Satz 5 und 6 SGB II",
        "Erste eigene Wohnung.",
        "03/2025",
        "Die Frist endet am 14.04.2025",
        "Sie bekommen einmal 420,00 €",
    ):
        assert erwartet in text, erwartet


def test_sgb12_norm_und_ohne_begruendung(bg_in, benutzer):
    sb = benutzer("sb.brake")
    bg = bg_in("Brake", Rechtskreis.SGB12_KAP3, [{"familienname": "Nord"}])
    antrag = services.antrag_anlegen(sb, bg, art="einmalbedarf", eingegangen_am=date(2025, 3, 3))
    entscheidung = services.einmalleistung_bewilligen(
        sb, pruefungsreif(sb, antrag), art="schwangerschaft", betrag=Decimal("250")
    )
    assert entscheidung.einmalleistung.norm == "§ 31 Abs. 1 Nr. 2 SGB XII"  # Schwangerschaft und Geburt: Nr. 2
    assert entscheidung.einmalleistung.betrag == Decimal("250.00") and entscheidung.begruendung == ""


@pytest.mark.parametrize(
    "betrag, meldung",
    [
        ("0", "Der Betrag der einmaligen Leistung muss größer als 0,00 € sein."),
        ("-10,00", "Der Betrag der einmaligen Leistung muss größer als 0,00 € sein."),
        ("12,345", "Bitte den Betrag in Euro mit höchstens zwei Nachkommastellen angeben."),
        ("viel", "Bitte den Betrag als Zahl angeben, z. B. 420,00."),
    ],
)
def test_ungueltiger_betrag_speichert_nichts(einmalantrag, sb_kreis, betrag, meldung):
    with pytest.raises(ValidationError) as fehler:
        services.einmalleistung_bewilligen(sb_kreis, einmalantrag, art="wohnung", betrag=betrag)
    assert fehler.value.messages == [meldung]
    einmalantrag.refresh_from_db()
    assert einmalantrag.status == Antrag.Status.ENTSCHEIDUNGSREIF
    assert not Entscheidung.objects.exists() and not Einmalleistung.objects.exists() and not Bescheid.objects.exists()


def test_falscher_status_art_und_antragsart(alleinstehend, einmalantrag, sb_kreis):
    offen = services.antrag_anlegen(sb_kreis, alleinstehend, art="einmalbedarf", eingegangen_am=date(2025, 3, 4))
    with pytest.raises(ValidationError) as fehler:
        services.einmalleistung_bewilligen(sb_kreis, offen, art="wohnung", betrag="420")
    assert fehler.value.messages == [
        "Ein Antrag im Status »eingegangen« kann nicht bewilligt werden; er muss zuerst entscheidungsreif sein."
    ]
    with pytest.raises(ValidationError, match="Bitte die Art der einmaligen Leistung auswählen."):
        services.einmalleistung_bewilligen(sb_kreis, einmalantrag, art="moped", betrag="420")
    with pytest.raises(ValidationError, match="»Einmalige Leistung bewilligen«"):
        services.bewilligen(sb_kreis, einmalantrag)  # no monthly Bewilligung on an Antrag auf einmalige Leistung

    erstantrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    with pytest.raises(ValidationError) as fehler:
        services.einmalleistung_bewilligen(sb_kreis, pruefungsreif(sb_kreis, erstantrag), art="wohnung", betrag="1")
    assert fehler.value.messages == [
        "Eine einmalige Leistung wird nur auf einen Antrag auf einmalige Leistung bewilligt."
    ]
    assert not Entscheidung.objects.exists()


def test_ablehnung_wie_jeder_antrag(einmalantrag, sb_kreis):
    entscheidung = services.ablehnen(sb_kreis, einmalantrag, begruendung="Es handelt sich um eine Ersatzbeschaffung.")
    assert (
        entscheidung.art == Entscheidung.Art.ABLEHNUNG and Bescheid.objects.filter(entscheidung=entscheidung).exists()
    )


@pytest.mark.parametrize("rechtskreis", [Rechtskreis.ASYLBLG, Rechtskreis.WOHNGELD])
def test_rechtskreis_ohne_einmalige_leistung(bg_in, benutzer, rechtskreis):
    # AsylbLG: Hausrat and Bekleidung are part of the notwendiger Bedarf (§ 3 Abs. 1 Satz 1 AsylbLG); Wohngeld is
    # a Mietzuschuss (§ 1 WoGG) – neither knows a separately applied-for one-off benefit
    bg = bg_in("Brake", rechtskreis, [{"familienname": "Haidari"}])
    with pytest.raises(ValidationError) as fehler:
        services.antrag_anlegen(benutzer("sb.brake"), bg, art="einmalbedarf", eingegangen_am=date(2025, 3, 3))
    assert fehler.value.messages == [
        f"Im Rechtskreis »{Rechtskreis(rechtskreis).label}« sieht das Gesetz keine gesondert zu beantragende "
        "einmalige Leistung für Erstausstattungen vor (nur § 24 Abs. 3 SGB II und § 31 SGB XII)."
    ]
    assert not Antrag.objects.exists()


# --- staff UI ----------------------------------------------------------------------------------------------------


def test_antragsseite_bewilligt_einmalige_leistung(angemeldet, einmalantrag, alleinstehend):
    client = angemeldet("sb.kreis")
    neu = client.get(f"/bedarfsgemeinschaften/{alleinstehend.bg_nummer}/antraege/neu/").content.decode()
    assert '<option value="einmalbedarf">Antrag auf einmalige Leistung</option>' in neu

    url = f"/antraege/{einmalantrag.aktenzeichen}/"
    html = client.get(url).content.decode()
    assert "Einmalige Leistung bewilligen" in html
    assert f"{url}einmalleistung/" in html and f"{url}bewilligung/" not in html  # no monthly Bewilligung

    falsch = client.post(f"{url}einmalleistung/", {"einmalleistung-art": "wohnung", "einmalleistung-betrag": "0"})
    assert falsch.status_code == 400
    assert "Der Betrag der einmaligen Leistung muss größer als 0,00 € sein." in falsch.content.decode()
    assert not Entscheidung.objects.exists()

    antwort = client.post(
        f"{url}einmalleistung/",
        {"einmalleistung-art": "wohnung", "einmalleistung-betrag": "420,00", "einmalleistung-begruendung": ""},
    )
    assert antwort.status_code == 302 and antwort["Location"] == url
    assert Einmalleistung.objects.get().betrag == ERSTAUSSTATTUNG
    seite = client.get(url).content.decode()
    assert "Die einmalige Leistung wurde bewilligt." in seite
    assert "§ 24 Abs. 3 Satz 1 Nr. 1 SGB II" in seite and "420,00 €" in seite

    zweimal = client.post(f"{url}einmalleistung/", {"einmalleistung-art": "wohnung", "einmalleistung-betrag": "420"})
    assert zweimal.status_code == 409 and Einmalleistung.objects.count() == 1
