"""Validators for identifiers of persons, with German messages."""

from datetime import date

from django.core.exceptions import ValidationError
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.de import idnr
from stdnum.exceptions import ValidationError as StdnumError


def validiere_iban(value: str) -> None:
    """IBAN: country format and check digits (ISO 13616)."""
    try:
        IBAN(value)
    except SchwiftyException:
        raise ValidationError("Die IBAN ist ungültig. Bitte prüfen Sie Länge, Ländercode und Prüfziffer.", code="iban")


def validiere_steuer_id(value: str) -> None:
    """Steuerliche Identifikationsnummer (§ 139b AO): 11 digits with check digit."""
    try:
        idnr.validate(value)
    except StdnumError:
        raise ValidationError(
            "Die Steuer-Identifikationsnummer ist ungültig (11 Ziffern mit gültiger Prüfziffer).", code="steuer_id"
        )


def validiere_nicht_in_zukunft(value: date) -> None:
    if value > date.today():
        raise ValidationError("Das Datum darf nicht in der Zukunft liegen.", code="zukunft")


def normalisiere_iban(value: str) -> str:
    return IBAN(value).compact
