"""Aufrechnung: declaring it (Verwaltungsakt with its Bescheid) and withholding it in the monthly Zahllauf.

The Zahllauf (``payments.services``) calls into this module at two points of its preparation and nowhere else:

* ``einbehalten(traeger, monat)`` — amounts already withheld per (BG, month) count as paid, so a withheld amount is
  never paid out later as a Nachzahlung;
* ``Einbehalt(zahllauf).fuer(faelligkeit, hoechstens)`` — for the month of the run, withholds every running
  Aufrechnung of the BG from the payment to the person (at most ``hoechstens``, the amount left for the person after
  Direktzahlungen, and at most what is still open on the claim, so the last instalment is smaller) and books it on
  the Forderung (``Forderungsbuchung`` art ``aufrechnung``, linked to the run and the Leistungsmonat).

Balance: for every BG and month, Buchungen of the Zahlungen + amounts withheld = the amount in force
(``pruefe_einbehalte``).
"""

from collections import defaultdict
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sozialhaus.cases.models import Leistungsmonat
from sozialhaus.cases.services import bewilligte_monate
from sozialhaus.cases.zeitraum import monat_text, monatsanfang, plus_monate
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.notices.darstellung import datum, euro, monat
from sozialhaus.notices.pdf import leistungsname
from sozialhaus.payments.models import Buchung, Zahllauf, Zahlung

from . import bescheide, recht
from .konto import NULL, saldo
from .models import Aufrechnungserklaerung, Buchungsart, Forderung, Forderungsbuchung, Grund
from .services import _angemeldet, _sperren, aenderbar

CENT = Decimal("0.01")
EINBEHALT = "aufrechnung"
"""Key under which ``payments.services.faellige_betraege`` counts withheld amounts as paid."""


def anteil(regelbedarf: Decimal, prozent: Decimal) -> Decimal:
    """``prozent`` of ``regelbedarf`` in cents, rounded down so the legal percentage is never exceeded
    (§ 43 Abs. 2 SGB II names a share of the Regelbedarf, no rounding rule)."""
    return (regelbedarf * prozent / 100).quantize(CENT, ROUND_DOWN)


def regelbedarf(leistungsmonat: Leistungsmonat, person) -> Decimal | None:
    """The person's maßgebender Regelbedarf in ``leistungsmonat`` (engine result), None if the person has none."""
    wert = (leistungsmonat.berechnung.get("personen") or {}).get(person.kundennummer, {}).get("regelbedarf")
    return None if wert is None else Decimal(wert)


def _laufende(person, monat_: date, ausser: Forderung | None = None):
    """Declarations for ``person`` covering ``monat_`` on Forderungen still open (the newest per Forderung)."""
    erklaerungen = (
        Aufrechnungserklaerung.objects.filter(forderung__person=person, ab__lte=monat_, bis__gte=monat_)
        .exclude(forderung=ausser)
        .select_related("forderung")
        .order_by("erklaert_am", "id")
    )
    neueste = {e.forderung_id: e for e in erklaerungen}
    return [e for e in neueste.values() if saldo(e.forderung) > 0]


def _pruefe_prozent(forderung: Forderung, prozent: Decimal, ab: date) -> recht.Grenze:
    grenze = recht.AUFRECHNUNG.get(forderung.grund)
    if grenze is None:
        raise ValidationError(
            f"Mit einer Forderung nach »{Grund(forderung.grund).label}« kann nicht gegen laufende Leistungen "
            "aufgerechnet werden."
        )
    if prozent <= 0:
        raise ValidationError("Bitte einen Prozentsatz größer als 0 angeben.")
    if prozent > grenze.hoechstens:
        raise ValidationError(
            f"Die Aufrechnung darf höchstens {grenze.hoechstens} % des maßgebenden Regelbedarfs betragen "
            f"({grenze.norm}); angegeben sind {prozent} %."
        )
    bisher = sum((e.prozent for e in _laufende(forderung.person, ab, ausser=forderung)), Decimal(0))
    if bisher + prozent > grenze.zusammen:
        raise ValidationError(
            f"Zusammen mit den laufenden Aufrechnungen ({bisher} %) würde die Aufrechnung {bisher + prozent} % des "
            f"maßgebenden Regelbedarfs betragen; mehr als {grenze.zusammen} % insgesamt ist unzulässig "
            "(§ 43 Abs. 2 Satz 2 SGB II)."
        )
    return grenze


def _zeitraum(forderung: Forderung, ab: date) -> tuple[date, date]:
    """First and last month of the Aufrechnung: not before the month after the Erstattungsbescheid became known;
    at most 36 months after the month in which the Widerspruchsfrist ends (Bestandskraft if no Widerspruch,
    § 43 Abs. 4 Satz 2 SGB II, § 44b Abs. 3 SGB XII)."""
    ab = monatsanfang(ab)
    frueheste = plus_monate(monatsanfang(forderung.bekanntgabe), 1)
    if ab < frueheste:
        raise ValidationError(
            f"Die Aufrechnung kann frühestens ab {monat_text(frueheste)} erklärt werden, dem Monat nach Bekanntgabe "
            f"des Erstattungsbescheids ({datum(forderung.bekanntgabe)})."
        )
    bis = plus_monate(monatsanfang(forderung.widerspruchsfrist_ende), recht.HOECHSTDAUER_MONATE)
    if ab > bis:
        raise ValidationError(f"Die Aufrechnung ist nur bis {monat_text(bis)} zulässig (höchstens drei Jahre).")
    return ab, bis


def aufrechnung_erklaeren(benutzer, forderung: Forderung, *, prozent, ab: date, begruendung: str, kanal="ui"):
    """Declare the Aufrechnung of ``forderung`` with the debtor's ongoing benefit from month ``ab`` at ``prozent`` %
    of the maßgebender Regelbedarf, checked against the legal maximum (``recht.AUFRECHNUNG``), with its Bescheid."""
    with transaction.atomic():
        forderung = _sperren(forderung)
        dienststelle = aenderbar(benutzer, forderung)
        try:
            prozent = Decimal(str(prozent)).quantize(CENT)
        except ArithmeticError:
            raise ValidationError("Bitte den Prozentsatz als Zahl angeben, z. B. 30.")
        offen = saldo(forderung)
        if offen <= 0:
            raise ValidationError(f"Die Forderung {forderung.nummer} ist nicht offen.")
        begruendung = (begruendung or "").strip()
        if not begruendung:
            raise ValidationError(
                "Bitte die Aufrechnung begründen: Sie steht im Ermessen, die Gesichtspunkte müssen erkennbar sein "
                "(§ 35 Abs. 1 Satz 3 SGB X)."
            )
        grenze = _pruefe_prozent(forderung, prozent, monatsanfang(ab))
        ab, bis = _zeitraum(forderung, ab)
        leistung = bewilligte_monate(forderung.bedarfsgemeinschaft).get(ab)
        rb = regelbedarf(leistung, forderung.person) if leistung else None
        if rb is None:
            raise ValidationError(
                f"Für {monat_text(ab)} ist {forderung.person.name} keine laufende Leistung mit Regelbedarf bewilligt, "
                "gegen die aufgerechnet werden könnte."
            )
        betrag = anteil(rb, prozent)
        brief = bescheide.erstellen(
            bescheide.Briefdaten(
                art="aufrechnung",
                person=forderung.person,
                bedarfsgemeinschaft=forderung.bedarfsgemeinschaft,
                dienststelle=forderung.dienststelle,
                aktenzeichen=forderung.entscheidung.antrag.aktenzeichen,
                leistung=leistungsname(forderung.entscheidung, [leistung]),
                zeitraum=f"{monat(ab)} bis {monat(bis)}",
                kassenzeichen=forderung.nummer,
                betrag=euro(offen),
                angaben=[
                    ("Forderung (Kassenzeichen)", f"{forderung.nummer}, offen {euro(offen)}"),
                    ("maßgebender Regelbedarf", euro(rb)),
                    ("Aufrechnung", f"{prozent} % = {euro(betrag)} monatlich"),
                    ("Zeitraum", f"ab {monat(ab)}, bis die Forderung getilgt ist, längstens bis {monat(bis)}"),
                    ("Rechtsgrundlage", grenze.norm),
                ],
                begruendung=begruendung,
                unterzeichnet_von=_angemeldet(benutzer),
            ),
            heute=timezone.localdate(),
            benutzer=benutzer,
            kanal=kanal,
        )
        erklaerung = Aufrechnungserklaerung(
            forderung=forderung,
            prozent=prozent,
            regelbedarf=rb,
            monatsbetrag=betrag,
            norm=grenze.norm,
            ab=ab,
            bis=bis,
            begruendung=begruendung,
            dokument=brief.dokument,
            erklaert_von=_angemeldet(benutzer),
        )
        erklaerung.save()
        protokolliere(
            benutzer,
            AuditAktion.ANLEGEN,
            erklaerung,
            dienststelle=dienststelle,
            kanal=kanal,
            details={"forderung": forderung.nummer, "prozent": str(prozent), "ab": ab.isoformat()},
        )
        return erklaerung


# --------------------------------------------------------------------------------------------------------------
# Zahllauf
# --------------------------------------------------------------------------------------------------------------


def einbehalten(traeger, monat_: date) -> dict[tuple[int, date], Decimal]:
    """(BG, month) → amount withheld by Aufrechnung, for the Träger's BGs and every month up to ``monat_``."""
    ergebnis: dict[tuple[int, date], Decimal] = defaultdict(Decimal)
    for bg, m, betrag in Forderungsbuchung.objects.filter(
        art=Buchungsart.AUFRECHNUNG, bedarfsgemeinschaft__dienststelle__traeger=traeger, monat__lte=monat_
    ).values_list("bedarfsgemeinschaft_id", "monat", "betrag"):
        ergebnis[(bg, m)] -= betrag
    return dict(ergebnis)


class Einbehalt:
    """Withholds the running Aufrechnungen while a Zahllauf is prepared (one query for the whole run)."""

    def __init__(self, zahllauf: Zahllauf):
        self.zahllauf = zahllauf
        self.je_bg: dict[int, list[Aufrechnungserklaerung]] = defaultdict(list)
        erklaerungen = (
            Aufrechnungserklaerung.objects.filter(
                forderung__bedarfsgemeinschaft__dienststelle__traeger=zahllauf.traeger,
                ab__lte=zahllauf.monat,
                bis__gte=zahllauf.monat,
            )
            .select_related("forderung__person")
            .order_by("erklaert_am", "id")
        )
        neueste = {e.forderung_id: e for e in erklaerungen}
        for e in neueste.values():
            self.je_bg[e.forderung.bedarfsgemeinschaft_id].append(e)

    def fuer(self, faelligkeit, hoechstens: Decimal) -> Decimal:
        """Withhold and book what the BG's running Aufrechnungen take from ``faelligkeit`` (only the run's own
        month, i.e. the laufende Leistung); returns the total, at most ``hoechstens``."""
        erklaerungen = self.je_bg.get(faelligkeit.bedarfsgemeinschaft_id)
        if not erklaerungen or faelligkeit.monat != self.zahllauf.monat or hoechstens <= 0:
            return NULL
        leistungsmonat = Leistungsmonat.objects.get(pk=faelligkeit.leistungsmonat_id)
        gesamt = NULL
        for e in erklaerungen:
            rb = regelbedarf(leistungsmonat, e.forderung.person)
            if rb is None:
                continue
            betrag = min(anteil(rb, e.prozent), saldo(e.forderung), hoechstens - gesamt)
            if betrag <= 0:
                continue
            Forderungsbuchung.objects.create(
                forderung=e.forderung,
                art=Buchungsart.AUFRECHNUNG,
                betrag=-betrag,
                datum=self.zahllauf.ausfuehrungsdatum,
                grund=f"Aufrechnung {e.prozent} % ({e.norm}) mit der Leistung {monat_text(faelligkeit.monat)}",
                zahllauf=self.zahllauf,
                leistungsmonat=leistungsmonat,
                bedarfsgemeinschaft_id=faelligkeit.bedarfsgemeinschaft_id,
                monat=faelligkeit.monat,
            )
            gesamt += betrag
        return gesamt


def pruefe_einbehalte(zahllauf: Zahllauf) -> list[str]:
    """German descriptions of every BG month of the run with Aufrechnung where the payments' bookings (or, before
    execution, the Zahlungen) plus the amounts withheld differ from the amount in force; empty when balanced."""
    fehler = []
    einbehalte = Forderungsbuchung.objects.filter(zahllauf=zahllauf, art=Buchungsart.AUFRECHNUNG).select_related(
        "leistungsmonat", "bedarfsgemeinschaft"
    )
    je_monat: dict[tuple[int, date], list[Forderungsbuchung]] = defaultdict(list)
    for b in einbehalte:
        je_monat[(b.bedarfsgemeinschaft_id, b.monat)].append(b)
    for (bg, m), buchungen in je_monat.items():
        soll = buchungen[0].leistungsmonat.betrag
        if zahllauf.status == Zahllauf.Status.AUSGEFUEHRT:
            gezahlt = Buchung.objects.filter(
                zahlung__bedarfsgemeinschaft_id=bg, zahlung__einmalleistung__isnull=True, monat=m
            ).values_list("betrag", flat=True)
        else:
            gezahlt = (
                Zahlung.objects.filter(bedarfsgemeinschaft_id=bg, monat=m, einmalleistung__isnull=True)
                .exclude(status__in=(Zahlung.Status.FEHLGESCHLAGEN, Zahlung.Status.STORNIERT))
                .values_list("betrag", flat=True)
            )
        zusammen = sum(gezahlt, NULL) - sum((b.betrag for b in buchungen), NULL)
        if zusammen != soll:
            fehler.append(
                f"BG {buchungen[0].bedarfsgemeinschaft.bg_nummer}, {monat_text(m)}: gezahlt und aufgerechnet "
                f"{euro(zusammen)}, bewilligt {euro(soll)}."
            )
    return fehler
