"""Demo cases with decisions and Bescheide (issue 5, point 7): ``demo_laden`` loads them once, idempotently.

The small demo (``demo_laden --bgs 30``) holds all fixed cases of docs/demo.md; it is loaded once for the module
(about 8 s, most of it the Bescheid PDFs) and rolled back at the end. The amounts are hand-calculated from the
facts of ``people.demo_personen`` with the norms cited; Regelbedarfe 2025/2026 are those of the RBSFV 2024, unchanged
(RBS 1 563 €, RBS 2 506 €, RBS 5 390 €, RBS 6 357 €; docs/rules.md).
"""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from sozialhaus.cases import services
from sozialhaus.cases.demo_faelle import lade_demo_faelle
from sozialhaus.cases.models import Antrag, AutomatikPruefung, Entscheidung
from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Benutzer
from sozialhaus.notices.models import Bescheid
from sozialhaus.people.models import Bedarfsgemeinschaft, Einkommen, Person, Vermoegen
from sozialhaus.records.models import Dokument
from sozialhaus.worklist.models import Aufgabe
from sozialhaus.worklist.services import postkorb

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ausgabe(django_db_setup, django_db_blocker):
    """``demo_laden --bgs 30`` once for the module; its output. Everything is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        text = StringIO()
        call_command("demo_laden", bgs=30, stdout=text)
        yield text.getvalue()
        transaction.set_rollback(True)


def _bg(familienname: str, vorname: str) -> Bedarfsgemeinschaft:
    return Person.objects.get(familienname=familienname, vorname=vorname).mitgliedschaften.get().bedarfsgemeinschaft


def _entscheidungen(familienname: str, vorname: str) -> list[Entscheidung]:
    return list(Entscheidung.objects.filter(antrag__bedarfsgemeinschaft=_bg(familienname, vorname)).order_by("id"))


def _monate(entscheidung: Entscheidung) -> list[tuple]:
    return [(m.monat, m.betrag, m.differenz) for m in entscheidung.monate.all()]


def _monate_von(jahr: int, von: int, bis: int) -> list[date]:
    return [date(jahr, monat, 1) for monat in range(von, bis + 1)]


def test_summary_line_of_demo_laden(ausgabe):
    assert (
        "Demo-Fälle geladen: 8 Entscheidungen mit 8 Bescheiden (davon 1 automatisch nach § 31a SGB X), "
        "4 offene Anträge, 1 Dokument(e) in der E-Akte" in ausgabe
    )


def test_every_decision_has_its_bescheid_as_pdf_in_the_e_akte(ausgabe):
    entscheidungen = Entscheidung.objects.all()
    assert entscheidungen.count() == 8
    for entscheidung in entscheidungen:
        (bescheid,) = entscheidung.bescheide.all()
        assert bescheid.vorlage.art == entscheidung.art
        assert bescheid.dokument.bedarfsgemeinschaft == entscheidung.antrag.bedarfsgemeinschaft
        assert bescheid.dokument.mime_typ == "application/pdf"
        assert bytes(bescheid.dokument.inhalt).startswith(b"%PDF")
    arten = sorted(Bescheid.objects.values_list("vorlage__art", flat=True))
    assert arten == ["ablehnung", "aenderung", *["bewilligung"] * 6]


def test_janssen_bewilligung_sgb2_hand_calculated(ausgabe):
    bewilligung, _ = _entscheidungen("Janßen", "Sandra")
    # Bedarf 2026 (§§ 19 ff. SGB II): Sandra and Thomas RBS 2 2 × 506 (§ 20 Abs. 4); Lena (12) and Paul (8) RBS 5
    # 2 × 390, Mia (4) RBS 6 357 (§ 23 Nr. 1); Kindersofortzuschlag 3 × 25 (§ 72); Unterkunft und Heizung in the
    # Karenzzeit as paid, 595 + 182 + 140 (§ 22 Abs. 1 Satz 1 and 2).
    bedarf = 2 * Decimal(506) + 2 * Decimal(390) + Decimal(357) + 3 * Decimal(25) + Decimal(595 + 182 + 140)
    assert bedarf == Decimal("3141.00")
    # Einkommen (§ 11b SGB II): Thomas 1.930 brutto / 1.461,80 netto − 100 (Abs. 2 Satz 1) − 20 % of 420 (Abs. 3
    # Satz 2 Nr. 1) − 30 % of 480 (Nr. 2) − 10 % of 500 (Nr. 3, up to 1.500 € with a minor child, Satz 3) = 1.083,80;
    # Sandra's Minijob 603 − 100 − 84 − 30 % of 83 = 394,10; Kindergeld 3 × 259 (§ 11 Abs. 1 Satz 5).
    thomas = Decimal("1461.80") - 100 - 84 - 144 - 50
    sandra = Decimal("603.00") - 100 - 84 - Decimal("24.90")
    einkommen = thomas + sandra + 3 * Decimal(259)
    assert einkommen == Decimal("2254.90")
    assert bedarf - einkommen == Decimal("886.10")
    assert (bewilligung.art, bewilligung.verbindlichkeit, bewilligung.automatisch) == (
        "bewilligung",
        "endgueltig",
        False,
    )
    assert bewilligung.entschieden_von.username == "sb.kreis"
    # § 41 Abs. 3 Satz 1 SGB II: 12 months from the month of the Antrag (§ 37 Abs. 2 Satz 2).
    assert (bewilligung.zeitraum_von, bewilligung.zeitraum_bis) == (date(2026, 1, 1), date(2026, 12, 31))
    assert _monate(bewilligung) == [(m, Decimal("886.10"), None) for m in _monate_von(2026, 1, 12)]


def test_janssen_aenderung_from_month_5_with_ueberzahlung_per_month(ausgabe):
    bewilligung, aenderung = _entscheidungen("Janßen", "Sandra")
    # Thomas from 1.5.2026: 2.070 brutto / 1.561,80 netto. Above 1.500 € brutto the Absetzbeträge stay 378 € (§ 11b
    # Abs. 3 Satz 3 SGB II), so the whole 100 € more netto counts: 886,10 − 100 = 786,10 € from May (§ 11 Abs. 2).
    assert (aenderung.art, aenderung.aendert, aenderung.rechtsgrundlage) == ("aenderung", bewilligung, "sgb10_48")
    assert (aenderung.zeitraum_von, aenderung.zeitraum_bis) == (date(2026, 5, 1), date(2026, 12, 31))
    assert [(m.monat, m.bisher, m.betrag, m.differenz) for m in aenderung.monate.all()] == [
        (m, Decimal("886.10"), Decimal("786.10"), Decimal("-100.00")) for m in _monate_von(2026, 5, 12)
    ]
    # Überzahlung 8 × 100 € (§ 50 Abs. 1 SGB X); January to April stay as granted.
    assert services.saldo(aenderung) == Decimal("-800.00")
    in_kraft = services.bewilligte_monate(_bg("Janßen", "Sandra"))
    assert [in_kraft[m].betrag for m in _monate_von(2026, 1, 12)] == [Decimal("886.10")] * 4 + [Decimal("786.10")] * 8
    # the fact was added as a new version: the old income ends on 30.4.2026
    thomas = Einkommen.objects.filter(person__vorname="Thomas", person__familienname="Janßen").order_by("gueltig_ab")
    assert [(e.gueltig_ab, e.gueltig_bis, e.brutto) for e in thomas][-2:] == [
        (date(2026, 1, 1), date(2026, 4, 30), Decimal("1930.00")),
        (date(2026, 5, 1), None, Decimal("2070.00")),
    ]
    assert AuditEintrag.objects.filter(objekt_typ="einkommen", kanal="system", benutzername="sb.kreis").exists()


def test_ahlers_weiterbewilligung_decided_automatically(ausgabe):
    erste, weiter = _entscheidungen("Ahlers", "Hildegard")
    assert (erste.zeitraum_von, erste.zeitraum_bis, erste.automatisch) == (date(2025, 1, 1), date(2025, 12, 31), False)
    assert erste.entschieden_von.username == "sb.nordenham"
    assert weiter.antrag.art == Antrag.Art.WEITERBEWILLIGUNG and weiter.antrag.vorentscheidung == erste
    assert (weiter.automatisch, weiter.entschieden_von) == (True, None)
    pruefung = AutomatikPruefung.objects.get(antrag=weiter.antrag)
    assert pruefung.automatisch_entschieden and all(k["erfuellt"] is True for k in pruefung.kriterien)
    # Grundsicherung 2026 (§ 42 SGB XII): RBS 1 563 + Mehrbedarf dezentrale Warmwasserbereitung 2,3 % of 563 = 12,95
    # (§ 30 Abs. 7 Satz 2 Nr. 1) + Unterkunft und Heizung 334 + 98 + 71 (§ 35, § 42a) − Altersrente 492,80 netto less
    # the Versicherungspauschale 30 € (§ 82 Abs. 2 Satz 1 Nr. 3; Träger practice, parameter sgb12/einkommen.yaml).
    rente = Einkommen.objects.get(person__familienname="Ahlers", art="rente", gueltig_bis__isnull=True)
    assert rente.netto == Decimal("492.80")
    anspruch = Decimal(563) + Decimal("12.95") + Decimal(334 + 98 + 71) - (rente.netto - 30)
    assert anspruch == Decimal("616.15")
    assert _monate(weiter) == [(m, anspruch, None) for m in _monate_von(2026, 1, 12)]


def test_tapken_weiterbewilligung_not_automatic_lands_with_caseworker(ausgabe):
    (erste,) = _entscheidungen("Tapken", "Gerda")
    weiter = Antrag.objects.get(vorentscheidung=erste)
    assert (weiter.art, weiter.status, weiter.bearbeiter.username) == (
        "weiterbewilligung",
        "eingegangen",
        "sb.nordenham",
    )
    (pruefung,) = weiter.automatikpruefungen.all()
    assert not pruefung.automatisch_entschieden
    # § 31a Satz 2 SGB X: her own statements need a person; every other criterion is met
    assert [k["kriterium"] for k in pruefung.kriterien if k["erfuellt"] is not True] == ["angaben"]
    aufgabe = Aufgabe.objects.get(antrag=weiter)
    assert (aufgabe.art, aufgabe.bearbeiter.username) == ("automatik", "sb.nordenham")


def test_brunken_hlu_with_mietvertrag_in_the_e_akte(ausgabe):
    (bewilligung,) = _entscheidungen("Brunken", "Dieter")
    # § 18 SGB XII: from the day of Kenntnis (1.12.2025); 12 months by Träger practice.
    assert (bewilligung.zeitraum_von, bewilligung.zeitraum_bis) == (date(2025, 12, 1), date(2026, 11, 30))
    # HLU (§ 27a SGB XII): RBS 1 563 + Warmwasser 12,95 (§ 30 Abs. 7) + 310 + 85 + 70 (§ 35) − EM-Rente 363 netto
    # less the Versicherungspauschale 30 € (§ 82 Abs. 2 Satz 1 Nr. 3) = 707,95 €.
    anspruch = Decimal(563) + Decimal("12.95") + Decimal(310 + 85 + 70) - (Decimal(363) - 30)
    assert {m.betrag for m in bewilligung.monate.all()} == {anspruch} == {Decimal("707.95")}
    assert bewilligung.monate.count() == 12
    nachweis = bewilligung.antrag.nachweise.get(bezeichnung="Mietvertrag")
    mietvertrag = nachweis.dokument
    assert (mietvertrag.art, mietvertrag.bedarfsgemeinschaft) == (
        Dokument.Art.NACHWEIS,
        bewilligung.antrag.bedarfsgemeinschaft,
    )
    assert bytes(mietvertrag.inhalt).startswith(b"%PDF")


def test_sven_tapken_vorlaeufig(ausgabe):
    (vorlaeufig,) = _entscheidungen("Tapken", "Sven")
    assert vorlaeufig.verbindlichkeit == "vorlaeufig" and "§ 41a" in vorlaeufig.vorlaeufig_grund
    # § 41 Abs. 3 Satz 2 Nr. 1 SGB II: six months when vorläufig.
    assert (vorlaeufig.zeitraum_von, vorlaeufig.zeitraum_bis) == (date(2026, 6, 1), date(2026, 11, 30))
    # RBS 1 563 + half of 455 + 130 + 105 (two persons in the Haushalt, Kopfteil) = 908; expected 400 € on call
    # − 100 (§ 11b Abs. 2) − 20 % of 300 (§ 11b Abs. 3 Satz 2 Nr. 1) = 240 counted → 668,00 €.
    anspruch = Decimal(563) + Decimal(455 + 130 + 105) / 2 - (Decimal(400) - 100 - 60)
    assert _monate(vorlaeufig) == [(m, anspruch, None) for m in _monate_von(2026, 6, 11)]


def test_mueller_ablehnung_with_reasons(ausgabe):
    (ablehnung,) = _entscheidungen("Müller", "Anna")
    assert ablehnung.art == "ablehnung" and not ablehnung.monate.exists()
    assert "45.000,00 €" in ablehnung.begruendung and "§ 9 Abs. 1 SGB II" in ablehnung.begruendung
    assert Vermoegen.objects.get(person__familienname="Müller", wert=Decimal("45000.00")).gueltig_ab == date(2026, 9, 1)
    # the reason holds: the engine finds no claim in the months it has parameters for
    zeilen = services.berechne_monate(ablehnung.antrag, date(2026, 10, 1), date(2026, 12, 31))
    assert [services.anspruch(z) for z in zeilen] == [Decimal("0.00")] * 3


@pytest.mark.parametrize(
    ("name", "antraege", "fristen", "aufgaben"),
    [("sb.kreis", 1, 0, 0), ("sb.brake", 1, 1, 0), ("sb.nordenham", 2, 0, 1)],
)
def test_postkorb_of_every_caseworker_shows_work(ausgabe, name, antraege, fristen, aufgaben):
    zahlen = postkorb(Benutzer.objects.get(username=name), timezone.localdate())["zahlen"]
    assert (zahlen["antraege"], zahlen["fristen"], zahlen["meine_aufgaben"]) == (antraege, fristen, aufgaben)


def test_second_run_adds_nothing(ausgabe):
    modelle = (Antrag, Entscheidung, Bescheid, Dokument, Einkommen, Vermoegen, AutomatikPruefung, Aufgabe)
    vorher = [m.objects.count() for m in modelle]
    assert not lade_demo_faelle()
    text = StringIO()
    call_command("demo_laden", bgs=30, stdout=text)
    assert "Demo-Fälle sind bereits geladen – nichts hinzugefügt" in text.getvalue()
    text = StringIO()
    call_command("demo_laden", bgs=30, ohne_faelle=True, stdout=text)
    assert "Demo-Kreis ist bereits geladen" in text.getvalue() and "Demo-Fälle" not in text.getvalue()
    assert [m.objects.count() for m in modelle] == vorher
