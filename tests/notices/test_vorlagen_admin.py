"""Bescheidvorlagen are versioned through the administration: a change saves a new version, the old one and the
Bescheide rendered with it stay as they were. Placeholders are rendered with autoescaping."""

from datetime import date

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialhaus.core.models import Benutzer
from sozialhaus.notices.models import Bescheidvorlage
from sozialhaus.notices.services import bescheid_erstellen, standardvorlagen_anlegen
from sozialhaus.notices.vorlagen import rendere_texte

from .test_bescheid import pdf_text

pytestmark = pytest.mark.django_db

URL = "/verwaltung/notices/bescheidvorlage/"


@pytest.fixture
def admin_client(client, benutzer):
    """The demo Administration login with its second factor (TOTP), as in tests/ui/test_anmeldung.py."""
    admin = benutzer("admin")
    admin.set_password("sozialhaus")
    admin.save(update_fields=["password"])
    geraet = TOTPDevice.objects.create(user=admin, name="Test", confirmed=True)
    client.post("/anmelden/", {"username": "admin", "password": "sozialhaus"})
    code = totp(geraet.bin_key, step=geraet.step, t0=geraet.t0, digits=geraet.digits, drift=geraet.drift)
    client.post("/zweiter-faktor/", {"code": f"{code:06d}"})
    return client


def _formular(vorlage: Bescheidvorlage, **aenderungen) -> dict:
    daten = {
        "gueltig_ab": vorlage.gueltig_ab.isoformat(),
        "betreff": vorlage.betreff,
        "einleitung": vorlage.einleitung,
        "begruendung": vorlage.begruendung,
        "rechtsbehelfsbelehrung": vorlage.rechtsbehelfsbelehrung,
        "schluss": vorlage.schluss,
    }
    return daten | aenderungen


def test_change_in_admin_saves_a_new_version_and_old_bescheide_keep_theirs(admin_client, bewilligung, tmp_path):
    traeger = bewilligung.dienststelle.traeger
    standardvorlagen_anlegen(traeger)
    alt = Bescheidvorlage.objects.get(traeger=traeger, art="bewilligung")
    erster = bescheid_erstellen(bewilligung)

    assert admin_client.get(f"{URL}{alt.pk}/change/").status_code == 200
    antwort = admin_client.post(
        f"{URL}{alt.pk}/change/", _formular(alt, betreff="Ihr Bürgergeld ab {{ zeitraum }}", gueltig_ab="2026-03-01")
    )
    assert antwort.status_code == 302

    versionen = list(Bescheidvorlage.objects.filter(traeger=traeger, art="bewilligung").order_by("version"))
    assert [v.version for v in versionen] == [1, 2]
    assert versionen[0].betreff == alt.betreff
    assert versionen[1].betreff == "Ihr Bürgergeld ab {{ zeitraum }}"
    assert versionen[1].erstellt_von == Benutzer.objects.get(username="admin")

    erster.refresh_from_db()
    assert erster.vorlage == versionen[0]
    assert "Version 1" in pdf_text(erster, tmp_path)
    zweiter = bescheid_erstellen(bewilligung)
    text = pdf_text(zweiter, tmp_path)
    assert zweiter.vorlage == versionen[1]
    assert "Version 2" in text and "Ihr Bürgergeld ab 01.03.2026 bis 30.06.2026" in text


def test_admin_refuses_broken_placeholders_and_deletion(admin_client, bewilligung):
    traeger = bewilligung.dienststelle.traeger
    standardvorlagen_anlegen(traeger)
    vorlage = Bescheidvorlage.objects.get(traeger=traeger, art="ablehnung")
    antwort = admin_client.post(f"{URL}{vorlage.pk}/change/", _formular(vorlage, einleitung="{% if %}"))
    assert antwort.status_code == 200 and "Der Platzhalter-Text ist fehlerhaft" in antwort.content.decode()
    assert Bescheidvorlage.objects.filter(traeger=traeger, art="ablehnung").count() == 1
    assert admin_client.get(f"{URL}{vorlage.pk}/delete/").status_code == 403


def test_caseworkers_do_not_reach_the_admin(client, benutzer):
    client.force_login(benutzer("sb.kreis"))
    assert client.get(URL).status_code == 302


def test_placeholders_are_escaped_and_cannot_reach_models(bewilligung):
    vorlage = Bescheidvorlage(
        betreff="{{ dienststelle.name }}",
        einleitung="{{ dienststelle.traeger.bedarfsgemeinschaften }}x",
        begruendung="",
        rechtsbehelfsbelehrung="{{ fristende }}",
        schluss="",
    )
    texte = rendere_texte(vorlage, {"dienststelle": {"name": "<script>alert(1)</script>"}, "fristende": "10.04.2026"})
    assert texte["betreff"] == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert texte["einleitung"] == "x"
    assert texte["rechtsbehelfsbelehrung"] == "10.04.2026"


def test_standard_templates_are_idempotent_and_complete(bewilligung):
    traeger = bewilligung.dienststelle.traeger
    assert len(standardvorlagen_anlegen(traeger)) == len(Bescheidvorlage.Art.values)
    assert standardvorlagen_anlegen(traeger) == []
    for vorlage in Bescheidvorlage.objects.filter(traeger=traeger):
        assert vorlage.version == 1 and vorlage.gueltig_ab == date(2025, 1, 1)
        assert "{{ fristende }}" in vorlage.rechtsbehelfsbelehrung
        assert "§ 36a Abs. 2 SGB I" in vorlage.rechtsbehelfsbelehrung
    aufhebung = Bescheidvorlage.objects.get(traeger=traeger, art="aufhebung")
    assert "§ 39 Nr. 1 SGB II" in aufhebung.rechtsbehelfsbelehrung
