"""Fixtures of the staff UI tests for Anträge: a Brake HLU case (SGB XII 3. Kapitel); the logged-in client and the
audit helper are the ones of the UI and API tests."""

import pytest

from sozialhaus.core.models import Rechtskreis
from tests.api.conftest import audit_neu  # noqa: F401 - fixture
from tests.ui.conftest import angemeldet  # noqa: F401 - fixture


@pytest.fixture
def brake_bg(bg_in):
    """One adult born 1980, Unterkunft 400 € Kaltmiete + 100 € Nebenkosten + 80 € Heizung (tests/conftest.py)."""
    return bg_in("Brake", Rechtskreis.SGB12_KAP3, [{"familienname": "Brakel", "vorname": "Berta"}])


@pytest.fixture
def nordenham_bg(bg_in):
    return bg_in("Nordenham", Rechtskreis.SGB12_KAP3, [{"familienname": "Nordhaus", "vorname": "Nora"}])
