"""Bescheide rendered from real engine calculations, checked against hand-calculated values.

Hand calculation for the household of ``conftest.py`` (SGB II, 2026):
  Anna: Regelbedarf Stufe 1 563,00 € (§ 20 Abs. 2 SGB II; RBSFV 2026), Mehrbedarf Alleinerziehende 12 % =
  67,56 € (§ 21 Abs. 3 Nr. 2 SGB II), Kopfteil KdU 580,00 € / 2 = 290,00 € (§ 22 Abs. 1 SGB II) → 920,56 €.
  Ben: Regelbedarf Stufe 5 390,00 € (§ 23 Nr. 1 SGB II; RBSFV 2026) + 290,00 € = 680,00 €, minus Kindergeld
  259,00 € (§ 11 Abs. 1 Satz 5 SGB II) → 421,00 €. Needs left: 1.341,56 €.
  Income March–May: 480,00 € netto − Grundabsetzbetrag 100,00 € − 20 % of 420,00 € (84,00 €) − 30 % of 80,00 €
  (24,00 €) = 272,00 € (§ 11b Abs. 2, 3 SGB II). Claim 1.341,56 − 272,00 + Kindersofortzuschlag 25,00 € (§ 72
  SGB II) = 1.094,56 €. June: 640,00 − 100,00 − 84,00 − 84,00 (30 % of 280,00) = 372,00 € → 994,56 €.
  Bedarfe per month: 920,56 + 680,00 + 25,00 = 1.625,56 €.
Bescheiddatum Friday 6.3.2026 = Aufgabe zur Post → Bekanntgabe Tuesday 10.3.2026 (§ 37 Abs. 2 Satz 1 SGB X) →
Fristende Friday 10.4.2026 (§§ 84 Abs. 1, 64 Abs. 2 SGG).
"""

import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from pypdf import PdfReader

from sozialhaus.cases.models import Entscheidung
from sozialhaus.cases.signals import entscheidung_erlassen
from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.unveraenderlich import UnveraenderlichFehler
from sozialhaus.notices import darstellung, klartext
from sozialhaus.notices.models import Bescheid, Bescheidvorlage
from sozialhaus.notices.pdf import HINWEIS_AUTOMATISCH
from sozialhaus.notices.services import bescheid_berichtigen, bescheid_erstellen, standardvorlagen_anlegen
from sozialhaus.records.models import Dokument

from .conftest import eingabe, entscheidung_anlegen

pytestmark = pytest.mark.django_db


def pdf_text(bescheid: Bescheid, tmp_path) -> str:
    """Text of the filed PDF by ``pdftotext -layout``, whitespace collapsed (lines may wrap anywhere)."""
    datei = tmp_path / f"{bescheid.nummer}.pdf"
    datei.write_bytes(bytes(bescheid.dokument.inhalt))
    ausgabe = subprocess.run(["pdftotext", "-layout", str(datei), "-"], capture_output=True, text=True, check=True)
    return " ".join(ausgabe.stdout.split())


@pytest.fixture
def bescheid(bewilligung, benutzer):
    return bescheid_erstellen(bewilligung, benutzer=benutzer("sb.kreis"))


def test_bewilligungsbescheid_shows_amounts_norms_and_deadline(bescheid, bewilligung, tmp_path):
    text = pdf_text(bescheid, tmp_path)
    assert bescheid.bekanntgabe == date(2026, 3, 10)
    assert bescheid.widerspruchsfrist_ende == date(2026, 4, 10)
    for erwartet in (
        "Landkreis Wesermarsch",
        "Jobcenter Wesermarsch – Bezirksstelle Brake",
        "Anna Weser Breite Straße 12a 26919 Brake (Unterweser)",
        bescheid.nummer,
        bewilligung.antrag.aktenzeichen,
        bewilligung.antrag.bedarfsgemeinschaft.bg_nummer,
        "06.03.2026",
        "Bewilligung von Bürgergeld für die Zeit vom 01.03.2026 bis 30.06.2026",
        "März bis Mai 2026 1.094,56 €",
        "Juni 2026 994,56 €",
        "563,00 €",
        "67,56 €",
        "390,00 €",
        "290,00 €",
        "-259,00 €",
        "1.625,56 €",
        "§ 20 Abs. 2",
        "§ 21 Abs. 3 SGB II",
        "§ 22 Abs. 1",
        "§ 23 Nr. 1 SGB II",
        "§ 72 Abs. 1 SGB II",
        "§ 60 Abs. 1 Satz 1 Nr. 2",
        "§ 36a Abs. 2 SGB I",
        "§ 37 Abs. 2 Satz 1 SGB X",
        "Die Frist endet am 10.04.2026.",
        "Bahnhofstraße 12, 26919 Brake (Unterweser)",
        "Im Auftrag",
        "Version 1",
    ):
        assert erwartet in text, erwartet
    assert "Alt 1" not in text  # the address that ended before the Bescheiddatum
    assert HINWEIS_AUTOMATISCH not in text
    assert "aufschiebende Wirkung" not in text  # § 39 SGB II only for Aufhebung/Änderung


def test_berechnungsbogen_groups_months_and_positions_add_up(bewilligung):
    monate = list(bewilligung.monate.order_by("monat"))
    abschnitte = darstellung.abschnitte(monate, darstellung.personennamen(monate))
    assert [(a.titel, a.anspruch) for a in abschnitte] == [
        ("März bis Mai 2026", Decimal("1094.56")),
        ("Juni 2026", Decimal("994.56")),
    ]
    for abschnitt, abzuege in zip(abschnitte, (Decimal("-531.00"), Decimal("-631.00")), strict=True):
        assert abschnitt.summe_bedarfe == Decimal("1625.56")
        assert abschnitt.summe_abzuege == abzuege  # 272,00 or 372,00 € earnings + 259,00 € Kindergeld
        assert sum(p.betrag for p in abschnitt.positionen) == abschnitt.anspruch
    assert {p.person for p in abschnitte[0].positionen} == {"Anna Weser", "Ben Weser"}


def test_plain_language_part_comes_from_the_same_positions(bescheid, bewilligung, tmp_path):
    monate = list(bewilligung.monate.order_by("monat"))
    abschnitte = darstellung.abschnitte(monate, darstellung.personennamen(monate))
    absaetze = klartext.erklaerung(bewilligung, monate, abschnitte, leistung="Bürgergeld", fristende="10.04.2026")
    saetze = [a.text for a in absaetze]
    punkte = [p for a in absaetze for p in a.punkte]
    assert "Für März bis Mai 2026 bekommen Sie jeden Monat 1.094,56 €." in saetze
    assert "Für Juni 2026 bekommen Sie 994,56 €." in saetze
    assert "Das haben wir als Bedarf gezählt, zusammen 1.625,56 €:" in saetze
    assert "Das haben wir abgezogen, zusammen 531,00 €:" in saetze
    assert "Anna Weser: Regelbedarf (Regelbedarfsstufe 1) – 563,00 €" in punkte
    assert "Ben Weser: Eigenes Einkommen des Kindes (Kindergeld 259,00 €) – 259,00 €" in punkte
    assert any("Ihr Widerspruch muss bis zum 10.04.2026 bei uns sein." in s for s in saetze)
    text = pdf_text(bescheid, tmp_path)
    assert "Was bedeutet dieser Bescheid für Sie?" in text
    assert "Für März bis Mai 2026 bekommen Sie jeden Monat 1.094,56 €." in text


def test_pdf_is_pdfa_with_embedded_fonts_language_and_title(bescheid, tmp_path):
    datei = tmp_path / "b.pdf"
    datei.write_bytes(bytes(bescheid.dokument.inhalt))
    leser = PdfReader(datei)
    xmp = leser.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert leser.trailer["/Root"]["/Lang"] == "de"
    assert leser.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert leser.metadata.title == f"Bewilligungsbescheid {bescheid.nummer}"
    zeilen = subprocess.run(["pdffonts", str(datei)], capture_output=True, text=True, check=True).stdout.splitlines()
    schriften = zeilen[2:]
    assert schriften and all(zeile.split()[-5] == "yes" for zeile in schriften)  # column "emb"


def test_bescheid_is_filed_in_the_eakte_and_audited(bescheid, bewilligung):
    dokument = bescheid.dokument
    assert dokument.bedarfsgemeinschaft == bewilligung.antrag.bedarfsgemeinschaft
    assert dokument.art == Dokument.Art.BESCHEID and dokument.mime_typ == "application/pdf"
    assert bytes(dokument.inhalt).startswith(b"%PDF-")
    assert AuditEintrag.objects.filter(objekt_typ="bescheid", objekt_id=str(bescheid.pk), aktion="anlegen").exists()


def test_bescheid_cannot_be_changed_or_deleted(bescheid):
    bescheid.bescheiddatum = date(2026, 1, 1)
    with pytest.raises(UnveraenderlichFehler):
        bescheid.save()
    with pytest.raises(UnveraenderlichFehler):
        bescheid.delete()
    with pytest.raises(UnveraenderlichFehler):
        Bescheid.objects.filter(pk=bescheid.pk).update(nummer="X")
    with pytest.raises(UnveraenderlichFehler):
        Bescheid.objects.filter(pk=bescheid.pk).delete()


def test_berichtigung_is_a_new_bescheid_and_keeps_the_old(bescheid, benutzer, tmp_path):
    neu = bescheid_berichtigen(benutzer("sb.kreis"), bescheid, grund="Schreibfehler im Vornamen.")
    assert neu.pk != bescheid.pk and neu.nummer != bescheid.nummer
    assert neu.ersetzt == bescheid and neu.entscheidung == bescheid.entscheidung
    assert Bescheid.objects.filter(pk=bescheid.pk).exists() and bescheid.dokument.pk != neu.dokument.pk
    text = pdf_text(neu, tmp_path)
    assert f"berichtigt den Bescheid {bescheid.nummer} vom 06.03.2026" in text and "§ 38 SGB X" in text
    with pytest.raises(ValidationError, match="bereits berichtigt"):
        bescheid_berichtigen(benutzer("sb.kreis"), bescheid, grund="nochmal")
    with pytest.raises(ValidationError, match="Grund"):
        bescheid_berichtigen(benutzer("sb.kreis"), neu, grund=" ")


def test_berichtigung_access_404_and_403(bescheid, benutzer):
    with pytest.raises(Http404):
        bescheid_berichtigen(benutzer("sb.nordenham"), bescheid, grund="x")
    with pytest.raises(PermissionDenied):
        bescheid_berichtigen(benutzer("zahlstelle"), bescheid, grund="x")
    assert Bescheid.objects.count() == 1


def test_aufhebung_with_ueberzahlung_and_erstattung(haushalt, benutzer, tmp_path):
    """April and May: bisher 1.094,56 €, neu 994,56 € (earnings 800 € from April) → 2 × 100,00 € = 200,00 €."""
    bg, anna, ben = haushalt
    monate = [
        (date(2026, m, 1), eingabe(f"2026-0{m}", anna, ben, "800.00", "640.00"), Decimal("1094.56")) for m in (4, 5)
    ]
    entscheidung = entscheidung_anlegen(
        bg,
        art=Entscheidung.Art.AUFHEBUNG,
        monate=monate,
        rechtsgrundlage=Entscheidung.Rechtsgrundlage.SGB10_48,
        begruendung="Sie haben seit April 2026 ein höheres Einkommen.",
        zeitraum_von=date(2026, 4, 1),
        zeitraum_bis=date(2026, 5, 31),
    )
    text = pdf_text(bescheid_erstellen(entscheidung, benutzer=benutzer("sb.kreis")), tmp_path)
    for erwartet in (
        "Aufhebung der Bewilligung von Bürgergeld und Erstattung",
        "April 2026 1.094,56 € 994,56 € -100,00 €",
        "Mai 2026 1.094,56 € 994,56 € -100,00 €",
        "Summe -200,00 €",
        "§ 48 Abs. 1 SGB X in Verbindung mit § 40 Abs. 1 Satz 1 und Abs. 2 Nr. 3 SGB II und § 330 Abs. 3 SGB III",
        "Leistungen in Höhe von 200,00 € zu Unrecht erbracht",
        "§ 50 Abs. 1 SGB X",
        "§ 39 Nr. 1 SGB II",
        "Für April bis Mai 2026 haben Sie 200,00 € zu viel bekommen.",
    ):
        assert erwartet in text, erwartet


def test_ablehnung_escapes_user_text(haushalt, benutzer, tmp_path):
    bg, _, _ = haushalt
    entscheidung = entscheidung_anlegen(
        bg, art=Entscheidung.Art.ABLEHNUNG, begruendung="Ihr Vermögen <b>übersteigt</b> den Freibetrag."
    )
    text = pdf_text(bescheid_erstellen(entscheidung, benutzer=benutzer("sb.kreis")), tmp_path)
    assert "Ablehnung Ihres Antrags auf Bürgergeld" in text
    assert "Ihr Vermögen <b>übersteigt</b> den Freibetrag." in text
    assert "Wir haben Ihren Antrag auf Bürgergeld abgelehnt. Das heißt: Sie bekommen kein Geld." in text


def test_vorlaeufig_and_automatisch(haushalt, tmp_path):
    bg, anna, ben = haushalt
    entscheidung = entscheidung_anlegen(
        bg,
        monate=[(date(2026, 3, 1), eingabe("2026-03", anna, ben, "600.00", "480.00"), None)],
        verbindlichkeit=Entscheidung.Verbindlichkeit.VORLAEUFIG,
        vorlaeufig_grund="Das Einkommen aus Ihrer Beschäftigung schwankt",
        automatisch=True,
    )
    text = pdf_text(bescheid_erstellen(entscheidung), tmp_path)
    assert "§ 41a Abs. 2 Satz 1 SGB II): Das Einkommen aus Ihrer Beschäftigung schwankt" in text
    assert "Diese Entscheidung ist vorläufig. Der Grund: Das Einkommen aus Ihrer Beschäftigung schwankt." in text
    assert HINWEIS_AUTOMATISCH in text and "Im Auftrag" not in text


def test_aufgabe_zur_post_sets_the_deadlines(bewilligung):
    """Posted Monday 9.3.2026 → Bekanntgabe Friday 13.3.2026 → Fristende Monday 13.4.2026."""
    bescheid = bescheid_erstellen(bewilligung, aufgabe_zur_post=date(2026, 3, 9))
    assert (bescheid.bescheiddatum, bescheid.bekanntgabe, bescheid.widerspruchsfrist_ende) == (
        date(2026, 3, 6),
        date(2026, 3, 13),
        date(2026, 4, 13),
    )
    with pytest.raises(ValidationError):
        bescheid_erstellen(bewilligung, aufgabe_zur_post=date(2026, 3, 5))


def test_signal_gives_every_decision_its_bescheid_with_standard_templates(bewilligung, benutzer):
    assert not Bescheidvorlage.objects.exists()
    entscheidung_erlassen.send(sender=Entscheidung, entscheidung=bewilligung, benutzer=benutzer("sb.kreis"))
    bescheid = Bescheid.objects.get(entscheidung=bewilligung)
    assert bescheid.vorlage.version == 1 and bescheid.erstellt_von == benutzer("sb.kreis")
    traeger = bewilligung.dienststelle.traeger
    assert set(Bescheidvorlage.objects.filter(traeger=traeger).values_list("art", flat=True)) == set(
        Bescheidvorlage.Art.values
    )
    assert standardvorlagen_anlegen(traeger) == []
    assert Bescheidvorlage.objects.filter(traeger=traeger).count() == len(Bescheidvorlage.Art.values)


def test_no_valid_vorlage_is_a_german_error_and_changes_nothing(bewilligung):
    traeger = bewilligung.dienststelle.traeger
    for art in Bescheidvorlage.Art.values:
        Bescheidvorlage(
            traeger=traeger,
            art=art,
            version=1,
            gueltig_ab=date(2027, 1, 1),
            betreff="B",
            einleitung="E",
            rechtsbehelfsbelehrung="R",
        ).save()
    dokumente = Dokument.objects.count()
    with pytest.raises(ValidationError, match="keine gültige Bescheidvorlage"):
        bescheid_erstellen(bewilligung)
    assert Dokument.objects.count() == dokumente and not Bescheid.objects.exists()


def test_berechnungsbogen_explains_the_income_counted(bescheid, tmp_path):
    """§ 35 Abs. 1 SGB X: the Begründung shows how the income counted was reached (values of the module docstring)."""
    text = pdf_text(bescheid, tmp_path)
    assert text.count("So haben wir das Einkommen angerechnet") == 2  # March–May and June
    for erwartet in (
        "Anna Weser: Erwerbseinkommen netto 480,00 € (brutto 600,00 €) abzgl. Grundabsetzbetrag 100,00 € und "
        "Erwerbstätigenfreibetrag 108,00 € = 272,00 €",
        "Anna Weser: Erwerbseinkommen netto 640,00 € (brutto 800,00 €) abzgl. Grundabsetzbetrag 100,00 € und "
        "Erwerbstätigenfreibetrag 168,00 € = 372,00 €",
        "Ben Weser: Kindergeld 259,00 €",
    ):
        assert erwartet in text
    assert "Vorlage „Bewilligungsbescheid“, Version 1" in text
