"""Instalment tracking and reminders: which Rate of a Ratenplan is overdue, and the daily run that creates a
``Mahnung`` with a Postkorb task for the caseworker (``manage.py forderungen_mahnen``)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from sozialhaus.cases.zeitraum import plus_monate
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.notices.darstellung import datum, euro
from sozialhaus.worklist.models import Aufgabe

from .konto import NULL, saldo
from .models import Buchungsart, Forderungsbuchung, Mahnung, Ratenplan

TILGEND = (Buchungsart.ZAHLUNGSEINGANG, Buchungsart.AUFRECHNUNG)


def faelligkeiten(plan: Ratenplan, bis: date) -> list[tuple[date, Decimal]]:
    """(due date, amount) of every Rate due on or before ``bis``: ``rate`` each month, the last one smaller."""
    raten, rest, k = [], plan.betrag, 0
    while rest > 0:
        tag = plus_monate(plan.erste_rate, k)
        if tag > bis:
            break
        betrag = min(plan.rate, rest)
        raten.append((tag, betrag))
        rest -= betrag
        k += 1
    return raten


def rueckstand(plan: Ratenplan, stichtag: date) -> tuple[Decimal, date | None]:
    """(arrears, due date of the newest Rate overdue) on ``stichtag``: Raten due before ``stichtag`` minus what was
    paid or offset since the plan was agreed."""
    faellig = faelligkeiten(plan, stichtag - timedelta(days=1))
    if not faellig:
        return NULL, None
    getilgt = -sum(
        Forderungsbuchung.objects.filter(
            forderung=plan.forderung, art__in=TILGEND, datum__gte=plan.vereinbart_am, datum__lt=stichtag
        ).values_list("betrag", flat=True),
        NULL,
    )
    return max(sum((b for _, b in faellig), NULL) - getilgt, NULL), faellig[-1][0]


def _bearbeiter(forderung):
    antrag = forderung.entscheidung.antrag
    return antrag.bearbeiter_id


def mahnungen_erstellen(heute: date) -> int:
    """One Mahnung and one Postkorb task (Wiedervorlage) per Ratenplan and overdue Rate; returns how many.

    Only the newest plan of a Forderung counts; a Forderung that is settled or niedergeschlagen (balance 0) gets no
    reminder. The task goes to the caseworker of the Antrag the Forderung came from (else the team).
    """
    neueste: dict[int, Ratenplan] = {}
    for plan in Ratenplan.objects.select_related("forderung__entscheidung__antrag").order_by("vereinbart_am", "id"):
        neueste[plan.forderung_id] = plan
    anzahl = 0
    for plan in neueste.values():
        offen_bei = saldo(plan.forderung)
        betrag, faellig_am = rueckstand(plan, heute)
        if betrag <= 0 or offen_bei <= 0 or plan.mahnungen.filter(faellig_gewesen_am=faellig_am).exists():
            continue
        forderung = plan.forderung
        with transaction.atomic():
            aufgabe = Aufgabe.objects.create(
                dienststelle_id=forderung.dienststelle_id,
                bearbeiter_id=_bearbeiter(forderung),
                art=Aufgabe.Art.WIEDERVORLAGE,
                text=(
                    f"Rate zu Forderung {forderung.nummer} ({forderung.person.name}) seit {datum(faellig_am)} "
                    f"überfällig, Rückstand {euro(betrag)}. Bitte mahnen oder Ratenplan anpassen."
                )[:300],
                faellig_am=heute,
                antrag=forderung.entscheidung.antrag,
                bedarfsgemeinschaft=forderung.bedarfsgemeinschaft,
            )
            mahnung = Mahnung.objects.create(
                forderung=forderung, ratenplan=plan, faellig_gewesen_am=faellig_am, rueckstand=betrag, aufgabe=aufgabe
            )
            protokolliere(
                None,
                AuditAktion.ANLEGEN,
                mahnung,
                dienststelle=forderung.dienststelle,
                kanal="system",
                details={"forderung": forderung.nummer, "rueckstand": str(betrag), "faellig": faellig_am.isoformat()},
            )
        anzahl += 1
    return anzahl
