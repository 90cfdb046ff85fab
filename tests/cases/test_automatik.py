"""Automated decisions (§ 31a SGB X): decided only when every criterion of the Träger's rule is met.

For each criterion one case just inside (decided automatically: Entscheidung.automatisch, no deciding user) and one
just outside (nothing changed: no Entscheidung, status unchanged, the failed criterion named).

Base case (tests/cases/conftest.py ``alleinstehend``): SGB II, one adult born 1.1.1980 in Brake, Unterkunft
400 + 100 + 80 € from 1.1.2025. Erstantrag of 15.1.2025 granted by sb.kreis for 01/2025–12/2025 (§ 41 Abs. 3
Satz 1 SGB II: 12 months); the Weiterbewilligungsantrag of 1.12.2025 takes effect on 1.1.2026 and covers
01/2026–12/2026. Hand calculation per month 2026 without income: Regelbedarf RBS 1 563,00 € (§ 20 Abs. 2 SGB II;
RBSFV 2026 of 17.10.2025, BGBl. 2025 I Nr. 243: amounts of 2025 continue) + Unterkunft und Heizung
400 + 100 + 80 = 580,00 € (§ 22 Abs. 1 Satz 1 SGB II: actual costs, no Angemessenheitsgrenze recorded)
= 1.143,00 €.
"""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from sozialhaus.cases import services
from sozialhaus.cases.automatik import KRITERIEN, abweichungen, automatik_bericht, pruefe_automatik
from sozialhaus.cases.models import AutomatikPruefung, AutomatikRegel, Entscheidung
from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Rechtskreis, Traeger
from sozialhaus.people.models import Beziehung, Einkommen, Unterkunft
from sozialhaus.worklist.models import Aufgabe
from sozialhaus.worklist.services import postkorb

from .conftest import pruefungsreif

ANSPRUCH_2026 = Decimal("1143.00")
"""563,00 € Regelbedarf + 580,00 € Unterkunft und Heizung (see the module docstring)."""


@pytest.fixture
def traeger(db):
    return Traeger.objects.get(regionalschluessel="03461")


@pytest.fixture
def regel(traeger):
    """Wesermarsch, SGB II: Erstanträge and Weiterbewilligungen, only with unchanged facts, no limits yet."""
    return AutomatikRegel.objects.create(
        traeger=traeger,
        rechtskreis=Rechtskreis.SGB2,
        antragsarten=["erstantrag", "weiterbewilligung"],
        nur_unveraenderte_verhaeltnisse=True,
    )


def regel_setzen(regel, **werte) -> AutomatikRegel:
    for feld, wert in werte.items():
        setattr(regel, feld, wert)
    regel.save()
    return regel


def erstantrag(sb, bg, *, reif=True, **kwargs):
    antrag = services.antrag_anlegen(sb, bg, art="erstantrag", eingegangen_am=date(2025, 1, 15), **kwargs)
    return pruefungsreif(sb, antrag) if reif else antrag


def bewilligt(sb, bg, *, vorlaeufig=False) -> Entscheidung:
    """The previous decision: Erstantrag of 15.1.2025 granted by the caseworker (01–12/2025, vorläufig 01–06/2025)."""
    grund = "Einkommen aus neuer Beschäftigung schwankt" if vorlaeufig else ""
    return services.bewilligen(sb, erstantrag(sb, bg), vorlaeufig=vorlaeufig, vorlaeufig_grund=grund)


def weiterbewilligung(sb, vorentscheidung, *, nachweise=True, **kwargs):
    """Weiterbewilligungsantrag received one month before the previous period ends; Nachweise received."""
    eingegangen = vorentscheidung.zeitraum_bis.replace(day=1)
    antrag = services.antrag_anlegen(
        sb,
        vorentscheidung.antrag.bedarfsgemeinschaft,
        art="weiterbewilligung",
        eingegangen_am=eingegangen,
        vorentscheidung=vorentscheidung,
        **kwargs,
    )
    if nachweise:
        for nachweis in antrag.nachweise.filter(erforderlich=True):
            services.nachweis_eingegangen(sb, nachweis, eingegangen_am=eingegangen)
    return antrag


@pytest.fixture
def wb(sb_kreis, alleinstehend):
    """Factory: the base case's Weiterbewilligungsantrag (still »eingegangen«), by default of ``alleinstehend``."""

    def anlegen(bg=alleinstehend, **kwargs):
        return weiterbewilligung(sb_kreis, bewilligt(sb_kreis, bg), **kwargs)

    return anlegen


def ergebnis(pruefung: AutomatikPruefung, kriterium: str):
    return next(k["erfuellt"] for k in pruefung.kriterien if k["kriterium"] == kriterium)


def text(pruefung: AutomatikPruefung, kriterium: str) -> str:
    return next(k["text"] for k in pruefung.kriterien if k["kriterium"] == kriterium)


def assert_automatisch_entschieden(antrag, pruefung: AutomatikPruefung) -> Entscheidung:
    entscheidung = pruefung.entscheidung
    assert pruefung.automatisch_entschieden is True
    assert all(k["erfuellt"] is True for k in pruefung.kriterien), pruefung.kriterien
    assert entscheidung.automatisch is True and entscheidung.entschieden_von is None
    assert entscheidung.art == Entscheidung.Art.BEWILLIGUNG and entscheidung.antrag_id == antrag.pk
    antrag.refresh_from_db()
    assert antrag.status == "entschieden"
    return entscheidung


def assert_nicht_entschieden(antrag, pruefung: AutomatikPruefung, kriterium: str, erwartet=False) -> None:
    """Nothing changed: no Entscheidung, no status change by the automation, and ``kriterium`` is the reason."""
    antrag.refresh_from_db()
    assert pruefung.automatisch_entschieden is False and pruefung.entscheidung is None
    assert not antrag.entscheidungen.exists()
    assert not antrag.statuswechsel.filter(benutzer=None).exists()
    assert antrag.status == antrag.statuswechsel.last().nach
    assert ergebnis(pruefung, kriterium) is erwartet, pruefung.kriterien


# --- the whole path ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["eingegangen", "in_pruefung", "entscheidungsreif"])
def test_alle_kriterien_erfuellt_entscheidet_automatisch(regel, wb, sb_kreis, status):
    antrag = wb()
    if status != "eingegangen":
        services.status_setzen(sb_kreis, antrag, "in_pruefung")
    if status == "entscheidungsreif":
        services.status_setzen(sb_kreis, antrag, "entscheidungsreif")
    pruefung = pruefe_automatik(antrag)
    entscheidung = assert_automatisch_entschieden(antrag, pruefung)
    assert [k["kriterium"] for k in pruefung.kriterien] == [k for k in KRITERIEN if k != "bewilligung"]
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2026, 1, 1), date(2026, 12, 31))
    assert [m.betrag for m in entscheidung.monate.all()] == [ANSPRUCH_2026] * 12
    durch_automatik = list(antrag.statuswechsel.filter(benutzer=None).values_list("nach", flat=True))
    assert (
        durch_automatik
        == {
            "eingegangen": ["in_pruefung", "entscheidungsreif", "entschieden"],
            "in_pruefung": ["entscheidungsreif", "entschieden"],
            "entscheidungsreif": ["entschieden"],
        }[status]
    )
    assert pruefung.regel == regel


def test_pruefung_wird_protokolliert_ohne_benutzer(regel, wb):
    antrag = wb(nachweise=False)
    pruefung = pruefe_automatik(antrag)
    eintrag = AuditEintrag.objects.get(objekt_typ="automatikpruefung", objekt_id=str(pruefung.pk))
    assert (eintrag.benutzer, eintrag.kanal, eintrag.aktion) == (None, "automatik", "anlegen")
    assert eintrag.dienststelle == antrag.dienststelle
    assert eintrag.details["antrag"] == antrag.aktenzeichen and eintrag.details["nicht_erfuellt"] == ["nachweise"]


# --- Regel -------------------------------------------------------------------------------------------------------


def test_ohne_regel_nicht_entschieden(wb):
    antrag = wb()
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "regel")
    assert pruefung.regel is None and [k["kriterium"] for k in pruefung.kriterien] == ["regel"]
    assert "keine Regel" in text(pruefung, "regel")


def test_inaktive_regel_nicht_entschieden(regel, wb):
    regel_setzen(regel, aktiv=False)
    antrag = wb()
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "regel")
    assert "nicht aktiv" in text(pruefung, "regel")


def test_regel_eines_anderen_rechtskreises_gilt_nicht(regel, wb):
    regel_setzen(regel, rechtskreis=Rechtskreis.SGB12_KAP3)
    antrag = wb()
    assert_nicht_entschieden(antrag, pruefe_automatik(antrag), "regel")


def test_asylblg_nie_automatisch_35a_vwvfg(traeger, bg_in, benutzer):
    """The AsylbLG is no part of the SGB: § 31a SGB X does not apply, § 35a VwVfG needs a Rechtsvorschrift."""
    AutomatikRegel.objects.create(traeger=traeger, rechtskreis=Rechtskreis.ASYLBLG, antragsarten=["erstantrag"])
    sb = benutzer("sb.brake")
    antrag = erstantrag(sb, bg_in("Brake", Rechtskreis.ASYLBLG), reif=False)
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "regel")
    assert "§ 35a VwVfG" in text(pruefung, "regel")


# --- Antragsart ----------------------------------------------------------------------------------------------------


def test_antragsart_zugelassen_erstantrag_entschieden(regel, sb_kreis, alleinstehend):
    regel_setzen(regel, antragsarten=["erstantrag"])
    antrag = erstantrag(sb_kreis, alleinstehend)
    entscheidung = assert_automatisch_entschieden(antrag, pruefe_automatik(antrag))
    # Erstantrag 15.1.2025 wirkt ab 1.1.2025 (§ 37 Abs. 2 Satz 2 SGB II); 2025 like 2026: 563 + 580 = 1.143,00 €
    assert entscheidung.zeitraum_von == date(2025, 1, 1)
    assert entscheidung.monate.first().betrag == ANSPRUCH_2026


def test_antragsart_nicht_zugelassen(regel, sb_kreis, alleinstehend):
    regel_setzen(regel, antragsarten=["weiterbewilligung"])
    antrag = erstantrag(sb_kreis, alleinstehend)
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "antragsart")
    assert "»Erstantrag« ist für automatische Entscheidungen nicht zugelassen" in text(pruefung, "antragsart")


def test_aenderungsmitteilung_nie_automatisch(regel, sb_kreis, alleinstehend):
    regel_setzen(regel, antragsarten=["erstantrag", "weiterbewilligung", "aenderung"])
    vorher = bewilligt(sb_kreis, alleinstehend)
    antrag = services.antrag_anlegen(
        sb_kreis, alleinstehend, art="aenderung", eingegangen_am=date(2025, 6, 2), vorentscheidung=vorher
    )
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "antragsart")
    assert "§ 48 SGB X" in text(pruefung, "antragsart")


# --- Status and Nachweise ------------------------------------------------------------------------------------------


def test_ruhender_antrag_nicht_entschieden(regel, wb, sb_kreis):
    antrag = services.status_setzen(sb_kreis, wb(), "ruhend")
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "status")
    assert "»ruhend«" in text(pruefung, "status")


def test_entschiedener_antrag_wird_nicht_noch_einmal_entschieden(regel, wb):
    antrag = wb()
    erste = pruefe_automatik(antrag)
    assert erste.automatisch_entschieden
    zweite = pruefe_automatik(antrag)
    assert zweite.automatisch_entschieden is False and ergebnis(zweite, "status") is False
    assert antrag.entscheidungen.count() == 1


def test_offener_nachweis_nicht_entschieden(regel, wb, sb_kreis):
    antrag = wb(nachweise=False)
    erster, zweiter = antrag.nachweise.filter(erforderlich=True)[:2]
    services.nachweis_eingegangen(sb_kreis, erster, eingegangen_am=date(2025, 12, 1))
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "nachweise")
    assert zweiter.bezeichnung in text(pruefung, "nachweise")
    assert erster.bezeichnung not in text(pruefung, "nachweise")


# --- Angaben des Antragstellers (§ 31a Satz 2 SGB X) --------------------------------------------------------------


def test_angaben_des_antragstellers_gehen_an_eine_person(regel, wb):
    antrag = wb(angaben_antragsteller="Meine Tochter zieht im Februar zu mir.")
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "angaben")
    assert "§ 31a Satz 2 SGB X" in text(pruefung, "angaben")


def test_nur_leerzeichen_sind_keine_angaben(regel, wb):
    antrag = wb(angaben_antragsteller="  \n ")
    assert_automatisch_entschieden(antrag, pruefe_automatik(antrag))


# --- unveränderte Verhältnisse ------------------------------------------------------------------------------------


def test_geaenderte_unterkunft_nicht_entschieden(regel, wb, alleinstehend):
    antrag = wb()
    Unterkunft(
        haushalt=alleinstehend.haushalt,
        kaltmiete=Decimal("450.00"),
        nebenkosten=Decimal("100.00"),
        heizkosten=Decimal("80.00"),
        wohnflaeche=Decimal("55.00"),
        gemeinde=alleinstehend.haushalt.gemeinde,
        gueltig_ab=date(2025, 12, 1),
    ).als_neue_version_speichern()
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "unveraendert")
    assert "Unterkunft: kaltmiete 400.00 → 450.00" in text(pruefung, "unveraendert")
    assert "Stand 12/2025" in text(pruefung, "unveraendert")


def test_neues_einkommen_nicht_entschieden(regel, wb, alleinstehend):
    antrag = wb()
    person = alleinstehend.mitgliedschaften.get().person
    Einkommen.objects.create(
        person=person, art="erwerbseinkommen", brutto="200.00", netto="180.00", gueltig_ab=date(2026, 1, 1)
    )
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "unveraendert")
    assert f"Einkommen von {person.kundennummer}" in text(pruefung, "unveraendert")


def test_aenderung_nur_durch_den_kalender_zaehlt_nicht(regel, sb_kreis, bg_in):
    """A child who turns 15 becomes erwerbsfähig (§ 7 Abs. 1 Satz 1 Nr. 1 SGB II) — no change of the facts."""
    bg = bg_in(
        "Brake",
        Rechtskreis.SGB2,
        [{"geburtsdatum": date(1980, 3, 3)}, {"geburtsdatum": date(2011, 1, 1), "rolle": "kind"}],
    )
    eltern, kind = (m.person for m in bg.mitgliedschaften.order_by("id"))
    Beziehung.objects.create(von=eltern, zu=kind, art="elternteil")
    antrag = weiterbewilligung(sb_kreis, bewilligt(sb_kreis, bg))
    alt = antrag.vorentscheidung.monate.last().eingabe
    assert [p["erwerbsfaehig"] for p in alt["personen"]] == [True, False]  # 14 years old in 12/2025
    assert_automatisch_entschieden(antrag, pruefe_automatik(antrag))


def test_ohne_vorgabe_unveraenderter_verhaeltnisse_auch_bei_aenderung(regel, wb, alleinstehend):
    regel_setzen(regel, nur_unveraenderte_verhaeltnisse=False)
    antrag = wb()
    Unterkunft.objects.filter(haushalt=alleinstehend.haushalt).update(gueltig_bis=date(2025, 12, 31))
    Unterkunft.objects.create(
        haushalt=alleinstehend.haushalt,
        kaltmiete=Decimal("450.00"),
        nebenkosten=Decimal("100.00"),
        heizkosten=Decimal("80.00"),
        wohnflaeche=Decimal("55.00"),
        gemeinde=alleinstehend.haushalt.gemeinde,
        gueltig_ab=date(2026, 1, 1),
    )
    entscheidung = assert_automatisch_entschieden(antrag, pruefe_automatik(antrag))
    assert entscheidung.monate.first().betrag == Decimal("1193.00")  # 563 + 450 + 100 + 80 (§ 22 Abs. 1 SGB II)


def test_abweichungen_vergleichen_alle_fakten_ausser_kalenderfeldern():
    alt = {
        "monat": "2025-12",
        "leistung": "buergergeld",
        "bezug_seit": "2025-01-01",
        "bezug_bis": "2025-12-31",
        "personen": [{"id": "K1", "geburtsdatum": "2011-01-01", "erwerbsfaehig": False, "vermoegen": "0.00"}],
        "beziehungen": [],
        "unterkunft": {"kaltmiete": "400.00", "personen_im_haushalt": 1},
    }
    kalender = {
        **alt,
        "monat": "2026-01",
        "bezug_bis": None,
        "personen": [{**alt["personen"][0], "erwerbsfaehig": True}],
    }
    assert abweichungen(alt, kalender) == []
    neu = {
        **alt,
        "personen": [{**alt["personen"][0], "vermoegen": "900.00"}, {"id": "K2", "geburtsdatum": "2026-01-05"}],
        "unterkunft": {"kaltmiete": "400.00", "personen_im_haushalt": 2},
    }
    assert abweichungen(alt, neu) == [
        "Mitglied hinzugekommen: K2",
        "Vermögen von K1: 0.00 → 900.00",
        "Unterkunft: personen_im_haushalt 1 → 2",
    ]


# --- vorläufige Vorentscheidung -----------------------------------------------------------------------------------


def test_vorlaeufige_vorentscheidung_nicht_entschieden(regel, sb_kreis, alleinstehend):
    antrag = weiterbewilligung(sb_kreis, bewilligt(sb_kreis, alleinstehend, vorlaeufig=True))
    assert antrag.wirkt_ab == date(2025, 7, 1)  # vorläufig: 6 months (§ 41 Abs. 3 Satz 2 Nr. 1 SGB II)
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "vorlaeufig")
    assert ergebnis(pruefung, "unveraendert") is True


# --- Berechnung ----------------------------------------------------------------------------------------------------


def test_fehlende_unterkunft_nicht_pruefbar(regel, wb, alleinstehend):
    regel_setzen(regel, anspruch_max=Decimal("2000.00"))
    antrag = wb()
    Unterkunft.objects.filter(haushalt=alleinstehend.haushalt).update(gueltig_bis=date(2025, 12, 31))
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "berechnung", erwartet=None)
    assert ergebnis(pruefung, "unveraendert") is None and ergebnis(pruefung, "anspruch") is None
    assert "fehlen die Unterkunftskosten" in text(pruefung, "berechnung")


def test_kein_anspruch_geht_an_eine_person(regel, sb_kreis, alleinstehend):
    regel_setzen(regel, antragsarten=["erstantrag"])
    person = alleinstehend.mitgliedschaften.get().person
    Einkommen.objects.create(
        person=person, art="erwerbseinkommen", brutto="4000.00", netto="2700.00", gueltig_ab=date(2025, 1, 1)
    )
    antrag = erstantrag(sb_kreis, alleinstehend)
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "berechnung")
    assert "Kein Anspruch" in text(pruefung, "berechnung")


# --- Grenzen: Einkommen, Anspruch, Personen -----------------------------------------------------------------------


@pytest.fixture
def familie(bg_in):
    """Parent (born 1980) and child (born 2016) in Brake, SGB II; two members for the limits on persons and income."""
    bg = bg_in(
        "Brake",
        Rechtskreis.SGB2,
        [{"geburtsdatum": date(1980, 3, 3)}, {"geburtsdatum": date(2016, 5, 5), "rolle": "kind"}],
    )
    eltern, kind = (m.person for m in bg.mitgliedschaften.order_by("id"))
    Beziehung.objects.create(von=eltern, zu=kind, art="elternteil")
    return bg, eltern, kind


@pytest.mark.parametrize(
    ("grenzen", "netto_eltern", "entschieden"),
    [
        ({"einkommen_max": Decimal("500.00")}, "241.00", True),  # 241,00 + 259,00 = 500,00 € = Höchstgrenze
        ({"einkommen_max": Decimal("500.00")}, "241.01", False),  # 500,01 €
        ({"einkommen_min": Decimal("500.00")}, "241.00", True),  # 500,00 € = Mindestgrenze
        ({"einkommen_min": Decimal("500.00")}, "240.99", False),  # 499,99 €
    ],
)
def test_einkommen_der_bg_grenzen_eingeschlossen(regel, sb_kreis, familie, grenzen, netto_eltern, entschieden):
    """Sum of the members' net income: the parent's Erwerbseinkommen plus the child's Kindergeld (259 €, 2026)."""
    regel_setzen(regel, **grenzen)
    bg, eltern, kind = familie
    Einkommen.objects.create(
        person=eltern, art="erwerbseinkommen", brutto="300.00", netto=netto_eltern, gueltig_ab=date(2025, 1, 1)
    )
    Einkommen.objects.create(
        person=kind, art="kindergeld", brutto="259.00", netto="259.00", gueltig_ab=date(2025, 1, 1)
    )
    antrag = weiterbewilligung(sb_kreis, bewilligt(sb_kreis, bg))
    pruefung = pruefe_automatik(antrag)
    if entschieden:
        assert_automatisch_entschieden(antrag, pruefung)
        assert "500,00 € netto liegt im zugelassenen Rahmen" in text(pruefung, "einkommen")
    else:
        assert_nicht_entschieden(antrag, pruefung, "einkommen")
        assert "außerhalb" in text(pruefung, "einkommen") and "Grenzen eingeschlossen" in text(pruefung, "einkommen")


@pytest.mark.parametrize(("anspruch_max", "entschieden"), [("1143.00", True), ("1142.99", False)])
def test_anspruch_hoechstgrenze_eingeschlossen(regel, wb, anspruch_max, entschieden):
    """The claim of 1.143,00 € (hand calculation above) exactly at the limit, and 0,01 € above it."""
    regel_setzen(regel, anspruch_max=Decimal(anspruch_max))
    antrag = wb()
    pruefung = pruefe_automatik(antrag)
    if entschieden:
        assert_automatisch_entschieden(antrag, pruefung)
    else:
        assert_nicht_entschieden(antrag, pruefung, "anspruch")
        assert "1.143,00 € liegt über der Höchstgrenze 1.142,99 €" in text(pruefung, "anspruch")


@pytest.mark.parametrize(("personen_max", "entschieden"), [(2, True), (1, False)])
def test_personen_hoechstzahl(regel, sb_kreis, familie, personen_max, entschieden):
    regel_setzen(regel, personen_max=personen_max)
    bg, _, _ = familie
    antrag = weiterbewilligung(sb_kreis, bewilligt(sb_kreis, bg))
    pruefung = pruefe_automatik(antrag)
    if entschieden:
        assert_automatisch_entschieden(antrag, pruefung)
    else:
        assert_nicht_entschieden(antrag, pruefung, "personen")
        assert "2 Personen" in text(pruefung, "personen")


# --- Bericht and command -------------------------------------------------------------------------------------------


def test_bericht_zaehlt_je_antrag_und_nennt_die_gruende(regel, traeger, wb, sb_kreis, bg_in):
    entschieden = wb()
    pruefe_automatik(entschieden)
    offen = wb(bg_in("Brake", Rechtskreis.SGB2), nachweise=False)
    pruefe_automatik(offen)
    pruefe_automatik(offen)  # checked twice: counted once
    mit_angaben = wb(bg_in("Brake", Rechtskreis.SGB2), angaben_antragsteller="Ich bin umgezogen.", nachweise=False)
    pruefe_automatik(mit_angaben)
    heute = timezone.localdate()

    bericht = automatik_bericht(traeger, heute, heute)

    assert (bericht["geprueft"], bericht["automatisch_entschieden"], bericht["an_person"]) == (3, 1, 2)
    zeilen = {z["kriterium"]: z for z in bericht["kriterien"]}
    assert list(zeilen) == list(KRITERIEN)
    assert zeilen["nachweise"] == {
        "kriterium": "nachweise",
        "bezeichnung": "Alle erforderlichen Nachweise liegen vor",
        "nicht_erfuellt": 2,
        "nicht_pruefbar": 0,
    }
    assert zeilen["angaben"]["nicht_erfuellt"] == 1 and zeilen["status"]["nicht_erfuellt"] == 0
    gestern = date.fromordinal(heute.toordinal() - 1)
    assert automatik_bericht(traeger, gestern, gestern)["geprueft"] == 0


def test_bericht_entschiedener_antrag_zaehlt_als_automatisch(regel, traeger, wb):
    antrag = wb()
    pruefe_automatik(antrag)
    pruefe_automatik(antrag)  # a later check fails on the status, the Antrag was still decided automatically
    heute = timezone.localdate()
    bericht = automatik_bericht(traeger, heute, heute)
    assert (bericht["geprueft"], bericht["automatisch_entschieden"]) == (1, 1)


def test_bericht_zeitraum_verkehrt(traeger):
    with pytest.raises(ValidationError, match="Beginn des Zeitraums"):
        automatik_bericht(traeger, date(2026, 2, 1), date(2026, 1, 1))


def test_kommando_prueft_reife_antraege_und_eingegangene_weiterbewilligungen(regel, wb, sb_kreis, bg_in):
    weiter = wb()
    reif = erstantrag(sb_kreis, bg_in("Brake", Rechtskreis.SGB2), angaben_antragsteller="Bitte rufen Sie mich zurück.")
    nicht_dran = erstantrag(sb_kreis, bg_in("Brake", Rechtskreis.SGB2), reif=False)
    ausgabe = StringIO()

    call_command("automatik_pruefen", stdout=ausgabe)

    assert "2 Anträge geprüft, 1 automatisch entschieden, 1 zur Bearbeitung durch eine Person" in ausgabe.getvalue()
    assert f"{KRITERIEN['angaben']}: 1 nicht erfüllt, 0 nicht prüfbar" in ausgabe.getvalue()
    weiter.refresh_from_db()
    assert weiter.status == "entschieden"
    assert not nicht_dran.automatikpruefungen.exists()
    assert reif.automatikpruefungen.count() == 1


def test_kommando_ohne_aktive_regel_prueft_nichts(regel, wb):
    regel_setzen(regel, aktiv=False)
    antrag = wb()
    ausgabe = StringIO()
    call_command("automatik_pruefen", stdout=ausgabe)
    assert "0 Anträge geprüft" in ausgabe.getvalue()
    assert not antrag.automatikpruefungen.exists()


def test_verweigerte_bewilligung_nimmt_die_statuswechsel_zurueck(regel, wb, monkeypatch):
    """Every criterion met, but ``bewilligen`` refuses: the check records why, the Antrag stays »eingegangen«."""

    def verweigert(*args, **kwargs):
        raise ValidationError("Die Bewilligung ist nicht möglich.")

    antrag = wb()
    monkeypatch.setattr(services, "bewilligen", verweigert)
    pruefung = pruefe_automatik(antrag)
    assert_nicht_entschieden(antrag, pruefung, "bewilligung")
    assert antrag.status == "eingegangen"
    assert text(pruefung, "bewilligung") == "Die Bewilligung ist nicht möglich."


# --- handover to a person ----------------------------------------------------------------------------------------


def test_nicht_entschieden_geht_in_den_postkorb_der_sachbearbeitung(regel, wb, sb_kreis):
    antrag = wb(nachweise=False)
    pruefe_automatik(antrag)
    pruefe_automatik(antrag)  # a second failed check adds no second task
    aufgabe = Aufgabe.objects.get(antrag=antrag)
    assert (aufgabe.art, aufgabe.bearbeiter, aufgabe.dienststelle) == ("automatik", sb_kreis, antrag.dienststelle)
    assert aufgabe.text.startswith(f"{antrag.aktenzeichen} nicht automatisch entschieden (§ 31a SGB X): ")
    assert "Nachweis" in aufgabe.text
    assert aufgabe in postkorb(sb_kreis, timezone.localdate())["meine_aufgaben"]


def test_automatisch_entschieden_ohne_aufgabe(regel, wb):
    antrag = wb()
    assert pruefe_automatik(antrag).automatisch_entschieden
    assert not Aufgabe.objects.filter(antrag=antrag).exists()
