"""Automated decisions for simple cases (§ 31a SGB X).

§ 31a Satz 1 SGB X lets a Verwaltungsakt be issued fully automatically "sofern kein Anlass besteht, den Einzelfall
durch Amtsträger zu bearbeiten"; Satz 2 requires that tatsächliche Angaben des Beteiligten which the automatic
procedure would not consider are considered (here: such an Antrag goes to a person). The SGB X applies to the
SGB II by § 40 Abs. 1 Satz 1 SGB II and to the SGB XII and Wohngeld as Besondere Teile of the Sozialgesetzbuch
(§ 68 Nr. 10, 18 SGB I). The AsylbLG is no part of the Sozialgesetzbuch: its procedure follows the
Verwaltungsverfahrensgesetz of the Land, which allows a fully automated Verwaltungsakt only where a Rechtsvorschrift
permits it (§ 35a VwVfG) — there is none, so AsylbLG cases are never decided automatically.

``pruefe_automatik`` checks an Antrag against the ``AutomatikRegel`` of its Träger and Rechtskreis. Each criterion
is a small function returning ``(erfuellt, text)``: ``True`` met, ``False`` not met, ``None`` cannot be checked
(missing facts). Only when every criterion is ``True`` is the Antrag granted (``services.bewilligen`` with
``automatisch=True``, no deciding user); otherwise the check is stored and nothing else changes, so the case stays
with a person. ``automatik_bericht`` answers the Teamleitung's question "how many were decided automatically and
why were the others not".

**Unveränderte Verhältnisse** (criterion ``unveraendert``): the engine input of the first month of the new
Bewilligungszeitraum (built from today's facts) is compared with the engine input stored in the Leistungsmonat in
force for the last month of the previous decision (``services.bewilligte_monate``, so a later Änderung counts). All
fields are compared — Rechtskreis/``leistung``, the persons of the BG (Kundennummer, Geburtsdatum, every
Einkommen entry, Vermögen), the Beziehungen between them and the Unterkunft (Kaltmiete, Nebenkosten, Heizkosten,
Warmwasser, persons in the Haushalt, Mietenstufe) — except those that change with the calendar alone
(``KALENDERFELDER``: ``monat``, ``bezug_seit``, ``bezug_bis`` and per person ``erwerbsfaehig``, which is derived
from the age).
"""

from datetime import date
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import transaction

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Rechtskreis
from sozialhaus.rules.basis import euro

from . import services
from .eingabe import eingabe_fuer_monat, mitglieder_im_monat, stichtag
from .models import Antrag, AutomatikPruefung, AutomatikRegel, Entscheidung
from .zeitraum import monat_text, monatsanfang

KANAL = "automatik"

RECHTSKREISE_MIT_SGB_X = frozenset(
    {Rechtskreis.SGB2, Rechtskreis.SGB12_KAP3, Rechtskreis.SGB12_KAP4, Rechtskreis.WOHNGELD}
)
"""Rechtskreise whose procedure is governed by the SGB X and so by § 31a SGB X (see the module docstring)."""

BEWILLIGBARE_ARTEN = frozenset({Antrag.Art.ERSTANTRAG, Antrag.Art.WEITERBEWILLIGUNG})
"""Antragsarten decided by a Bewilligung; an Änderungsmitteilung is decided by an Änderung (§ 48 SGB X)."""

ENTSCHEIDBAR = (Antrag.Status.EINGEGANGEN, Antrag.Status.IN_PRUEFUNG, Antrag.Status.ENTSCHEIDUNGSREIF)
"""Statuses from which the automation may take an Antrag to its decision, in the order of the state machine."""

KALENDERFELDER = frozenset({"monat", "bezug_seit", "bezug_bis"})
"""Fields of the engine input that change with the calendar, not with the facts (not compared)."""
PERSON_KALENDERFELDER = frozenset({"erwerbsfaehig"})
"""Person fields of the engine input derived from the age on the Stichtag (not compared)."""

KRITERIEN = {
    "regel": "Regel für automatische Entscheidungen aktiv",
    "antragsart": "Antragsart zugelassen",
    "status": "Bearbeitungsstand erlaubt eine Entscheidung",
    "nachweise": "Alle erforderlichen Nachweise liegen vor",
    "angaben": "Keine eigenen Angaben der antragstellenden Person (§ 31a Satz 2 SGB X)",
    "unveraendert": "Verhältnisse seit der letzten Entscheidung unverändert",
    "vorlaeufig": "Bisherige Entscheidung nicht vorläufig",
    "berechnung": "Berechnung möglich und Anspruch vorhanden",
    "einkommen": "Einkommen der Bedarfsgemeinschaft im zugelassenen Rahmen",
    "anspruch": "Anspruch nicht über der Höchstgrenze",
    "personen": "Personenzahl nicht über der Höchstgrenze",
    "bewilligung": "Bewilligung ohne Fehler erlassen",
}
"""Every criterion with its German label (for the check's display and the report), in the order checked."""

BEREICHE = {
    "leistung": "Leistung",
    "beziehungen": "Beziehungen in der Bedarfsgemeinschaft",
    "unterkunft": "Unterkunft",
    "einkommen": "Einkommen",
    "vermoegen": "Vermögen",
    "geburtsdatum": "Geburtsdatum",
    "aufenthalt_seit": "Beginn des Aufenthalts",
}
"""German names of the areas of the engine input, for the list of changes."""

Ergebnis = tuple[bool | None, str]


class Fall:
    """One Antrag under check with its rule; the expensive facts are computed once, when a criterion asks."""

    def __init__(self, antrag: Antrag, regel: AutomatikRegel):
        self.antrag = antrag
        self.regel = regel

    @cached_property
    def monate(self) -> tuple[list[dict] | None, str]:
        """Engine results for every month of the Bewilligungszeitraum, or ``None`` and the German reason."""
        try:
            return services.bewilligungsmonate(self.antrag)[2], ""
        except ValidationError as fehler:
            return None, " ".join(fehler.messages)

    @cached_property
    def bisher(self):
        """The Leistungsmonat in force for the last month of the previous decision (``None`` without one)."""
        vorentscheidung = self.antrag.vorentscheidung
        if vorentscheidung is None or vorentscheidung.zeitraum_bis is None:
            return None
        letzter = monatsanfang(vorentscheidung.zeitraum_bis)
        return services.bewilligte_monate(self.antrag.bedarfsgemeinschaft).get(letzter)

    @cached_property
    def mitglieder(self) -> list:
        return mitglieder_im_monat(self.antrag.bedarfsgemeinschaft, self.antrag.wirkt_ab)


# --------------------------------------------------------------------------------------------------------------
# Criteria: each returns (True | False | None, German text)
# --------------------------------------------------------------------------------------------------------------


def kriterium_regel(antrag: Antrag, regel: AutomatikRegel | None) -> Ergebnis:
    """§ 31a SGB X applies in the Rechtskreis and the Träger has an active rule for it."""
    name = Rechtskreis(antrag.rechtskreis).label
    if antrag.rechtskreis not in RECHTSKREISE_MIT_SGB_X:
        return False, (
            f"Für {name} gilt § 31a SGB X nicht; das Verwaltungsverfahrensgesetz lässt einen vollständig "
            "automatisierten Bescheid nur auf Grund einer Rechtsvorschrift zu (§ 35a VwVfG)."
        )
    if regel is None:
        return False, f"Der Träger hat für {name} keine Regel für automatische Entscheidungen festgelegt."
    if not regel.aktiv:
        return False, f"Die Regel für automatische Entscheidungen in {name} ist nicht aktiv."
    return True, f"Die Regel für automatische Entscheidungen in {name} ist aktiv."


def kriterium_antragsart(fall: Fall) -> Ergebnis:
    """The Antragsart is listed in the rule and is decided by a Bewilligung."""
    art = Antrag.Art(fall.antrag.art)
    if art not in BEWILLIGBARE_ARTEN:
        return False, (
            f"Über eine {art.label} wird mit einer Änderung nach § 48 SGB X entschieden; das geschieht nicht "
            "automatisch."
        )
    if art not in (fall.regel.antragsarten or []):
        return False, f"Die Antragsart »{art.label}« ist für automatische Entscheidungen nicht zugelassen."
    return True, f"Die Antragsart »{art.label}« ist zugelassen."


def kriterium_status(fall: Fall) -> Ergebnis:
    """The Antrag is open for a decision (eingegangen, in Prüfung or entscheidungsreif)."""
    status = Antrag.Status(fall.antrag.status)
    if status not in ENTSCHEIDBAR:
        return False, f"Im Status »{status.label}« kann nicht entschieden werden."
    return True, f"Im Status »{status.label}« kann entschieden werden."


def kriterium_nachweise(fall: Fall) -> Ergebnis:
    """No required Nachweis is missing (Mitwirkung, §§ 60 ff. SGB I), so no caseworker has to follow it up."""
    fehlend = services.fehlende_nachweise(fall.antrag)
    if fehlend:
        return False, "Es fehlen erforderliche Nachweise: " + "; ".join(fehlend) + "."
    return True, "Alle erforderlichen Nachweise liegen vor."


def kriterium_angaben(fall: Fall) -> Ergebnis:
    """§ 31a Satz 2 SGB X: the applicant's own statements must be considered by a person."""
    if fall.antrag.angaben_antragsteller.strip():
        return False, (
            "Die antragstellende Person hat eigene Angaben gemacht; sie werden von einer Person gewürdigt "
            "(§ 31a Satz 2 SGB X)."
        )
    return True, "Die antragstellende Person hat keine eigenen Angaben gemacht."


def _vergleichbar(eingabe: dict) -> dict:
    """The facts of an engine input without ``KALENDERFELDER``; persons keyed by their id (Kundennummer)."""
    fakten = {feld: wert for feld, wert in eingabe.items() if feld not in KALENDERFELDER}
    fakten["personen"] = {
        person["id"]: {feld: wert for feld, wert in person.items() if feld not in PERSON_KALENDERFELDER}
        for person in eingabe.get("personen") or []
    }
    return fakten


def _personen_abweichungen(alt: dict, neu: dict) -> list[str]:
    texte = [f"Mitglied hinzugekommen: {nummer}" for nummer in sorted(neu.keys() - alt.keys())]
    texte += [f"Mitglied weggefallen: {nummer}" for nummer in sorted(alt.keys() - neu.keys())]
    for nummer in sorted(alt.keys() & neu.keys()):
        for feld in sorted(alt[nummer].keys() | neu[nummer].keys()):
            vorher, nachher = alt[nummer].get(feld), neu[nummer].get(feld)
            if vorher != nachher:
                bereich = BEREICHE.get(feld, feld)
                wert = f": {vorher} → {nachher}" if not isinstance(vorher, list | dict) else ""
                texte.append(f"{bereich} von {nummer}{wert}")
    return texte


def abweichungen(alt: dict, neu: dict) -> list[str]:
    """German list of the facts in which engine input ``neu`` differs from ``alt`` (calendar fields ignored)."""
    alt, neu = _vergleichbar(alt), _vergleichbar(neu)
    texte = _personen_abweichungen(alt.pop("personen"), neu.pop("personen"))
    for bereich in sorted(alt.keys() | neu.keys()):
        vorher, nachher = alt.get(bereich), neu.get(bereich)
        if vorher == nachher:
            continue
        name = BEREICHE.get(bereich, bereich)
        if isinstance(vorher, dict) and isinstance(nachher, dict):
            felder = sorted(f for f in vorher.keys() | nachher.keys() if vorher.get(f) != nachher.get(f))
            texte.append(f"{name}: " + ", ".join(f"{f} {vorher.get(f)} → {nachher.get(f)}" for f in felder))
        else:
            texte.append(f"{name} geändert")
    return texte


def kriterium_unveraendert(fall: Fall) -> Ergebnis:
    """Weiterbewilligung with ``nur_unveraenderte_verhaeltnisse``: the facts are those of the previous decision."""
    antrag = fall.antrag
    if not fall.regel.nur_unveraenderte_verhaeltnisse:
        return True, "Nach der Regel nicht verlangt."
    if antrag.art != Antrag.Art.WEITERBEWILLIGUNG:
        return True, "Entfällt: kein Weiterbewilligungsantrag."
    if fall.bisher is None:
        return None, "Für den letzten Monat der bisherigen Entscheidung ist keine Berechnung gespeichert."
    try:
        neu = eingabe_fuer_monat(
            antrag.bedarfsgemeinschaft, antrag.wirkt_ab, antrag.leistung, services.bezugsbeginn(antrag), None
        )
    except ValidationError as fehler:
        return None, "Die Verhältnisse können nicht verglichen werden: " + " ".join(fehler.messages)
    stand = monat_text(fall.bisher.monat)
    geaendert = abweichungen(fall.bisher.eingabe, neu)
    if geaendert:
        return False, f"Geändert gegenüber der bisherigen Entscheidung (Stand {stand}): " + "; ".join(geaendert) + "."
    return True, (
        f"Mitglieder, Einkommen, Vermögen, Beziehungen und Unterkunft wie in der bisherigen Entscheidung "
        f"(Stand {stand})."
    )


def kriterium_vorlaeufig(fall: Fall) -> Ergebnis:
    """The decision in force at the end of the previous period is not vorläufig (§ 41a SGB II, § 44a SGB XII)."""
    if fall.antrag.vorentscheidung_id is None:
        return True, "Entfällt: keine bisherige Entscheidung."
    if fall.bisher is None:
        return None, "Für den letzten Monat der bisherigen Entscheidung ist keine Entscheidung in Kraft."
    if fall.bisher.entscheidung.verbindlichkeit == Entscheidung.Verbindlichkeit.VORLAEUFIG:
        return False, "Die bisherige Entscheidung ist vorläufig; über den Folgezeitraum entscheidet eine Person."
    return True, "Die bisherige Entscheidung ist nicht vorläufig."


def kriterium_berechnung(fall: Fall) -> Ergebnis:
    """Every month of the Bewilligungszeitraum can be calculated, and there is a claim in at least one."""
    monate, fehler = fall.monate
    if monate is None:
        return None, f"Nicht berechenbar: {fehler}"
    zeitraum = f"{monat_text(monate[0]['monat'])} bis {monat_text(monate[-1]['monat'])}"
    if all(services.anspruch(monat) == 0 for monat in monate):
        return False, f"Kein Anspruch von {zeitraum}; über eine Ablehnung entscheidet eine Person."
    return True, f"Alle {len(monate)} Monate von {zeitraum} sind berechnet."


def bg_einkommen(fall: Fall) -> Decimal:
    """Sum of the Einkommen netto of the BG members valid on the Stichtag of the first month of the period."""
    tag = stichtag(fall.antrag.wirkt_ab, services.bezugsbeginn(fall.antrag))
    return sum(
        (e.netto for person in fall.mitglieder for e in person.einkommen.all() if e.gilt_am(tag)), Decimal("0.00")
    )


def kriterium_einkommen(fall: Fall) -> Ergebnis:
    """BG net income within [einkommen_min, einkommen_max] where set, both limits inclusive."""
    untergrenze, obergrenze = fall.regel.einkommen_min, fall.regel.einkommen_max
    if untergrenze is None and obergrenze is None:
        return True, "Keine Einkommensgrenze festgelegt."
    summe = bg_einkommen(fall)
    grenzen = [f"mindestens {euro(untergrenze)}"] if untergrenze is not None else []
    grenzen += [f"höchstens {euro(obergrenze)}"] if obergrenze is not None else []
    rahmen = " und ".join(grenzen)
    innerhalb = (untergrenze is None or summe >= untergrenze) and (obergrenze is None or summe <= obergrenze)
    lage = "liegt im zugelassenen Rahmen" if innerhalb else "liegt außerhalb des zugelassenen Rahmens"
    return innerhalb, f"Einkommen der BG {euro(summe)} netto {lage} ({rahmen}, Grenzen eingeschlossen)."


def kriterium_anspruch(fall: Fall) -> Ergebnis:
    """The highest monthly claim of the period is at most ``anspruch_max`` (limit inclusive)."""
    grenze = fall.regel.anspruch_max
    if grenze is None:
        return True, "Keine Höchstgrenze für den Anspruch festgelegt."
    monate, _ = fall.monate
    if monate is None:
        return None, "Ohne Berechnung nicht prüfbar."
    hoechster = max(services.anspruch(monat) for monat in monate)
    if hoechster > grenze:
        return False, f"Höchster monatlicher Anspruch {euro(hoechster)} liegt über der Höchstgrenze {euro(grenze)}."
    return True, f"Höchster monatlicher Anspruch {euro(hoechster)}; Höchstgrenze {euro(grenze)} (eingeschlossen)."


def kriterium_personen(fall: Fall) -> Ergebnis:
    """The BG has at most ``personen_max`` members in the first month of the period."""
    grenze = fall.regel.personen_max
    if grenze is None:
        return True, "Keine Höchstzahl an Personen festgelegt."
    anzahl = len(fall.mitglieder)
    if anzahl > grenze:
        return False, f"{anzahl} Personen in der Bedarfsgemeinschaft; zugelassen sind höchstens {grenze}."
    return True, f"{anzahl} Person(en) in der Bedarfsgemeinschaft; zugelassen sind höchstens {grenze}."


FALLKRITERIEN = {
    "antragsart": kriterium_antragsart,
    "status": kriterium_status,
    "nachweise": kriterium_nachweise,
    "angaben": kriterium_angaben,
    "unveraendert": kriterium_unveraendert,
    "vorlaeufig": kriterium_vorlaeufig,
    "berechnung": kriterium_berechnung,
    "einkommen": kriterium_einkommen,
    "anspruch": kriterium_anspruch,
    "personen": kriterium_personen,
}
"""The criteria checked once an active rule exists."""


def _eintrag(kriterium: str, ergebnis: Ergebnis) -> dict:
    erfuellt, text = ergebnis
    return {"kriterium": kriterium, "erfuellt": erfuellt, "text": text}


def kriterien_pruefen(antrag: Antrag, regel: AutomatikRegel | None) -> list[dict]:
    """Every criterion as ``{"kriterium", "erfuellt", "text"}``; without an active rule only the rule itself."""
    regel_eintrag = _eintrag("regel", kriterium_regel(antrag, regel))
    if regel_eintrag["erfuellt"] is not True:
        return [regel_eintrag]
    fall = Fall(antrag, regel)
    return [regel_eintrag, *(_eintrag(name, pruefung(fall)) for name, pruefung in FALLKRITERIEN.items())]


# --------------------------------------------------------------------------------------------------------------
# Check and decision
# --------------------------------------------------------------------------------------------------------------


def regel_fuer(antrag: Antrag) -> AutomatikRegel | None:
    """The Träger's rule for the Antrag's Rechtskreis (active or not)."""
    return AutomatikRegel.objects.filter(
        traeger_id=antrag.dienststelle.traeger_id, rechtskreis=antrag.rechtskreis
    ).first()


def _entscheiden(antrag: Antrag) -> Entscheidung:
    """Move the Antrag to entscheidungsreif along the state machine and grant it without a deciding user."""
    grund = "Alle Kriterien für eine automatische Entscheidung erfüllt (§ 31a SGB X)"
    for nach in ENTSCHEIDBAR[ENTSCHEIDBAR.index(antrag.status) + 1 :]:
        services.status_setzen(None, antrag, nach, grund=grund, kanal=KANAL)
    return services.bewilligen(None, antrag, automatisch=True, kanal=KANAL)


def _versuche_entscheidung(antrag: Antrag, kriterien: list[dict]) -> Entscheidung | None:
    """Decide when every criterion is met; a refusal by ``bewilligen`` is recorded and changes nothing."""
    if not all(k["erfuellt"] is True for k in kriterien):
        return None
    try:
        with transaction.atomic():
            return _entscheiden(antrag)
    except ValidationError as fehler:
        antrag.refresh_from_db()
        kriterien.append(_eintrag("bewilligung", (False, " ".join(fehler.messages))))
        return None


def pruefe_automatik(antrag: Antrag) -> AutomatikPruefung:
    """Check ``antrag`` against its Träger's ``AutomatikRegel`` and decide it only if every criterion is met.

    § 31a SGB X. The check is stored (``AutomatikPruefung``) and audited (no user, channel ``automatik``); the
    decision, when taken, is made in the same transaction (status change, Bewilligung, its Bescheid). The Antrag
    is locked for the check and ``antrag`` is refreshed from the database.
    """
    with transaction.atomic():
        Antrag.objects.select_for_update().filter(pk=antrag.pk).first()
        antrag.refresh_from_db()
        regel = regel_fuer(antrag)
        kriterien = kriterien_pruefen(antrag, regel)
        entscheidung = _versuche_entscheidung(antrag, kriterien)
        pruefung = AutomatikPruefung.objects.create(
            antrag=antrag,
            regel=regel,
            automatisch_entschieden=entscheidung is not None,
            kriterien=kriterien,
            entscheidung=entscheidung,
        )
        protokolliere(
            None,
            AuditAktion.ANLEGEN,
            ("automatikpruefung", pruefung.pk, f"§ 31a SGB X: Prüfung zu {antrag.aktenzeichen}"),
            dienststelle=antrag.dienststelle,
            kanal=KANAL,
            details={
                "antrag": antrag.aktenzeichen,
                "bedarfsgemeinschaft": antrag.bedarfsgemeinschaft.bg_nummer,
                "automatisch_entschieden": pruefung.automatisch_entschieden,
                "entscheidung": entscheidung.pk if entscheidung else None,
                "nicht_erfuellt": [k["kriterium"] for k in kriterien if k["erfuellt"] is not True],
            },
        )
    return pruefung


# --------------------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------------------


def zusammenfassen(pruefungen) -> dict:
    """Counts over checks (one per Antrag): decided automatically, to a person, and per criterion the failures.

    ``kriterien`` lists every criterion of ``KRITERIEN`` in order with ``bezeichnung`` (German label),
    ``nicht_erfuellt`` (``False``) and ``nicht_pruefbar`` (``None``).
    """
    anzahl = automatisch = 0
    zaehler = {name: {"nicht_erfuellt": 0, "nicht_pruefbar": 0} for name in KRITERIEN}
    for pruefung in pruefungen:
        anzahl += 1
        automatisch += pruefung.automatisch_entschieden
        for kriterium in pruefung.kriterien:
            if kriterium["erfuellt"] is not True and kriterium["kriterium"] in zaehler:
                zaehler[kriterium["kriterium"]][
                    "nicht_erfuellt" if kriterium["erfuellt"] is False else "nicht_pruefbar"
                ] += 1
    return {
        "geprueft": anzahl,
        "automatisch_entschieden": automatisch,
        "an_person": anzahl - automatisch,
        "kriterien": [{"kriterium": name, "bezeichnung": KRITERIEN[name], **zaehler[name]} for name in KRITERIEN],
    }


def _je_antrag(pruefungen) -> list[AutomatikPruefung]:
    """One check per Antrag: the one that decided it, else the latest (``pruefungen`` ordered oldest first)."""
    gewaehlt: dict[int, AutomatikPruefung] = {}
    for pruefung in pruefungen:
        bisher = gewaehlt.get(pruefung.antrag_id)
        if bisher is None or not bisher.automatisch_entschieden:
            gewaehlt[pruefung.antrag_id] = pruefung
    return list(gewaehlt.values())


def automatik_bericht(traeger, von: date, bis: date) -> dict:
    """How many Anträge of ``traeger`` checked from ``von`` to ``bis`` (inclusive) were decided automatically, how
    many went to a person, and which criteria failed or could not be checked (one check per Antrag: the deciding
    one, else the latest in the period). Keys: ``von``, ``bis`` and those of ``zusammenfassen``.
    """
    if von > bis:
        raise ValidationError("Der Beginn des Zeitraums darf nicht nach seinem Ende liegen.")
    pruefungen = (
        AutomatikPruefung.objects.filter(
            antrag__dienststelle__traeger=traeger, zeitpunkt__date__gte=von, zeitpunkt__date__lte=bis
        )
        .only("antrag_id", "automatisch_entschieden", "kriterien")
        .order_by("zeitpunkt", "id")
    )
    return {"von": von, "bis": bis, **zusammenfassen(_je_antrag(pruefungen))}
