"""Token authentication: obtain a token, use it, lockout after repeated failures (django-axes), TOTP for admins."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from sozialhaus.core.audit import AuditEintrag

from .conftest import API

pytestmark = pytest.mark.django_db

PASSWORT = "sozialhaus"


@pytest.fixture
def mit_passwort(benutzer):
    def setze(name: str):
        user = benutzer(name)
        user.set_password(PASSWORT)  # demo passwords were hashed before the tests' fast hasher was configured
        user.save()
        return user

    return setze


def test_token_obtained_and_used(mit_passwort, brake_person):
    mit_passwort("sb.brake")
    client = APIClient()
    antwort = client.post(API + "token/", {"username": "sb.brake", "password": PASSWORT}, format="json")
    assert antwort.status_code == 200, antwort.content
    token = antwort.json()["token"]
    assert AuditEintrag.objects.filter(aktion="anmelden", kanal="api", benutzername="sb.brake").count() == 1
    assert client.get(API + "personen/").status_code in (401, 403)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    antwort = client.get(API + f"personen/{brake_person.kundennummer}/")
    assert antwort.status_code == 200
    # the same token again on the next request
    antwort = APIClient().post(API + "token/", {"username": "sb.brake", "password": PASSWORT}, format="json")
    assert antwort.json()["token"] == token


@pytest.mark.parametrize(
    ("daten", "feld", "meldung"),
    [
        ({"username": "sb.brake", "password": "falsch"}, "non_field_errors", "Benutzername oder Passwort ist falsch."),
        ({"username": "niemand", "password": PASSWORT}, "non_field_errors", "Benutzername oder Passwort ist falsch."),
        ({"username": "sb.brake"}, "password", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_wrong_credentials(mit_passwort, daten, feld, meldung):
    mit_passwort("sb.brake")
    antwort = APIClient().post(API + "token/", daten, format="json")
    assert antwort.status_code == 400
    assert antwort.json() == {feld: [meldung]}


def test_inactive_user_gets_no_token(mit_passwort):
    user = mit_passwort("sb.brake")
    user.is_active = False
    user.save()
    antwort = APIClient().post(API + "token/", {"username": "sb.brake", "password": PASSWORT}, format="json")
    assert antwort.status_code == 400


def test_lockout_after_repeated_failures(mit_passwort, settings):
    mit_passwort("sb.brake")
    client = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        antwort = client.post(API + "token/", {"username": "sb.brake", "password": "falsch"}, format="json")
        assert antwort.status_code == 400
    antwort = client.post(API + "token/", {"username": "sb.brake", "password": "falsch"}, format="json")
    assert antwort.status_code == 429
    antwort = client.post(API + "token/", {"username": "sb.brake", "password": PASSWORT}, format="json")
    assert antwort.status_code == 429
    assert antwort["Content-Type"] == "application/json"
    assert antwort.json()["detail"].startswith("Zu viele fehlgeschlagene Anmeldeversuche")
    # other accounts are not affected (lockout by user name, not by address)
    mit_passwort("sb.nordenham")
    antwort = client.post(API + "token/", {"username": "sb.nordenham", "password": PASSWORT}, format="json")
    assert antwort.status_code == 200


def test_administration_needs_second_factor_for_a_token(mit_passwort, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp would otherwise delay the next try after a wrong code
    admin = mit_passwort("admin")
    client = APIClient()
    antwort = client.post(API + "token/", {"username": "admin", "password": PASSWORT}, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["otp"][0].startswith("Für dieses Konto ist der zweite Faktor Pflicht")
    geraet = TOTPDevice.objects.create(user=admin, name="App", confirmed=True)
    antwort = client.post(API + "token/", {"username": "admin", "password": PASSWORT, "otp": "abcdef"}, format="json")
    assert antwort.status_code in (400, 429)
    code = f"{TOTP(geraet.bin_key, geraet.step, geraet.t0, geraet.digits, geraet.drift).token():06d}"
    antwort = client.post(API + "token/", {"username": "admin", "password": PASSWORT, "otp": code}, format="json")
    assert antwort.status_code == 200, antwort.content


def test_staff_who_chose_a_second_factor_need_it_for_a_token_too(mit_passwort):
    user = mit_passwort("sb.brake")
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    antwort = APIClient().post(API + "token/", {"username": "sb.brake", "password": PASSWORT}, format="json")
    assert antwort.status_code == 400
    assert "otp" in antwort.json()


def test_wrong_otp_codes_count_towards_the_lockout(mit_passwort, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    admin = mit_passwort("admin")
    TOTPDevice.objects.create(user=admin, name="App", confirmed=True)
    client = APIClient()
    status = [
        client.post(
            API + "token/", {"username": "admin", "password": PASSWORT, "otp": "abcdef"}, format="json"
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert status[-1] == 429
    assert set(status[:-1]) == {400}
