"""German error responses for the API.

Every error the API returns is German and has DRF's shape: ``{"detail": "..."}`` or, for validation errors,
``{"feld": ["..."]}``. DRF's own messages come from its German translation (``LANGUAGE_CODE = "de"``); the few
messages DRF does not translate (JSON parse errors, CSRF failures) and Django's exceptions are rewritten here.
Django validation errors (model validators, ``full_clean``) become 400, never 500.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from sozialhaus.core.permissions import VERWEIGERT

NICHT_GEFUNDEN = "Nicht gefunden."
JSON_UNGUELTIG = "Die Anfrage enthält kein gültiges JSON"
NICHT_LESBAR = "Die Anfrage konnte nicht gelesen werden."
CSRF_FEHLER = (
    "CSRF-Prüfung fehlgeschlagen. Bei Anmeldung über die Sitzung muss das CSRF-Token im Kopf „X-CSRFToken“ "
    "mitgesendet werden; alternativ Token-Authentifizierung verwenden."
)
_POSITION = re.compile(r"line (\d+) column (\d+)")


def _parse_error(exc: exceptions.ParseError) -> exceptions.ParseError:
    text = str(exc.detail)
    if "JSON" not in text:
        return exceptions.ParseError(NICHT_LESBAR)
    position = _POSITION.search(text)
    if position:
        return exceptions.ParseError(f"{JSON_UNGUELTIG} (Zeile {position[1]}, Spalte {position[2]}).")
    return exceptions.ParseError(f"{JSON_UNGUELTIG}.")


def _validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {
                (api_settings.NON_FIELD_ERRORS_KEY if feld == NON_FIELD_ERRORS else feld): meldungen
                for feld, meldungen in exc.message_dict.items()
            }
        )
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _validation_error(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or VERWEIGERT)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(NICHT_GEFUNDEN)
    elif isinstance(exc, exceptions.ParseError):
        exc = _parse_error(exc)
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        exc = exceptions.PermissionDenied(CSRF_FEHLER)
    return drf_exception_handler(exc, context)
