"""Background execution of a Zahllauf through the Django Tasks API (``django-tasks`` backport; docs/payments.md).

``ausfuehrung_starten`` (the "Ausführen" button) checks the run and queues ``zahllauf_ausfuehren_aufgabe`` in the
same transaction as the run's progress row (``Zahllauffortschritt``): with the database backend both are saved or
neither. A worker (``manage.py db_worker``) then calls ``services.zahllauf_ausfuehren``, which stays one transaction
(crash safety): a worker killed halfway leaves the run freigegeben and untouched, and it can be started again.

The progress (payments booked of all) is reported from inside that transaction, so it is written through a database
connection of its own to be seen before the commit. SQLite lets one connection write at a time, so there (and when
the task runs inside a transaction already, as with the ImmediateBackend) the intermediate step is left out: the
progress goes from "wird ausgeführt" to done.
"""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone
from django_tasks import task

from sozialhaus.cases.zeitraum import monat_text
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Benutzer

from . import services
from .models import Zahllauf, Zahllauffortschritt
from .rechte import ist_zahlstelle

logger = logging.getLogger(__name__)

OHNE_LEBENSZEICHEN = timedelta(minutes=10)
"""A queued or running execution that has not reported for this long is taken as lost (no worker running, or the
worker was killed); the run may then be started again. Executing 10,000 payments takes a few seconds."""

TECHNISCHER_FEHLER = (
    "Technischer Fehler bei der Ausführung; es wurde nichts gebucht. Der Zahllauf bleibt freigegeben und kann erneut "
    "ausgeführt werden. Bitte informieren Sie die IT-Administration, wenn der Fehler wieder auftritt."
)


def laeuft(fortschritt: Zahllauffortschritt | None) -> bool:
    """Whether an execution is queued or running and has reported within ``OHNE_LEBENSZEICHEN``."""
    return (
        fortschritt is not None
        and fortschritt.status in (Zahllauffortschritt.Status.EINGEREIHT, Zahllauffortschritt.Status.LAEUFT)
        and fortschritt.aktualisiert_am is not None
        and timezone.now() - fortschritt.aktualisiert_am < OHNE_LEBENSZEICHEN
    )


def ausfuehrung_starten(benutzer, zahllauf: Zahllauf, *, kanal="ui") -> Zahllauffortschritt:
    """Queue the execution of a released run; only the Zahlstelle of the Träger may, and not twice at a time."""
    with transaction.atomic():
        lauf = Zahllauf.objects.select_for_update().select_related("traeger").get(pk=zahllauf.pk)
        if not ist_zahlstelle(benutzer, lauf.traeger):
            raise ValidationError("Nur die Zahlstelle des Trägers darf einen Zahllauf ausführen.")
        if lauf.status != Zahllauf.Status.FREIGEGEBEN:
            raise ValidationError(
                f"Ausgeführt werden kann nur ein freigegebener Zahllauf; der Zahllauf {monat_text(lauf.monat)} ist "
                f"{lauf.get_status_display()}."
            )
        fortschritt, _ = Zahllauffortschritt.objects.get_or_create(zahllauf=lauf)
        if laeuft(fortschritt):
            raise ValidationError(f"Der Zahllauf {monat_text(lauf.monat)} wird bereits ausgeführt.")
        jetzt = timezone.now()
        _setzen(
            fortschritt,
            status=Zahllauffortschritt.Status.EINGEREIHT,
            erledigt=0,
            gesamt=lauf.anzahl,
            meldung="",
            gestartet_von=benutzer,
            gestartet_am=jetzt,
        )
        ergebnis = zahllauf_ausfuehren_aufgabe.enqueue(lauf.pk, benutzer.pk)
        Zahllauffortschritt.objects.filter(pk=fortschritt.pk).update(aufgabe=str(ergebnis.id))
        protokolliere(
            benutzer,
            AuditAktion.AENDERN,
            lauf,
            kanal=kanal,
            details={"ausfuehrung": "gestartet", "aufgabe": str(ergebnis.id)},
        )
    fortschritt.refresh_from_db()
    return fortschritt


def _setzen(fortschritt: Zahllauffortschritt, **werte) -> None:
    for name, wert in werte.items():
        setattr(fortschritt, name, wert)
    fortschritt.aktualisiert_am = timezone.now()
    fortschritt.save(update_fields=[*werte, "aktualisiert_am"])


class _Melder:
    """The ``fortschritt`` callback of ``services.zahllauf_ausfuehren``: writes payments booked / all through a
    connection of its own (see the module docstring for when there is none). A failed write is logged, never raised:
    the progress is for display and must not stop a payment run."""

    def __init__(self, fortschritt: Zahllauffortschritt):
        self.pk = fortschritt.pk
        standard = connections[DEFAULT_DB_ALIAS]
        eigene = standard.vendor != "sqlite" and not standard.in_atomic_block
        self.verbindung = connections.create_connection(DEFAULT_DB_ALIAS) if eigene else None

    def __call__(self, erledigt: int, gesamt: int) -> None:
        if self.verbindung is None:
            return
        tabelle = self.verbindung.ops.quote_name(Zahllauffortschritt._meta.db_table)
        try:
            with self.verbindung.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {tabelle} SET erledigt = %s, gesamt = %s, aktualisiert_am = %s WHERE id = %s",
                    [erledigt, gesamt, timezone.now(), self.pk],
                )
        except DatabaseError:
            logger.warning("Fortschritt des Zahllaufs konnte nicht gespeichert werden.", exc_info=True)

    def __enter__(self):
        return self

    def __exit__(self, *fehler) -> None:
        if self.verbindung is not None:
            self.verbindung.close()


@task()
def zahllauf_ausfuehren_aufgabe(zahllauf_id: int, benutzer_id: int | None) -> dict:
    """Execute the run (``services.zahllauf_ausfuehren``) and keep its ``Zahllauffortschritt`` current.

    A refusal (German ValidationError) or a technical error is stored on the progress row and re-raised, so the task
    result is "failed" too — except when another execution of the same run has completed it meanwhile.
    """
    lauf = Zahllauf.objects.get(pk=zahllauf_id)
    benutzer = Benutzer.objects.filter(pk=benutzer_id).first() if benutzer_id else None
    fortschritt, _ = Zahllauffortschritt.objects.get_or_create(zahllauf=lauf)
    _setzen(fortschritt, status=Zahllauffortschritt.Status.LAEUFT, erledigt=0, gesamt=lauf.anzahl, meldung="")
    try:
        with _Melder(fortschritt) as melder:
            lauf = services.zahllauf_ausfuehren(lauf, benutzer=benutzer, kanal="aufgabe", fortschritt=melder)
    except Exception as fehler:
        lauf.refresh_from_db()
        if lauf.status != Zahllauf.Status.AUSGEFUEHRT:
            meldung = " ".join(fehler.messages) if isinstance(fehler, ValidationError) else TECHNISCHER_FEHLER
            _setzen(fortschritt, status=Zahllauffortschritt.Status.FEHLER, meldung=meldung)
            raise
    _setzen(fortschritt, status=Zahllauffortschritt.Status.FERTIG, erledigt=lauf.anzahl, gesamt=lauf.anzahl)
    return {"zahllauf": lauf.pk, "anzahl": lauf.anzahl, "summe": str(lauf.summe), "sha256": lauf.sha256}
