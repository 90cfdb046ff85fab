"""Login, lockout (django-axes), second factor (django-otp TOTP), start page, logout, admin scope."""

import pytest
from django.contrib import admin
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Benutzer, Rechtskreis

pytestmark = pytest.mark.django_db

PASSWORT = "sozialhaus"


@pytest.fixture(autouse=True)
def _demo_passwoerter(db):
    """The demo logins were hashed before the fast test hasher was set; hash them again with it."""
    for benutzer in Benutzer.objects.all():
        benutzer.set_password(PASSWORT)
        benutzer.save(update_fields=["password"])


def _code(geraet: TOTPDevice) -> str:
    return f"{totp(geraet.bin_key, step=geraet.step, t0=geraet.t0, digits=geraet.digits, drift=geraet.drift):06d}"


def _anmelden(client, name, passwort=PASSWORT):
    return client.post("/anmelden/", {"username": name, "password": passwort})


def test_login_page_is_german(client):
    antwort = client.get("/anmelden/")
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert '<html lang="de"' in inhalt and "Benutzername" in inhalt and "Passwort" in inhalt
    assert "kern.min.css" in inhalt


def test_login_and_start_page(client, bg_in):
    bg_in("Brake", Rechtskreis.SGB12_KAP3)
    bg_in("Nordenham", Rechtskreis.SGB12_KAP3)
    antwort = _anmelden(client, "sb.brake")
    assert antwort.status_code == 302 and antwort.url == "/"
    start = client.get("/")
    assert start.status_code == 200
    inhalt = start.content.decode()
    assert "Guten Tag, Bernd Brakmann" in inhalt
    assert "Stadt Brake (Unterweser) – Sozialamt" in inhalt
    assert "Leistungssachbearbeitung" in inhalt
    assert '<p class="sh-kennzahl">1</p>' in inhalt  # only the Brake BG is visible
    assert "Zweiten Faktor einrichten" in inhalt


def test_wrong_password_is_400_with_german_message(client):
    antwort = _anmelden(client, "sb.brake", "falsch")
    assert antwort.status_code == 400
    assert "Benutzername oder Passwort ist falsch" in antwort.content.decode()


def test_lockout_after_five_failed_logins(client):
    for _ in range(4):
        assert _anmelden(client, "sb.brake", "falsch").status_code == 400
    gesperrt = _anmelden(client, "sb.brake", "falsch")
    assert gesperrt.status_code == 429
    assert "vorübergehend gesperrt" in gesperrt.content.decode()
    # even the right password does not help now
    antwort = _anmelden(client, "sb.brake")
    assert antwort.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in antwort.content.decode()
    assert "30 Minuten" in antwort.content.decode()
    assert "_auth_user_id" not in client.session
    # other accounts are not affected (lockout by user name, offices share NAT addresses)
    assert _anmelden(Client(), "sb.nordenham").status_code == 302


def test_logout_is_post_only(client):
    _anmelden(client, "sb.brake")
    assert client.get("/abmelden/").status_code == 405
    assert client.post("/abmelden/").status_code == 302
    assert client.get("/").status_code == 302


def test_administration_is_forced_to_set_up_totp_and_passes_with_valid_code(client):
    antwort = _anmelden(client, "admin")
    assert antwort.status_code == 302
    assert antwort.url.startswith("/zweiter-faktor/")
    # every other page redirects to the second factor
    umleitung = client.get("/verwaltung/")
    assert umleitung.status_code == 302 and umleitung.url.startswith("/zweiter-faktor/")
    einrichtung = client.get("/zweiter-faktor/?next=/verwaltung/")
    assert einrichtung.status_code == 200
    inhalt = einrichtung.content.decode()
    assert "Zweiten Faktor einrichten" in inhalt and "<svg" in inhalt and "vorgeschrieben" in inhalt
    geraet = TOTPDevice.objects.get(user__username="admin", confirmed=False)

    falsch = client.post("/zweiter-faktor/", {"code": "000000", "next": "/verwaltung/"})
    assert falsch.status_code == 400
    assert "Sicherheitscode ist falsch" in falsch.content.decode()
    assert client.get("/").status_code == 302
    # django-otp throttles right after a failure ...
    gebremst = client.post("/zweiter-faktor/", {"code": _code(geraet), "next": "/verwaltung/"})
    assert gebremst.status_code == 400 and "Zu viele Fehlversuche" in gebremst.content.decode()
    # ... and allows the next try once the pause is over
    TOTPDevice.objects.filter(pk=geraet.pk).update(throttling_failure_timestamp=None)

    antwort = client.post("/zweiter-faktor/", {"code": _code(geraet), "next": "/verwaltung/"})
    assert antwort.status_code == 302 and antwort.url == "/verwaltung/"
    geraet.refresh_from_db()
    assert geraet.confirmed
    assert client.get("/verwaltung/").status_code == 200
    assert client.get("/").status_code == 200


def test_administration_with_device_must_verify_each_login(client, benutzer):
    geraet = TOTPDevice.objects.create(user=benutzer("admin"), name="Test", confirmed=True)
    _anmelden(client, "admin")
    assert client.get("/").url.startswith("/zweiter-faktor/")
    pruefung = client.get("/zweiter-faktor/")
    assert "Bitte bestätigen Sie die Anmeldung" in pruefung.content.decode()
    assert client.post("/zweiter-faktor/", {"code": "12345a"}).status_code == 400
    antwort = client.post("/zweiter-faktor/", {"code": _code(geraet), "next": "https://boese.example/"})
    assert antwort.status_code == 302 and antwort.url == "/"
    assert client.get("/").status_code == 200


def test_optional_totp_setup_for_staff(client, benutzer):
    _anmelden(client, "sb.brake")
    assert client.get("/").status_code == 200  # not forced
    assert client.get("/zweiter-faktor/einrichten/").status_code == 200
    geraet = TOTPDevice.objects.get(user=benutzer("sb.brake"), confirmed=False)
    antwort = client.post("/zweiter-faktor/einrichten/", {"code": _code(geraet)})
    assert antwort.status_code == 302
    assert "ist für Ihr Benutzerkonto eingerichtet" in client.get("/zweiter-faktor/einrichten/").content.decode()
    # from now on, the login asks for the code
    neu = Client()
    assert _anmelden(neu, "sb.brake").url.startswith("/zweiter-faktor/")
    # and it cannot be skipped by going straight to a page
    assert neu.get("/personen/").url.startswith("/zweiter-faktor/")


def test_csrf_failure_page_is_german():
    strenger = Client(enforce_csrf_checks=True)
    antwort = strenger.post("/anmelden/", {"username": "sb.brake", "password": "sozialhaus"})
    assert antwort.status_code == 403
    assert "Sicherheitsprüfung" in antwort.content.decode()


def test_protocol_for_administration_shows_only_the_number(client, benutzer, bg_in):
    bg = bg_in("Nordenham", Rechtskreis.SGB12_KAP3, [{"familienname": "Geheimhaltung"}])
    person = bg.mitgliedschaften.first().person
    sb = Client()
    _anmelden(sb, "sb.nordenham")
    sb.get(f"/personen/{person.kundennummer}/")

    geraet = TOTPDevice.objects.create(user=benutzer("admin"), name="Test", confirmed=True)
    _anmelden(client, "admin")
    client.post("/zweiter-faktor/", {"code": _code(geraet)})
    assert client.get(f"/personen/{person.kundennummer}/").status_code == 404  # no Sozialdaten for Administration
    suche = client.get("/protokoll/", {"kundennummer": person.kundennummer.lower()})
    assert suche.status_code == 302
    antwort = client.get(suche.url)
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert person.kundennummer in inhalt and "sb.nordenham" in inhalt
    assert "Geheimhaltung" not in inhalt and "Person0" not in inhalt
    assert AuditEintrag.objects.filter(objekt_typ="personenprotokoll", benutzername="admin").count() == 1
    assert client.get("/protokoll/", {"kundennummer": "K99999999"}).status_code == 404


def test_admin_site_registers_organisation_but_no_sozialdaten():
    from sozialhaus.core.audit import AuditEintrag as Eintrag
    from sozialhaus.core.models import Dienststelle, Gemeinde, Traeger, Zustaendigkeit
    from sozialhaus.people import models as people

    registriert = admin.site._registry
    for model in (Traeger, Gemeinde, Dienststelle, Zustaendigkeit, Benutzer, Eintrag):
        assert model in registriert
    for model in (people.Person, people.Bedarfsgemeinschaft, people.Einkommen, people.Bankverbindung):
        assert model not in registriert
    audit_admin = registriert[Eintrag]
    assert not audit_admin.has_add_permission(None)
    assert not audit_admin.has_change_permission(None)
    assert not audit_admin.has_delete_permission(None)


def test_admin_pages_render_for_administration(client, benutzer):
    geraet = TOTPDevice.objects.create(user=benutzer("admin"), name="Test", confirmed=True)
    _anmelden(client, "admin")
    client.post("/zweiter-faktor/", {"code": _code(geraet)})
    for url in (
        "/verwaltung/",
        "/verwaltung/core/benutzer/",
        f"/verwaltung/core/benutzer/{benutzer('sb.brake').pk}/change/",
        "/verwaltung/core/dienststelle/",
        "/verwaltung/core/zustaendigkeit/",
        "/verwaltung/core/auditeintrag/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/verwaltung/core/auditeintrag/add/").status_code == 403
    assert client.get("/verwaltung/people/person/").status_code == 404
    inhalt = client.get(f"/verwaltung/core/benutzer/{benutzer('sb.brake').pk}/change/").content.decode()
    assert "Mitarbeiten" in inhalt and "Stadt Brake (Unterweser) – Sozialamt" in inhalt


def test_sachbearbeitung_has_no_admin(client):
    _anmelden(client, "sb.brake")
    assert client.get("/verwaltung/").status_code == 302


def test_error_pages_are_german(client):
    _anmelden(client, "sb.brake")
    antwort = client.get("/gibt-es-nicht/")
    assert antwort.status_code == 404
    assert "nicht gefunden" in antwort.content.decode()
