"""The production settings module starts only when configured safely (issue 2, item 1)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SICHER = {
    "DJANGO_SETTINGS_MODULE": "sozialhaus.settings.production",
    "SOZIALHAUS_SECRET_KEY": "pr0d-Schl%ssel-9f8e7d6c5b4a3928171605f4e3d2c1b0a9-Wesermarsch-Brake",
    "DATABASE_URL": "postgres://sozialhaus:geheim@db.example.invalid:5432/sozialhaus",
    "SOZIALHAUS_ALLOWED_HOSTS": "sozialhaus.wesermarsch.example",
}


def _manage(*args, **env):
    umgebung = {k: v for k, v in os.environ.items() if not k.startswith(("SOZIALHAUS_", "DATABASE_URL", "DJANGO_"))}
    umgebung.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=umgebung, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_deploy_check():
    ergebnis = _manage("check", "--deploy", "--fail-level", "WARNING", **SICHER)
    assert ergebnis.returncode == 0, ergebnis.stderr + ergebnis.stdout


def test_production_settings_are_secure():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DATABASES['default']['ENGINE'])"
    )
    ergebnis = _manage("shell", "-c", code, **SICHER)
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert ergebnis.stdout.strip().splitlines()[-1] == "False True True django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("weglassen", "meldung"),
    [
        ("SOZIALHAUS_SECRET_KEY", "SOZIALHAUS_SECRET_KEY muss in der Produktion gesetzt sein"),
        ("DATABASE_URL", "DATABASE_URL muss in der Produktion auf eine PostgreSQL-Datenbank zeigen"),
    ],
)
def test_production_refuses_unsafe_configuration(weglassen, meldung):
    env = {k: v for k, v in SICHER.items() if k != weglassen}
    ergebnis = _manage("check", **env)
    assert ergebnis.returncode != 0
    assert meldung in ergebnis.stderr


def test_production_refuses_debug():
    ergebnis = _manage("check", **SICHER, SOZIALHAUS_DEBUG="1")
    assert ergebnis.returncode != 0
    assert "SOZIALHAUS_DEBUG darf in der Produktion nicht eingeschaltet sein" in ergebnis.stderr
