"""Staff UI of the Zahlstelle: access, prepare with preview sums, four eyes, execute in the background with progress,
SEPA and CSV downloads, booking report.

Amounts are hand-calculated in conftest.py: 1.143,00 € per BG and month (563,00 € Regelbedarf § 20 Abs. 2 SGB II +
580,00 € Unterkunft und Heizung § 22 Abs. 1 SGB II). With a direct rent payment of 500,00 € (§ 22 Abs. 7 SGB II) the
BG's month splits into 500,00 € to the landlord and 643,00 € to the person.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Dienststelle, Mitarbeit, Rolle
from sozialhaus.payments import services
from sozialhaus.payments.models import Direktzahlung, Zahllauf, Zahllauffortschritt

from .conftest import MONATLICH, iban
from .test_tasks import worker  # noqa: F401 - fixture

JAN = date(2025, 1, 1)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _client(benutzer) -> Client:
    client = Client()
    client.force_login(benutzer, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def zwei_bgs_mit_miete(bewilligt):
    """Two SGB II BGs in Brake; the first pays 500,00 € of its rent directly to the landlord."""
    mit_miete = bewilligt("Miete")
    Direktzahlung.objects.create(
        bedarfsgemeinschaft=mit_miete, art="miete", empfaenger="Wohnungsbau Brake GmbH", iban=iban(9001),
        betrag=Decimal("500.00"), gueltig_ab=JAN,
    )  # fmt: skip
    ohne = bewilligt("Ohne", konto=4712)
    return mit_miete, ohne


def _vorbereiten(client, traeger, monat="01/2025"):
    return client.post(reverse("zahllauf_vorbereiten"), {"traeger": traeger.pk, "monat": monat})


def test_ohne_zahlstellenrecht_kein_zugriff(bewilligt, ausgefuehrt, benutzer, zahlstelle):
    bewilligt()
    lauf = ausgefuehrt(JAN)
    gemeinde = _client(benutzer("sb.brake"))  # Leistungssachbearbeitung of a Gemeinde: no payments right
    antwort = gemeinde.get(reverse("zahllaeufe"))
    assert antwort.status_code == 403
    assert "Sie haben keine Berechtigung für diesen Vorgang." in antwort.content.decode()
    for name in ("zahllauf_detail", "zahllauf_sepa", "zahllauf_buchungen", "zahllauf_fortschritt"):
        assert gemeinde.get(reverse(name, args=[lauf.pk])).status_code == 404
    assert gemeinde.post(reverse("zahllauf_ausfuehren", args=[lauf.pk])).status_code == 404
    assert gemeinde.get(reverse("buchungsbericht")).status_code == 403
    assert _vorbereiten(gemeinde, lauf.traeger).status_code == 403
    assert "Zahlläufe</a>" not in gemeinde.get(reverse("start")).content.decode()
    assert "Zahlläufe</a>" in _client(zahlstelle).get(reverse("start")).content.decode()


def test_vorbereiten_zeigt_vorschau_je_rechtskreis_und_dienststelle(zwei_bgs_mit_miete, traeger, zahlstelle):
    mit_miete, _ = zwei_bgs_mit_miete
    client = _client(zahlstelle)
    antwort = _vorbereiten(client, traeger)
    lauf = Zahllauf.objects.get()
    assert antwort.status_code == 302 and antwort.url == reverse("zahllauf_detail", args=[lauf.pk])

    seite = client.get(antwort.url)
    assert seite.status_code == 200
    tabelle = seite.context["tabelle"]
    assert tabelle["gruppen"] == [
        {
            "rechtskreis": "SGB II (Bürgergeld/Grundsicherung für Arbeitsuchende)",
            "zeilen": [
                {
                    "rechtskreis": "sgb2",
                    "dienststelle": mit_miete.dienststelle.name,
                    "anzahl": 3,  # 643 € + 500 € (landlord) for the first BG, 1.143 € for the second
                    "summe": Decimal("2286.00"),
                    "person": Decimal("1786.00"),
                    "miete": Decimal("500.00"),
                    "energie": Decimal("0.00"),
                }
            ],
            "summen": {
                "anzahl": 3,
                "summe": Decimal("2286.00"),
                "person": Decimal("1786.00"),
                "miete": Decimal("500.00"),
                "energie": Decimal("0.00"),
            },
        }
    ]
    assert tabelle["summen"]["summe"] == 2 * MONATLICH
    inhalt = seite.content.decode()
    assert "2.286,00" in inhalt and "1.786,00" in inhalt and "500,00" in inhalt
    assert "freigegeben – Ausführung ausstehend" not in inhalt and "vorbereitet – Freigabe ausstehend" in inhalt
    # The preparer gets no release button, only the explanation.
    assert "Die Freigabe muss eine zweite Person der Zahlstelle erteilen." in inhalt
    assert reverse("zahllauf_freigeben", args=[lauf.pk]) not in inhalt
    gelesen = AuditEintrag.objects.filter(objekt_typ="zahllauf", objekt_id=str(lauf.pk), aktion="lesen")
    assert gelesen.get().benutzer == zahlstelle


def test_bereits_bezahlter_monat_und_falsche_eingabe(bewilligt, ausgefuehrt, traeger, zahlstelle):
    bewilligt()
    ausgefuehrt(JAN)
    client = _client(zahlstelle)
    antwort = _vorbereiten(client, traeger)
    assert antwort.status_code == 409
    assert "Für 01/2025 wurde bereits ein Zahllauf ausgeführt." in antwort.content.decode()
    antwort = _vorbereiten(client, traeger, "13/2025")
    assert antwort.status_code == 400
    assert "Bitte geben Sie den Monat als MM/JJJJ ein, z. B. 12/2026." in antwort.content.decode()
    assert Zahllauf.objects.count() == 1


def test_vier_augen_in_der_oberflaeche(bewilligt, traeger, zahlstelle, zahlstelle2, benutzer):
    bewilligt()
    lauf = services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    freigeben = reverse("zahllauf_freigeben", args=[lauf.pk])

    antwort = _client(zahlstelle).post(freigeben)
    assert antwort.status_code == 409
    assert "Wer den Zahllauf vorbereitet hat, darf ihn nicht freigeben." in antwort.content.decode()
    # The caseworker who decided the benefit may not release it, even as a member of the Zahlstelle.
    sb = benutzer("sb.kreis")
    Mitarbeit.objects.create(
        benutzer=sb, dienststelle=Dienststelle.objects.get(kuerzel="kv-soziales"), rolle=Rolle.ZAHLSTELLE
    )
    antwort = _client(sb).post(freigeben)
    assert antwort.status_code == 409
    assert "Sie haben über Leistungen entschieden" in antwort.content.decode()
    lauf.refresh_from_db()
    assert lauf.status == Zahllauf.Status.VORBEREITET

    zweite = _client(zahlstelle2)
    assert (
        reverse("zahllauf_freigeben", args=[lauf.pk])
        in zweite.get(reverse("zahllauf_detail", args=[lauf.pk])).content.decode()
    )
    antwort = zweite.post(freigeben)
    assert antwort.status_code == 302
    lauf.refresh_from_db()
    assert (lauf.status, lauf.freigegeben_von) == (Zahllauf.Status.FREIGEGEBEN, zahlstelle2)


def test_ausfuehren_fortschritt_und_dateien(zwei_bgs_mit_miete, traeger, zahlstelle, zahlstelle2, worker):  # noqa: F811
    lauf = services.zahllauf_freigeben(zahlstelle2, services.zahllauf_vorbereiten(zahlstelle, traeger, JAN))
    client = _client(zahlstelle)
    sepa = reverse("zahllauf_sepa", args=[lauf.pk])
    antwort = client.get(sepa)
    assert antwort.status_code == 409 and "noch nicht ausgeführt" in antwort.content.decode()

    antwort = client.post(reverse("zahllauf_ausfuehren", args=[lauf.pk]))
    assert antwort.status_code == 302
    assert Zahllauffortschritt.objects.get().status == "eingereiht"
    fortschritt = reverse("zahllauf_fortschritt", args=[lauf.pk])
    wartend = client.get(fortschritt, {"stand": "bereit"}).content.decode()
    assert 'hx-trigger="every 1s"' in wartend  # htmx keeps polling while queued or running
    assert '<label class="kern-label" for="fortschritt-balken">Gebuchte Zahlungen</label>' in wartend
    assert '<progress id="fortschritt-balken" max="3" value="0"' in wartend
    assert "wartet auf den Hintergrunddienst" in wartend  # status changed: the live region is updated
    assert "wartet auf den Hintergrunddienst" not in client.get(fortschritt, {"stand": "eingereiht"}).content.decode()
    assert client.post(reverse("zahllauf_ausfuehren", args=[lauf.pk])).status_code == 409  # not twice at once

    worker()

    fertig = client.get(fortschritt, {"stand": "eingereiht"}).content.decode()
    assert "hx-trigger" not in fertig  # polling stops
    assert '<progress id="fortschritt-balken" max="3" value="3"' in fertig and "(100 %)" in fertig
    assert "3 Zahlungen über 2.286,00 € sind gebucht" in fertig
    lauf.refresh_from_db()
    datei = client.get(sepa)
    assert datei.status_code == 200 and datei["Content-Type"] == "application/xml; charset=utf-8"
    assert datei.content.decode() == lauf.sepa_xml
    assert datei["Content-Disposition"] == f'attachment; filename="{lauf.msg_id}.xml"'
    csv = client.get(reverse("zahllauf_buchungen", args=[lauf.pk])).content.decode()
    assert csv.startswith("Buchungsnummer;Gebucht am;Buchungsart;")
    # 2 BGs: the landlord's 500 € are KdU; 643 € = 563 € Regelbedarf + 80 € KdU; 1.143 € = 563 € + 580 € → 5 lines
    assert len(csv.strip().split("\r\n")) == 1 + 5
    dateien = AuditEintrag.objects.filter(objekt_typ="zahllauf", details__datei__isnull=False)
    assert sorted(dateien.values_list("details__datei", flat=True)) == ["buchungen", "sepa"]


def test_buchungsbericht(bewilligt, ausgefuehrt, zahlstelle):
    bg = bewilligt()
    ausgefuehrt(JAN)
    client = _client(zahlstelle)
    antwort = client.get(reverse("buchungsbericht"))
    assert antwort.status_code == 200 and antwort.context["jahr"] == 2025
    [gruppe] = antwort.context["summen"]["gruppen"]
    assert gruppe["rechtskreis"] == "SGB II (Bürgergeld/Grundsicherung für Arbeitsuchende)"
    assert [(z["dienststelle__name"], z["monat"], z["summe"]) for z in gruppe["zeilen"]] == [
        (bg.dienststelle.name, JAN, MONATLICH)
    ]
    assert "1.143,00" in antwort.content.decode()
    falsch = client.get(reverse("buchungsbericht"), {"jahr": "zwanzig"})
    assert falsch.status_code == 400 and "Bitte geben Sie ein Jahr ein, z. B. 2026." in falsch.content.decode()


def test_teamleitung_liest_handelt_aber_nicht(bewilligt, ausgefuehrt, benutzer, traeger):
    """Teamleitung (Dienst- und Fachaufsicht) reads the runs like the API does (``rechte.zahllauf_zugriff``), but
    prepares, releases and executes nothing and gets no SEPA file (payees with IBAN across all Rechtskreise)."""
    bewilligt()
    lauf = ausgefuehrt(JAN)
    leitung = _client(benutzer("teamleitung"))
    liste = leitung.get(reverse("zahllaeufe"))
    assert liste.status_code == 200 and liste.context["form"] is None
    assert reverse("zahllauf_detail", args=[lauf.pk]) in liste.content.decode()
    seite = leitung.get(reverse("zahllauf_detail", args=[lauf.pk])).content.decode()
    assert reverse("zahllauf_sepa", args=[lauf.pk]) not in seite
    assert reverse("zahllauf_buchungen", args=[lauf.pk]) in seite
    eintrag = AuditEintrag.objects.filter(objekt_typ="zahllauf", aktion="lesen").get()
    assert (eintrag.benutzer.username, eintrag.dienststelle.kuerzel) == ("teamleitung", "jc-brake")
    assert leitung.get(reverse("zahllauf_sepa", args=[lauf.pk])).status_code == 403
    assert _vorbereiten(leitung, traeger, "02/2025").status_code == 403
    assert not Zahllauf.objects.filter(monat=date(2025, 2, 1)).exists()
