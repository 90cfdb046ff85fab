"""Case services: Antrag → Prüfung → Bewilligung/Ablehnung → Änderung/Aufhebung (docs/cases.md).

These functions are the only way the UI, the API, the demo and the automation change Anträge and Entscheidungen.
Each runs in one transaction: a domain error (``ValidationError`` with a German message) or a refused permission
(``PermissionDenied``) leaves the database unchanged. Every change is written to the audit trail, and every
decision sends ``entscheidung_erlassen`` inside its transaction (the notices app answers with the Bescheid).

Träger practice where the law sets no period (documented here and in docs/cases.md):

* SGB XII 3. Kapitel: Bewilligungszeitraum 12 months (the 3. Kapitel has no statutory period);
* AsylbLG: 6 months (no statutory period; circumstances such as the Wartezeit of § 2 change often);
* a period that starts within a month ends with the last day of its last calendar month, so that every
  Leistungsmonat is a calendar month (the starting month counts as the first month).
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Rechtskreis, Rolle, zustaendige_dienststelle
from sozialhaus.core.permissions import Aktion, pruefe
from sozialhaus.people.models import BGMitglied, Nummernkreis
from sozialhaus.rules import berechne

from .eingabe import eingabe_fuer_monat
from .models import (
    LEISTUNG_NACH_RECHTSKREIS,
    Antrag,
    Einmalleistung,
    Entscheidung,
    Leistungsmonat,
    Nachweis,
    Statuswechsel,
)
from .signals import entscheidung_erlassen
from .zeitraum import monat_text, monate, monatsanfang, monatsende, plus_monate

NULL = Decimal("0.00")
CENT = Decimal("0.01")
Status = Antrag.Status

MITWIRKUNGSFRIST_TAGE = 14
"""Default deadline for the Nachweise: two weeks, an "angemessene Frist" of § 66 Abs. 3 SGB I."""

OFFEN = frozenset({Status.EINGEGANGEN, Status.IN_PRUEFUNG, Status.ENTSCHEIDUNGSREIF, Status.RUHEND})

UEBERGAENGE: dict[str, frozenset[str]] = {
    Status.EINGEGANGEN: frozenset({Status.IN_PRUEFUNG, Status.ZURUECKGENOMMEN, Status.RUHEND}),
    Status.IN_PRUEFUNG: frozenset({Status.ENTSCHEIDUNGSREIF, Status.ZURUECKGENOMMEN, Status.RUHEND}),
    Status.ENTSCHEIDUNGSREIF: frozenset({Status.IN_PRUEFUNG, Status.ZURUECKGENOMMEN, Status.RUHEND}),
    Status.RUHEND: frozenset({Status.ZURUECKGENOMMEN}),  # plus the status before ruhen, see erlaubte_status
    Status.ENTSCHIEDEN: frozenset(),
    Status.ZURUECKGENOMMEN: frozenset(),
}
"""The manual transitions of ``status_setzen``; ``entschieden`` is reached only through a decision."""

ERSTANTRAG_NACHWEISE = [
    "Personalausweis oder Reisepass (Kopie)",
    "Mietvertrag",
    "Nachweis der aktuellen Miete, Nebenkosten und Heizkosten (z. B. Mietbescheinigung, Abschlagsplan)",
    "Kontoauszüge der letzten 3 Monate (alle Konten)",
    "Einkommensnachweise (z. B. Lohnabrechnungen der letzten 3 Monate)",
    "Nachweise über Vermögen (z. B. Sparbücher, Bausparverträge, Lebensversicherungen, Kfz)",
]
NACHWEISE: dict[tuple[str, str], list[tuple[str, bool]]] = {
    (Rechtskreis.SGB2, Antrag.Art.ERSTANTRAG): [
        *((text, True) for text in ERSTANTRAG_NACHWEISE),
        ("Nachweis der Krankenversicherung", True),
        ("Kündigungsschreiben oder Arbeitslosengeld-Bescheid der Agentur für Arbeit", False),
    ],
    (Rechtskreis.SGB12_KAP3, Antrag.Art.ERSTANTRAG): [
        *((text, True) for text in ERSTANTRAG_NACHWEISE),
        ("Nachweis der Krankenversicherung", True),
        ("Ärztliche Bescheinigung über die Erwerbsfähigkeit", True),
    ],
    (Rechtskreis.SGB12_KAP4, Antrag.Art.ERSTANTRAG): [
        *((text, True) for text in ERSTANTRAG_NACHWEISE),
        ("Rentenbescheid (aktuell)", True),
        ("Bescheid der Rentenversicherung über die dauerhafte volle Erwerbsminderung (unter der Altersgrenze)", False),
    ],
    (Rechtskreis.ASYLBLG, Antrag.Art.ERSTANTRAG): [
        ("Aufenthaltsgestattung, Duldung oder Aufenthaltserlaubnis", True),
        ("Zuweisungsentscheidung oder Mietvertrag", True),
        ("Kontoauszüge der letzten 3 Monate (alle Konten)", True),
        ("Einkommensnachweise (z. B. Lohnabrechnungen der letzten 3 Monate)", True),
    ],
    (Rechtskreis.WOHNGELD, Antrag.Art.ERSTANTRAG): [
        ("Personalausweis oder Reisepass (Kopie)", True),
        ("Mietvertrag", True),
        ("Mietbescheinigung des Vermieters", True),
        ("Einkommensnachweise aller Haushaltsmitglieder der letzten 12 Monate", True),
        ("Nachweise über Vermögen aller Haushaltsmitglieder", True),
    ],
}
WEITERBEWILLIGUNG_NACHWEISE = [
    ("Kontoauszüge der letzten 3 Monate (alle Konten)", True),
    ("Einkommensnachweise (z. B. Lohnabrechnungen der letzten 3 Monate)", True),
    ("Nachweis geänderter Unterkunftskosten (nur bei Änderung)", False),
]
WOHNGELD_WEITERLEISTUNG_NACHWEISE = [
    ("Einkommensnachweise aller Haushaltsmitglieder der letzten 12 Monate", True),
    ("Aktuelle Mietbescheinigung des Vermieters", True),
]
AENDERUNG_NACHWEISE = [
    ("Nachweis über die mitgeteilte Änderung (z. B. Arbeitsvertrag, Lohnabrechnung, Mietänderung)", True)
]
EINMALBEDARF_NACHWEISE = [
    ("Aufstellung des Bedarfs (welche Gegenstände benötigt werden und warum)", True),
    ("Kostenvoranschlag oder Preisangebot", False),
    ("Nachweis des Anlasses (z. B. Mietvertrag der ersten Wohnung, Mutterpass, ärztliche Verordnung)", False),
]
"""Checklist of an Antrag auf einmalige Leistung (applied for separately, § 37 Abs. 1 Satz 2 SGB II)."""

BEWILLIGUNGSZEITRAUM_MONATE = {
    Rechtskreis.SGB2: 12,  # § 41 Abs. 3 Satz 1 SGB II
    Rechtskreis.SGB12_KAP4: 12,  # § 44 Abs. 3 Satz 1 SGB XII
    Rechtskreis.WOHNGELD: 12,  # § 25 Abs. 1 Satz 1 WoGG ("in der Regel für zwölf Monate")
    Rechtskreis.SGB12_KAP3: 12,  # Träger practice, no statutory period
    Rechtskreis.ASYLBLG: 6,  # Träger practice, no statutory period
}
VERKUERZTER_ZEITRAUM_SGB2 = 6
"""§ 41 Abs. 3 Satz 2 SGB II: six months when vorläufig (Nr. 1) or the KdU are unangemessen (Nr. 2)."""

VORLAEUFIG_ERLAUBT = {
    Rechtskreis.SGB2: ("§ 41a SGB II", Entscheidung.Rechtsgrundlage.SGB2_41A),
    Rechtskreis.SGB12_KAP4: ("§ 44a SGB XII", Entscheidung.Rechtsgrundlage.SGB12_44A),
}
"""Rechtskreise that know a vorläufige Entscheidung, with the norm and the Rechtsgrundlage of the final one."""

# --------------------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------------------


def _heute() -> date:
    return timezone.localdate()


def _betrag(wert) -> Decimal:
    return Decimal(str(wert)).quantize(CENT)


def _sperren(antrag: Antrag) -> Antrag:
    """Lock the Antrag row for this transaction and refresh the caller's instance from it."""
    Antrag.objects.select_for_update().filter(pk=antrag.pk).first()
    antrag.refresh_from_db()
    return antrag


def _statusname(status: str) -> str:
    return Status(status).label


def _wechsel(antrag: Antrag, nach: str, benutzer, grund: str = "") -> None:
    """Move ``antrag`` to ``nach`` and record the Statuswechsel (the caller has checked the transition)."""
    von = antrag.status
    if nach == Status.RUHEND:
        antrag.status_vor_ruhen = von
    elif von == Status.RUHEND:
        antrag.status_vor_ruhen = ""
    antrag.status = nach
    antrag.save(update_fields=["status", "status_vor_ruhen"])
    Statuswechsel.objects.create(antrag=antrag, von=von, nach=nach, benutzer=_angemeldet(benutzer), grund=grund[:300])


def _systemzugriff(benutzer, antrag: Antrag):
    """The Dienststelle acting on ``antrag``: the Antrag's own for a system action (``benutzer=None``), otherwise
    the one under which ``benutzer`` may change it (``pruefe``; PermissionDenied if none)."""
    return antrag.dienststelle if benutzer is None else pruefe(benutzer, antrag, Aktion.AENDERN)


def _angemeldet(benutzer):
    return benutzer if benutzer is not None and benutzer.is_authenticated else None


# --------------------------------------------------------------------------------------------------------------
# Antrag
# --------------------------------------------------------------------------------------------------------------


def wirkt_ab_nach_recht(rechtskreis: str, eingegangen_am: date) -> date:
    """The day from which an Antrag received on ``eingegangen_am`` takes effect.

    * SGB II: § 37 Abs. 2 Satz 2 SGB II – back to the first day of the month of receipt;
    * SGB XII 4. Kapitel: § 44 Abs. 2 Satz 1 SGB XII – first day of the month of receipt;
    * SGB XII 3. Kapitel: § 18 Abs. 1 SGB XII – from the day the Träger learns of the need (Kenntnis, here the
      day of receipt);
    * AsylbLG: § 6b AsylbLG i.V.m. § 18 SGB XII – Kenntnisgrundsatz, day of receipt;
    * Wohngeld: § 25 Abs. 2 Satz 1 WoGG – first day of the month of the application.
    """
    if rechtskreis in (Rechtskreis.SGB2, Rechtskreis.SGB12_KAP4, Rechtskreis.WOHNGELD):
        return monatsanfang(eingegangen_am)
    return eingegangen_am


def antrag_wirkt_ab(rechtskreis: str, art: str, eingegangen_am: date, vorentscheidung: Entscheidung | None) -> date:
    """``wirkt_ab`` of a new Antrag.

    A Weiterbewilligungsantrag continues the day after the previous Bewilligungszeitraum ends; if it comes late,
    it cannot reach further back than a new Antrag would (same norms as ``wirkt_ab_nach_recht``). An Antrag auf
    einmalige Leistung takes effect on the day it is received.
    """
    if art == Antrag.Art.EINMALBEDARF:
        return eingegangen_am  # the need must be known before it is met (§ 37 Abs. 1 Satz 2 SGB II, § 18 SGB XII)
    nach_recht = wirkt_ab_nach_recht(rechtskreis, eingegangen_am)
    if art == Antrag.Art.WEITERBEWILLIGUNG:
        return max(vorentscheidung.zeitraum_bis + timedelta(days=1), nach_recht)
    return nach_recht


def _pruefe_vorentscheidung(bg, art: str, vorentscheidung: Entscheidung | None) -> None:
    if art in (Antrag.Art.ERSTANTRAG, Antrag.Art.EINMALBEDARF):
        if vorentscheidung is not None:
            raise ValidationError(f"Ein {Antrag.Art(art).label} bezieht sich auf keine bisherige Entscheidung.")
        return
    if vorentscheidung is None:
        raise ValidationError(
            "Bei einem Weiterbewilligungsantrag oder einer Änderungsmitteilung muss die bisherige Entscheidung "
            "angegeben werden."
        )
    if vorentscheidung.antrag.bedarfsgemeinschaft_id != bg.pk:
        raise ValidationError("Die bisherige Entscheidung gehört nicht zu dieser Bedarfsgemeinschaft.")
    if vorentscheidung.art == Entscheidung.Art.ABLEHNUNG or vorentscheidung.zeitraum_bis is None:
        raise ValidationError(
            "Die bisherige Entscheidung hat keinen Bewilligungszeitraum, der fortgesetzt oder geändert werden kann."
        )


def nachweisliste(rechtskreis: str, art: str) -> list[tuple[str, bool]]:
    """Default checklist (bezeichnung, erforderlich) for an Antrag (Mitwirkung, §§ 60 ff. SGB I)."""
    if art == Antrag.Art.AENDERUNG:
        return AENDERUNG_NACHWEISE
    if art == Antrag.Art.EINMALBEDARF:
        return EINMALBEDARF_NACHWEISE
    if art == Antrag.Art.WEITERBEWILLIGUNG:
        return WOHNGELD_WEITERLEISTUNG_NACHWEISE if rechtskreis == Rechtskreis.WOHNGELD else WEITERBEWILLIGUNG_NACHWEISE
    return NACHWEISE[(rechtskreis, art)]


def neues_aktenzeichen(dienststelle, jahr: int) -> str:
    """Readable, unique Aktenzeichen ``<Kreisschlüssel>-A-<Jahr>-<laufende Nummer>`` (counter per Träger and year)."""
    schluessel = dienststelle.traeger.regionalschluessel
    nummer = Nummernkreis.naechste(f"antrag-{schluessel}-{jahr}")
    return f"{schluessel}-A-{jahr}-{nummer:06d}"


def _bearbeiter(benutzer, dienststelle, rechtskreis: str, bg):
    """The creating user if they do Leistungssachbearbeitung for ``rechtskreis`` at ``dienststelle``, else the
    caseworker of the BG's previous Antrag, else nobody (the team's Postkorb)."""
    if _angemeldet(benutzer) is not None and any(
        rechtskreis in (m.rechtskreise or ())
        for m in benutzer.mitarbeiten.filter(dienststelle=dienststelle, rolle=Rolle.LEISTUNGSSACHBEARBEITUNG)
    ):
        return benutzer
    vorher = (
        bg.antraege.filter(bearbeiter__isnull=False, bearbeiter__is_active=True)
        .select_related("bearbeiter")
        .order_by("-eingegangen_am", "-id")
        .first()
    )
    return vorher.bearbeiter if vorher else None


def antrag_anlegen(
    benutzer, bg, *, art, eingegangen_am, angaben_antragsteller="", vorentscheidung=None, kanal="ui"
) -> Antrag:
    """Register an Antrag of ``bg`` (its Rechtskreis), with Dienststelle, caseworker, ``wirkt_ab`` and checklist."""
    with transaction.atomic():
        zugriff_ueber = pruefe(benutzer, bg, Aktion.ANLEGEN)
        rechtskreis = bg.rechtskreis
        if rechtskreis not in LEISTUNG_NACH_RECHTSKREIS:
            raise ValidationError(
                f"Für den Rechtskreis »{Rechtskreis(rechtskreis).label}« wird hier nicht über Leistungen "
                "entschieden; bitte an die zuständige Stelle verweisen."
            )
        if art not in Antrag.Art.values:
            raise ValidationError("Unbekannte Antragsart.")
        if eingegangen_am > _heute():
            raise ValidationError("Das Eingangsdatum des Antrags darf nicht in der Zukunft liegen.")
        if art == Antrag.Art.EINMALBEDARF:
            _pruefe_einmalbedarf_rechtskreis(rechtskreis)
        _pruefe_vorentscheidung(bg, art, vorentscheidung)
        dienststelle = zustaendige_dienststelle(rechtskreis, bg.haushalt.gemeinde) or bg.dienststelle
        antrag = Antrag.objects.create(
            aktenzeichen=neues_aktenzeichen(dienststelle, _heute().year),
            bedarfsgemeinschaft=bg,
            rechtskreis=rechtskreis,
            art=art,
            eingegangen_am=eingegangen_am,
            wirkt_ab=antrag_wirkt_ab(rechtskreis, art, eingegangen_am, vorentscheidung),
            dienststelle=dienststelle,
            bearbeiter=_bearbeiter(benutzer, dienststelle, rechtskreis, bg),
            mitwirkungsfrist=_heute() + timedelta(days=MITWIRKUNGSFRIST_TAGE),
            angaben_antragsteller=angaben_antragsteller,
            vorentscheidung=vorentscheidung,
            angelegt_von=_angemeldet(benutzer),
        )
        Nachweis.objects.bulk_create(
            Nachweis(antrag=antrag, bezeichnung=text, erforderlich=pflicht)
            for text, pflicht in nachweisliste(rechtskreis, art)
        )
        Statuswechsel.objects.create(
            antrag=antrag, von="", nach=antrag.status, benutzer=_angemeldet(benutzer), grund="Antrag erfasst"
        )
        protokolliere(
            benutzer,
            AuditAktion.ANLEGEN,
            antrag,
            dienststelle=zugriff_ueber,
            kanal=kanal,
            details={"art": art, "rechtskreis": rechtskreis, "wirkt_ab": antrag.wirkt_ab.isoformat()},
        )
    return antrag


# --------------------------------------------------------------------------------------------------------------
# State machine and checklist
# --------------------------------------------------------------------------------------------------------------


def erlaubte_status(antrag: Antrag) -> frozenset[str]:
    """Statuses ``antrag`` may be moved to by hand (a resting Antrag returns to where it was)."""
    ziele = UEBERGAENGE[antrag.status]
    if antrag.status == Status.RUHEND:
        ziele = ziele | {antrag.status_vor_ruhen}
    return ziele


def fehlende_nachweise(antrag: Antrag) -> list[str]:
    """Required Nachweise not yet received."""
    return list(
        antrag.nachweise.filter(erforderlich=True, eingegangen_am__isnull=True).values_list("bezeichnung", flat=True)
    )


def _pruefe_uebergang(antrag: Antrag, nach: str, grund: str) -> None:
    if nach not in Status.values:
        raise ValidationError("Unbekannter Status.")
    if nach == Status.ENTSCHIEDEN and antrag.status in OFFEN:
        raise ValidationError("Ein Antrag wird nur durch eine Bewilligung, Ablehnung oder Änderung entschieden.")
    if nach not in erlaubte_status(antrag):
        raise ValidationError(
            f"Ein Antrag im Status »{_statusname(antrag.status)}« kann nicht in den Status "
            f"»{_statusname(nach)}« gesetzt werden."
        )
    if nach == Status.ZURUECKGENOMMEN and not grund.strip():
        raise ValidationError("Bitte den Grund der Rücknahme angeben.")
    if nach == Status.ENTSCHEIDUNGSREIF:
        fehlend = fehlende_nachweise(antrag)
        if fehlend:
            raise ValidationError(
                "Der Antrag ist noch nicht entscheidungsreif. Es fehlen folgende Nachweise: " + "; ".join(fehlend) + "."
            )


def status_setzen(benutzer, antrag, nach, *, grund="", kanal="ui") -> Antrag:
    """Move ``antrag`` along the state machine (``UEBERGAENGE``); ``entschieden`` only through a decision.

    ``benutzer=None`` is a system action (the § 31a SGB X automation); views and the API always pass the
    request's user, whose permission is checked.
    """
    with transaction.atomic():
        _sperren(antrag)
        dienststelle = _systemzugriff(benutzer, antrag)
        _pruefe_uebergang(antrag, nach, grund)
        von = antrag.status
        _wechsel(antrag, nach, benutzer, grund)
        protokolliere(
            benutzer,
            AuditAktion.AENDERN,
            antrag,
            dienststelle=dienststelle,
            kanal=kanal,
            details={"status_von": von, "status_nach": nach},
        )
    return antrag


def _pruefe_offen(antrag: Antrag) -> None:
    if antrag.status not in OFFEN:
        raise ValidationError(f"Ein Antrag im Status »{_statusname(antrag.status)}« kann nicht mehr bearbeitet werden.")


def nachweis_anfordern(benutzer, antrag, *, bezeichnung, erforderlich=True, frist=None, kanal="ui") -> Nachweis:
    """Add a Nachweis to the checklist; a new ``frist`` becomes the Antrag's Mitwirkungsfrist (§ 66 Abs. 3 SGB I).

    A required Nachweis requested for an entscheidungsreif Antrag moves it back to »in Prüfung«.
    """
    with transaction.atomic():
        _sperren(antrag)
        dienststelle = pruefe(benutzer, antrag, Aktion.AENDERN)
        _pruefe_offen(antrag)
        bezeichnung = (bezeichnung or "").strip()
        if not bezeichnung:
            raise ValidationError("Bitte angeben, welcher Nachweis angefordert wird.")
        if frist is not None and frist < _heute():
            raise ValidationError("Die Frist zur Mitwirkung darf nicht in der Vergangenheit liegen.")
        nachweis = Nachweis.objects.create(antrag=antrag, bezeichnung=bezeichnung[:200], erforderlich=erforderlich)
        if frist is not None:
            antrag.mitwirkungsfrist = frist
            antrag.save(update_fields=["mitwirkungsfrist"])
        if erforderlich and antrag.status == Status.ENTSCHEIDUNGSREIF:
            _wechsel(antrag, Status.IN_PRUEFUNG, benutzer, f"Nachweis angefordert: {bezeichnung}")
        protokolliere(
            benutzer,
            AuditAktion.AENDERN,
            antrag,
            dienststelle=dienststelle,
            kanal=kanal,
            details={"nachweis_angefordert": bezeichnung, "frist": frist.isoformat() if frist else None},
        )
    return nachweis


def _pruefe_dokument(nachweis: Nachweis, dokument) -> None:
    bg = nachweis.antrag.bedarfsgemeinschaft
    if dokument.bedarfsgemeinschaft_id == bg.pk:
        return
    if dokument.person_id and BGMitglied.objects.filter(bedarfsgemeinschaft=bg, person_id=dokument.person_id).exists():
        return
    raise ValidationError("Das Dokument gehört nicht zur Akte dieser Bedarfsgemeinschaft oder ihrer Mitglieder.")


def nachweis_eingegangen(benutzer, nachweis, *, eingegangen_am=None, dokument=None, kanal="ui") -> Nachweis:
    """Mark a Nachweis as received (default today), optionally linking the filed ``records.Dokument``."""
    with transaction.atomic():
        antrag = _sperren(nachweis.antrag)
        dienststelle = pruefe(benutzer, antrag, Aktion.AENDERN)
        _pruefe_offen(antrag)
        eingegangen_am = eingegangen_am or _heute()
        if eingegangen_am > _heute():
            raise ValidationError("Das Eingangsdatum des Nachweises darf nicht in der Zukunft liegen.")
        if dokument is not None:
            _pruefe_dokument(nachweis, dokument)
        nachweis.eingegangen_am = eingegangen_am
        nachweis.dokument = dokument
        nachweis.save(update_fields=["eingegangen_am", "dokument"])
        protokolliere(
            benutzer,
            AuditAktion.AENDERN,
            antrag,
            dienststelle=dienststelle,
            kanal=kanal,
            details={"nachweis_eingegangen": nachweis.bezeichnung, "dokument": dokument.pk if dokument else None},
        )
    return nachweis


# --------------------------------------------------------------------------------------------------------------
# Calculation
# --------------------------------------------------------------------------------------------------------------


def bezugsbeginn(antrag: Antrag) -> date:
    """First day of the uninterrupted receipt the Antrag belongs to (starts the Karenzzeit, § 22 Abs. 1 SGB II).

    For an Erstantrag its ``wirkt_ab``; a Weiterbewilligung or Änderung follows its ``vorentscheidung`` back.
    """
    if antrag.vorentscheidung_id is None:
        return antrag.wirkt_ab
    return bezugsbeginn(antrag.vorentscheidung.antrag)


def rechne(eingabe: dict) -> dict:
    """The engine result for ``eingabe``; a ``fehler`` of the engine becomes a German ValidationError."""
    ergebnis = berechne(eingabe)
    if "fehler" in ergebnis:
        monat = date.fromisoformat(f"{eingabe['monat']}-01")
        raise ValidationError(f"Die Berechnung für {monat_text(monat)} ist nicht möglich: {ergebnis['fehler']}")
    return ergebnis


def _eingaben(bg, leistung: str, von: date, bis: date, bezug_seit: date) -> list[tuple[date, dict]]:
    """Engine inputs for every month of ``von``–``bis``; all missing facts of all months in one ValidationError."""
    eingaben, fehlt = [], []
    for monat in monate(von, bis):
        bezug_bis = bis if bis < monatsende(monat) else None
        try:
            eingaben.append((monat, eingabe_fuer_monat(bg, monat, leistung, bezug_seit, bezug_bis)))
        except ValidationError as fehler:
            fehlt.extend(fehler.messages)
    if fehlt:
        raise ValidationError(fehlt)
    return eingaben


def _ergebnisse(eingaben: list[tuple[date, dict]]) -> list[dict]:
    return [{"monat": monat, "eingabe": eingabe, "ergebnis": rechne(eingabe)} for monat, eingabe in eingaben]


def berechne_monate(antrag, von, bis) -> list[dict]:
    """The engine result for each month of ``von``–``bis`` from the facts as they stood then.

    Each item: ``{"monat": date, "eingabe": dict, "ergebnis": dict}``. ``bezug_seit`` is the ``bezugsbeginn``; when
    it lies within a month (benefits from the day of Kenntnis), the engine prorates that month where its legal
    area does (§ 41 Abs. 1 SGB II).
    """
    return _ergebnisse(_eingaben(antrag.bedarfsgemeinschaft, antrag.leistung, von, bis, bezugsbeginn(antrag)))


def anspruch(eintrag: dict) -> Decimal:
    """The monthly claim of one ``berechne_monate`` item."""
    return _betrag(eintrag["ergebnis"]["anspruch"])


def kdu_unangemessen(eingabe: dict) -> bool:
    """Whether the Bruttokaltmiete exceeds the angemessene one given in the input (§ 22 Abs. 1 SGB II)."""
    unterkunft = eingabe["unterkunft"]
    grenze = unterkunft.get("angemessene_bruttokaltmiete")
    if grenze is None:
        return False
    return Decimal(unterkunft["kaltmiete"]) + Decimal(unterkunft["nebenkosten"]) > Decimal(grenze)


def bewilligungsdauer(rechtskreis: str, *, vorlaeufig: bool, unangemessen: bool) -> int:
    """Length of the Bewilligungszeitraum in months.

    § 41 Abs. 3 SGB II: in der Regel 12 months, shortened to 6 when the decision is vorläufig (§ 41a, Satz 2 Nr. 1)
    or the Aufwendungen für Unterkunft und Heizung are unangemessen (Satz 2 Nr. 2); § 44 Abs. 3 SGB XII and § 25
    Abs. 1 WoGG 12 months; 3. Kapitel SGB XII and AsylbLG by Träger practice (``BEWILLIGUNGSZEITRAUM_MONATE``).
    """
    if rechtskreis == Rechtskreis.SGB2 and (vorlaeufig or unangemessen):
        return VERKUERZTER_ZEITRAUM_SGB2
    return BEWILLIGUNGSZEITRAUM_MONATE[rechtskreis]


# --------------------------------------------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------------------------------------------


def _pruefe_entscheidungsreif(antrag: Antrag, was: str) -> None:
    if antrag.status != Status.ENTSCHEIDUNGSREIF:
        raise ValidationError(
            f"Ein Antrag im Status »{_statusname(antrag.status)}« kann nicht {was} werden; "
            "er muss zuerst entscheidungsreif sein."
        )


def _pruefe_vorlaeufig(antrag: Antrag, vorlaeufig: bool, grund: str) -> None:
    if not vorlaeufig:
        return
    if antrag.rechtskreis not in VORLAEUFIG_ERLAUBT:
        raise ValidationError(
            "Eine vorläufige Entscheidung ist nur im SGB II (§ 41a SGB II) und in der Grundsicherung im Alter und "
            "bei Erwerbsminderung (§ 44a SGB XII) vorgesehen."
        )
    if not grund.strip():
        norm = "§ 41a Abs. 2 Satz 1 SGB II" if antrag.rechtskreis == Rechtskreis.SGB2 else "§ 44a Abs. 2 Satz 1 SGB XII"
        raise ValidationError(f"Bitte den Grund der Vorläufigkeit angeben ({norm}).")


def _monate_speichern(entscheidung: Entscheidung, zeilen: list[dict], bisher: dict[date, Decimal] | None) -> None:
    Leistungsmonat.objects.bulk_create(
        Leistungsmonat(
            entscheidung=entscheidung,
            monat=zeile["monat"],
            betrag=anspruch(zeile),
            bisher=None if bisher is None else bisher[zeile["monat"]],
            differenz=None if bisher is None else anspruch(zeile) - bisher[zeile["monat"]],
            eingabe=zeile["eingabe"],
            berechnung=zeile["ergebnis"],
        )
        for zeile in zeilen
    )


def _erlassen(entscheidung: Entscheidung, benutzer, dienststelle, kanal: str, details: dict) -> Entscheidung:
    """Audit the decision and send ``entscheidung_erlassen`` (the Bescheid is made in the same transaction)."""
    protokolliere(
        benutzer,
        AuditAktion.ANLEGEN,
        entscheidung,
        dienststelle=dienststelle,
        kanal=kanal,
        details={"art": entscheidung.art, "verbindlichkeit": entscheidung.verbindlichkeit, **details},
    )
    entscheidung_erlassen.send(sender=Entscheidung, entscheidung=entscheidung, benutzer=benutzer, kanal=kanal)
    return entscheidung


def _summe(zeilen: list[dict]) -> str:
    return str(sum((anspruch(z) for z in zeilen), NULL))


def bewilligungsmonate(antrag, *, vorlaeufig=False) -> tuple[date, date, list[dict]]:
    """The Bewilligungszeitraum ``bewilligen`` would grant and the engine result for each of its months.

    Start ``wirkt_ab``; length by ``bewilligungsdauer`` (§ 41 Abs. 3 SGB II: 6 months when the Unterkunftskosten
    of the first month are unangemessen or the decision is vorläufig).
    """
    von = antrag.wirkt_ab
    erster = berechne_monate(antrag, von, monatsende(von))[0]
    dauer = bewilligungsdauer(
        antrag.rechtskreis, vorlaeufig=vorlaeufig, unangemessen=kdu_unangemessen(erster["eingabe"])
    )
    bis = monatsende(plus_monate(von, dauer - 1))
    return von, bis, [erster, *berechne_monate(antrag, plus_monate(monatsanfang(von), 1), bis)]


def bewilligen(
    benutzer, antrag, *, vorlaeufig=False, vorlaeufig_grund="", automatisch=False, kanal="ui"
) -> Entscheidung:
    """Grant the Antrag for its Bewilligungszeitraum from ``wirkt_ab``, one Leistungsmonat per calendar month.

    ``automatisch=True`` is the § 31a SGB X path (engineer B's automatik): without a user, no caseworker is
    recorded as deciding.
    """
    with transaction.atomic():
        _sperren(antrag)
        dienststelle = _systemzugriff(benutzer, antrag) if automatisch else pruefe(benutzer, antrag, Aktion.AENDERN)
        if antrag.art == Antrag.Art.AENDERUNG:
            raise ValidationError(
                "Über eine Änderungsmitteilung wird mit einer Änderung entschieden, nicht mit einer Bewilligung."
            )
        if antrag.art == Antrag.Art.EINMALBEDARF:
            raise ValidationError(
                "Über einen Antrag auf einmalige Leistung wird mit »Einmalige Leistung bewilligen« entschieden."
            )
        _pruefe_entscheidungsreif(antrag, "bewilligt")
        _pruefe_vorlaeufig(antrag, vorlaeufig, vorlaeufig_grund)
        von, bis, zeilen = bewilligungsmonate(antrag, vorlaeufig=vorlaeufig)
        if all(anspruch(z) == 0 for z in zeilen):
            raise ValidationError(
                f"Es besteht kein Anspruch im Bewilligungszeitraum {von:%d.%m.%Y} bis {bis:%d.%m.%Y}; "
                "bitte den Antrag ablehnen."
            )
        entscheidung = Entscheidung.objects.create(
            antrag=antrag,
            art=Entscheidung.Art.BEWILLIGUNG,
            verbindlichkeit=Entscheidung.Verbindlichkeit.VORLAEUFIG
            if vorlaeufig
            else Entscheidung.Verbindlichkeit.ENDGUELTIG,
            vorlaeufig_grund=vorlaeufig_grund.strip() if vorlaeufig else "",
            zeitraum_von=von,
            zeitraum_bis=bis,
            automatisch=automatisch,
            entschieden_von=None if automatisch else _angemeldet(benutzer),
            dienststelle=antrag.dienststelle,
        )
        _monate_speichern(entscheidung, zeilen, None)
        _wechsel(antrag, Status.ENTSCHIEDEN, benutzer, "bewilligt")
        return _erlassen(
            entscheidung,
            benutzer,
            dienststelle,
            kanal,
            {"monate": len(zeilen), "summe": _summe(zeilen), "automatisch": automatisch},
        )


def _pruefe_einmalbedarf_rechtskreis(rechtskreis: str) -> None:
    """Einmalige Leistungen only where the law grants them separately (``Einmalleistung.NORM``).

    AsylbLG: Hausrat and Bekleidung are part of the notwendiger Bedarf of the Grundleistungen (§ 3 Abs. 1 Satz 1
    AsylbLG, § 3a Abs. 1) and further needs are sonstige Leistungen (§ 6 AsylbLG) – not built here. Wohngeld is a
    Mietzuschuss only.
    """
    if rechtskreis not in Einmalleistung.NORM:
        raise ValidationError(
            f"Im Rechtskreis »{Rechtskreis(rechtskreis).label}« sieht das Gesetz keine gesondert zu beantragende "
            "einmalige Leistung für Erstausstattungen vor (nur § 24 Abs. 3 SGB II und § 31 SGB XII)."
        )


def _einmalbetrag(betrag) -> Decimal:
    """The amount of a one-off benefit as Decimal with cents; German ValidationError when it is no positive amount."""
    try:
        wert = Decimal(str(betrag).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError("Bitte den Betrag als Zahl angeben, z. B. 420,00.")
    if not wert.is_finite() or wert != wert.quantize(CENT):
        raise ValidationError("Bitte den Betrag in Euro mit höchstens zwei Nachkommastellen angeben.")
    if wert <= 0:
        raise ValidationError("Der Betrag der einmaligen Leistung muss größer als 0,00 € sein.")
    if wert >= Decimal("10000000"):
        raise ValidationError("Der Betrag der einmaligen Leistung ist unplausibel hoch.")
    return wert.quantize(CENT)


def einmalleistung_bewilligen(benutzer, antrag, *, art, betrag, begruendung="", kanal="ui") -> Entscheidung:
    """Grant a one-off benefit (``Einmalleistung``) on an Antrag auf einmalige Leistung, due in the current month.

    § 24 Abs. 3 Satz 1 Nr. 1 to 3 SGB II, § 31 Abs. 1 SGB XII: the amount is the caseworker's (Pauschalbeträge are
    allowed, § 24 Abs. 3 Satz 5 SGB II, § 31 Abs. 3 SGB XII). A Begründung is optional when the decision grants what
    was applied for (§ 35 Abs. 2 Nr. 1 SGB X). The Zahllauf pays it once (``payments.services.faellige_betraege``).
    """
    with transaction.atomic():
        _sperren(antrag)
        dienststelle = pruefe(benutzer, antrag, Aktion.AENDERN)
        if antrag.art != Antrag.Art.EINMALBEDARF:
            raise ValidationError("Eine einmalige Leistung wird nur auf einen Antrag auf einmalige Leistung bewilligt.")
        _pruefe_entscheidungsreif(antrag, "bewilligt")
        _pruefe_einmalbedarf_rechtskreis(antrag.rechtskreis)
        if art not in Einmalleistung.Art.values:
            raise ValidationError("Bitte die Art der einmaligen Leistung auswählen.")
        betrag = _einmalbetrag(betrag)
        entscheidung = Entscheidung.objects.create(
            antrag=antrag,
            art=Entscheidung.Art.EINMALLEISTUNG,
            begruendung=(begruendung or "").strip(),
            entschieden_von=_angemeldet(benutzer),
            dienststelle=antrag.dienststelle,
        )
        leistung = Einmalleistung.objects.create(
            entscheidung=entscheidung, art=art, betrag=betrag, faellig_im=monatsanfang(_heute())
        )
        _wechsel(antrag, Status.ENTSCHIEDEN, benutzer, "einmalige Leistung bewilligt")
        return _erlassen(
            entscheidung,
            benutzer,
            dienststelle,
            kanal,
            {"einmalleistung": art, "betrag": str(betrag), "faellig_im": leistung.faellig_im.isoformat()},
        )


def ablehnen(benutzer, antrag, *, begruendung, kanal="ui") -> Entscheidung:
    """Refuse the Antrag (no Leistungsmonate); the Begründung is required (§ 35 Abs. 1 SGB X)."""
    with transaction.atomic():
        _sperren(antrag)
        dienststelle = pruefe(benutzer, antrag, Aktion.AENDERN)
        if antrag.status not in (Status.EINGEGANGEN, Status.IN_PRUEFUNG, Status.ENTSCHEIDUNGSREIF):
            raise ValidationError(f"Ein Antrag im Status »{_statusname(antrag.status)}« kann nicht abgelehnt werden.")
        if not (begruendung or "").strip():
            raise ValidationError("Bitte die Ablehnung begründen (§ 35 Abs. 1 SGB X).")
        entscheidung = Entscheidung.objects.create(
            antrag=antrag,
            art=Entscheidung.Art.ABLEHNUNG,
            begruendung=begruendung.strip(),
            entschieden_von=_angemeldet(benutzer),
            dienststelle=antrag.dienststelle,
        )
        _wechsel(antrag, Status.ENTSCHIEDEN, benutzer, "abgelehnt")
        return _erlassen(entscheidung, benutzer, dienststelle, kanal, {})


def bewilligte_monate(bg) -> dict[date, Leistungsmonat]:
    """For each month the Leistungsmonat of the newest decision (not an Ablehnung) that covers it."""
    zeilen = (
        Leistungsmonat.objects.filter(entscheidung__antrag__bedarfsgemeinschaft=bg)
        .exclude(entscheidung__art=Entscheidung.Art.ABLEHNUNG)
        .select_related("entscheidung")
        .order_by("monat", "entscheidung__entschieden_am", "entscheidung_id")
    )
    return {zeile.monat: zeile for zeile in zeilen}


def _bisher(bg, monate_liste: list[date]) -> dict[date, Decimal]:
    """Amount in force for each of ``monate_liste`` (0,00 € where no decision covers the month)."""
    in_kraft = bewilligte_monate(bg)
    return {monat: in_kraft[monat].betrag if monat in in_kraft else NULL for monat in monate_liste}


def saldo(entscheidung: Entscheidung) -> Decimal:
    """Nachzahlungen and Überzahlungen of all months netted: positive = Nachzahlung, negative = to be refunded.

    § 41a Abs. 6 Satz 1 and 2 SGB II: the vorläufig paid amounts are set off against the final ones, and
    Überzahlungen of single months are offset against Nachzahlungen; only what remains is refunded (Satz 3).
    The per-month values stay on the Leistungsmonate.
    """
    return sum((m.differenz or NULL for m in entscheidung.monate.all()), NULL)


def durchschnitt_erwerbseinkommen(zeilen: list[dict]) -> dict[str, dict]:
    """Monthly average Erwerbseinkommen per person over the months given (§ 41a Abs. 4 Satz 1 and 3 SGB II).

    Simplification: only Erwerbseinkommen (incl. selbständig) is averaged, brutto and netto separately, over the
    months in which the person is a member (for members of the whole period: the months of the period); other
    income stays in its month of inflow. Rounded half up to cents.
    """
    summen: dict[str, list] = {}
    for zeile in zeilen:
        for person in zeile["eingabe"]["personen"]:
            eintrag = summen.setdefault(person["id"], [NULL, NULL, 0])
            for e in person["einkommen"]:
                if e["art"] == "erwerbseinkommen":
                    eintrag[0] += Decimal(e["brutto"])
                    eintrag[1] += Decimal(e["netto"])
            eintrag[2] += 1
    return {
        pid: {
            "art": "erwerbseinkommen",
            "brutto": str((brutto / n).quantize(CENT, ROUND_HALF_UP)),
            "netto": str((netto / n).quantize(CENT, ROUND_HALF_UP)),
        }
        for pid, (brutto, netto, n) in summen.items()
        if brutto or netto
    }


def _mit_durchschnitt(eingabe: dict, durchschnitt: dict[str, dict]) -> dict:
    """A copy of ``eingabe`` whose Erwerbseinkommen entries are replaced by the person's average."""
    personen = []
    for person in eingabe["personen"]:
        einkommen = [e for e in person["einkommen"] if e["art"] != "erwerbseinkommen"]
        if person["id"] in durchschnitt:
            einkommen.append(durchschnitt[person["id"]])
        personen.append({**person, "einkommen": einkommen})
    return {**eingabe, "personen": personen}


def abschliessende_monate(vorlaeufige: Entscheidung) -> list[dict]:
    """The months of a vorläufige Entscheidung recalculated with the facts known now.

    SGB II: with the monthly Durchschnittseinkommen (§ 41a Abs. 4 Satz 1 SGB II), except when the claim of the BG
    is excluded in at least one month (§ 41a Abs. 4 Satz 2 Nr. 2 SGB II). Simplification: the exception is checked
    for the whole BG, not per member (SG Berlin, S 142 AS 918/20, applies it per member), and a month without claim
    for another reason (e.g. Vermögen) also counts. SGB XII 4. Kapitel: with the actual income of each month (an
    averaging rule for § 44a SGB XII is not implemented).
    """
    antrag = vorlaeufige.antrag
    zeilen = berechne_monate(antrag, vorlaeufige.zeitraum_von, vorlaeufige.zeitraum_bis)
    if antrag.rechtskreis != Rechtskreis.SGB2 or any(anspruch(z) == 0 for z in zeilen):
        return zeilen
    durchschnitt = durchschnitt_erwerbseinkommen(zeilen)
    return _ergebnisse([(z["monat"], _mit_durchschnitt(z["eingabe"], durchschnitt)) for z in zeilen])


def _art_der_aenderung(zeilen: list[dict]) -> str:
    return Entscheidung.Art.AUFHEBUNG if all(anspruch(z) == 0 for z in zeilen) else Entscheidung.Art.AENDERUNG


def abschliessend_entscheiden(benutzer, vorlaeufige, *, kanal="ui") -> Entscheidung:
    """Final decision on a vorläufige Bewilligung (§ 41a Abs. 3 to 6 SGB II; § 44a SGB XII).

    Every month is recalculated (``abschliessende_monate``); ``bisher`` is the amount in force, ``differenz`` the
    Nachzahlung (+) or Überzahlung (−); ``saldo`` nets them (§ 41a Abs. 6 SGB II).
    """
    with transaction.atomic():
        antrag = _sperren(vorlaeufige.antrag)
        dienststelle = pruefe(benutzer, vorlaeufige, Aktion.AENDERN)
        if vorlaeufige.verbindlichkeit != Entscheidung.Verbindlichkeit.VORLAEUFIG:
            raise ValidationError("Abschließend entschieden werden kann nur über eine vorläufige Entscheidung.")
        if vorlaeufige.aenderungen.filter(verbindlichkeit=Entscheidung.Verbindlichkeit.ABSCHLIESSEND).exists():
            raise ValidationError("Über diese vorläufige Entscheidung wurde bereits abschließend entschieden.")
        if vorlaeufige.zeitraum_von > _heute():
            raise ValidationError(
                "Der Bewilligungszeitraum hat noch nicht begonnen; abschließend entschieden werden kann erst danach."
            )
        zeilen = abschliessende_monate(vorlaeufige)
        bisher = _bisher(antrag.bedarfsgemeinschaft, [z["monat"] for z in zeilen])
        norm, rechtsgrundlage = VORLAEUFIG_ERLAUBT[antrag.rechtskreis]
        entscheidung = Entscheidung.objects.create(
            antrag=antrag,
            art=_art_der_aenderung(zeilen),
            verbindlichkeit=Entscheidung.Verbindlichkeit.ABSCHLIESSEND,
            aendert=vorlaeufige,
            rechtsgrundlage=rechtsgrundlage,
            zeitraum_von=vorlaeufige.zeitraum_von,
            zeitraum_bis=vorlaeufige.zeitraum_bis,
            begruendung=f"Abschließende Entscheidung nach {norm} über die vorläufige Entscheidung vom "
            f"{timezone.localtime(vorlaeufige.entschieden_am):%d.%m.%Y}.",
            entschieden_von=_angemeldet(benutzer),
            dienststelle=antrag.dienststelle,
        )
        _monate_speichern(entscheidung, zeilen, bisher)
        return _erlassen(entscheidung, benutzer, dienststelle, kanal, {"saldo": str(saldo(entscheidung))})


def _pruefe_aenderung(antrag: Antrag, ab: date, rechtsgrundlage: str, begruendung: str) -> None:
    if antrag.art != Antrag.Art.AENDERUNG or antrag.vorentscheidung_id is None:
        raise ValidationError("Geändert wird nur auf eine Änderungsmitteilung zu einer bisherigen Entscheidung.")
    _pruefe_entscheidungsreif(antrag, "entschieden")
    if rechtsgrundlage not in (Entscheidung.Rechtsgrundlage.SGB10_48, Entscheidung.Rechtsgrundlage.SGB10_45):
        raise ValidationError("Bitte die Rechtsgrundlage der Änderung angeben (§ 48 oder § 45 SGB X).")
    if not (begruendung or "").strip():
        if rechtsgrundlage == Entscheidung.Rechtsgrundlage.SGB10_45:
            raise ValidationError("Bitte begründen, warum kein Vertrauensschutz besteht (§ 45 Abs. 2 und 4 SGB X).")
        raise ValidationError("Bitte die Änderung begründen (§ 35 Abs. 1 SGB X).")
    vorher = antrag.vorentscheidung
    if ab > vorher.zeitraum_bis:
        raise ValidationError(
            f"Der Änderungszeitpunkt {ab:%d.%m.%Y} liegt nach dem Ende des Bewilligungszeitraums "
            f"({vorher.zeitraum_bis:%d.%m.%Y})."
        )


def aendern(benutzer, antrag, *, ab, rechtsgrundlage, begruendung, kanal="ui") -> Entscheidung:
    """Änderung or Aufhebung of ``antrag.vorentscheidung`` from the month of ``ab`` (§ 48, § 45 SGB X; SGB II:
    § 40 Abs. 1 SGB II, § 330 SGB III).

    Every month from the month of ``ab`` (at the earliest the start of the period) to the end of the period is
    recalculated with the current facts; per month ``bisher`` (amount in force), ``betrag`` and ``differenz``.
    Month granularity follows § 48 Abs. 1 Satz 3 SGB X with § 11 Abs. 2 SGB II (income counts in the month of
    inflow). ``aufhebung`` when every new amount is 0,00 €.
    """
    with transaction.atomic():
        _sperren(antrag)
        dienststelle = pruefe(benutzer, antrag, Aktion.AENDERN)
        _pruefe_aenderung(antrag, ab, rechtsgrundlage, begruendung)
        vorher = antrag.vorentscheidung
        von = max(monatsanfang(ab), monatsanfang(vorher.zeitraum_von))
        bezug_seit = bezugsbeginn(antrag)
        zeilen = _ergebnisse(
            _eingaben(antrag.bedarfsgemeinschaft, antrag.leistung, von, vorher.zeitraum_bis, bezug_seit)
        )
        bisher = _bisher(antrag.bedarfsgemeinschaft, [z["monat"] for z in zeilen])
        if all(anspruch(z) == bisher[z["monat"]] for z in zeilen):
            raise ValidationError("Die Änderung wirkt sich auf den Anspruch nicht aus.")
        entscheidung = Entscheidung.objects.create(
            antrag=antrag,
            art=_art_der_aenderung(zeilen),
            verbindlichkeit=(
                Entscheidung.Verbindlichkeit.VORLAEUFIG
                if vorher.verbindlichkeit == Entscheidung.Verbindlichkeit.VORLAEUFIG
                else Entscheidung.Verbindlichkeit.ENDGUELTIG
            ),
            vorlaeufig_grund=vorher.vorlaeufig_grund,
            aendert=vorher,
            rechtsgrundlage=rechtsgrundlage,
            zeitraum_von=max(von, vorher.zeitraum_von),
            zeitraum_bis=vorher.zeitraum_bis,
            begruendung=begruendung.strip(),
            entschieden_von=_angemeldet(benutzer),
            dienststelle=antrag.dienststelle,
        )
        _monate_speichern(entscheidung, zeilen, bisher)
        _wechsel(antrag, Status.ENTSCHIEDEN, benutzer, Entscheidung.Art(entscheidung.art).label)
        return _erlassen(
            entscheidung, benutzer, dienststelle, kanal, {"ab": ab.isoformat(), "saldo": str(saldo(entscheidung))}
        )
