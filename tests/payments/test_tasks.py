"""Background execution of a Zahllauf (``payments.tasks``): queued with the database backend, run by the real worker
loop of ``manage.py db_worker``, progress on ``Zahllauffortschritt``, failures stored and restartable.

Amounts are hand-calculated in conftest.py: 1.143,00 € per BG and month (563,00 € Regelbedarf § 20 Abs. 2 SGB II
+ 580,00 € Unterkunft und Heizung § 22 Abs. 1 SGB II); two BGs → 2.286,00 €.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.payments import services, tasks
from sozialhaus.payments.buchungen import haushaltsstellen_anlegen
from sozialhaus.payments.models import Buchung, Haushaltsstelle, Zahllauf, Zahllauffortschritt

from .conftest import MONATLICH

JAN = date(2025, 1, 1)


@pytest.fixture
def worker(monkeypatch):
    """``worker()`` runs every queued task with the worker loop of ``manage.py db_worker --batch`` (inside the
    test's transaction, so it does not close the connection between tasks as the real process does)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def laufen():
        db_worker.Worker(
            queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
            max_tasks=None, worker_id="test", excluded_queue_names=[],
        ).run()  # fmt: skip

    return laufen


@pytest.fixture
def freigegeben(bewilligt, traeger, zahlstelle, zahlstelle2):
    """Two awarded SGB II BGs, the January run prepared by zahlstelle and released by zahlstelle2."""
    bewilligt("Erste")
    bewilligt("Zweite", konto=4712)
    lauf = services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    return services.zahllauf_freigeben(zahlstelle2, lauf)


def test_aufgabe_fuehrt_zahllauf_aus_und_fortschritt_erreicht_100(freigegeben, zahlstelle, worker):
    fortschritt = tasks.ausfuehrung_starten(zahlstelle, freigegeben)
    assert (fortschritt.status, fortschritt.erledigt, fortschritt.gesamt) == ("eingereiht", 0, 2)
    [aufgabe] = DBTaskResult.objects.all()
    assert (aufgabe.status, aufgabe.task_path, str(aufgabe.id)) == (
        "READY",
        "sozialhaus.payments.tasks.zahllauf_ausfuehren_aufgabe",
        fortschritt.aufgabe,
    )
    assert aufgabe.args_kwargs == {"args": [freigegeben.pk, zahlstelle.pk], "kwargs": {}}
    assert Buchung.objects.count() == 0  # nothing happens before the worker runs

    worker()

    aufgabe.refresh_from_db()
    fortschritt.refresh_from_db()
    lauf = Zahllauf.objects.get(pk=freigegeben.pk)
    assert aufgabe.status == "SUCCESSFUL"
    assert aufgabe.return_value == {"zahllauf": lauf.pk, "anzahl": 2, "summe": "2286.00", "sha256": lauf.sha256}
    assert lauf.status == Zahllauf.Status.AUSGEFUEHRT and lauf.summe == 2 * MONATLICH == Decimal("2286.00")
    assert (fortschritt.status, fortschritt.erledigt, fortschritt.gesamt, fortschritt.prozent) == ("fertig", 2, 2, 100)
    # SGB II months are booked in two parts (§ 6 Abs. 1 SGB II): 2 payments × (Regelbedarf, KdU)
    assert Buchung.objects.count() == 4
    ausfuehrung = AuditEintrag.objects.filter(objekt_typ="zahllauf", details__status="ausgefuehrt").get()
    assert (ausfuehrung.benutzer, ausfuehrung.kanal) == (zahlstelle, "aufgabe")
    start = AuditEintrag.objects.filter(objekt_typ="zahllauf", details__ausfuehrung="gestartet").get()
    assert start.benutzer == zahlstelle and start.details["aufgabe"] == fortschritt.aufgabe


def test_fortschritt_wird_aus_der_transaktion_gemeldet(freigegeben):
    gemeldet = []
    services.zahllauf_ausfuehren(freigegeben, fortschritt=lambda erledigt, gesamt: gemeldet.append((erledigt, gesamt)))
    assert gemeldet == [(0, 2), (2, 2)]


def test_prozent_erst_nach_abschluss_100():
    fortschritt = Zahllauffortschritt(status="laeuft", erledigt=2, gesamt=2)
    assert fortschritt.prozent == 99  # all booked, file still being written and checked
    assert Zahllauffortschritt(status="laeuft", erledigt=1, gesamt=3).prozent == 33
    assert Zahllauffortschritt(status="eingereiht", gesamt=0).prozent == 0


def test_technischer_fehler_bucht_nichts_und_kann_erneut_gestartet_werden(freigegeben, traeger, zahlstelle, worker):
    Haushaltsstelle.objects.filter(traeger=traeger).delete()  # booking fails halfway through the transaction
    tasks.ausfuehrung_starten(zahlstelle, freigegeben)
    worker()

    fortschritt = Zahllauffortschritt.objects.get(zahllauf=freigegeben)
    assert (fortschritt.status, fortschritt.meldung) == ("fehler", tasks.TECHNISCHER_FEHLER)
    assert DBTaskResult.objects.get().status == "FAILED"
    assert Zahllauf.objects.get(pk=freigegeben.pk).status == Zahllauf.Status.FREIGEGEBEN
    assert Buchung.objects.count() == 0

    haushaltsstellen_anlegen(traeger)
    tasks.ausfuehrung_starten(zahlstelle, freigegeben)
    worker()
    fortschritt.refresh_from_db()
    assert (fortschritt.status, fortschritt.meldung, fortschritt.prozent) == ("fertig", "", 100)
    assert Zahllauf.objects.get(pk=freigegeben.pk).status == Zahllauf.Status.AUSGEFUEHRT


def test_abgelehnte_ausfuehrung_wird_mit_grund_gemeldet(bewilligt, traeger, zahlstelle, worker):
    bewilligt()
    lauf = services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    tasks.zahllauf_ausfuehren_aufgabe.enqueue(lauf.pk, None)  # queued without the checks of ausfuehrung_starten
    worker()
    fortschritt = Zahllauffortschritt.objects.get(zahllauf=lauf)
    assert fortschritt.status == "fehler"
    assert fortschritt.meldung == "Der Zahllauf 01/2025 ist noch nicht freigegeben (Vier-Augen-Prinzip)."
    assert DBTaskResult.objects.get().status == "FAILED"


def test_zweite_ausfuehrung_desselben_laufs_gilt_als_erledigt(freigegeben, zahlstelle, worker):
    tasks.zahllauf_ausfuehren_aufgabe.enqueue(freigegeben.pk, zahlstelle.pk)
    tasks.zahllauf_ausfuehren_aufgabe.enqueue(freigegeben.pk, zahlstelle.pk)
    worker()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL", "SUCCESSFUL"]
    assert Zahllauffortschritt.objects.get(zahllauf=freigegeben).status == "fertig"
    assert Buchung.objects.count() == 4


def test_starten_nur_einmal_zugleich_und_nur_durch_die_zahlstelle(freigegeben, zahlstelle, benutzer):
    with pytest.raises(ValidationError, match="Nur die Zahlstelle des Trägers darf einen Zahllauf ausführen."):
        tasks.ausfuehrung_starten(benutzer("sb.kreis"), freigegeben)
    tasks.ausfuehrung_starten(zahlstelle, freigegeben)
    with pytest.raises(ValidationError, match="Der Zahllauf 01/2025 wird bereits ausgeführt."):
        tasks.ausfuehrung_starten(zahlstelle, freigegeben)
    # No sign of life for longer than OHNE_LEBENSZEICHEN (no worker, or it was killed): it may be started again.
    Zahllauffortschritt.objects.update(aktualisiert_am=timezone.now() - tasks.OHNE_LEBENSZEICHEN - timedelta(1))
    tasks.ausfuehrung_starten(zahlstelle, freigegeben)
    assert DBTaskResult.objects.count() == 2


def test_nur_freigegebene_laeufe_werden_gestartet(bewilligt, traeger, zahlstelle):
    bewilligt()
    lauf = services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    with pytest.raises(ValidationError) as fehler:
        tasks.ausfuehrung_starten(zahlstelle, lauf)
    assert fehler.value.messages == [
        "Ausgeführt werden kann nur ein freigegebener Zahllauf; der Zahllauf 01/2025 ist vorbereitet."
    ]
    assert not DBTaskResult.objects.exists() and not Zahllauffortschritt.objects.exists()
