"""Access to Anträge, Bescheide and the E-Akte of a Brake case: sb.nordenham (another Gemeinde) gets 404 everywhere,
read-only roles get 403 for changes (core.permissions; § 35 SGB I, §§ 67 ff. SGB X)."""

import pytest

from sozialhaus.cases.models import Antrag

from . import fall

pytestmark = pytest.mark.django_db


@pytest.fixture
def brake_fall(brake_bg, benutzer):
    return fall.bewilligt(benutzer("sb.brake"), brake_bg)


def test_andere_gemeinde_sieht_nichts(angemeldet, brake_fall, brake_bg, audit_neu):
    antrag, _, bescheid = brake_fall
    client = angemeldet("sb.nordenham")
    neu = audit_neu()
    for url in (
        f"/antraege/{antrag.aktenzeichen}/",
        f"/antraege/{antrag.aktenzeichen}/berechnung/?berechnung-von=01.01.2026&berechnung-bis=31.01.2026",
        f"/bescheide/{bescheid.nummer}/pdf",
        f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/akte/",
        f"/dokumente/{bescheid.dokument_id}/",
        f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/antraege/neu/",
    ):
        antwort = client.get(url)
        assert antwort.status_code == 404, url
        assert "Brakel" not in antwort.content.decode()
    for url, daten in (
        (f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "zurueckgenommen", "status-grund": "x"}),
        (f"/antraege/{antrag.aktenzeichen}/ablehnung/", {"ablehnung-begruendung": "x"}),
    ):
        assert client.post(url, daten).status_code == 404, url
    assert neu() == []  # nothing was read, nothing written


def test_nur_lesende_rolle_bekommt_403(angemeldet, brake_bg, benutzer):
    """The Zahlstelle reads the cases of its Dienststellen but changes none (RECHTE in core.permissions)."""
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    client = angemeldet("zahlstelle")
    assert client.get(f"/antraege/{antrag.aktenzeichen}/").status_code == 200
    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "in_pruefung"})
    assert antwort.status_code == 403
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.EINGEGANGEN
    assert "Status setzen" not in client.get(f"/antraege/{antrag.aktenzeichen}/").content.decode()
