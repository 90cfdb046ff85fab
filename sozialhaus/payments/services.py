"""Zahllauf services: what is due, prepare, release (four eyes), execute (bookings + SEPA file) — docs/payments.md.

Every service runs in one transaction: a domain error (German ``ValidationError``) or a killed process leaves the
database as it was. Nothing is paid twice by construction: what is due for a BG and month is the amount in force
(newest decision) minus everything already paid for it, and only a positive remainder is paid; a one-off benefit
(``cases.Einmalleistung``) is due until a Zahlung for it counts as paid; the database constraints (one run per Träger
and month, one Zahlung per run, BG, month and payee, one per run and Einmalleistung) back this against races.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from sozialhaus.cases.models import Einmalleistung, Entscheidung, Leistungsmonat
from sozialhaus.cases.zeitraum import monat_text, monatsanfang, monatsende
from sozialhaus.claims import aufrechnung
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Rechtskreis
from sozialhaus.people.models import Bankverbindung, Bedarfsgemeinschaft, BGMitglied

from . import buchungen, sepa
from .models import Direktzahlung, Empfaengerart, Ruecklaeufer, Zahllauf, Zahlung, Zahlungskonto
from .rechte import ist_zahlstelle

NULL = Decimal("0.00")
NICHT_GEZAHLT = (Zahlung.Status.FEHLGESCHLAGEN, Zahlung.Status.STORNIERT)
LEISTUNGSNAME = {
    Rechtskreis.SGB2: "Buergergeld",
    Rechtskreis.SGB12_KAP3: "Hilfe zum Lebensunterhalt",
    Rechtskreis.SGB12_KAP4: "Grundsicherung im Alter und bei Erwerbsminderung",
    Rechtskreis.ASYLBLG: "Leistungen AsylbLG",
    Rechtskreis.WOHNGELD: "Wohngeld",
}
"""Name in the Verwendungszweck when the engine's calculation names none (it does for SGB II, e.g.
"Grundsicherungsgeld" from 07/2026)."""


@dataclass
class Faelligkeit:
    """What is still due for one BG and month: the amount in force minus what has been paid (per payee); or a
    one-off benefit not yet paid (``einmalleistung_id`` set, ``leistungsmonat_id`` None)."""

    bedarfsgemeinschaft_id: int
    monat: date
    leistungsmonat_id: int | None
    soll: Decimal
    bezeichnung: str = ""
    gezahlt: dict[str, Decimal] = field(default_factory=dict)
    einmalleistung_id: int | None = None

    @property
    def offen(self) -> Decimal:
        return self.soll - sum(self.gezahlt.values(), NULL)


def _in_kraft(traeger, monat: date) -> dict[tuple[int, date], tuple[int, Decimal, str]]:
    """(BG, month) → (Leistungsmonat, amount, benefit name) in force for every month up to ``monat``.

    The same rule as ``cases.services.bewilligte_monate`` (newest decision that is not an Ablehnung wins), as one
    query for all BGs of the Träger instead of one per BG.
    """
    zeilen = (
        Leistungsmonat.objects.filter(
            entscheidung__antrag__bedarfsgemeinschaft__dienststelle__traeger=traeger, monat__lte=monat
        )
        .exclude(entscheidung__art=Entscheidung.Art.ABLEHNUNG)
        .annotate(bezeichnung=KeyTextTransform("bezeichnung", "berechnung"))
        .order_by("monat", "entscheidung__entschieden_am", "entscheidung_id")
        .values_list("entscheidung__antrag__bedarfsgemeinschaft_id", "monat", "pk", "betrag", "bezeichnung")
    )
    return {(bg, m): (pk, betrag, bezeichnung or "") for bg, m, pk, betrag, bezeichnung in zeilen.iterator(5000)}


def _gezahlt(traeger, monat: date) -> dict[tuple[int, date], dict[str, Decimal]]:
    """(BG, month) → amount paid per payee of the monthly benefit, counting every Zahlung that is neither failed nor
    reversed (one-off benefits are not part of the month's amount)."""
    summen = (
        Zahlung.objects.filter(zahllauf__traeger=traeger, monat__lte=monat, einmalleistung__isnull=True)
        .exclude(status__in=NICHT_GEZAHLT)
        .values("bedarfsgemeinschaft_id", "monat", "empfaengerart")
        .annotate(summe=Sum("betrag"))
    )
    ergebnis: dict[tuple[int, date], dict[str, Decimal]] = defaultdict(dict)
    for zeile in summen:
        ergebnis[(zeile["bedarfsgemeinschaft_id"], zeile["monat"])][zeile["empfaengerart"]] = zeile["summe"]
    return ergebnis


def _einmalige(traeger, monat: date) -> list[Faelligkeit]:
    """Every one-off benefit of the Träger's BGs due in ``monat`` or earlier that no Zahlung has paid yet (a failed or
    reversed one does not count), each in full and on its own: it is never netted with the month's amount."""
    bezahlt = Zahlung.objects.filter(einmalleistung__isnull=False).exclude(status__in=NICHT_GEZAHLT)
    zeilen = (
        Einmalleistung.objects.filter(
            entscheidung__antrag__bedarfsgemeinschaft__dienststelle__traeger=traeger, faellig_im__lte=monat
        )
        .exclude(pk__in=bezahlt.values("einmalleistung_id"))
        .order_by("entscheidung__antrag__bedarfsgemeinschaft_id", "faellig_im", "pk")
        .values_list("pk", "entscheidung__antrag__bedarfsgemeinschaft_id", "faellig_im", "betrag", "art")
    )
    return [
        Faelligkeit(bg, faellig_im, None, betrag, Einmalleistung.KURZNAME[art], einmalleistung_id=pk)
        for pk, bg, faellig_im, betrag, art in zeilen
    ]


def faellige_betraege(traeger, monat: date) -> list[Faelligkeit]:
    """Every positive amount due for the Träger's BGs for ``monat`` and all earlier months, then every one-off
    benefit due (``_einmalige``).

    § 42 Abs. 1 SGB II (likewise § 44 Abs. 4 SGB XII): benefits are paid monthly in advance, so the run for a month
    pays that month; earlier months still open are Nachzahlungen. An Überzahlung (paid more than now in force) is
    not offset here: it becomes a claim (§ 50 SGB X).
    """
    monat = monatsanfang(monat)
    gezahlt = _gezahlt(traeger, monat)
    for schluessel, betrag in aufrechnung.einbehalten(traeger, monat).items():
        gezahlt[schluessel][aufrechnung.EINBEHALT] = betrag  # withheld by Aufrechnung counts as paid (claims)
    faellig = []
    for (bg, m), (lm, soll, bezeichnung) in sorted(_in_kraft(traeger, monat).items()):
        eintrag = Faelligkeit(bg, m, lm, soll, bezeichnung, dict(gezahlt.get((bg, m), {})))
        if eintrag.offen > 0:
            faellig.append(eintrag)
    return faellig + _einmalige(traeger, monat)


def _werktag(tag: date, schritt: int) -> date:
    """``tag`` or, if it falls on a weekend, the nearest Monday–Friday in direction ``schritt`` (±1)."""
    while tag.weekday() >= 5:
        tag += timedelta(days=schritt)
    return tag


def ausfuehrungsdatum_fuer(monat: date, heute: date | None = None) -> date:
    """The last working day (Monday–Friday) before ``monat`` begins, so the money is there on the first day
    ("monatlich im Voraus", § 42 Abs. 1 SGB II); today or the next working day when that day has passed."""
    heute = heute or timezone.localdate()
    vorher = _werktag(monatsanfang(monat) - timedelta(days=1), -1)
    return vorher if vorher >= heute else _werktag(heute, 1)


# --------------------------------------------------------------------------------------------------------------
# Payees
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Empfaenger:
    name: str
    iban: str
    bic: str


def _gilt_am(datum: date) -> Q:
    return Q(gueltig_ab__lte=datum) & (Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=datum))


def _antragsteller(traeger, datum: date) -> dict[int, tuple[int, str]]:
    """BG → (person, name) of the Antragsteller/in on ``datum``."""
    zeilen = BGMitglied.objects.filter(
        _gilt_am(datum),
        bedarfsgemeinschaft__dienststelle__traeger=traeger,
        rolle=BGMitglied.Rolle.ANTRAGSTELLER,
    ).values_list("bedarfsgemeinschaft_id", "person_id", "person__vorname", "person__familienname")
    return {bg: (person, f"{vorname} {name}") for bg, person, vorname, name in zeilen.order_by("gueltig_ab", "id")}


def _bankverbindungen(traeger, datum: date) -> dict[int, Empfaenger]:
    """Person → the Bankverbindung valid on ``datum`` of every Antragsteller/in of the Träger's BGs."""
    zeilen = (
        Bankverbindung.objects.filter(
            _gilt_am(datum),
            person__mitgliedschaften__rolle=BGMitglied.Rolle.ANTRAGSTELLER,
            person__mitgliedschaften__bedarfsgemeinschaft__dienststelle__traeger=traeger,
        )
        .order_by("gueltig_ab", "id")
        .values_list("person_id", "kontoinhaber", "iban", "bic")
    )
    return {person: Empfaenger(inhaber, iban, bic) for person, inhaber, iban, bic in zeilen}


def _direktzahlungen(traeger) -> dict[int, list[Direktzahlung]]:
    ergebnis: dict[int, list[Direktzahlung]] = defaultdict(list)
    for dz in Direktzahlung.objects.filter(bedarfsgemeinschaft__dienststelle__traeger=traeger).order_by(
        "gueltig_ab", "id"
    ):
        ergebnis[dz.bedarfsgemeinschaft_id].append(dz)
    return ergebnis


def _gilt_im_monat(dz: Direktzahlung, monat: date) -> bool:
    return dz.gueltig_ab <= monatsende(monat) and (dz.gueltig_bis is None or dz.gueltig_bis >= monat)


def pruefe_konto(iban: str, bic: str) -> tuple[str, str]:
    """IBAN (ISO 13616 check digits) and BIC (ISO 9362) in their compact form; German ValidationError if invalid."""
    if not iban:
        raise ValidationError("Es ist keine gültige Bankverbindung hinterlegt.")
    try:
        kompakt = IBAN(iban).compact
    except SchwiftyException:
        raise ValidationError(f"Die IBAN {iban} ist ungültig (Länge, Ländercode oder Prüfziffer).")
    if not bic:
        return kompakt, ""
    try:
        return kompakt, str(BIC(bic))
    except SchwiftyException:
        raise ValidationError(f"Die BIC {bic} ist ungültig.")


# --------------------------------------------------------------------------------------------------------------
# Prepare
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _Planung:
    """Collects the Zahlungen of a run being prepared and the ones held back with their reason."""

    zahllauf: Zahllauf
    bgs: dict[int, tuple[str, str]]
    zahlungen: list[Zahlung] = field(default_factory=list)
    zurueckgestellt: list[dict] = field(default_factory=list)
    zurueckgekommen: dict[str, str] = field(default_factory=dict)
    """IBAN → German reason, for every account a transfer of this Träger came back from (camt.054)."""

    def verwendungszweck(self, f: Faelligkeit, art: str, empfaengerart: str, mieter: str) -> str:
        bg_nummer = self.bgs[f.bedarfsgemeinschaft_id][0]
        if f.einmalleistung_id is not None:
            text = f"{f.bezeichnung} {monat_text(f.monat)} Az {bg_nummer}"
        elif empfaengerart == Empfaengerart.MIETE:
            text = f"Miete {monat_text(f.monat)} {mieter} Az {bg_nummer}"
        elif empfaengerart == Empfaengerart.ENERGIE:
            text = f"Abschlag {monat_text(f.monat)} {mieter} Az {bg_nummer}"
        else:
            name = f.bezeichnung or LEISTUNGSNAME[self.bgs[f.bedarfsgemeinschaft_id][1]]
            text = f"{name} {monat_text(f.monat)} {Zahlung.Art(art).label} Az {bg_nummer}"
        return sepa.sepa_text(text, 140)

    def zahlung(
        self,
        f: Faelligkeit,
        betrag: Decimal,
        empfaengerart: str,
        empfaenger: Empfaenger,
        *,
        direktzahlung=None,
        mieter="",
    ) -> None:
        """Add one Zahlung, or hold it back when the account is invalid."""
        try:
            iban, bic = pruefe_konto(empfaenger.iban, empfaenger.bic)
        except ValidationError as fehler:
            self.zurueckstellen(f, betrag, empfaengerart, fehler.messages[0])
            return
        if iban in self.zurueckgekommen:
            self.zurueckstellen(f, betrag, empfaengerart, self.zurueckgekommen[iban])
            return
        if f.einmalleistung_id is not None:
            art = Zahlung.Art.EINMALIG
        else:
            art = Zahlung.Art.LAUFEND if f.monat == self.zahllauf.monat else Zahlung.Art.NACHZAHLUNG
        lauf = self.zahllauf
        self.zahlungen.append(
            Zahlung(
                zahllauf=lauf,
                bedarfsgemeinschaft_id=f.bedarfsgemeinschaft_id,
                leistungsmonat_id=f.leistungsmonat_id,
                einmalleistung_id=f.einmalleistung_id,
                monat=f.monat,
                art=art,
                empfaengerart=empfaengerart,
                empfaenger=sepa.sepa_text(empfaenger.name, 70),
                iban=iban,
                bic=bic,
                betrag=betrag,
                end_to_end_id=f"SH{lauf.traeger.regionalschluessel}{lauf.monat:%Y%m}L{lauf.pk}N{len(self.zahlungen) + 1:07d}",
                verwendungszweck=self.verwendungszweck(f, art, empfaengerart, mieter),
                direktzahlung=direktzahlung,
            )
        )

    def zurueckstellen(self, f: Faelligkeit, betrag: Decimal, empfaengerart: str, grund: str) -> None:
        self.zurueckgestellt.append(
            {
                "bg": self.bgs[f.bedarfsgemeinschaft_id][0],
                "monat": monat_text(f.monat),
                "empfaenger": Empfaengerart(empfaengerart).label,
                "betrag": str(betrag),
                "grund": grund,
            }
        )


def _im_monat(direktzahlungen: list[Direktzahlung], monat: date) -> list[Direktzahlung]:
    """The Direktzahlungen valid in ``monat``, one per Art (the newest when versions overlap), rent first."""
    je_art = {}
    for dz in direktzahlungen:
        if _gilt_im_monat(dz, monat):
            je_art[dz.art] = dz
    return [je_art[art] for art in (Empfaengerart.MIETE, Empfaengerart.ENERGIE) if art in je_art]


def _zurueckgekommene_konten(traeger) -> dict[str, str]:
    """IBAN → reason to hold back: a transfer to it came back, so the next one would too until a new account is
    recorded (a new Bankverbindung has another IBAN and is paid again)."""
    return {
        iban: f"Eine Überweisung auf die IBAN {iban} kam zurück ({code}: {grund}); bitte eine neue Bankverbindung "
        "erfassen."
        for iban, code, grund in Ruecklaeufer.objects.filter(zahlung__zahllauf__traeger=traeger).values_list(
            "zahlung__iban", "grund_code", "grund"
        )
    }


def _planen(planung: _Planung, faellig: list[Faelligkeit], datum: date) -> None:
    """Split each due amount: direct payments first (up to their amount), the rest to the Antragsteller/in.

    A direct payment that cannot be made (invalid account) is held back, not paid to the person instead: the
    decision to pay the landlord or supplier directly (§ 22 Abs. 7 SGB II) stands; it stays due for the next run.
    A one-off benefit goes to the person in full: Direktzahlungen and Aufrechnung concern the monthly amount only.
    """
    traeger = planung.zahllauf.traeger
    antragsteller = _antragsteller(traeger, datum)
    konten = _bankverbindungen(traeger, datum)
    direkt = _direktzahlungen(traeger)
    einbehalt = aufrechnung.Einbehalt(planung.zahllauf)
    for f in faellig:
        person, name = antragsteller.get(f.bedarfsgemeinschaft_id, (None, ""))
        rest = f.offen
        if f.einmalleistung_id is None:
            for dz in _im_monat(direkt.get(f.bedarfsgemeinschaft_id, []), f.monat):
                betrag = min(dz.betrag - f.gezahlt.get(dz.art, NULL), rest)
                if betrag > 0:
                    planung.zahlung(
                        f, betrag, dz.art, Empfaenger(dz.empfaenger, dz.iban, dz.bic), direktzahlung=dz, mieter=name
                    )
                    rest -= betrag
            rest -= einbehalt.fuer(f, rest)  # Aufrechnung of a claim (sozialhaus.claims) from the person's part
        if rest <= 0:
            continue
        if person is None:
            planung.zurueckstellen(
                f, rest, Empfaengerart.PERSON, "Für die BG ist keine antragstellende Person erfasst."
            )
            continue
        konto = konten.get(person, Empfaenger(name, "", ""))
        planung.zahlung(f, rest, Empfaengerart.PERSON, Empfaenger(konto.name or name, konto.iban, konto.bic))


def _konto(traeger) -> Zahlungskonto:
    """The Kreiskasse's account, locked: preparations of one Träger run one after the other."""
    konto = Zahlungskonto.objects.select_for_update().filter(traeger=traeger).first()
    if konto is None:
        raise ValidationError(f"Für {traeger} ist kein Zahlungskonto der Kreiskasse eingerichtet.")
    return konto


def _pruefe_kein_lauf(traeger, monat: date) -> None:
    bestehend = Zahllauf.objects.filter(traeger=traeger, monat=monat).first()
    if bestehend is None:
        return
    if bestehend.status == Zahllauf.Status.AUSGEFUEHRT:
        raise ValidationError(f"Für {monat_text(monat)} wurde bereits ein Zahllauf ausgeführt.")
    raise ValidationError(
        f"Für {monat_text(monat)} ist bereits ein Zahllauf {bestehend.get_status_display()}; "
        "er muss zuerst ausgeführt werden."
    )


def zahllauf_vorbereiten(benutzer, traeger, monat: date, *, ausfuehrungsdatum=None, kanal="ui") -> Zahllauf:
    """Prepare the run of ``monat``: one Zahlung per BG, month and payee for everything due (``faellige_betraege``).

    ``benutzer`` is a user with Rolle Zahlstelle of the Träger, or ``None`` for the scheduled (maschinelle) run.
    Payments to an invalid or missing account are not created; they are listed in the run's protocol as
    zurückgestellt and stay due for the next run.
    """
    monat = monatsanfang(monat)
    with transaction.atomic():
        _konto(traeger)
        if benutzer is not None and not ist_zahlstelle(benutzer, traeger):
            raise ValidationError("Nur die Zahlstelle des Trägers darf einen Zahllauf vorbereiten.")
        _pruefe_kein_lauf(traeger, monat)
        faellig = faellige_betraege(traeger, monat)
        bgs = {
            pk: (nummer, rk)
            for pk, nummer, rk in Bedarfsgemeinschaft.objects.filter(dienststelle__traeger=traeger).values_list(
                "pk", "bg_nummer", "rechtskreis"
            )
        }
        buchungen.pruefe_haushaltsstellen(traeger, {bgs[f.bedarfsgemeinschaft_id][1] for f in faellig})
        datum = ausfuehrungsdatum or ausfuehrungsdatum_fuer(monat)
        try:
            with transaction.atomic():
                lauf = Zahllauf.objects.create(
                    traeger=traeger, monat=monat, ausfuehrungsdatum=datum, vorbereitet_von=benutzer
                )
        except IntegrityError:
            raise ValidationError(f"Für {monat_text(monat)} wird bereits ein Zahllauf vorbereitet.")
        planung = _Planung(lauf, bgs, zurueckgekommen=_zurueckgekommene_konten(traeger))
        _planen(planung, faellig, datum)
        if not planung.zahlungen:
            zurueck = f" ({len(planung.zurueckgestellt)} zurückgestellt)" if planung.zurueckgestellt else ""
            raise ValidationError(f"Für {monat_text(monat)} ist kein Betrag zu zahlen{zurueck}.")
        Zahlung.objects.bulk_create(planung.zahlungen, batch_size=2000)
        lauf.anzahl = len(planung.zahlungen)
        lauf.summe = sum((z.betrag for z in planung.zahlungen), NULL)
        lauf.protokoll = {"zurueckgestellt": planung.zurueckgestellt}
        lauf.save()
        protokolliere(
            benutzer,
            AuditAktion.ANLEGEN,
            lauf,
            kanal=kanal,
            details={"anzahl": lauf.anzahl, "summe": str(lauf.summe), "zurueckgestellt": len(planung.zurueckgestellt)},
        )
        return lauf


def vorschau(zahllauf: Zahllauf) -> dict[str, dict[str, Decimal]]:
    """Sums of a run per Rechtskreis, Dienststelle, payee (direct or person) and Art (laufend or Nachzahlung)."""
    gruppen = {
        "rechtskreis": "bedarfsgemeinschaft__rechtskreis",
        "dienststelle": "bedarfsgemeinschaft__dienststelle__name",
        "empfaenger": "empfaengerart",
        "art": "art",
    }
    ergebnis = {}
    for name, feld in gruppen.items():
        zeilen = zahllauf.zahlungen.values(feld).annotate(summe=Sum("betrag")).order_by(feld)
        ergebnis[name] = {str(z[feld]): z["summe"] for z in zeilen}
    return ergebnis


# --------------------------------------------------------------------------------------------------------------
# Release (four eyes) and execute
# --------------------------------------------------------------------------------------------------------------


def _sperren(zahllauf: Zahllauf) -> Zahllauf:
    return Zahllauf.objects.select_for_update().select_related("traeger").get(pk=zahllauf.pk)


def _pruefe_vier_augen(benutzer, lauf: Zahllauf) -> None:
    """Four eyes: the Zahlstelle releases; never who prepared the run or decided a benefit paid in it."""
    if not ist_zahlstelle(benutzer, lauf.traeger):
        raise ValidationError("Nur ein Mitglied der Zahlstelle des Trägers darf einen Zahllauf freigeben.")
    if lauf.vorbereitet_von_id == benutzer.pk:
        raise ValidationError("Vier-Augen-Prinzip: Wer den Zahllauf vorbereitet hat, darf ihn nicht freigeben.")
    eigene = Entscheidung.objects.filter(
        Q(monate__zahlungen__zahllauf=lauf) | Q(einmalleistung__zahlungen__zahllauf=lauf), entschieden_von=benutzer
    )
    if eigene.exists():
        raise ValidationError(
            "Vier-Augen-Prinzip: Sie haben über Leistungen entschieden, die mit diesem Zahllauf gezahlt werden. "
            "Die Freigabe muss eine andere Person der Zahlstelle erteilen."
        )


def zahllauf_freigeben(benutzer, zahllauf: Zahllauf, *, kanal="ui") -> Zahllauf:
    """Release a prepared run (four eyes, see ``_pruefe_vier_augen``)."""
    with transaction.atomic():
        lauf = _sperren(zahllauf)
        if lauf.status != Zahllauf.Status.VORBEREITET:
            raise ValidationError(f"Der Zahllauf {monat_text(lauf.monat)} ist bereits {lauf.get_status_display()}.")
        _pruefe_vier_augen(benutzer, lauf)
        lauf.status = Zahllauf.Status.FREIGEGEBEN
        lauf.freigegeben_von = benutzer
        lauf.freigegeben_am = timezone.now()
        lauf.save(update_fields=["status", "freigegeben_von", "freigegeben_am"])
        protokolliere(benutzer, AuditAktion.AENDERN, lauf, kanal=kanal, details={"status": lauf.status})
        return lauf


def _sepa_datei(lauf: Zahllauf) -> bytes:
    konto = lauf.traeger.zahlungskonto
    auftrag = sepa.Auftrag(
        msg_id=lauf.msg_id,
        erstellt=timezone.localtime(),
        auftraggeber=konto.kontoinhaber,
        iban=konto.iban,
        bic=konto.bic,
        ausfuehrungsdatum=lauf.ausfuehrungsdatum,
    )
    ueberweisungen = [
        sepa.Ueberweisung(*zeile)
        for zeile in lauf.zahlungen.order_by("id").values_list(
            "end_to_end_id", "betrag", "empfaenger", "iban", "bic", "verwendungszweck"
        )
    ]
    return sepa.pain001(auftrag, ueberweisungen)


def zahllauf_ausfuehren(zahllauf: Zahllauf, *, benutzer=None, kanal="system", fortschritt=None) -> Zahllauf:
    """Execute a released run in one transaction: a Buchung for every Zahlung (split by Haushaltsstelle), the
    pain.001 file validated against its XSD and stored with its SHA-256, every Zahlung ``ausgeführt``.

    A process killed at any point leaves the run released and untouched; running this again completes it.
    ``fortschritt(erledigt, gesamt)``, if given, is told how many of the run's payments are booked (none before the
    bookings, all after them; the file is written and checked then). It is called inside the transaction: whatever
    it writes is seen by others only if it uses a connection of its own (``payments.tasks``).
    """
    melden = fortschritt or (lambda erledigt, gesamt: None)
    with transaction.atomic():
        lauf = _sperren(zahllauf)
        if lauf.status == Zahllauf.Status.AUSGEFUEHRT:
            raise ValidationError(f"Der Zahllauf {monat_text(lauf.monat)} wurde bereits ausgeführt.")
        if lauf.status != Zahllauf.Status.FREIGEGEBEN:
            raise ValidationError(
                f"Der Zahllauf {monat_text(lauf.monat)} ist noch nicht freigegeben (Vier-Augen-Prinzip)."
            )
        melden(0, lauf.anzahl)
        buchungen.zahllauf_buchen(lauf)
        melden(lauf.anzahl, lauf.anzahl)
        lauf.msg_id = f"SH{lauf.traeger.regionalschluessel}{lauf.monat:%Y%m}L{lauf.pk}"
        xml = _sepa_datei(lauf)
        sepa.validiere(xml)
        lauf.sepa_xml = xml.decode("utf-8")
        lauf.sha256 = hashlib.sha256(xml).hexdigest()
        lauf.status = Zahllauf.Status.AUSGEFUEHRT
        lauf.ausgefuehrt_am = timezone.now()
        lauf.save()
        lauf.zahlungen.update(status=Zahlung.Status.AUSGEFUEHRT)
        fehler = buchungen.pruefe_buchungen(lauf) + aufrechnung.pruefe_einbehalte(lauf)
        if fehler:
            raise ValidationError(fehler)
        protokolliere(
            benutzer, AuditAktion.AENDERN, lauf, kanal=kanal, details={"status": lauf.status, "sha256": lauf.sha256}
        )
        return lauf
