"""Staff UI of the Rückläufer import: the Zahlstelle uploads the bank's camt.054 file, sees what was booked, what was
booked before and what could not be processed, and finds the returns on the Zahllauf page.

The file is the hand-written sample of test_ruecklaeufer.py, filled in the same way (``_datei``): two returns of our
Zahlungen — AC04 »Konto erloschen« and MD07 »Kontoinhaber verstorben«, 1.143,00 € each — and one unknown reference
over 100,00 €. Each BG's 1.143,00 € for 01/2025 are 563,00 € Regelbedarf (§ 20 Abs. 2 SGB II) + 580,00 € Unterkunft
und Heizung (§ 22 Abs. 1 SGB II), see conftest.py; two returns are 2 × 1.143,00 € = 2.286,00 €.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Benutzer, Dienststelle, Mitarbeit, Rechtskreis, Rolle, Traeger
from sozialhaus.payments.models import Buchung, Ruecklaeufer

from .conftest import MONATLICH
from .test_ruecklaeufer import UNBEKANNT, _datei, _stand, _zahlung, lauf  # noqa: F401 - fixture

URL = reverse("ruecklaeufer_einlesen")
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _client(benutzer) -> Client:
    client = Client()
    client.force_login(benutzer, backend=MODEL_BACKEND)
    return client


def _hochladen(client, inhalt: bytes, name="camt054.xml"):
    return client.post(URL, {"datei": SimpleUploadedFile(name, inhalt, content_type="application/xml")})


def test_einlesen_zeigt_bericht_und_bucht(lauf, zahlstelle):  # noqa: F811
    client = _client(zahlstelle)
    liste = client.get(reverse("zahllaeufe")).content.decode()
    assert f'href="{URL}"' in liste and "Rückläufer der Bank einlesen (camt.054)" in liste
    seite = client.get(URL)
    assert seite.status_code == 200
    assert 'enctype="multipart/form-data"' in seite.content.decode() and "bericht" not in seite.context

    antwort = _hochladen(client, _datei(lauf))
    assert antwort.status_code == 200
    erloschen, verstorben = _zahlung(lauf, "Erloschen"), _zahlung(lauf, "Verstorben")
    assert [r.zahlung for r in antwort.context["verbucht"]] == [erloschen, verstorben]  # returned 06.01. and 07.01.
    assert antwort.context["bereits"] == [] and antwort.context["laeufe"] == [lauf]
    assert antwort.context["bericht"].summe == Decimal("2286.00")
    inhalt = antwort.content.decode()
    assert "Ergebnis für camt054.xml" in inhalt and "SLZO20250106RUECK0001" in inhalt
    assert "2 Rückläufer über 2.286,00 € verbucht, 1 nicht verarbeitet – bitte klären." in inhalt
    assert "Jetzt verbuchte Rückläufer (2)" in inhalt and "Nicht verarbeitet (1)" in inhalt
    for bg in (erloschen.bedarfsgemeinschaft, verstorben.bedarfsgemeinschaft):
        assert f'href="{reverse("bg_detail", args=[bg.bg_nummer])}"' in inhalt
    assert '<span class="sh-mono">AC04</span> Konto erloschen' in inhalt
    assert '<span class="sh-mono">MD07</span> Kontoinhaber verstorben' in inhalt
    assert f"{UNBEKANNT} (100,00 €, AC01 IBAN fehlerhaft): unbekannte Ende-zu-Ende-Referenz" in inhalt
    assert f'href="{reverse("zahllauf_detail", args=[lauf.pk])}#ruecklaeufer">Zahllauf 01/2025</a>' in inhalt

    # booked by the service: both Zahlungen failed, their Buchungen reversed; net only the third BG's 1.143,00 €
    assert {z.status for z in (erloschen, verstorben)} == {"fehlgeschlagen"}
    assert _zahlung(lauf, "Bleibt").status == "ausgefuehrt"
    assert sum(Buchung.objects.values_list("betrag", flat=True)) == MONATLICH
    assert Ruecklaeufer.objects.filter(eingelesen_von=zahlstelle).count() == 2
    datei = AuditEintrag.objects.filter(objekt_typ="camt054", objekt_id="SLZO20250106RUECK0001")
    assert [(e.aktion, e.kanal) for e in datei.order_by("id")] == [("anlegen", "ui"), ("lesen", "ui")]
    gelesen = datei.get(aktion="lesen")
    assert gelesen.details["bg"] == sorted(
        [erloschen.bedarfsgemeinschaft.bg_nummer, verstorben.bedarfsgemeinschaft.bg_nummer]
    )
    assert gelesen.dienststelle.kuerzel and gelesen.benutzer == zahlstelle


def test_zweites_einlesen_bucht_nichts(lauf, zahlstelle, benutzer):  # noqa: F811
    _hochladen(_client(benutzer("kasse")), _datei(lauf))
    vorher = _stand()
    antwort = _hochladen(_client(zahlstelle), _datei(lauf))
    assert antwort.status_code == 200
    assert _stand() == vorher
    assert antwort.context["verbucht"] == []
    assert [r.zahlung for r in antwort.context["bereits"]] == [
        _zahlung(lauf, "Erloschen"),
        _zahlung(lauf, "Verstorben"),
    ]
    inhalt = antwort.content.decode()
    assert "Kein neuer Rückläufer verbucht, 2 bereits früher verbucht, 1 nicht verarbeitet" in inhalt
    assert "Bereits früher verbucht (2)" in inhalt and "von Konrad Kassner" in inhalt


@pytest.mark.parametrize(
    "kaputt, meldung",
    [
        (lambda x: x.replace(b"<Sts><Cd>BOOK</Cd></Sts>", b"", 1), "entspricht nicht dem Schema camt.054.001.08"),
        (lambda x: x.replace(b"camt.054.001.08", b"camt.054.001.02"), "keine camt.054.001.08-Nachricht"),
        (lambda x: x[:-30], "kein wohlgeformtes XML"),
        (lambda x: b"%PDF-1.7\n", "Das ist keine Rückläuferdatei im Format camt.054 (Version 08). Bitte wählen"),
        (lambda x: b"", "Die Datei ist leer."),
        (lambda x: x + b" " * (10 * 1024 * 1024), "Die Datei ist größer als 10 MB."),
    ],
    ids=["schema", "version", "xml", "pdf", "leer", "zu-gross"],
)
def test_ungueltige_datei_400_nichts_gebucht(lauf, zahlstelle, kaputt, meldung):  # noqa: F811
    vorher = _stand()
    antwort = _hochladen(_client(zahlstelle), kaputt(_datei(lauf)))
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert "Bitte korrigieren Sie die Eingaben. Es wurde nichts gespeichert." in inhalt
    assert meldung in inhalt and "bericht" not in antwort.context
    assert _stand() == vorher
    assert not AuditEintrag.objects.filter(objekt_typ="camt054").exists()


def test_sepa_datei_des_laufs_statt_camt054_400(lauf, zahlstelle):  # noqa: F811
    vorher = _stand()
    antwort = _hochladen(_client(zahlstelle), lauf.sepa_xml.encode("utf-8"), name=f"{lauf.msg_id}.xml")
    assert antwort.status_code == 400
    meldung = "keine camt.054.001.08-Nachricht (Namensraum »urn:iso:std:iso:20022:tech:xsd:pain.001.001.09«)"
    assert meldung in antwort.content.decode()
    assert _stand() == vorher


def test_ohne_datei_400(zahlstelle):
    antwort = _client(zahlstelle).post(URL, {})
    assert antwort.status_code == 400
    assert "Bitte wählen Sie die camt.054-Datei aus." in antwort.content.decode()


def test_nur_die_zahlstelle(lauf, benutzer):  # noqa: F811
    vorher = _stand()
    for name in ("sb.kreis", "teamleitung"):  # caseworker; Teamleitung reads the runs but does not book
        client = _client(benutzer(name))
        assert client.get(URL).status_code == 403
        antwort = _hochladen(client, _datei(lauf))
        assert antwort.status_code == 403
        assert "Sie haben keine Berechtigung für diesen Vorgang." in antwort.content.decode()
    assert _stand() == vorher
    assert f'href="{URL}"' not in _client(benutzer("teamleitung")).get(reverse("zahllaeufe")).content.decode()


def test_zahlstelle_eines_anderen_traegers_409(lauf):  # noqa: F811
    """A Zahlstelle may book only returns of its own Kreiskasse: the whole file is refused."""
    anderer = Traeger.objects.create(name="Landkreis Cloppenburg", regionalschluessel="03453")
    kasse = Dienststelle.objects.create(
        traeger=anderer, kuerzel="clp-kasse", name="Kreiskasse Cloppenburg", art="fachdienst"
    )
    fremd = Benutzer.objects.create_user("kasse.clp", first_name="Clara", last_name="Cloppe")
    Mitarbeit.objects.create(
        benutzer=fremd, dienststelle=kasse, rolle=Rolle.ZAHLSTELLE, rechtskreise=[Rechtskreis.SGB2]
    )
    vorher = _stand()
    antwort = _hochladen(_client(fremd), _datei(lauf))
    assert antwort.status_code == 409
    inhalt = antwort.content.decode()
    assert "Nicht eingelesen. Es wurde nichts gebucht." in inhalt
    assert "Nur die Zahlstelle von Landkreis Wesermarsch darf deren Rückläufer einlesen." in inhalt
    assert _stand() == vorher


def test_zahllauf_zeigt_seine_ruecklaeufer(lauf, zahlstelle, benutzer):  # noqa: F811
    detail = reverse("zahllauf_detail", args=[lauf.pk])
    client = _client(zahlstelle)
    assert 'id="ruecklaeufer"' not in client.get(detail).content.decode()

    _hochladen(client, _datei(lauf))
    leitung = _client(benutzer("teamleitung"))  # the Teamleitung reads the run with its returns too
    seite = leitung.get(detail)
    assert seite.status_code == 200
    erloschen, verstorben = _zahlung(lauf, "Erloschen"), _zahlung(lauf, "Verstorben")
    assert [r.zahlung for r in seite.context["ruecklaeufer"]] == [erloschen, verstorben]
    assert seite.context["ruecklaeufer_summe"] == 2 * MONATLICH
    inhalt = seite.content.decode()
    assert '<h2 class="kern-heading-medium" id="ruecklaeufer">Rückläufer (2)</h2>' in inhalt
    assert "06.01.2025" in inhalt and "07.01.2025" in inhalt
    assert '2.286,00 €</span> – <a class="kern-link" href="#ruecklaeufer">2 Rückläufer</a>' in inhalt  # Eckdaten
    assert '<span class="sh-mono">MD07</span> Kontoinhaber verstorben' in inhalt
    assert f'href="{reverse("bg_detail", args=[erloschen.bedarfsgemeinschaft.bg_nummer])}"' in inhalt
    gelesen = AuditEintrag.objects.filter(objekt_typ="zahllauf", aktion="lesen", benutzer__username="teamleitung")
    assert gelesen.get().details["ruecklaeufer"] == [
        erloschen.bedarfsgemeinschaft.bg_nummer,
        verstorben.bedarfsgemeinschaft.bg_nummer,
    ]
