"""Helpers for the staff UI tests: log in a demo user with the test client."""

import pytest
from django.test import Client

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def angemeldet(benutzer):
    """``angemeldet("sb.brake")`` → a test client logged in as that demo user (password check skipped)."""

    def _client(name: str) -> Client:
        client = Client()
        client.force_login(benutzer(name), backend=MODEL_BACKEND)
        return client

    return _client
