"""The committed OpenAPI schema (openapi.yaml) is valid and matches the code."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from rest_framework.test import APIClient

from .conftest import API

BEFEHL = ".venv/bin/python manage.py spectacular --lang de --file openapi.yaml --validate --fail-on-warn"


def test_openapi_yaml_is_up_to_date_and_valid(tmp_path):
    neu = tmp_path / "openapi.yaml"
    call_command("spectacular", file=str(neu), validate=True, fail_on_warn=True, lang="de")
    committed = Path(settings.BASE_DIR) / "openapi.yaml"
    assert committed.exists(), f"openapi.yaml fehlt; erzeugen mit: {BEFEHL}"
    assert neu.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8"), (
        f"openapi.yaml is out of date; regenerate with: {BEFEHL}"
    )


def test_schema_describes_v1():
    schema = yaml.safe_load((Path(settings.BASE_DIR) / "openapi.yaml").read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/personen/", "/api/v1/bedarfsgemeinschaften/", "/api/v1/token/"} <= set(schema["paths"])
    geld = schema["components"]["schemas"]["Einkommen"]["properties"]["brutto"]
    assert (geld["type"], geld["format"]) == ("string", "decimal")
    assert "409" in schema["paths"]["/api/v1/personen/"]["post"]["responses"]


@pytest.mark.django_db
def test_schema_endpoint_serves_openapi():
    antwort = APIClient().get(API + "schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert antwort.status_code == 200
    assert antwort.json()["info"]["title"] == "Sozialhaus API"
