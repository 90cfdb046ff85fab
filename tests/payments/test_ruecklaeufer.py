"""Rückläufer: a hand-written camt.054.001.08 file with two returns of our Zahlungen and one unknown reference.

Each BG of the fixture gets 1.143,00 € for 01/2025 (563,00 € Regelbedarf + 580,00 € KdU, see conftest); a return
reverses exactly these two Buchungen and makes the 1.143,00 € due again.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path
from string import Template

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.payments import camt, services
from sozialhaus.payments.models import Buchung, Ruecklaeufer, Zahlung
from sozialhaus.people.models import Bankverbindung
from sozialhaus.worklist.models import Aufgabe
from sozialhaus.worklist.services import postkorb

from .conftest import KDU, MONATLICH, REGELBEDARF, iban

JAN = date(2025, 1, 1)
BEISPIEL = Path(__file__).parent / "daten" / "camt054_ruecklaeufer.xml"
UNBEKANNT = "SH0346120250101L999N0000001"


@pytest.fixture
def lauf(bewilligt, ausgefuehrt):
    bewilligt("Erloschen", konto=4711)
    bewilligt("Verstorben", konto=4712)
    bewilligt("Bleibt", konto=4713)
    return ausgefuehrt(JAN)


def _zahlung(lauf, familienname: str) -> Zahlung:
    return lauf.zahlungen.get(bedarfsgemeinschaft__mitgliedschaften__person__familienname=familienname)


def _datei(lauf, **ersetzt) -> bytes:
    werte = {
        "KONTO": lauf.traeger.zahlungskonto.iban,
        "MSGID": lauf.msg_id,
        "E2E_A": _zahlung(lauf, "Erloschen").end_to_end_id,
        "E2E_B": _zahlung(lauf, "Verstorben").end_to_end_id,
        **ersetzt,
    }
    return Template(BEISPIEL.read_text(encoding="utf-8")).substitute(werte).encode("utf-8")


def _stand():
    return (Buchung.objects.count(), Ruecklaeufer.objects.count(), Aufgabe.objects.count(), list(
        Zahlung.objects.order_by("id").values_list("status", flat=True)
    ))  # fmt: skip


def test_beispieldatei_ist_schemagueltig(lauf):
    nachricht, rueckgaben = camt.lies_camt054(_datei(lauf))
    assert nachricht == "SLZO20250106RUECK0001"
    # the batch debit (DBIT) is not a return; three returns, the first with its amount only on the entry
    assert [(r.grund_code, r.betrag, r.buchungstag) for r in rueckgaben] == [
        ("AC04", MONATLICH, date(2025, 1, 6)),
        ("MD07", MONATLICH, date(2025, 1, 7)),
        ("AC01", Decimal("100.00"), date(2025, 1, 7)),
    ]


def test_ruecklaeufer_werden_verbucht(lauf, zahlstelle, benutzer):
    bericht = camt.ruecklaeufer_einlesen(zahlstelle, _datei(lauf))
    assert (len(bericht.verbucht), len(bericht.bereits), bericht.summe) == (2, 0, 2 * MONATLICH)
    assert bericht.nicht_verarbeitet == [
        f"{UNBEKANNT} (100,00 €, AC01 IBAN fehlerhaft): unbekannte Ende-zu-Ende-Referenz: keine Zahlung der "
        "Kreiskasse von diesem Konto."
    ]
    erloschen, verstorben, bleibt = (_zahlung(lauf, n) for n in ("Erloschen", "Verstorben", "Bleibt"))
    assert [z.status for z in (erloschen, verstorben, bleibt)] == ["fehlgeschlagen", "fehlgeschlagen", "ausgefuehrt"]
    assert (erloschen.ruecklaeufer.grund_code, erloschen.ruecklaeufer.grund) == ("AC04", "Konto erloschen")
    assert (verstorben.ruecklaeufer.grund_code, verstorben.ruecklaeufer.grund) == ("MD07", "Kontoinhaber verstorben")
    assert erloschen.ruecklaeufer.bankreferenz == "2025010600042"
    assert erloschen.ruecklaeufer.eingelesen_von == zahlstelle

    # Storno: 563,00 and 580,00 € (§ 6 Abs. 1 Nr. 1/Nr. 2 SGB II split) back out; the Zahlung's Buchungen add up to 0
    storno = sorted(erloschen.buchungen.filter(art="storno").values_list("betrag", flat=True))
    assert storno == [-KDU, -REGELBEDARF]
    assert sum(erloschen.buchungen.values_list("betrag", flat=True)) == 0
    assert sum(bleibt.buchungen.values_list("betrag", flat=True)) == MONATLICH
    # what the Kreis paid out for 01/2025 in net: only the third BG's 1.143,00 €
    assert sum(Buchung.objects.values_list("betrag", flat=True)) == MONATLICH

    # the returned amounts are due again for the next run
    faellig = {f.bedarfsgemeinschaft_id: f.offen for f in services.faellige_betraege(lauf.traeger, JAN)}
    assert faellig == {erloschen.bedarfsgemeinschaft_id: MONATLICH, verstorben.bedarfsgemeinschaft_id: MONATLICH}

    # a task in the Postkorb of the caseworker who decided (sb.kreis is Bearbeiter of the Anträge)
    aufgabe = Aufgabe.objects.get(bedarfsgemeinschaft=erloschen.bedarfsgemeinschaft)
    assert (aufgabe.art, aufgabe.bearbeiter) == ("ruecklaeufer", benutzer("sb.kreis"))
    assert aufgabe.dienststelle == erloschen.bedarfsgemeinschaft.dienststelle
    assert aufgabe.text.startswith("Rückläufer AC04 »Konto erloschen«: 1.143,00 € für 01/2025 an Empfänger/in Anna")
    meine = postkorb(benutzer("sb.kreis"), date(2025, 1, 8))["meine_aufgaben"]
    assert {a.bedarfsgemeinschaft_id for a in meine} == {
        erloschen.bedarfsgemeinschaft_id,
        verstorben.bedarfsgemeinschaft_id,
    }
    eintraege = AuditEintrag.objects.filter(objekt_typ="zahlung", details__status="fehlgeschlagen")
    assert eintraege.count() == 2
    assert AuditEintrag.objects.filter(objekt_typ="camt054", objekt_id="SLZO20250106RUECK0001").count() == 1


def test_zweites_einlesen_aendert_nichts(lauf):
    camt.ruecklaeufer_einlesen(None, _datei(lauf))
    vorher = _stand()
    bericht = camt.ruecklaeufer_einlesen(None, _datei(lauf))
    assert (len(bericht.verbucht), len(bericht.bereits), len(bericht.nicht_verarbeitet)) == (0, 2, 1)
    assert _stand() == vorher


def test_nur_die_zahlstelle_liest_ein(lauf, benutzer):
    vorher = _stand()
    with pytest.raises(ValidationError, match="Nur die Zahlstelle von Landkreis Wesermarsch"):
        camt.ruecklaeufer_einlesen(benutzer("sb.kreis"), _datei(lauf))
    assert _stand() == vorher


def test_abweichender_betrag_wird_nicht_verbucht(lauf):
    datei = _datei(lauf).replace(
        b'<Amt Ccy="EUR">1143.00</Amt>\n            <CdtDbtInd>CRDT',
        b'<Amt Ccy="EUR">1140.00</Amt>\n            <CdtDbtInd>CRDT',
    )
    bericht = camt.ruecklaeufer_einlesen(None, datei)
    assert len(bericht.verbucht) == 1
    assert "Betrag weicht von der Zahlung über 1.143,00 € ab." in bericht.nicht_verarbeitet[0]
    assert _zahlung(lauf, "Verstorben").status == "ausgefuehrt"


@pytest.mark.parametrize(
    "kaputt, meldung",
    [
        (lambda x: x.replace(b"<Sts><Cd>BOOK</Cd></Sts>", b"", 1), "entspricht nicht dem Schema camt.054.001.08"),
        (lambda x: x.replace(b"camt.054.001.08", b"camt.054.001.02"), "keine camt.054.001.08-Nachricht"),
        (lambda x: x[:-30], "kein wohlgeformtes XML"),
    ],
    ids=["schema", "version", "xml"],
)
def test_ungueltige_datei_aendert_nichts(lauf, kaputt, meldung):
    vorher = _stand()
    with pytest.raises(ValidationError, match=meldung):
        camt.ruecklaeufer_einlesen(None, kaputt(_datei(lauf)))
    assert _stand() == vorher


def test_befehl(lauf, tmp_path, capsys):
    datei = tmp_path / "camt054.xml"
    datei.write_bytes(_datei(lauf))
    with pytest.raises(CommandError, match="1 Rückläufer konnten nicht zugeordnet werden") as fehler:
        call_command("ruecklaeufer_einlesen", str(datei), "--benutzer", "zahlstelle")
    assert fehler.value.returncode == 2
    ausgabe = capsys.readouterr().out
    assert "2 Rückläufer verbucht (2.286,00 €), 0 bereits verbucht, 1 nicht verarbeitet." in ausgabe
    assert f"NICHT VERARBEITET: {UNBEKANNT}" in ausgabe
    with pytest.raises(CommandError, match="keine camt.054.001.08-Nachricht"):
        datei.write_text(lauf.sepa_xml, encoding="utf-8")
        call_command("ruecklaeufer_einlesen", str(datei))


def test_nach_ruecklaeufer_wird_erst_auf_ein_neues_konto_gezahlt(lauf, zahlstelle, ausgefuehrt):
    """The amount is due again, but a transfer to the account it came back from would come back too: it is held
    back until a new Bankverbindung is recorded; then the returned month and the current ones are paid."""
    camt.ruecklaeufer_einlesen(zahlstelle, _datei(lauf))
    erloschen = _zahlung(lauf, "Erloschen")
    februar = ausgefuehrt(date(2025, 2, 1))
    zurueck = {(z["bg"], z["monat"]) for z in februar.protokoll["zurueckgestellt"]}
    bg_nummer = erloschen.bedarfsgemeinschaft.bg_nummer
    assert {(bg_nummer, "01/2025"), (bg_nummer, "02/2025")} <= zurueck
    grund = next(z["grund"] for z in februar.protokoll["zurueckgestellt"] if z["bg"] == bg_nummer)
    assert grund == (
        f"Eine Überweisung auf die IBAN {erloschen.iban} kam zurück (AC04: Konto erloschen); bitte eine neue "
        "Bankverbindung erfassen."
    )
    assert not februar.zahlungen.filter(bedarfsgemeinschaft=erloschen.bedarfsgemeinschaft).exists()
    # the Bleibt BG is paid as usual
    assert februar.zahlungen.get(bedarfsgemeinschaft=_zahlung(lauf, "Bleibt").bedarfsgemeinschaft).betrag == MONATLICH

    person = erloschen.bedarfsgemeinschaft.mitgliedschaften.get(rolle="antragsteller").person
    alt = person.bankverbindungen.get()
    Bankverbindung(
        person=person, kontoinhaber=alt.kontoinhaber, iban=iban(4799), gueltig_ab=date(2025, 2, 15)
    ).als_neue_version_speichern()
    maerz = ausgefuehrt(date(2025, 3, 1))
    neu = maerz.zahlungen.filter(bedarfsgemeinschaft=erloschen.bedarfsgemeinschaft)
    assert sorted((z.monat, z.iban, z.betrag) for z in neu) == [
        (date(2025, m, 1), iban(4799), MONATLICH) for m in (1, 2, 3)
    ]
