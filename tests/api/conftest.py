"""Fixtures of the API tests: clients authenticated by session or by token, and a Nordenham and a Brake case."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Rechtskreis

API = "/api/v1/"


@pytest.fixture
def client_fuer(benutzer):
    """``client_fuer("sb.brake")`` logs in through the session; ``client_fuer("sb.brake", token=True)`` sends a token."""

    def erstelle(name: str, *, token: bool = False) -> APIClient:
        client = APIClient()
        user = benutzer(name)
        if token:
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
        else:
            client.force_login(user)
        return client

    return erstelle


@pytest.fixture
def nordenham_bg(bg_in):
    """A SGB XII case handled only by the Sozialamt Nordenham."""
    return bg_in("Nordenham", Rechtskreis.SGB12_KAP3, [{"familienname": "Nordhaus", "vorname": "Nora"}])


@pytest.fixture
def nordenham_person(nordenham_bg):
    return nordenham_bg.mitgliedschaften.get().person


@pytest.fixture
def brake_bg(bg_in):
    return bg_in("Brake", Rechtskreis.SGB12_KAP4, [{"familienname": "Brakel", "vorname": "Bruno"}])


@pytest.fixture
def brake_person(brake_bg):
    return brake_bg.mitgliedschaften.get().person


@pytest.fixture
def audit_neu():
    """``neu = audit_neu()`` ... ``neu()`` returns the audit entries written since."""

    def starte():
        letzte = AuditEintrag.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return lambda: list(AuditEintrag.objects.filter(id__gt=letzte).order_by("id"))

    return starte
