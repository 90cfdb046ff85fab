"""Helpers for the case service tests: a single adult's SGB II BG in Brake and a quick way to a decidable Antrag."""

from datetime import date

import pytest

from sozialhaus.cases import services
from sozialhaus.core.models import Rechtskreis
from tests.ui.conftest import angemeldet  # noqa: F401 - fixture for the staff UI tests


def pruefungsreif(benutzer, antrag, am: date = date(2025, 1, 20)):
    """Mark every Nachweis as received and move the Antrag to »entscheidungsreif«."""
    for nachweis in antrag.nachweise.all():
        services.nachweis_eingegangen(benutzer, nachweis, eingegangen_am=am)
    services.status_setzen(benutzer, antrag, "in_pruefung")
    return services.status_setzen(benutzer, antrag, "entscheidungsreif")


@pytest.fixture
def sb_kreis(benutzer):
    """Leistungssachbearbeitung SGB II in both Jobcenter-Bezirksstellen."""
    return benutzer("sb.kreis")


@pytest.fixture
def alleinstehend(bg_in):
    """SGB II BG in Brake: one adult born 1.1.1980, Unterkunft 400 + 100 + 80 € from 1.1.2025 (tests/conftest.py)."""
    return bg_in("Brake", Rechtskreis.SGB2, [{"familienname": "Allein", "vorname": "Anna"}])
