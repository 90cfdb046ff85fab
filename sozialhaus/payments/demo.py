"""Demo Zahllauf (issue 6): one complete payment run of the demo Kreis, after the demo cases are decided.

``lade_demo_zahllauf`` sets up what the Kreiskasse needs (its account and the example Haushaltsstellen, where none
exist) and runs the Zahllauf of the demo month through the public services, four eyes included: prepared by the
Zahlstelle's ``zahlstelle`` (Zora Zahlmann), released and executed by ``kasse`` (Konrad Kassner), so the run, its
Buchungen and its SEPA file look exactly as in production. Called by ``demo_laden`` after the demo cases
(``cases.demo_faelle``); it is the demo's first run, so every decided month up to the demo month is paid
(earlier months as Nachzahlungen).

Idempotent: an existing run of the month is completed if it was left prepared or released, and otherwise left as
it is; nothing is paid twice (``services.faellige_betraege``).
"""

from datetime import date

from django.db import transaction
from schwifty import IBAN

from sozialhaus.core.models import Benutzer, Traeger

from . import services
from .buchungen import haushaltsstellen_anlegen
from .models import Zahllauf, Zahlungskonto

DEMO_MONAT = date(2026, 12, 1)
"""The month of the demo run: the last month the demo decisions cover (the rules engine's parameters end 2026)."""

DEMO_KONTO = {
    "kontoinhaber": "Kreiskasse Landkreis Wesermarsch",
    "iban": IBAN.generate("DE", bank_code="28050100", account_code="1000001").compact,
    "bic": "SLZODE22XXX",
}
"""Synthetic account of the demo Kreiskasse at the Landessparkasse zu Oldenburg (valid check digits, not real)."""

VORBEREITET_VON = "zahlstelle"
FREIGEGEBEN_VON = "kasse"


def lade_demo_zahllauf(monat: date = DEMO_MONAT) -> Zahllauf | None:
    """Prepare, release and execute the demo Träger's Zahllauf for ``monat`` (all or nothing); returns the run, or
    ``None`` when nothing is due (e.g. no demo case was decided)."""
    traeger = Traeger.objects.get(regionalschluessel="03461")
    with transaction.atomic():
        Zahlungskonto.objects.get_or_create(traeger=traeger, defaults=DEMO_KONTO)
        haushaltsstellen_anlegen(traeger)
        lauf = Zahllauf.objects.filter(traeger=traeger, monat=monat).first()
        if lauf is None:
            if not services.faellige_betraege(traeger, monat):
                return None
            lauf = services.zahllauf_vorbereiten(
                Benutzer.objects.get(username=VORBEREITET_VON), traeger, monat, kanal="system"
            )
        kasse = Benutzer.objects.get(username=FREIGEGEBEN_VON)
        if lauf.status == Zahllauf.Status.VORBEREITET:
            lauf = services.zahllauf_freigeben(kasse, lauf, kanal="system")
        if lauf.status == Zahllauf.Status.FREIGEGEBEN:
            lauf = services.zahllauf_ausfuehren(lauf, benutzer=kasse, kanal="system")
        return lauf
