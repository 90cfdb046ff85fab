"""Engine input (``sozialhaus.rules.berechne``, see docs/rules.md) for one Bedarfsgemeinschaft and one month.

The input is built from the time-versioned facts as they stood in that month:

* persons: every BG member whose membership (``BGMitglied``) touches the month; the id in the input is the
  Kundennummer;
* Einkommen, Vermögen and the Unterkunft of the Haushalt: the versions valid on the *Stichtag*, the first day of
  the month or, when benefits start within the month (``bezug_seit``), that day;
* Beziehungen (Partner/in, Elternteil) between the members.

Derived facts and simplifications:

* **Erwerbsfähigkeit** (§ 8 SGB II) is derived from age and the recorded Erwerbsminderung: a person counts as
  erwerbsfähig from the 15th birthday (§ 7 Abs. 1 Satz 1 Nr. 1 SGB II, age on the Stichtag) until the
  Regelaltersgrenze of § 7a SGB II is reached (table and month rule of the engine's Vorrangprüfung), unless
  ``Person.dauerhaft_voll_erwerbsgemindert_seit`` lies on or before the Stichtag; that date is passed as
  ``dauerhaft_voll_erwerbsgemindert`` (§ 41 Abs. 3 SGB XII). A befristete volle Erwerbsminderung is not recorded.
* **Einkommen** enters with its monthly netto (Erwerbseinkommen with brutto and netto); Einkommen aus
  selbständiger Tätigkeit counts as Erwerbseinkommen; kinds a legal area does not know are passed as
  ``sonstiges``. Wohngeld and Kinderzuschlag are no Jahreseinkommen for Wohngeld (§ 14 Abs. 2 WoGG) and are left
  out there.
* **Vermögen** is the sum of the recorded Verkehrswerte without the entries marked as Schonvermögen (the
  caseworker's assessment, § 12 Abs. 1 Satz 2 SGB II, § 90 Abs. 2 SGB XII).
* ``personen_im_haushalt`` is the number of Haushalt members, at least the BG members (Kopfteilprinzip).
* The Angemessenheit of the Unterkunft (``ANGEMESSENHEIT``) is passed on where recorded; without it the engine
  recognises the actual costs.
* Wohngeld needs the Mietenstufe of the Gemeinde of the Unterkunft (``Gemeinde.mietenstufe``, Anlage zu § 1 Abs. 3
  WoGV) and AsylbLG the start of each person's stay (``Person.aufenthalt_seit``, § 2 Abs. 1 AsylbLG); without
  them the month is reported as missing facts.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from sozialhaus.people.models import Beziehung, BGMitglied, Einkommen, Person, Unterkunft
from sozialhaus.rules.parameter import parameter_fuer
from sozialhaus.rules.vorrang import altersgrenze_ueberschritten

from .zeitraum import monat_text, monatsanfang, monatsende

MINDESTALTER_ERWERBSFAEHIG = 15
"""§ 7 Abs. 1 Satz 1 Nr. 1 SGB II."""

EINKOMMENSARTEN = {
    "buergergeld": {"erwerbseinkommen", "kindergeld", "unterhalt", "unterhaltsvorschuss", "rente",
                    "arbeitslosengeld", "elterngeld", "sonstiges"},
    "hilfe_zum_lebensunterhalt": {"erwerbseinkommen", "rente", "kindergeld", "unterhalt", "unterhaltsvorschuss",
                                  "arbeitslosengeld", "sonstiges"},
    "asylblg": {"erwerbseinkommen", "kindergeld", "unterhalt", "rente", "sonstiges"},
    "wohngeld": {"erwerbseinkommen", "rente", "arbeitslosengeld", "unterhalt", "unterhaltsvorschuss", "elterngeld",
                 "kindergeld", "sonstiges"},
}  # fmt: skip
"""Income kinds each legal area of the engine accepts (docs/rules.md)."""
EINKOMMENSARTEN["grundsicherung_alter_erwerbsminderung"] = EINKOMMENSARTEN["hilfe_zum_lebensunterhalt"]

ANGEMESSENHEIT = ("angemessene_bruttokaltmiete", "angemessene_heizkosten", "kostensenkung_ab")
"""Optional Unterkunft facts of the Angemessenheit (§ 22 Abs. 1 SGB II, § 35 SGB XII), passed on when recorded."""

KEIN_EINKOMMEN = {"wohngeld": {Einkommen.Art.WOHNGELD, Einkommen.Art.KINDERZUSCHLAG}}
"""Kinds that are no income for a legal area (§ 14 Abs. 2 WoGG lists neither Wohngeld nor Kinderzuschlag)."""


def _gueltig_am(stichtag: date) -> Q:
    return Q(gueltig_ab__lte=stichtag) & (Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=stichtag))


def stichtag(monat: date, bezug_seit: date | None) -> date:
    """The day whose facts count for ``monat``: its first day, or the start of benefits if that lies in it."""
    anfang = monatsanfang(monat)
    if bezug_seit and anfang < bezug_seit <= monatsende(anfang):
        return bezug_seit
    return anfang


def mitglieder_im_monat(bg, monat: date) -> list[Person]:
    """Persons whose BG membership touches ``monat``, in the order they joined (each person once)."""
    anfang, ende = monatsanfang(monat), monatsende(monat)
    zeilen = (
        BGMitglied.objects.filter(bedarfsgemeinschaft=bg, gueltig_ab__lte=ende)
        .filter(Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=anfang))
        .select_related("person")
        .order_by("gueltig_ab", "id")
    )
    return list({zeile.person_id: zeile.person for zeile in zeilen}.values())


def erwerbsfaehig(person: Person, tag: date) -> bool:
    """15 years completed, the Regelaltersgrenze (§ 7a SGB II) not reached and not dauerhaft voll erwerbsgemindert.

    § 7 Abs. 1 Satz 1 Nr. 1 and 2, § 8 Abs. 1 SGB II.
    """
    if person.alter_am(tag) < MINDESTALTER_ERWERBSFAEHIG or person.dauerhaft_voll_erwerbsgemindert_am(tag):
        return False
    erreicht, _ = altersgrenze_ueberschritten(
        person.geburtsdatum, tag.year, tag.month, parameter_fuer("vorrang", f"{tag:%Y-%m}")
    )
    return not erreicht


def _einkommen_eintrag(einkommen: Einkommen, arten: set[str]) -> dict:
    art = Einkommen.Art.ERWERBSEINKOMMEN if einkommen.art == Einkommen.Art.SELBSTAENDIG else einkommen.art
    if art == Einkommen.Art.ERWERBSEINKOMMEN:
        return {"art": "erwerbseinkommen", "brutto": str(einkommen.brutto), "netto": str(einkommen.netto)}
    eintrag = {"art": art if art in arten else "sonstiges", "betrag": str(einkommen.netto)}
    if art == Einkommen.Art.RENTE:
        eintrag["brutto"] = str(einkommen.brutto)  # Wohngeld counts the gross Rente (§ 14 Abs. 2 WoGG)
    return eintrag


def einkommen_im_monat(person: Person, tag: date, leistung: str) -> list[dict]:
    """The person's income entries valid on ``tag`` in the engine format of ``leistung``."""
    ausgenommen = KEIN_EINKOMMEN.get(leistung, set())
    return [
        _einkommen_eintrag(e, EINKOMMENSARTEN[leistung])
        for e in person.einkommen.filter(_gueltig_am(tag)).order_by("art", "id")
        if e.art not in ausgenommen
    ]


def vermoegen_am(person: Person, tag: date) -> str:
    """Sum of the person's recorded Vermögen valid on ``tag``, without Schonvermögen."""
    zu_beruecksichtigen = person.vermoegen.filter(_gueltig_am(tag), schonvermoegen=False)
    return str(sum((v.wert for v in zu_beruecksichtigen), Decimal("0.00")))


def _person_eingabe(person: Person, tag: date, leistung: str, text: str, fehlt: list[str]) -> dict:
    eintrag = {
        "id": person.kundennummer,
        "geburtsdatum": person.geburtsdatum.isoformat(),
        "erwerbsfaehig": erwerbsfaehig(person, tag),
        "dauerhaft_voll_erwerbsgemindert": person.dauerhaft_voll_erwerbsgemindert_am(tag),
        "einkommen": einkommen_im_monat(person, tag, leistung),
        "vermoegen": vermoegen_am(person, tag),
    }
    if leistung == "asylblg":
        if person.aufenthalt_seit is None:
            fehlt.append(f"Für {text} fehlt der Beginn des Aufenthalts von {person} (§ 2 Abs. 1 AsylbLG).")
        else:
            eintrag["aufenthalt_seit"] = person.aufenthalt_seit.isoformat()
    return eintrag


def beziehungen_zwischen(personen: list[Person]) -> list[dict]:
    """Partner and Elternteil relations among ``personen`` (ids are Kundennummern)."""
    nummer = {p.pk: p.kundennummer for p in personen}
    return [
        {"art": b.art, "von": nummer[b.von_id], "zu": nummer[b.zu_id]}
        for b in Beziehung.objects.filter(von__in=nummer, zu__in=nummer).order_by("id")
    ]


def _angemessenheit(unterkunft: Unterkunft) -> dict:
    """The recorded facts of ``ANGEMESSENHEIT`` as engine strings (amounts, ISO date); unrecorded ones are left out."""
    werte = {feld: getattr(unterkunft, feld) for feld in ANGEMESSENHEIT}
    return {feld: w.isoformat() if isinstance(w, date) else str(w) for feld, w in werte.items() if w is not None}


def _unterkunft_eingabe(bg, tag: date, leistung: str, anzahl: int, text: str, fehlt: list[str]) -> dict | None:
    haushalt = bg.haushalt
    unterkunft = haushalt.unterkuenfte.filter(_gueltig_am(tag)).select_related("gemeinde").first()
    if unterkunft is None:
        fehlt.append(f"Für {text} fehlen die Unterkunftskosten des Haushalts {haushalt.nummer}.")
        return None
    eintrag = {
        "kaltmiete": str(unterkunft.kaltmiete),
        "nebenkosten": str(unterkunft.nebenkosten),
        "heizkosten": str(unterkunft.heizkosten),
        "warmwasser_dezentral": unterkunft.warmwasser_dezentral,
        "personen_im_haushalt": max(haushalt.mitglieder.count(), anzahl),
    }
    eintrag.update(_angemessenheit(unterkunft))
    if leistung == "wohngeld":
        gemeinde = unterkunft.gemeinde
        if gemeinde.mietenstufe is None:
            fehlt.append(f"Für {text} fehlt die Mietenstufe der Gemeinde {gemeinde.name} (Anlage zu § 1 Abs. 3 WoGV).")
        else:
            eintrag["mietenstufe"] = gemeinde.mietenstufe
    return eintrag


def eingabe_fuer_monat(bg, monat: date, leistung: str, bezug_seit: date, bezug_bis: date | None) -> dict:
    """The engine input for ``bg`` in ``monat`` for ``leistung`` from the facts as they stood then.

    Raises ValidationError listing every missing fact in German ("Für 03/2026 fehlen die Unterkunftskosten des
    Haushalts H00000012.").
    """
    monat = monatsanfang(monat)
    text = monat_text(monat)
    tag = stichtag(monat, bezug_seit)
    fehlt: list[str] = []
    personen = mitglieder_im_monat(bg, monat)
    if not personen:
        fehlt.append(f"Für {text} gehört der Bedarfsgemeinschaft {bg.bg_nummer} niemand an.")
    eingabe = {
        "monat": f"{monat:%Y-%m}",
        "leistung": leistung,
        "bezug_seit": bezug_seit.isoformat(),
        "bezug_bis": bezug_bis.isoformat() if bezug_bis else None,
        "personen": [_person_eingabe(p, tag, leistung, text, fehlt) for p in personen],
        "beziehungen": beziehungen_zwischen(personen),
        "unterkunft": _unterkunft_eingabe(bg, tag, leistung, len(personen), text, fehlt),
    }
    if fehlt:
        raise ValidationError(fehlt)
    return eingabe
