"""Filing documents in the E-Akte and reading them back, with the access check and the audit trail."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import Aktion, pruefe

from .models import Dokument

HOECHSTGROESSE = 20 * 1024 * 1024
"""Largest file accepted into the E-Akte (20 MiB)."""


def _akte_felder(akte) -> dict:
    art = akte._meta.model_name
    if art == "person":
        return {"person": akte}
    if art == "bedarfsgemeinschaft":
        return {"bedarfsgemeinschaft": akte}
    raise TypeError(f"Keine E-Akte für {art}")


def dokument_ablegen(
    *,
    akte,
    art: str,
    titel: str,
    datum: date,
    dienststelle,
    dateiname: str,
    mime_typ: str,
    inhalt: bytes,
    benutzer=None,
    vorgaenger: Dokument | None = None,
    kanal: str = "ui",
) -> Dokument:
    """File ``inhalt`` in the e-file of ``akte`` (a Person or a Bedarfsgemeinschaft); a new version if ``vorgaenger``.

    The caller has checked that ``benutzer`` may change the Akte (system filings such as Bescheide pass the
    deciding user). Raises ValidationError with a German message for empty or oversized files.
    """
    if not inhalt:
        raise ValidationError("Die Datei ist leer.")
    if len(inhalt) > HOECHSTGROESSE:
        raise ValidationError("Die Datei ist größer als 20 MB.")
    if art not in Dokument.Art.values:
        raise ValidationError("Unbekannte Dokumentart.")
    with transaction.atomic():
        dokument = Dokument(
            **_akte_felder(akte),
            art=art,
            titel=titel[:200],
            datum=datum,
            dienststelle=dienststelle,
            version=vorgaenger.version + 1 if vorgaenger else 1,
            vorgaenger=vorgaenger,
            dateiname=dateiname[:200],
            mime_typ=mime_typ[:100],
            inhalt=inhalt,
            erfasst_von=benutzer if benutzer is not None and benutzer.is_authenticated else None,
        )
        dokument.save()
        protokolliere(
            benutzer,
            AuditAktion.ANLEGEN,
            dokument,
            dienststelle=dienststelle,
            kanal=kanal,
            details={"art": art, "version": dokument.version, "akte": str(akte)},
        )
    return dokument


def dokument_lesen(benutzer, dokument: Dokument, *, kanal: str = "ui") -> bytes:
    """The content of ``dokument`` for ``benutzer``: access checked (PermissionDenied otherwise) and audited."""
    dienststelle = pruefe(benutzer, dokument, Aktion.LESEN)
    protokolliere(benutzer, AuditAktion.LESEN, dokument, dienststelle=dienststelle, kanal=kanal)
    return bytes(dokument.inhalt)
