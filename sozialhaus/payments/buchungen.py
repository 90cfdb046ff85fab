"""Bookings (Buchungen): every Zahlung booked on the Haushaltsstellen of the Kreis, reversals, checks, CSV export.

A Buchung is immutable (``core.unveraenderlich``); a payment is reversed by Storno-Buchungen with the negative
amounts, never deleted. The CSV export for the Kreis' finance system is documented in docs/payments.md.
"""

import csv
from collections import defaultdict
from decimal import Decimal
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from sozialhaus.cases.models import Einmalleistung, Leistungsmonat
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Rechtskreis

from . import sepa
from .models import Buchung, Empfaengerart, Haushaltsstelle, Leistungsart, Zahllauf, Zahlung
from .rechte import ist_zahlstelle

NULL = Decimal("0.00")

BEISPIEL_HAUSHALTSSTELLEN = [
    # (Rechtskreis, Leistungsart, Bezeichnung, Produkt, Sachkonto, Kostenträger): examples after the kommunaler
    # Produktrahmen (31 Soziale Hilfen); each Kreis configures its own numbers.
    (Rechtskreis.SGB2, Leistungsart.REGELBEDARF, "Bürgergeld: Regelbedarf, Mehrbedarfe", "31.2.02", "533200", "Bund"),
    (Rechtskreis.SGB2, Leistungsart.KDU, "Bürgergeld: Unterkunft und Heizung", "31.2.01", "533100", "Kommune"),
    (Rechtskreis.SGB12_KAP3, Leistungsart.LEISTUNG, "Hilfe zum Lebensunterhalt", "31.1.01", "533110", "Kommune"),
    (Rechtskreis.SGB12_KAP4, Leistungsart.LEISTUNG, "Grundsicherung im Alter und bei EM", "31.1.02", "533120", "Bund"),
    (Rechtskreis.ASYLBLG, Leistungsart.LEISTUNG, "Leistungen nach dem AsylbLG", "31.3.01", "533130", "Land"),
    (Rechtskreis.WOHNGELD, Leistungsart.LEISTUNG, "Wohngeld", "31.5.01", "533140", "Bund und Land"),
]
"""SGB II: Bund for Regelbedarf and Mehrbedarfe (§ 6 Abs. 1 Nr. 1, § 46 SGB II), Kommune for Unterkunft und
Heizung (§ 6 Abs. 1 Nr. 2 SGB II); Grundsicherung im Alter: Bund (§ 46a SGB XII); Wohngeld: Bund and Land half each
(§ 32 WoGG)."""


def haushaltsstellen_anlegen(traeger) -> list[Haushaltsstelle]:
    """Create the example Haushaltsstellen for ``traeger`` where none is configured yet."""
    return [
        Haushaltsstelle.objects.get_or_create(
            traeger=traeger,
            rechtskreis=rk,
            leistungsart=art,
            defaults={"bezeichnung": text, "produkt": produkt, "sachkonto": konto, "kostentraeger": wer},
        )[0]
        for rk, art, text, produkt, konto, wer in BEISPIEL_HAUSHALTSSTELLEN
    ]


def leistungsarten(rechtskreis: str) -> tuple[str, ...]:
    """The parts a month's benefit is booked in: SGB II split by who finances it (§ 6 Abs. 1 SGB II)."""
    if rechtskreis == Rechtskreis.SGB2:
        return (Leistungsart.REGELBEDARF, Leistungsart.KDU)
    return (Leistungsart.LEISTUNG,)


def pruefe_haushaltsstellen(traeger, rechtskreise: set[str]) -> None:
    """German ValidationError naming every Haushaltsstelle a run would need but the Träger has not configured."""
    vorhanden = set(Haushaltsstelle.objects.filter(traeger=traeger).values_list("rechtskreis", "leistungsart"))
    fehlen = [
        f"{Rechtskreis(rk).label} – {Leistungsart(art).label}"
        for rk in sorted(rechtskreise)
        for art in leistungsarten(rk)
        if (rk, art) not in vorhanden
    ]
    if fehlen:
        raise ValidationError(f"Es fehlt die Haushaltsstelle für: {'; '.join(fehlen)}.")


def anteile(rechtskreis: str, betrag: Decimal, berechnung: dict) -> dict[str, Decimal]:
    """A month's amount split by Leistungsart.

    SGB II: the part for Unterkunft und Heizung is the sum of the persons' ``anspruch_kdu`` of the engine (income
    covers Regel- and Mehrbedarfe first, § 19 Abs. 3 Satz 2 SGB II); the rest (Regelbedarf, Mehrbedarfe,
    Kindersofortzuschlag) is the Bund's part.
    """
    if rechtskreis != Rechtskreis.SGB2:
        return {Leistungsart.LEISTUNG: betrag}
    kdu = sum((Decimal(p["anspruch_kdu"]) for p in berechnung["personen"].values()), NULL)
    return {Leistungsart.KDU: kdu, Leistungsart.REGELBEDARF: betrag - kdu}


def einmalige_leistungsart(rechtskreis: str, art: str) -> str:
    """The part a one-off benefit is booked on, by who finances it: in SGB II the Erstausstattungen
    (§ 24 Abs. 3 Satz 1 Nr. 1 and 2) are the kommunaler Träger's (§ 6 Abs. 1 Satz 1 Nr. 2 SGB II), booked on its
    Haushaltsstelle with Unterkunft und Heizung; Nr. 3 is the Bund's (§ 6 Abs. 1 Satz 1 Nr. 1 SGB II). Every other
    Rechtskreis has one Leistungsart."""
    if rechtskreis != Rechtskreis.SGB2:
        return Leistungsart.LEISTUNG
    return Leistungsart.REGELBEDARF if art == Einmalleistung.Art.THERAPEUTISCH else Leistungsart.KDU


def reihenfolge(rechtskreis: str, empfaengerart: str) -> tuple[str, ...]:
    """Which part a payment is booked on first: rent paid to the landlord is KdU; anything else Regelbedarf first."""
    arten = leistungsarten(rechtskreis)
    return tuple(reversed(arten)) if empfaengerart == Empfaengerart.MIETE else arten


def aufteilen(
    betrag: Decimal, anteil: dict[str, Decimal], gebucht: dict[str, Decimal], folge: tuple[str, ...]
) -> dict[str, Decimal]:
    """Split ``betrag`` over the parts in order ``folge``, each up to what is still open of it (``anteil`` minus
    ``gebucht``); a remainder (not expected) goes to the first part, so the parts always add up to ``betrag``."""
    teile: dict[str, Decimal] = {}
    rest = betrag
    for art in folge:
        teil = min(rest, max(anteil.get(art, NULL) - gebucht.get(art, NULL), NULL))
        if teil > 0:
            teile[art] = teil
            rest -= teil
    if rest > 0:
        teile[folge[0]] = teile.get(folge[0], NULL) + rest
    return teile


def _anteile_des_laufs(lauf: Zahllauf) -> dict[int, dict[str, Decimal]]:
    """Leistungsmonat → its parts, for every Leistungsmonat paid in the run."""
    zeilen = (
        Leistungsmonat.objects.filter(zahlungen__zahllauf=lauf)
        .distinct()
        .values_list("pk", "entscheidung__antrag__bedarfsgemeinschaft__rechtskreis", "betrag", "berechnung")
    )
    return {pk: anteile(rk, betrag, berechnung) for pk, rk, betrag, berechnung in zeilen.iterator(2000)}


def _bisher_gebucht(lauf: Zahllauf) -> dict[tuple[int, object], dict[str, Decimal]]:
    """(BG, month) → net amount of the monthly benefit booked per Leistungsart before this run, for the BGs and
    months of the run (one-off benefits are booked apart)."""
    zeilen = (
        Buchung.objects.filter(
            zahlung__bedarfsgemeinschaft_id__in=lauf.zahlungen.values("bedarfsgemeinschaft_id"),
            zahlung__einmalleistung__isnull=True,
            monat__lte=lauf.monat,
        )
        .values("zahlung__bedarfsgemeinschaft_id", "monat", "haushaltsstelle__leistungsart")
        .annotate(summe=Sum("betrag"))
    )
    gebucht: dict[tuple[int, object], dict[str, Decimal]] = defaultdict(dict)
    for z in zeilen:
        gebucht[(z["zahlung__bedarfsgemeinschaft_id"], z["monat"])][z["haushaltsstelle__leistungsart"]] = z["summe"]
    return gebucht


def zahllauf_buchen(lauf: Zahllauf) -> list[Buchung]:
    """Book every Zahlung of the run (called inside ``zahllauf_ausfuehren``'s transaction); a one-off benefit in
    full on the part of ``einmalige_leistungsart``."""
    stellen = {(h.rechtskreis, h.leistungsart): h for h in Haushaltsstelle.objects.filter(traeger=lauf.traeger)}
    teile_je_monat = _anteile_des_laufs(lauf)
    gebucht = _bisher_gebucht(lauf)
    neu = []
    zahlungen = lauf.zahlungen.order_by("id").values_list(
        "pk",
        "bedarfsgemeinschaft_id",
        "bedarfsgemeinschaft__rechtskreis",
        "bedarfsgemeinschaft__dienststelle_id",
        "monat",
        "betrag",
        "empfaengerart",
        "leistungsmonat_id",
        "einmalleistung__art",
    )
    for pk, bg, rk, dienststelle, monat, betrag, empfaengerart, lm, einmalig in zahlungen.iterator(2000):
        if einmalig:
            teile = {einmalige_leistungsart(rk, einmalig): betrag}
        else:
            bisher = gebucht[(bg, monat)]
            teile = aufteilen(betrag, teile_je_monat[lm], bisher, reihenfolge(rk, empfaengerart))
            for art, teil in teile.items():
                bisher[art] = bisher.get(art, NULL) + teil
        for art, teil in teile.items():
            neu.append(
                Buchung(
                    zahlung_id=pk,
                    haushaltsstelle=stellen[(rk, art)],
                    rechtskreis=rk,
                    dienststelle_id=dienststelle,
                    monat=monat,
                    betrag=teil,
                )
            )
    return Buchung.objects.bulk_create(neu, batch_size=2000)


def storno_buchen(zahlung: Zahlung) -> list[Buchung]:
    """One Storno-Buchung per Buchung of ``zahlung`` with the negative amount, so that its Buchungen add up to zero
    (for a reversal by the Zahlstelle and for a payment the bank returned, ``camt.ruecklaeufer_einlesen``)."""
    return Buchung.objects.bulk_create(
        Buchung(
            zahlung=zahlung,
            haushaltsstelle_id=b.haushaltsstelle_id,
            rechtskreis=b.rechtskreis,
            dienststelle_id=b.dienststelle_id,
            monat=b.monat,
            betrag=-b.betrag,
            art=Buchung.Art.STORNO,
        )
        for b in zahlung.buchungen.filter(art=Buchung.Art.ZAHLUNG)
    )


def zahlung_stornieren(benutzer, zahlung: Zahlung, *, grund: str, kanal="ui") -> list[Buchung]:
    """Reverse an executed Zahlung: one Storno-Buchung per Buchung with the negative amount; the Zahlung becomes
    ``storniert`` and its amount is due again in the next run (it no longer counts as paid)."""
    with transaction.atomic():
        zahlung = Zahlung.objects.select_for_update().select_related("zahllauf__traeger").get(pk=zahlung.pk)
        if not ist_zahlstelle(benutzer, zahlung.zahllauf.traeger):
            raise ValidationError("Nur die Zahlstelle des Trägers darf eine Zahlung stornieren.")
        if zahlung.status != Zahlung.Status.AUSGEFUEHRT:
            raise ValidationError(
                f"Eine Zahlung im Status »{zahlung.get_status_display()}« kann nicht storniert werden."
            )
        if not grund.strip():
            raise ValidationError("Bitte den Grund der Stornierung angeben.")
        storno = storno_buchen(zahlung)
        Zahlung.objects.filter(pk=zahlung.pk).update(status=Zahlung.Status.STORNIERT)
        protokolliere(
            benutzer, AuditAktion.AENDERN, zahlung, kanal=kanal, details={"status": "storniert", "grund": grund.strip()}
        )
        return storno


def pruefe_buchungen(lauf: Zahllauf) -> list[str]:
    """German descriptions of every mismatch between the run, its Zahlungen, its Buchungen and its SEPA file
    (NbOfTxs, CtrlSum); empty when everything balances."""
    fehler = []
    zahlungen = lauf.zahlungen.aggregate(anzahl=Count("id"), summe=Coalesce(Sum("betrag"), NULL))
    gebucht = (
        Buchung.objects.filter(zahlung__zahllauf=lauf, art=Buchung.Art.ZAHLUNG)
        .aggregate(summe=Coalesce(Sum("betrag"), NULL))["summe"]
        .quantize(NULL)
    )
    # SQLite sums decimals as floating point: over 100,000 amounts the error reaches the 7th decimal place
    zahlungen["summe"] = zahlungen["summe"].quantize(NULL)
    if (zahlungen["anzahl"], zahlungen["summe"]) != (lauf.anzahl, lauf.summe):
        fehler.append(
            f"Zahllauf nennt {lauf.anzahl} Zahlungen über {euro(lauf.summe)}, gespeichert sind "
            f"{zahlungen['anzahl']} über {euro(zahlungen['summe'])}."
        )
    if gebucht != zahlungen["summe"]:
        fehler.append(f"Summe der Buchungen {euro(gebucht)} ≠ Summe der Zahlungen {euro(zahlungen['summe'])}.")
    je_zahlung = dict(
        Buchung.objects.filter(zahlung__zahllauf=lauf, art=Buchung.Art.ZAHLUNG)
        .values("zahlung_id")
        .annotate(summe=Sum("betrag"))
        .values_list("zahlung_id", "summe")
    )  # compared in Python: SQLite sums decimals as floating point, Django rounds them to the field's places
    ungleich = sum(1 for pk, betrag in lauf.zahlungen.values_list("pk", "betrag") if je_zahlung.get(pk) != betrag)
    if ungleich:
        fehler.append(f"{ungleich} Zahlungen sind nicht mit ihrem Betrag gebucht.")
    if lauf.sepa_xml:
        anzahl, summe = sepa.kontrollsummen(lauf.sepa_xml.encode("utf-8"))
        if (anzahl, summe) != (zahlungen["anzahl"], zahlungen["summe"]):
            fehler.append(
                f"SEPA-Datei: NbOfTxs {anzahl} / CtrlSum {euro(summe)} passen nicht zu "
                f"{zahlungen['anzahl']} Zahlungen über {euro(zahlungen['summe'])}."
            )
    return fehler


def buchungssummen(buchungen: QuerySet) -> list[dict]:
    """Sums per Rechtskreis, Dienststelle and month (Storno-Buchungen included with their negative amounts)."""
    return list(
        buchungen.values("rechtskreis", "dienststelle__name", "monat")
        .annotate(summe=Sum("betrag"))
        .order_by("rechtskreis", "dienststelle__name", "monat")
    )


CSV_SPALTEN = [
    "Buchungsnummer",
    "Gebucht am",
    "Buchungsart",
    "Zahllauf",
    "Ende-zu-Ende-Referenz",
    "BG-Nummer",
    "Rechtskreis",
    "Dienststelle",
    "Leistungsmonat",
    "Produkt",
    "Sachkonto",
    "Kostenträger",
    "Leistungsart",
    "Betrag",
]


def _deutsch(betrag: Decimal) -> str:
    """German decimal comma, no thousands separator (CSV)."""
    return f"{betrag:.2f}".replace(".", ",")


def euro(betrag: Decimal) -> str:
    """German money text: 1.234,50 €."""
    return f"{betrag:,.2f} €".replace(",", "X").replace(".", ",").replace("X", ".")


def buchungen_csv(buchungen: QuerySet, ausgabe: TextIO) -> int:
    """Write ``buchungen`` as CSV for the finance system (docs/payments.md): semicolon, UTF-8, decimal comma,
    header line; returns the number of rows."""
    schreiber = csv.writer(ausgabe, delimiter=";", lineterminator="\r\n")
    schreiber.writerow(CSV_SPALTEN)
    zeilen = buchungen.select_related(
        "zahlung__zahllauf", "zahlung__bedarfsgemeinschaft", "haushaltsstelle", "dienststelle"
    )
    anzahl = 0
    for b in zeilen.order_by("id").iterator(2000):
        stelle = b.haushaltsstelle
        schreiber.writerow(
            [
                b.pk,
                f"{timezone.localtime(b.gebucht_am):%d.%m.%Y}",
                b.get_art_display(),
                b.zahlung.zahllauf_id,
                b.zahlung.end_to_end_id,
                b.zahlung.bedarfsgemeinschaft.bg_nummer,
                b.rechtskreis,
                b.dienststelle.kuerzel,
                f"{b.monat:%m/%Y}",
                stelle.produkt,
                stelle.sachkonto,
                stelle.kostentraeger,
                stelle.get_leistungsart_display(),
                _deutsch(b.betrag),
            ]
        )
        anzahl += 1
    return anzahl
