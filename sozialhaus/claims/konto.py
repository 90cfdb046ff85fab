"""Reading a claims account: the open balance of a Forderung is the sum of its bookings (Decimal, summed in Python:
SQLite sums decimals as floating point)."""

from datetime import date
from decimal import Decimal

from .models import Buchungsart, Forderung, Forderungsbuchung

NULL = Decimal("0.00")


def saldo(forderung: Forderung, *, bis: date | None = None) -> Decimal:
    """Open balance of ``forderung`` (optionally counting only bookings with Wertstellung up to ``bis``)."""
    buchungen = Forderungsbuchung.objects.filter(forderung=forderung)
    if bis is not None:
        buchungen = buchungen.filter(datum__lte=bis)
    return sum(buchungen.values_list("betrag", flat=True), NULL)


def salden(forderungen) -> dict[int, Decimal]:
    """Forderung id → open balance, for many Forderungen in one query."""
    ergebnis = {f.pk: NULL for f in forderungen}
    for pk, betrag in Forderungsbuchung.objects.filter(forderung__in=list(ergebnis)).values_list(
        "forderung_id", "betrag"
    ):
        ergebnis[pk] += betrag
    return ergebnis


def ist_niedergeschlagen(forderung: Forderung) -> bool:
    """Whether the newest Niederschlagung of ``forderung`` has not been followed by a Wiederaufnahme."""
    letzte = (
        Forderungsbuchung.objects.filter(
            forderung=forderung, art__in=(Buchungsart.NIEDERSCHLAGUNG, Buchungsart.WIEDERAUFNAHME)
        )
        .order_by("-id")
        .values_list("art", flat=True)
        .first()
    )
    return letzte == Buchungsart.NIEDERSCHLAGUNG


def status(forderung: Forderung, offen: Decimal) -> str:
    """German status of a Forderung for the account page."""
    if offen > 0:
        return "offen"
    if ist_niedergeschlagen(forderung):
        return "befristet niedergeschlagen"
    arten = set(forderung.buchungen.values_list("art", flat=True))
    return "erlassen" if Buchungsart.ERLASS in arten and offen == 0 else "beglichen"
