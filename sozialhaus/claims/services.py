"""Claims services: Überzahlung per person, Festsetzung with Erstattungsbescheid, Zahlungseingang, Ratenplan,
Niederschlagung, Wiederaufnahme and Erlass (docs/claims.md).

Every service runs in one transaction and writes the audit trail; a domain error is a German ``ValidationError``
and changes nothing; a record the user may not read is ``Http404``, a change they may not make ``PermissionDenied``.
"""

import re
from collections import defaultdict
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from sozialhaus.cases.models import Entscheidung, Leistungsmonat
from sozialhaus.cases.zeitraum import monatsende
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Rolle
from sozialhaus.core.permissions import VERWEIGERT, Aktion, befugnisse, pruefe, sichtbare_bedarfsgemeinschaften, zugriff
from sozialhaus.notices.darstellung import datum, euro, monat
from sozialhaus.notices.pdf import antragsteller, leistungsname
from sozialhaus.payments.models import Zahlung
from sozialhaus.payments.rechte import ist_zahlstelle
from sozialhaus.people.models import Nummernkreis, Person

from . import bescheide, recht
from .konto import NULL, ist_niedergeschlagen, saldo
from .models import Buchungsart, Forderung, Forderungsbuchung, Grund, OffenerZahlungseingang, Ratenplan

CENT = Decimal("0.01")
NICHT_GEZAHLT = (Zahlung.Status.FEHLGESCHLAGEN, Zahlung.Status.STORNIERT)
KASSENZEICHEN = re.compile(r"\b(\d{5})\s*-\s*F\s*-\s*(\d{4})\s*-\s*(\d{6})\b", re.IGNORECASE)
"""Kassenzeichen in a Verwendungszweck, tolerant of spaces and case (``03461-F-2025-000001``)."""


def _heute() -> date:
    return timezone.localdate()


def _angemeldet(benutzer):
    return benutzer if benutzer is not None and benutzer.is_authenticated else None


def lesbar(benutzer, objekt):
    """The Dienststelle under which ``benutzer`` reads ``objekt``; ``Http404`` when they may not (it does not
    exist for them)."""
    dienststelle = zugriff(benutzer, objekt, Aktion.LESEN)
    if dienststelle is None:
        raise Http404("Nicht gefunden.")
    return dienststelle


def aenderbar(benutzer, objekt):
    """404 when not readable, 403 when readable but not changeable, else the acting Dienststelle."""
    lesbar(benutzer, objekt)
    return pruefe(benutzer, objekt, Aktion.AENDERN)


# --------------------------------------------------------------------------------------------------------------
# Überzahlung per person
# --------------------------------------------------------------------------------------------------------------


def geleistet(bg_id: int, monate: list[date]) -> dict[date, Decimal]:
    """What the BG actually received for each month: Zahlungen that are neither failed nor reversed (prepared ones
    count, as in ``payments.services.faellige_betraege``) plus amounts withheld by Aufrechnung (an offset benefit is
    a benefit received)."""
    ergebnis = {m: NULL for m in monate}
    for m, betrag in (
        Zahlung.objects.filter(bedarfsgemeinschaft_id=bg_id, monat__in=monate)
        .exclude(status__in=NICHT_GEZAHLT)
        .values_list("monat", "betrag")
    ):
        ergebnis[m] += betrag
    for m, betrag in Forderungsbuchung.objects.filter(
        bedarfsgemeinschaft_id=bg_id, monat__in=monate, art=Buchungsart.AUFRECHNUNG
    ).values_list("monat", "betrag"):
        ergebnis[m] -= betrag
    return ergebnis


def _vorher(entscheidung: Entscheidung, m: date) -> Leistungsmonat | None:
    """The Leistungsmonat in force for month ``m`` just before ``entscheidung`` (same rule as
    ``cases.services.bewilligte_monate``)."""
    frueher = Q(entscheidung__entschieden_am__lt=entscheidung.entschieden_am) | Q(
        entscheidung__entschieden_am=entscheidung.entschieden_am, entscheidung_id__lt=entscheidung.pk
    )
    return (
        Leistungsmonat.objects.filter(
            frueher, entscheidung__antrag__bedarfsgemeinschaft_id=entscheidung.zugriff_ueber.pk
        )
        .filter(monat=m)
        .exclude(entscheidung__art=Entscheidung.Art.ABLEHNUNG)
        .order_by("-entscheidung__entschieden_am", "-entscheidung_id")
        .first()
    )


def _personenanspruch(berechnung: dict) -> dict[str, Decimal]:
    return {kn: Decimal(p["anspruch"]) for kn, p in (berechnung.get("personen") or {}).items() if "anspruch" in p}


def aufteilen(betrag: Decimal, gewichte: dict[str, Decimal]) -> dict[str, Decimal]:
    """Split ``betrag`` in proportion to ``gewichte`` (all > 0), rounded down to cents; the remaining cents go to
    the largest weight, so the parts add up to ``betrag`` exactly."""
    summe = sum(gewichte.values(), NULL)
    teile = {k: (betrag * g / summe).quantize(CENT, ROUND_DOWN) for k, g in gewichte.items()}
    groesster = max(gewichte, key=lambda k: (gewichte[k], k))
    teile[groesster] += betrag - sum(teile.values(), NULL)
    return {k: t for k, t in teile.items() if t > 0}


def ueberzahlung_je_person(entscheidung: Entscheidung) -> dict[str, list[tuple[date, Decimal]]]:
    """Kundennummer → [(month, amount)] of what each person received without a right to it.

    Per month: the BG's Überzahlung is what it actually received (``geleistet``) minus the new amount, at most the
    negative ``differenz`` — a month not yet paid is no Überzahlung, it is simply paid at the new amount. SGB II and
    SGB XII know each member's own claim (§ 9 Abs. 2 Satz 3 SGB II; BSG, 7.11.2006, B 7b AS 8/06 R: the Erstattung is
    owed by each person for what they received), so the month's Überzahlung is split over the persons whose own
    claim fell (engine's per-person ``anspruch``: bisher − neu), in proportion to that fall. Where the calculation
    names no persons (Wohngeld) or no person's claim fell, the Antragsteller/in owes the whole month.
    """
    bg = entscheidung.zugriff_ueber
    monate = [m for m in entscheidung.monate.order_by("monat") if m.differenz is not None and m.differenz < 0]
    erhalten = geleistet(bg.pk, [m.monat for m in monate])
    ergebnis: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for lm in monate:
        ueber = min(-lm.differenz, erhalten[lm.monat] - lm.betrag)
        if ueber <= 0:
            continue
        vorher = _vorher(entscheidung, lm.monat)
        alt = _personenanspruch(vorher.berechnung) if vorher else {}
        neu = _personenanspruch(lm.berechnung)
        gesunken = {kn: alt[kn] - neu.get(kn, NULL) for kn in alt if alt[kn] > neu.get(kn, NULL)}
        if not gesunken:
            person = antragsteller(bg, lm.monat)
            gesunken = {person.kundennummer: Decimal(1)}
        for kn, teil in aufteilen(ueber, gesunken).items():
            ergebnis[kn].append((lm.monat, teil))
    return dict(ergebnis)


# --------------------------------------------------------------------------------------------------------------
# Festsetzung with Erstattungsbescheid
# --------------------------------------------------------------------------------------------------------------

STANDARDGRUND = {
    Entscheidung.Rechtsgrundlage.SGB2_41A: Grund.SGB2_41A,
    Entscheidung.Rechtsgrundlage.SGB12_44A: Grund.SGB12_44A,
}


def kassenzeichen(traeger, jahr: int) -> str:
    """Unique readable Kassenzeichen ``<Kreisschlüssel>-F-<Jahr>-<laufende Nummer>`` (counter per Träger and year)."""
    schluessel = traeger.regionalschluessel
    return f"{schluessel}-F-{jahr}-{Nummernkreis.naechste(f'forderung-{schluessel}-{jahr}'):06d}"


def _pruefe_grund(entscheidung: Entscheidung, grund: str | None) -> str:
    grund = grund or STANDARDGRUND.get(entscheidung.rechtsgrundlage, "")
    erlaubt = recht.gruende(entscheidung.antrag.rechtskreis)
    if len(erlaubt) == 1:
        grund = grund or erlaubt[0]
    if grund not in erlaubt:
        raise ValidationError(
            "Bitte den Rechtsgrund der Erstattungsforderung angeben; er bestimmt, ob und in welcher Höhe "
            "aufgerechnet werden darf."
        )
    return grund


def _monatszeilen(monate: list[tuple[date, Decimal]]) -> list[dict]:
    return [{"monat": monat(m), "betrag": euro(b)} for m, b in monate]


def _forderung_anlegen(benutzer, entscheidung, person: Person, monate, grund: str, kanal: str) -> Forderung:
    heute = _heute()
    bg = entscheidung.zugriff_ueber
    betrag = sum((b for _, b in monate), NULL)
    nummer = kassenzeichen(entscheidung.dienststelle.traeger, heute.year)
    lm = list(entscheidung.monate.order_by("monat"))
    norm = recht.erstattungsnorm(grund, entscheidung.antrag.rechtskreis)
    brief = bescheide.erstellen(
        bescheide.Briefdaten(
            art="erstattung",
            person=person,
            bedarfsgemeinschaft=bg,
            dienststelle=entscheidung.dienststelle,
            aktenzeichen=entscheidung.antrag.aktenzeichen,
            leistung=leistungsname(entscheidung, lm),
            zeitraum=f"{datum(monate[0][0])} bis {datum(monatsende(monate[-1][0]))}",
            kassenzeichen=nummer,
            betrag=euro(betrag),
            zeilen=_monatszeilen(monate),
            angaben=[("Rechtsgrundlage der Erstattung", norm), ("Rechtsgrund", Grund(grund).label)],
            unterzeichnet_von=_angemeldet(benutzer),
        ),
        heute=heute,
        benutzer=benutzer,
        kanal=kanal,
    )
    forderung = Forderung(
        nummer=nummer,
        person=person,
        bedarfsgemeinschaft=bg,
        entscheidung=entscheidung,
        rechtskreis=entscheidung.antrag.rechtskreis,
        grund=grund,
        betrag=betrag,
        monate=[{"monat": m.isoformat(), "betrag": str(b)} for m, b in monate],
        dienststelle=entscheidung.dienststelle,
        vorlage=brief.vorlage,
        bescheidnummer=brief.nummer,
        bescheiddatum=brief.bescheiddatum,
        bekanntgabe=brief.bekanntgabe,
        widerspruchsfrist_ende=brief.fristende,
        faellig_am=brief.fristende,
        dokument=brief.dokument,
        angelegt_von=_angemeldet(benutzer),
    )
    forderung.save()
    Forderungsbuchung.objects.create(
        forderung=forderung,
        art=Buchungsart.SOLLSTELLUNG,
        betrag=betrag,
        datum=brief.bescheiddatum,
        grund=f"Erstattungsbescheid {brief.nummer} ({norm})",
        gebucht_von=_angemeldet(benutzer),
    )
    return forderung


def forderungen_festsetzen(benutzer, entscheidung: Entscheidung, *, grund: str | None = None, kanal="ui"):
    """Festsetzung of the Erstattung (§ 50 Abs. 3 SGB X) for every person of the BG who received too much under
    ``entscheidung`` (an Änderung or Aufhebung): one Forderung, Sollstellung and Erstattungsbescheid each."""
    with transaction.atomic():
        dienststelle = aenderbar(benutzer, entscheidung)
        if entscheidung.art not in (Entscheidung.Art.AENDERUNG, Entscheidung.Art.AUFHEBUNG):
            raise ValidationError("Eine Erstattung wird nur nach einer Änderung oder Aufhebung festgesetzt.")
        if entscheidung.forderungen.exists():
            raise ValidationError("Für diese Entscheidung ist die Erstattung bereits festgesetzt.")
        grund = _pruefe_grund(entscheidung, grund)
        anteile = ueberzahlung_je_person(entscheidung)
        if not anteile:
            raise ValidationError(
                "Nach dieser Entscheidung ist nichts zu erstatten: In den geänderten Monaten wurde nicht mehr "
                "gezahlt als jetzt zusteht."
            )
        personen = {p.kundennummer: p for p in Person.objects.filter(kundennummer__in=anteile)}
        forderungen = [
            _forderung_anlegen(benutzer, entscheidung, personen[kn], anteile[kn], grund, kanal)
            for kn in sorted(anteile)
        ]
        for forderung in forderungen:
            protokolliere(
                benutzer,
                AuditAktion.ANLEGEN,
                forderung,
                dienststelle=dienststelle,
                kanal=kanal,
                details={"betrag": str(forderung.betrag), "grund": grund, "entscheidung": entscheidung.pk},
            )
        return forderungen


def offene_ueberzahlungen(benutzer, person: Person) -> list[tuple[Entscheidung, Decimal]]:
    """Änderungen/Aufhebungen of the person's visible BGs with an Überzahlung of the person not yet festgesetzt."""
    ergebnis = []
    entscheidungen = (
        Entscheidung.objects.filter(
            antrag__bedarfsgemeinschaft__mitgliedschaften__person=person,
            art__in=(Entscheidung.Art.AENDERUNG, Entscheidung.Art.AUFHEBUNG),
            monate__differenz__lt=0,
            forderungen__isnull=True,
        )
        .distinct()
        .select_related("antrag__bedarfsgemeinschaft")
    )
    for e in entscheidungen:
        if zugriff(benutzer, e, Aktion.AENDERN) is None:
            continue
        anteil = ueberzahlung_je_person(e).get(person.kundennummer)
        if anteil:
            ergebnis.append((e, sum((b for _, b in anteil), NULL)))
    return ergebnis


# --------------------------------------------------------------------------------------------------------------
# Bookings
# --------------------------------------------------------------------------------------------------------------


def _sperren(forderung: Forderung) -> Forderung:
    """Lock the Forderung's row: bookings on one claim happen one after the other."""
    return Forderung.objects.select_for_update().select_related("bedarfsgemeinschaft", "person").get(pk=forderung.pk)


def _betrag(wert) -> Decimal:
    try:
        betrag = Decimal(str(wert)).quantize(CENT)
    except ArithmeticError:
        raise ValidationError("Bitte einen gültigen Betrag in Euro angeben.")
    if betrag <= 0:
        raise ValidationError("Der Betrag muss größer als 0,00 € sein.")
    return betrag


def _buchen(benutzer, forderung, art: str, betrag: Decimal, dienststelle, kanal: str, **felder) -> Forderungsbuchung:
    buchung = Forderungsbuchung.objects.create(
        forderung=forderung, art=art, betrag=betrag, gebucht_von=_angemeldet(benutzer), **felder
    )
    protokolliere(
        benutzer,
        AuditAktion.AENDERN,
        forderung,
        dienststelle=dienststelle,
        kanal=kanal,
        details={"buchung": art, "betrag": str(betrag), "grund": felder.get("grund", "")},
    )
    return buchung


def finde_forderung(referenz: str) -> Forderung | None:
    """The Forderung whose Kassenzeichen occurs in ``referenz`` (Verwendungszweck), else None."""
    treffer = KASSENZEICHEN.search(referenz or "")
    if treffer is None:
        return None
    return Forderung.objects.filter(nummer="-F-".join([treffer[1], f"{treffer[2]}-{treffer[3]}"])).first()


def _traeger_der_kasse(benutzer):
    """The Träger for which ``benutzer`` is Zahlstelle (Kasse), else None."""
    mitarbeit = benutzer.mitarbeiten.filter(rolle=Rolle.ZAHLSTELLE).select_related("dienststelle__traeger").first()
    return mitarbeit.dienststelle.traeger if mitarbeit else None


def zahlungseingang_buchen(
    benutzer, *, referenz: str, betrag, eingegangen_am: date, einzahler: str = "", kanal="ui"
) -> Forderungsbuchung | OffenerZahlungseingang:
    """Book an incoming payment on the Forderung named by the Kassenzeichen in ``referenz``.

    The Zahlstelle (Kasse) of the Träger or a caseworker who may change the Forderung books it. A payment whose
    Verwendungszweck names no known Kassenzeichen is kept in the list of unmatched payments when the Kasse enters it
    (``OffenerZahlungseingang``), and refused with a German message for anyone else. A payment above the open
    balance is refused (the surplus would have to be paid back, not booked).
    """
    with transaction.atomic():
        betrag = _betrag(betrag)
        if eingegangen_am > _heute():
            raise ValidationError("Das Eingangsdatum darf nicht in der Zukunft liegen.")
        referenz = (referenz or "").strip()[:140]
        forderung = finde_forderung(referenz)
        if forderung is None:
            traeger = _traeger_der_kasse(benutzer)
            if traeger is None:
                raise ValidationError(
                    f"Im Verwendungszweck »{referenz}« ist kein bekanntes Kassenzeichen enthalten. "
                    "Bitte das Kassenzeichen der Forderung angeben (z. B. 03461-F-2025-000001)."
                )
            offen = OffenerZahlungseingang.objects.create(
                traeger=traeger,
                betrag=betrag,
                eingegangen_am=eingegangen_am,
                referenz=referenz,
                einzahler=einzahler[:140],
                erfasst_von=_angemeldet(benutzer),
            )
            protokolliere(
                benutzer, AuditAktion.ANLEGEN, offen, kanal=kanal, details={"betrag": str(betrag), "referenz": referenz}
            )
            return offen
        forderung = _sperren(forderung)
        if ist_zahlstelle(benutzer, forderung.dienststelle.traeger):
            dienststelle = forderung.dienststelle
        else:
            dienststelle = aenderbar(benutzer, forderung)
        return _eingang_auf_forderung(benutzer, forderung, betrag, eingegangen_am, referenz, dienststelle, kanal)


def _eingang_auf_forderung(benutzer, forderung, betrag, eingegangen_am, referenz, dienststelle, kanal):
    if ist_niedergeschlagen(forderung):
        raise ValidationError(
            f"Die Forderung {forderung.nummer} ist befristet niedergeschlagen. Bitte zuerst die Wiederaufnahme buchen "
            "(Teamleitung), dann den Zahlungseingang."
        )
    offen = saldo(forderung)
    if betrag > offen:
        raise ValidationError(
            f"Der Betrag {euro(betrag)} übersteigt die offene Forderung {forderung.nummer} ({euro(offen)}). "
            "Bitte nur den offenen Betrag buchen und die Überzahlung erstatten."
        )
    return _buchen(
        benutzer,
        forderung,
        Buchungsart.ZAHLUNGSEINGANG,
        -betrag,
        dienststelle,
        kanal,
        datum=eingegangen_am,
        referenz=referenz,
    )


def offene_zahlungseingaenge(benutzer):
    """Unmatched incoming payments of the Träger(s) for which ``benutzer`` is Zahlstelle."""
    traeger = benutzer.mitarbeiten.filter(rolle=Rolle.ZAHLSTELLE).values("dienststelle__traeger")
    return OffenerZahlungseingang.objects.filter(traeger__in=traeger, zugeordnet__isnull=True)


def zahlungseingang_zuordnen(benutzer, eingang: OffenerZahlungseingang, forderung: Forderung, *, kanal="ui"):
    """The Kasse matches an unmatched payment to a Forderung of its Träger by hand."""
    with transaction.atomic():
        eingang = OffenerZahlungseingang.objects.select_for_update().get(pk=eingang.pk)
        forderung = _sperren(forderung)
        if not ist_zahlstelle(benutzer, eingang.traeger) or forderung.dienststelle.traeger_id != eingang.traeger_id:
            raise PermissionDenied(VERWEIGERT)
        if eingang.zugeordnet_id:
            raise ValidationError("Dieser Zahlungseingang ist bereits zugeordnet.")
        buchung = _eingang_auf_forderung(
            benutzer, forderung, eingang.betrag, eingang.eingegangen_am, eingang.referenz, forderung.dienststelle, kanal
        )
        eingang.zugeordnet = buchung
        eingang.save(update_fields=["zugeordnet"])
        return buchung


# --------------------------------------------------------------------------------------------------------------
# Ratenplan
# --------------------------------------------------------------------------------------------------------------


def ratenplan_vereinbaren(benutzer, forderung: Forderung, *, rate, erste_rate: date, kanal="ui") -> Ratenplan:
    """Agree instalments: ``rate`` each month from ``erste_rate`` (its day of month is the due day, 1–28)."""
    with transaction.atomic():
        forderung = _sperren(forderung)
        dienststelle = aenderbar(benutzer, forderung)
        rate = _betrag(rate)
        offen = saldo(forderung)
        if offen <= 0:
            raise ValidationError(f"Die Forderung {forderung.nummer} ist nicht mehr offen.")
        if rate > offen:
            raise ValidationError(f"Die Rate ({euro(rate)}) ist höher als die offene Forderung ({euro(offen)}).")
        if erste_rate.day > 28:
            raise ValidationError("Als Fälligkeitstag ist nur der 1. bis 28. eines Monats möglich.")
        if erste_rate < _heute():
            raise ValidationError("Die erste Rate darf nicht in der Vergangenheit fällig sein.")
        plan = Ratenplan(
            forderung=forderung,
            betrag=offen,
            rate=rate,
            erste_rate=erste_rate,
            faelligkeitstag=erste_rate.day,
            vereinbart_am=_heute(),
            vereinbart_von=_angemeldet(benutzer),
        )
        plan.save()
        protokolliere(
            benutzer,
            AuditAktion.ANLEGEN,
            plan,
            dienststelle=dienststelle,
            kanal=kanal,
            details={"forderung": forderung.nummer, "rate": str(rate), "erste_rate": erste_rate.isoformat()},
        )
        return plan


# --------------------------------------------------------------------------------------------------------------
# Niederschlagung, Wiederaufnahme, Erlass (Teamleitung)
# --------------------------------------------------------------------------------------------------------------


def ist_teamleitung(benutzer, forderung: Forderung) -> bool:
    """Whether ``benutzer`` is Teamleitung for the Forderung's BG (its Dienststelle and Rechtskreis)."""
    bg = forderung.bedarfsgemeinschaft
    return any(
        b.rolle == Rolle.TEAMLEITUNG and b.dienststelle_id == bg.dienststelle_id and bg.rechtskreis in b.rechtskreise
        for b in befugnisse(benutzer, Aktion.AENDERN)
    )


def _teamleitung(benutzer, forderung: Forderung, was: str):
    dienststelle = lesbar(benutzer, forderung)
    if not ist_teamleitung(benutzer, forderung):
        raise PermissionDenied(f"Über {was} einer Forderung entscheidet nur die Teamleitung.")
    return dienststelle


def _grund(grund: str, was: str) -> str:
    grund = (grund or "").strip()
    if not grund:
        raise ValidationError(f"Bitte den Grund der {was} angeben.")
    return grund[:500]


def niederschlagen(benutzer, forderung: Forderung, *, grund: str, kanal="ui") -> Forderungsbuchung:
    """Befristete Niederschlagung (§ 76 Abs. 2 Satz 1 Nr. 2 SGB IV analog; for kommunale Träger the Land's
    Gemeindehaushaltsrecht): collection is suspended because it would fail or cost more than it yields; the claim
    itself stays and can be taken up again (``wiederaufnehmen``). The open balance is booked out."""
    with transaction.atomic():
        forderung = _sperren(forderung)
        dienststelle = _teamleitung(benutzer, forderung, "die Niederschlagung")
        grund = _grund(grund, "Niederschlagung")
        offen = saldo(forderung)
        if offen <= 0:
            raise ValidationError(f"Die Forderung {forderung.nummer} ist nicht offen.")
        return _buchen(
            benutzer, forderung, Buchungsart.NIEDERSCHLAGUNG, -offen, dienststelle, kanal, datum=_heute(), grund=grund
        )


def wiederaufnehmen(benutzer, forderung: Forderung, *, grund: str, kanal="ui") -> Forderungsbuchung:
    """Take a niedergeschlagene Forderung up again (e.g. the debtor's income rose): the amount booked out by the
    last Niederschlagung is open again."""
    with transaction.atomic():
        forderung = _sperren(forderung)
        dienststelle = _teamleitung(benutzer, forderung, "die Wiederaufnahme")
        grund = _grund(grund, "Wiederaufnahme")
        if not ist_niedergeschlagen(forderung):
            raise ValidationError(f"Die Forderung {forderung.nummer} ist nicht niedergeschlagen.")
        letzte = forderung.buchungen.filter(art=Buchungsart.NIEDERSCHLAGUNG).order_by("-id").first()
        return _buchen(
            benutzer,
            forderung,
            Buchungsart.WIEDERAUFNAHME,
            -letzte.betrag,
            dienststelle,
            kanal,
            datum=_heute(),
            grund=grund,
        )


def erlassen(benutzer, forderung: Forderung, *, grund: str, betrag=None, kanal="ui") -> Forderungsbuchung:
    """Erlass (§ 44 SGB II; § 76 Abs. 2 Satz 1 Nr. 3 SGB IV for the other Rechtskreise): the claim is given up for
    good, in whole or ``betrag`` of it, because collecting it would be unbillig in the individual case."""
    with transaction.atomic():
        forderung = _sperren(forderung)
        dienststelle = _teamleitung(benutzer, forderung, "den Erlass")
        grund = _grund(grund, "Unbilligkeit (Erlass)")
        if ist_niedergeschlagen(forderung):
            raise ValidationError("Eine niedergeschlagene Forderung bitte zuerst wieder aufnehmen, dann erlassen.")
        offen = saldo(forderung)
        betrag = offen if betrag in (None, "") else _betrag(betrag)
        if offen <= 0:
            raise ValidationError(f"Die Forderung {forderung.nummer} ist nicht offen.")
        if betrag > offen:
            raise ValidationError(f"Es können höchstens {euro(offen)} erlassen werden (offener Betrag).")
        return _buchen(
            benutzer, forderung, Buchungsart.ERLASS, -betrag, dienststelle, kanal, datum=_heute(), grund=grund
        )


def forderungen_der_person(benutzer, person: Person):
    """The person's Forderungen in BGs the user may read."""
    return Forderung.objects.filter(
        person=person, bedarfsgemeinschaft__in=sichtbare_bedarfsgemeinschaften(benutzer).values("pk")
    ).select_related("bedarfsgemeinschaft", "entscheidung__antrag")
