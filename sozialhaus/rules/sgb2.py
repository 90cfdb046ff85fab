"""Grundsicherung für Arbeitsuchende (SGB II): Bürgergeld (2023-01 to 2026-06), Grundsicherungsgeld (from 2026-07).

One household-month in, one result out. The calculation follows the order of the law:

1. Regelbedarf per person (§ 20, § 23), Mehrbedarfe (§ 21), Unterkunft und Heizung by Kopfteil (§ 22).
2. Vermögen (§ 12): excess means no claim for the whole Bedarfsgemeinschaft.
3. Einkommen per person (§§ 11 to 11b); children's income covers the child's own need first, surplus Kindergeld
   goes to the parent (§ 11 Abs. 1 Satz 5); the remaining income is spread over the BG (§ 9 Abs. 2 Satz 3).
4. Kindersofortzuschlag (§ 72), Leistungsminderungen (§§ 31a, 32), partial month (§ 41 Abs. 1).

Every rule is a small function that cites its norm; amounts and switches come from the dated parameters, so a
reform that changes values or switches a rule by month is a parameter change plus, at most, a new rule function.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
from decimal import ROUND_DOWN, Decimal

from .basis import (
    CENT,
    NULL,
    EingabeFehler,
    datum,
    euro,
    feldname,
    fmt,
    geld,
    monat,
    position,
    prozent,
    runden,
    wahrheitswert,
)
from .eingabe import einkommen_roh, erwerbseinkommen, lies_beziehungen, personen_roh
from .parameter import Parameter, parameter_fuer

RECHTSGEBIET = "sgb2"
ERSTER_MONAT = "2023-01"
EINKOMMENSARTEN = frozenset(
    {
        "erwerbseinkommen",
        "kindergeld",
        "unterhalt",
        "unterhaltsvorschuss",
        "rente",
        "arbeitslosengeld",
        "elterngeld",
        "sonstiges",
    }
)
_EINKOMMENSARTEN_TEXT = ", ".join(sorted(EINKOMMENSARTEN))
EINKOMMENSART_TEXT = {
    "kindergeld": "Kindergeld",
    "unterhalt": "Unterhalt",
    "unterhaltsvorschuss": "Unterhaltsvorschuss",
    "rente": "Rente",
    "arbeitslosengeld": "Arbeitslosengeld",
    "elterngeld": "Elterngeld",
    "sonstiges": "sonstiges Einkommen",
}
MINDERUNGSARTEN = frozenset({"pflichtverletzung", "meldeversaeumnis", "arbeitsverweigerung"})
RBS_TEXT = {rbs: f"Regelbedarf (Regelbedarfsstufe {rbs})" for rbs in range(1, 7)}
RBS_NORM = {
    1: "§ 20 Abs. 2 Satz 1 SGB II",
    2: "§ 20 Abs. 4 SGB II",
    3: "§ 20 Abs. 2 Satz 2 Nr. 2 SGB II",
    4: "§ 20 Abs. 2 Satz 2 Nr. 1, § 23 Nr. 1 SGB II",
    5: "§ 23 Nr. 1 SGB II",
    6: "§ 23 Nr. 1 SGB II",
}


_LEER: dict = {}


@functools.lru_cache(maxsize=256)
def _monatstage(jahr: int, mon: int) -> int:
    return calendar.monthrange(jahr, mon)[1]


class Person:
    """One member of the Bedarfsgemeinschaft for the month (input facts plus intermediate results)."""

    __slots__ = (
        "id",
        "index",
        "geburtsdatum",
        "alter",
        "erwerbsfaehig",
        "schwanger",
        "einkommen",
        "vermoegen",
        "mb_behinderung",
        "mb_ernaehrung",
        "mb_unabweisbar",
        "minderung",
        "partner",
        "eltern",
        "kinder",
        "rbs",
        "regelbedarf",
        "mehrbedarfe",
        "mehrbedarf_summe",
        "kdu",
        "bedarf",
        "ist_kind",
        "eigenes_einkommen",
        "kindergeld_uebertrag",
        "angerechnet",
        "restbedarf",
        "hilfebeduerftig",
        "nur_wegen_kindergeld",
        "anspruch",
        "anspruch_kdu",
        "sofortzuschlag",
        "zeilen",
    )

    def __init__(self) -> None:
        self.partner: str | None = None
        self.eltern: list[str] = []
        self.kinder: list[str] = []
        self.mehrbedarfe: list[tuple[str, str, Decimal, str]] = []
        self.kindergeld_uebertrag = NULL
        self.sofortzuschlag = NULL
        self.anspruch_kdu = NULL
        self.zeilen: list[dict] = []
        self.hilfebeduerftig = True
        self.nur_wegen_kindergeld = False


# --------------------------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------------------------


def _alter(geburt: _dt.date, jahr: int, mon: int, im_geburtstagsmonat: bool) -> int:
    """Completed years of life in the month; with ``im_geburtstagsmonat`` a birthday in the month counts already."""
    alter = jahr - geburt.year
    if im_geburtstagsmonat:
        if geburt.month > mon:
            alter -= 1
    elif (geburt.month, geburt.day) > (mon, 1):
        alter -= 1
    return alter


def _lies_personen(eingabe: dict, jahr: int, mon: int, p: Parameter) -> dict[str, Person]:
    letzter_tag = _dt.date(jahr, mon, _monatstage(jahr, mon))
    im_geburtstagsmonat = bool(p["alter_im_geburtstagsmonat"])
    personen: dict[str, Person] = {}
    for i, roh, f, pid, geburt in personen_roh(eingabe, personen, "Personen je Bedarfsgemeinschaft", letzter_tag):
        person = Person()
        person.id = pid
        person.index = i
        person.geburtsdatum = geburt
        person.alter = _alter(person.geburtsdatum, jahr, mon, im_geburtstagsmonat)
        person.erwerbsfaehig = wahrheitswert(roh.get("erwerbsfaehig"), (f, ".erwerbsfaehig"), person.alter >= 15)
        if person.alter < 15:
            person.erwerbsfaehig = False
        person.schwanger = wahrheitswert(roh.get("schwanger_ab_13_woche"), (f, ".schwanger_ab_13_woche"))
        person.vermoegen = geld(roh.get("vermoegen"), (f, ".vermoegen"), pflicht=False) or NULL
        mb = roh.get("mehrbedarfe") or _LEER
        if mb.__class__ is not dict:
            raise EingabeFehler(f"Feld '{feldname(f)}.mehrbedarfe': Objekt erwartet.")
        person.mb_behinderung = wahrheitswert(
            mb.get("behinderung_eingliederungshilfe"), (f, ".mehrbedarfe.behinderung_eingliederungshilfe")
        )
        person.mb_ernaehrung = (
            geld(
                mb.get("kostenaufwaendige_ernaehrung"), (f, ".mehrbedarfe.kostenaufwaendige_ernaehrung"), pflicht=False
            )
            or NULL
        )
        person.mb_unabweisbar = geld(mb.get("unabweisbar"), (f, ".mehrbedarfe.unabweisbar"), pflicht=False) or NULL
        roh_einkommen = roh.get("einkommen")
        person.einkommen = _lies_einkommen(roh_einkommen, f) if roh_einkommen else []
        roh_minderung = roh.get("leistungsminderung")
        person.minderung = None if roh_minderung is None else _lies_minderung(roh_minderung, f)
        personen[pid] = person
    return personen


def _lies_einkommen(roh, f: str) -> list[dict]:
    if roh is None:
        return []
    ergebnis = []
    for fe, e, art in einkommen_roh(roh, f, EINKOMMENSARTEN, _EINKOMMENSARTEN_TEXT):
        if art == "erwerbseinkommen":
            ergebnis.append(erwerbseinkommen(e, fe))
            continue
        eintrag = {"art": art, "betrag": geld(e.get("betrag"), (fe, ".betrag"))}
        if art == "kindergeld":
            fuer = e.get("fuer")
            if fuer is not None and not isinstance(fuer, str):
                raise EingabeFehler(f"Feld '{feldname(fe)}.fuer': Kennung des Kindes als Zeichenkette erwartet.")
            eintrag["fuer"] = fuer
        if art == "elterngeld":
            feld = "vorgeburtliches_einkommen" if "vorgeburtliches_einkommen" in e else "einkommen_vor_geburt"
            eintrag["vorgeburtlich"] = geld(e.get(feld), (fe, ".", feld), pflicht=False)
            eintrag["plus"] = wahrheitswert(e.get("elterngeld_plus"), (fe, ".elterngeld_plus"))
        ergebnis.append(eintrag)
    return ergebnis


def _lies_minderung(roh, f: str) -> tuple[str, int] | None:
    if roh is None:
        return None
    if not isinstance(roh, dict):
        raise EingabeFehler(f"Feld '{feldname(f)}.leistungsminderung': Objekt mit 'art' und 'stufe' erwartet.")
    art = roh.get("art")
    if art not in MINDERUNGSARTEN:
        raise EingabeFehler(
            f"Feld '{feldname(f)}.leistungsminderung.art': erlaubt sind {', '.join(sorted(MINDERUNGSARTEN))}."
        )
    stufe = roh.get("stufe", 1)
    if isinstance(stufe, bool) or not isinstance(stufe, int) or not 1 <= stufe <= 3:
        raise EingabeFehler(f"Feld '{feldname(f)}.leistungsminderung.stufe': Zahl 1, 2 oder 3 erwartet.")
    return art, stufe


def _lies_beziehungen(eingabe: dict, personen: dict[str, Person]) -> None:
    lies_beziehungen(eingabe, personen, nur_kennungen=False)
    for person in personen.values():
        if person.eltern and person.alter >= 25 and person.partner is None:
            raise EingabeFehler(
                f"Feld 'personen[{person.index}].geburtsdatum': Person '{person.id}' ist 25 Jahre oder älter und "
                "bildet mit den Eltern keine Bedarfsgemeinschaft (§ 7 Abs. 3 Nr. 4 SGB II)."
            )
        person.ist_kind = bool(person.eltern) and person.partner is None and person.alter < 25


# --------------------------------------------------------------------------------------------------------------
# Regelbedarf, Mehrbedarfe
# --------------------------------------------------------------------------------------------------------------


def regelbedarfsstufe(person: Person, personen: dict[str, Person]) -> int:
    """Regelbedarfsstufe by age and role (§ 20 Abs. 2 und 4, § 23 Nr. 1 SGB II).

    Children by age (RBS 6 up to 5 years, RBS 5 6 to 13, RBS 4 14 to 17); adults with an adult partner RBS 2;
    adults under 25 in the parents' Bedarfsgemeinschaft RBS 3; all other adults RBS 1.
    """
    if person.alter < 6:
        return 6
    if person.alter < 14:
        return 5
    if person.alter < 18:
        return 4
    if person.partner is not None and personen[person.partner].alter >= 18:
        return 2
    if person.ist_kind:
        return 3
    return 1


def mehrbedarf_schwangerschaft(person: Person, p: Parameter) -> Decimal:
    """Mehrbedarf für werdende Mütter nach der 12. Schwangerschaftswoche: 17 % des Regelbedarfs (§ 21 Abs. 2)."""
    if not person.schwanger:
        return NULL
    return runden(person.regelbedarf * p["mehrbedarf_schwangerschaft"])


def mehrbedarf_alleinerziehend_satz(kinder_alter: list[int], p: Parameter) -> Decimal:
    """Satz des Mehrbedarfs für Alleinerziehende (§ 21 Abs. 3 SGB II).

    Nr. 1: 36 % bei einem Kind unter 7 Jahren oder zwei oder drei Kindern unter 16 Jahren;
    Nr. 2: 12 % je minderjährigem Kind, wenn dies höher ist; höchstens 60 %.
    """
    t = p["mehrbedarf_alleinerziehend"]
    minderjaehrig = [a for a in kinder_alter if a < 18]
    if not minderjaehrig:
        return NULL
    satz = NULL
    unter_7 = sum(1 for a in minderjaehrig if a < t["nr1_alter_ein_kind_unter"])
    unter_16 = sum(1 for a in minderjaehrig if a < t["nr1_alter_zwei_drei_kinder_unter"])
    if unter_7 >= 1 or 2 <= unter_16 <= 3:
        satz = t["satz_nr1"]
    satz = max(satz, t["satz_je_kind"] * len(minderjaehrig))
    return min(satz, t["hoechstsatz"])


def ist_alleinerziehend(person: Person, personen: dict[str, Person]) -> bool:
    """Alleinerziehend: lebt mit minderjährigen Kindern zusammen und sorgt allein für sie (§ 21 Abs. 3 SGB II).

    Modelled as: no partner in the Bedarfsgemeinschaft and at least one minor child of the person in it.
    """
    return person.partner is None and any(personen[k].alter < 18 for k in person.kinder)


def mehrbedarf_behinderung(person: Person, p: Parameter) -> tuple[Decimal, str]:
    """35 % des Regelbedarfs für erwerbsfähige behinderte Menschen mit Leistungen zur Teilhabe am Arbeitsleben oder
    Eingliederungshilfe (§ 21 Abs. 4 SGB II); für nicht erwerbsfähige Personen ab 15 Jahren § 23 Nr. 2 SGB II."""
    if not person.mb_behinderung:
        return NULL, ""
    if person.erwerbsfaehig:
        return runden(person.regelbedarf * p["mehrbedarf_behinderung"]), "§ 21 Abs. 4 SGB II"
    if person.alter >= 15:
        return runden(person.regelbedarf * p["mehrbedarf_behinderung"]), "§ 23 Nr. 2 SGB II"
    return NULL, ""


def mehrbedarf_warmwasser(person: Person, p: Parameter) -> Decimal:
    """Dezentrale Warmwassererzeugung: Anteil des Regelbedarfs je Regelbedarfsstufe (§ 21 Abs. 7 SGB II)."""
    return runden(person.regelbedarf * p["mehrbedarf_warmwasser"][person.rbs])


def ermittle_mehrbedarfe(person: Person, personen: dict[str, Person], p: Parameter, warmwasser: bool) -> None:
    """All Mehrbedarfe of a person; Abs. 2 to 5 together at most the Regelbedarf (§ 21 Abs. 8 SGB II)."""
    mb = person.mehrbedarfe
    if not (
        person.schwanger
        or person.mb_behinderung
        or person.mb_ernaehrung
        or person.mb_unabweisbar
        or warmwasser
        or (person.kinder and person.partner is None)
    ):
        return
    betrag = mehrbedarf_schwangerschaft(person, p)
    if betrag:
        mb.append(
            (
                "schwangerschaft",
                f"Mehrbedarf bei Schwangerschaft ({prozent(p['mehrbedarf_schwangerschaft'])} des Regelbedarfs)",
                betrag,
                "§ 21 Abs. 2 SGB II",
            )
        )
    if ist_alleinerziehend(person, personen):
        kinder_alter = [personen[k].alter for k in person.kinder]
        satz = mehrbedarf_alleinerziehend_satz(kinder_alter, p)
        if satz:
            anzahl = sum(1 for a in kinder_alter if a < 18)
            mb.append(
                (
                    "alleinerziehend",
                    f"Mehrbedarf für Alleinerziehende ({anzahl} minderjährige(s) Kind(er), {prozent(satz)} des Regelbedarfs)",
                    runden(person.regelbedarf * satz),
                    "§ 21 Abs. 3 SGB II",
                )
            )
    betrag, norm = mehrbedarf_behinderung(person, p)
    if betrag:
        mb.append(
            (
                "behinderung",
                f"Mehrbedarf für Menschen mit Behinderung ({prozent(p['mehrbedarf_behinderung'])} des Regelbedarfs)",
                betrag,
                norm,
            )
        )
    if person.mb_ernaehrung:
        mb.append(
            ("ernaehrung", "Mehrbedarf für kostenaufwändige Ernährung", person.mb_ernaehrung, "§ 21 Abs. 5 SGB II")
        )
    summe_2_bis_5 = sum((m[2] for m in mb), NULL)
    grenze = runden(person.regelbedarf * p["mehrbedarf_hoechstgrenze"])
    if summe_2_bis_5 > grenze:
        mb.append(
            (
                "hoechstgrenze",
                f"Begrenzung der Mehrbedarfe auf die Höhe des Regelbedarfs ({euro(grenze)})",
                grenze - summe_2_bis_5,
                "§ 21 Abs. 8 SGB II",
            )
        )
    if person.mb_unabweisbar:
        mb.append(
            (
                "unabweisbar",
                "Mehrbedarf für unabweisbaren, laufenden besonderen Bedarf",
                person.mb_unabweisbar,
                "§ 21 Abs. 6 SGB II",
            )
        )
    if warmwasser:
        anteil = p["mehrbedarf_warmwasser"][person.rbs]
        mb.append(
            (
                "warmwasser",
                f"Mehrbedarf für dezentrale Warmwassererzeugung ({prozent(anteil)} des Regelbedarfs)",
                mehrbedarf_warmwasser(person, p),
                "§ 21 Abs. 7 SGB II",
            )
        )


# --------------------------------------------------------------------------------------------------------------
# Unterkunft und Heizung
# --------------------------------------------------------------------------------------------------------------


KARENZZEIT_FRUEHESTENS = _dt.date(2023, 1, 1)


def karenzzeit_beginn(bezug_seit: _dt.date) -> _dt.date:
    """The Karenzzeit (§ 22 Abs. 1 Satz 2, § 12 Abs. 3 SGB II) counts from the first month of receipt, but receipt
    before 1.1.2023 is not counted (§ 65 Abs. 3 und 5 SGB II): it then starts on 1.1.2023."""
    return max(bezug_seit, KARENZZEIT_FRUEHESTENS)


def monate_seit(beginn: _dt.date, jahr: int, mon: int) -> int:
    """Whole months from the month of ``beginn`` to the month calculated (0 = same month)."""
    return (jahr - beginn.year) * 12 + (mon - beginn.month)


def anerkannte_unterkunftskosten(
    u: dict, in_karenzzeit: bool, kostensenkung_erreicht: bool, mit_kind: bool, p: Parameter, hinweise: list[str]
) -> tuple[Decimal, Decimal, str]:
    """Anerkannte Aufwendungen für Unterkunft (Bruttokaltmiete) und Heizung des Haushalts (§ 22 Abs. 1 SGB II).

    In the Karenzzeit (§ 22 Abs. 1 Satz 2) the actual Unterkunft costs count, from 2026-07 capped at a multiple of
    the angemessene Bruttokaltmiete (13. SGB II-ÄndG); heating never falls under the Karenzzeit. Afterwards the
    actual costs count until the Kostensenkung date, then only the angemessene costs (§ 22 Abs. 1 Satz 1 und 7).
    """
    unterkunft = u["kaltmiete"] + u["nebenkosten"]
    heizung = u["heizkosten"]
    angemessen = u["angemessene_bruttokaltmiete"]
    angemessen_heizung = u["angemessene_heizkosten"]
    norm = "§ 22 Abs. 1 Satz 1 SGB II"
    if in_karenzzeit:
        norm = "§ 22 Abs. 1 Satz 2 SGB II (Karenzzeit)"
        deckel = p["kdu_karenzzeit_deckel"]
        if deckel is not None and mit_kind and p.get("kdu_karenzzeit_deckel_ausnahme_kinder"):
            hinweise.append(
                "Kein Deckel der Unterkunftskosten in der Karenzzeit: Bedarfsgemeinschaft mit Kind "
                "(§ 22 Abs. 1 Satz 7 SGB II n.F.)."
            )
            deckel = None
        if deckel is not None and angemessen is not None:
            grenze = runden(angemessen * deckel)
            if unterkunft > grenze:
                hinweise.append(
                    f"Unterkunftskosten in der Karenzzeit auf das {str(deckel).replace('.', ',')}-fache der angemessenen "
                    f"Bruttokaltmiete begrenzt ({euro(grenze)} statt {euro(unterkunft)})."
                )
                unterkunft = grenze
    elif angemessen is not None and unterkunft > angemessen:
        if kostensenkung_erreicht:
            hinweise.append(
                f"Nach Ablauf der Kostensenkungsfrist wird nur die angemessene Bruttokaltmiete von {euro(angemessen)} "
                f"anerkannt (tatsächlich {euro(unterkunft)})."
            )
            unterkunft = angemessen
            norm = "§ 22 Abs. 1 Satz 1 und 7 SGB II"
        else:
            hinweise.append(
                f"Die Bruttokaltmiete von {euro(unterkunft)} übersteigt die angemessene von {euro(angemessen)}; "
                "ohne Kostensenkungsaufforderung werden die tatsächlichen Kosten anerkannt (§ 22 Abs. 1 Satz 7 SGB II)."
            )
    if angemessen_heizung is not None and heizung > angemessen_heizung and kostensenkung_erreicht:
        hinweise.append(f"Heizkosten auf die angemessenen {euro(angemessen_heizung)} begrenzt.")
        heizung = angemessen_heizung
    return unterkunft, heizung, norm


def kdu_anteile(kdu_gesamt: Decimal, im_haushalt: int, in_bg: int) -> list[Decimal]:
    """Kopfteilprinzip (§ 22 Abs. 1 Satz 1 SGB II, BSG B 4 AS 33/08 R): the BG bears ``in_bg`` of ``im_haushalt``
    equal shares of the actual costs, rounded to cents (§ 41 Abs. 2) as a whole. Each member gets the share rounded
    down; the remaining cents go one by one to the first members, so the shares add up exactly to the BG's part of
    the actual costs and none is negative (1.000 € / 3 = 333,34 + 333,33 + 333,33)."""
    kopfteil = (kdu_gesamt / im_haushalt).quantize(CENT, ROUND_DOWN)
    rest_cent = int((runden(kdu_gesamt * in_bg / im_haushalt) - kopfteil * in_bg) / CENT)
    return [kopfteil + CENT if i < rest_cent else kopfteil for i in range(in_bg)]


def _lies_unterkunft(eingabe: dict) -> dict:
    roh = eingabe.get("unterkunft")
    if roh is None:
        roh = {}
    if not isinstance(roh, dict):
        raise EingabeFehler("Feld 'unterkunft': Objekt erwartet.")
    u = {
        "kaltmiete": geld(roh.get("kaltmiete"), "unterkunft.kaltmiete", pflicht=False) or NULL,
        "nebenkosten": geld(roh.get("nebenkosten"), "unterkunft.nebenkosten", pflicht=False) or NULL,
        "heizkosten": geld(roh.get("heizkosten"), "unterkunft.heizkosten", pflicht=False) or NULL,
        "angemessene_bruttokaltmiete": geld(
            roh.get("angemessene_bruttokaltmiete"), "unterkunft.angemessene_bruttokaltmiete", pflicht=False
        ),
        "angemessene_heizkosten": geld(
            roh.get("angemessene_heizkosten"), "unterkunft.angemessene_heizkosten", pflicht=False
        ),
        "warmwasser_dezentral": wahrheitswert(roh.get("warmwasser_dezentral"), "unterkunft.warmwasser_dezentral"),
        "kostensenkung_ab": datum(roh.get("kostensenkung_ab"), "unterkunft.kostensenkung_ab", pflicht=False),
    }
    anzahl = roh.get("personen_im_haushalt")
    if anzahl is not None and (isinstance(anzahl, bool) or not isinstance(anzahl, int) or anzahl < 1):
        raise EingabeFehler("Feld 'unterkunft.personen_im_haushalt': ganze Zahl ab 1 erwartet.")
    u["personen_im_haushalt"] = anzahl
    return u


# --------------------------------------------------------------------------------------------------------------
# Vermögen
# --------------------------------------------------------------------------------------------------------------


def vermoegensfreibetrag(personen: list[Person], in_karenzzeit: bool, p: Parameter) -> tuple[Decimal, str, str]:
    """Freibetrag of the whole Bedarfsgemeinschaft (§ 12 SGB II), switching by month.

    Bürgergeld: in the Karenzzeit only erhebliches Vermögen counts, above 40,000 EUR for the first and 15,000 EUR
    for each further person (§ 12 Abs. 4 a.F.); afterwards 15,000 EUR per person (§ 12 Abs. 2 a.F.).
    Grundsicherungsgeld (from 2026-07): no Karenzzeit, a Freibetrag per person by age; unused Freibeträge pass to
    the other members, so the sum is compared with the sum of assets.
    """
    if p["vermoegen_modell"] == "altersgestaffelt":
        summe = NULL
        for person in personen:
            betrag = NULL
            for stufe in p["vermoegen_altersstufen"]:
                if person.alter >= stufe["ab_alter"]:
                    betrag = stufe["betrag"]
            summe += betrag
        return summe, "§ 12 Abs. 2 SGB II (Schonvermögen nach Lebensalter, 13. SGB II-ÄndG)", "altersgestaffelt"
    if in_karenzzeit:
        t = p["vermoegen_karenzzeit_freibetrag"]
        return (
            t["erste_person"] + t["weitere_person"] * (len(personen) - 1),
            "§ 12 Abs. 3 und 4 SGB II (Karenzzeit)",
            "karenzzeit",
        )
    return p["vermoegen_freibetrag_je_person"] * len(personen), "§ 12 Abs. 2 SGB II", "nach_karenzzeit"


# --------------------------------------------------------------------------------------------------------------
# Einkommen
# --------------------------------------------------------------------------------------------------------------


def erwerbstaetigenfreibetrag(brutto: Decimal, mit_kind: bool, p: Parameter) -> Decimal:
    """Freibetrag bei Erwerbstätigkeit (§ 11b Abs. 3 SGB II), bands as valid in the month, on the gross income."""
    t = p["erwerbstaetigenfreibetrag"]
    obergrenze = t["obergrenze_mit_kind"] if mit_kind else t["obergrenze"]
    freibetrag = NULL
    for stufe in t["stufen"]:
        bis = obergrenze if stufe["bis"] == "obergrenze" else stufe["bis"]
        if brutto > stufe["von"]:
            freibetrag += (min(brutto, bis) - stufe["von"]) * stufe["satz"]
    return runden(freibetrag)


def elterngeld_freibetrag(eintrag: dict, p: Parameter) -> Decimal:
    """Elterngeld is income (§ 10 Abs. 5 Satz 1 BEEG) except up to the pre-birth earnings, at most 300 EUR
    (ElterngeldPlus 150 EUR) (§ 10 Abs. 5 Satz 2, Abs. 3 BEEG; § 11a Abs. 3 SGB II)."""
    if not eintrag["vorgeburtlich"]:
        return NULL
    hoechst = p["elterngeld_freibetrag"]["plus" if eintrag["plus"] else "basis"]
    return min(eintrag["betrag"], eintrag["vorgeburtlich"], hoechst)


class Einkommen:
    """Bereinigtes Einkommen of one person, split into Kindergeld and other income, with the explanation text."""

    __slots__ = ("kindergeld", "sonstiges", "teile")

    def __init__(self) -> None:
        self.kindergeld = NULL
        self.sonstiges = NULL
        self.teile: list[str] = []


def bereinige_einkommen(person: Person, kindergeld: Decimal, mit_kind: bool, p: Parameter) -> Einkommen:
    """Einkommen after Absetzbeträge and Freibeträge (§ 11b SGB II).

    Erwerbseinkommen: net minus Grundabsetzbetrag of 100 EUR (§ 11b Abs. 2) minus Erwerbstätigenfreibetrag
    (§ 11b Abs. 3). Without Erwerbseinkommen adults deduct the Versicherungspauschale of 30 EUR (§ 11b Abs. 1 Satz 1
    Nr. 3, § 6 Abs. 1 Nr. 1 Bürgergeld-V), first from other income, then from Kindergeld.
    """
    e = Einkommen()
    if not person.einkommen and not kindergeld:
        return e
    brutto = netto = NULL
    sonst = NULL
    for eintrag in person.einkommen:
        art = eintrag["art"]
        if art == "erwerbseinkommen":
            brutto += eintrag["brutto"]
            netto += eintrag["netto"]
        elif art == "elterngeld":
            frei = elterngeld_freibetrag(eintrag, p)
            sonst += eintrag["betrag"] - frei
            e.teile.append(
                f"Elterngeld {euro(eintrag['betrag'])}" + (f" abzgl. Freibetrag {euro(frei)}" if frei else "")
            )
        elif art != "kindergeld":
            sonst += eintrag["betrag"]
            e.teile.append(f"{EINKOMMENSART_TEXT[art]} {euro(eintrag['betrag'])}")
    if kindergeld:
        e.teile.append(f"Kindergeld {euro(kindergeld)}")
    if brutto or netto:
        grund = p["grundabsetzbetrag"]
        frei = erwerbstaetigenfreibetrag(brutto, mit_kind, p)
        erwerb = max(NULL, netto - grund - frei)
        e.teile.insert(
            0,
            f"Erwerbseinkommen netto {euro(netto)} (brutto {euro(brutto)}) abzgl. Grundabsetzbetrag {euro(grund)} "
            f"und Erwerbstätigenfreibetrag {euro(frei)} = {euro(erwerb)}",
        )
        e.sonstiges = sonst + erwerb
        e.kindergeld = kindergeld
    elif person.alter >= 18 and (sonst or kindergeld):
        pauschale = p["versicherungspauschale"]
        von_sonst = min(pauschale, sonst)
        von_kindergeld = min(pauschale - von_sonst, kindergeld)
        e.sonstiges = sonst - von_sonst
        e.kindergeld = kindergeld - von_kindergeld
        e.teile.append(f"abzgl. Versicherungspauschale {euro(von_sonst + von_kindergeld)}")
    else:
        e.sonstiges = sonst
        e.kindergeld = kindergeld
    return e


def _ordne_kindergeld_zu(personen: dict[str, Person], hinweise: list[str]) -> dict[str, list[tuple[str, Decimal]]]:
    """Kindergeld is the child's income (§ 11 Abs. 1 Satz 5 SGB II), whoever receives it.

    Returns per child a list of (recipient id, amount). Entries on a parent without ``fuer`` go to that parent's
    children under 25 without an own Kindergeld entry, in input order.
    """
    zuordnung: dict[str, list[tuple[str, Decimal]]] = {}
    offen: list[tuple[Person, dict]] = []
    for person in personen.values():
        for eintrag in person.einkommen:
            if eintrag["art"] != "kindergeld":
                continue
            fuer = eintrag.get("fuer")
            if fuer is not None:
                if fuer not in personen:
                    raise EingabeFehler(
                        f"Feld 'personen[{person.index}].einkommen[].fuer': Kind '{fuer}' ist nicht in 'personen' enthalten."
                    )
                zuordnung.setdefault(fuer, []).append((person.id, eintrag["betrag"]))
            elif person.ist_kind or not person.kinder:
                zuordnung.setdefault(person.id, []).append((person.id, eintrag["betrag"]))
            else:
                offen.append((person, eintrag))
    for person, eintrag in offen:
        kandidaten = [k for k in person.kinder if personen[k].alter < 25 and k not in zuordnung]
        ziel = kandidaten[0] if kandidaten else person.id
        if not kandidaten:
            hinweise.append(
                f"Kindergeld bei Person {person.id} keinem Kind der Bedarfsgemeinschaft zuzuordnen; "
                "als Einkommen der Person berücksichtigt."
            )
        zuordnung.setdefault(ziel, []).append((person.id, eintrag["betrag"]))
    return zuordnung


def verteile_einkommen(restbedarfe: list[Decimal], einkommen: Decimal) -> list[Decimal]:
    """Bedarfsanteilsmethode (§ 9 Abs. 2 Satz 3 SGB II): income of the parents/partners is spread over the
    members in proportion of their (remaining) need. Shares are rounded (§ 41 Abs. 2) and the rounding difference
    is given to the largest share, so the shares add up exactly to the income used."""
    gesamt = sum(restbedarfe, NULL)
    verwendet = min(einkommen, gesamt)
    if gesamt <= 0 or verwendet <= 0:
        return [NULL] * len(restbedarfe)
    anteile = [runden(verwendet * r / gesamt) for r in restbedarfe]
    differenz = verwendet - sum(anteile, NULL)
    if differenz:
        groesster = max(range(len(restbedarfe)), key=lambda i: restbedarfe[i])
        anteile[groesster] += differenz
    return anteile


# --------------------------------------------------------------------------------------------------------------
# Minderung, Teilmonat
# --------------------------------------------------------------------------------------------------------------


def leistungsminderung(person: Person, p: Parameter) -> tuple[Decimal, str, str]:
    """Minderung as a share of the Regelbedarf by kind and step (§§ 31a, 32 SGB II); from 2026-07 the rules of the
    13. SGB II-ÄndG (30 % at once, Wegfall for repeated Meldeversäumnisse). 'gesamt' removes the whole claim."""
    if person.minderung is None or not person.erwerbsfaehig:
        return NULL, "", ""
    art, stufe = person.minderung
    tabelle = p["leistungsminderung"].get(art)
    if tabelle is None:
        return NULL, "", ""
    satz = tabelle[stufe - 1]
    norm = "§ 32 SGB II" if art == "meldeversaeumnis" else "§ 31a SGB II"
    if satz == "gesamt":
        return person.anspruch, f"Wegfall des Leistungsanspruchs ({art}, Stufe {stufe})", norm
    betrag = min(runden(person.regelbedarf * satz), person.anspruch)
    return betrag, f"Leistungsminderung {prozent(satz)} des Regelbedarfs ({art}, Stufe {stufe})", norm


def leistungstage(bezug_seit: _dt.date, bezug_bis: _dt.date | None, jahr: int, mon: int) -> int:
    """Days with a claim in the month; a month counts as 30 days (§ 41 Abs. 1 Satz 2 und 3 SGB II)."""
    letzter = _monatstage(jahr, mon)
    von = bezug_seit.day if (bezug_seit.year, bezug_seit.month) == (jahr, mon) else 1
    bis = letzter
    if bezug_bis is not None and (bezug_bis.year, bezug_bis.month) == (jahr, mon):
        bis = bezug_bis.day
    if von == 1 and bis == letzter:
        return 30
    return max(0, min(30, bis - von + 1))


# --------------------------------------------------------------------------------------------------------------
# Calculation
# --------------------------------------------------------------------------------------------------------------


def berechne(eingabe: dict) -> dict:
    """Calculate one household-month; raises EingabeFehler for input that cannot be calculated."""
    monat_text = eingabe.get("monat")
    jahr, mon = monat(monat_text)
    if monat_text < ERSTER_MONAT:
        raise EingabeFehler(f"Feld 'monat': Berechnung erst ab {ERSTER_MONAT} möglich (Bürgergeld-Gesetz).")
    p = parameter_fuer(RECHTSGEBIET, monat_text)
    if monat_text > p["parameter_gueltig_bis"]:
        raise EingabeFehler(
            f"Feld 'monat': für {monat_text} sind noch keine Parameter gepflegt (bis {p['parameter_gueltig_bis']})."
        )
    hinweise: list[str] = []
    bezug_seit = datum(eingabe.get("bezug_seit"), "bezug_seit", pflicht=False)
    if bezug_seit is None:
        bezug_seit = _dt.date(jahr, mon, 1)
        hinweise.append("Kein Leistungsbeginn ('bezug_seit') angegeben: Beginn im Berechnungsmonat angenommen.")
    bezug_bis = datum(eingabe.get("bezug_bis"), "bezug_bis", pflicht=False)
    if (bezug_seit.year, bezug_seit.month) > (jahr, mon):
        raise EingabeFehler("Feld 'bezug_seit': Leistungsbeginn liegt nach dem Berechnungsmonat.")
    if bezug_bis is not None and (bezug_bis < bezug_seit or (bezug_bis.year, bezug_bis.month) < (jahr, mon)):
        raise EingabeFehler("Feld 'bezug_bis': Leistungsende liegt vor dem Berechnungsmonat oder dem Leistungsbeginn.")

    personen = _lies_personen(eingabe, jahr, mon, p)
    _lies_beziehungen(eingabe, personen)
    unterkunft = _lies_unterkunft(eingabe)
    liste = list(personen.values())
    mit_kind = False
    erwerbsfaehige = False
    for x in liste:
        if x.alter < 18:
            mit_kind = True
        if x.erwerbsfaehig:
            erwerbsfaehige = True
    if not erwerbsfaehige:
        raise EingabeFehler(
            "Feld 'personen[].erwerbsfaehig': keine erwerbsfähige Person ab 15 Jahren – keine Bedarfsgemeinschaft "
            "nach dem SGB II (§ 7 Abs. 1, 3 SGB II); Leistungen nach dem SGB XII prüfen."
        )
    im_haushalt = unterkunft["personen_im_haushalt"] or len(liste)
    if im_haushalt < len(liste):
        raise EingabeFehler(
            "Feld 'unterkunft.personen_im_haushalt': kleiner als die Zahl der Personen der Bedarfsgemeinschaft."
        )

    # 1. Bedarfe
    for person in liste:
        person.rbs = regelbedarfsstufe(person, personen)
        person.regelbedarf = p["regelbedarf"][person.rbs]
        ermittle_mehrbedarfe(person, personen, p, unterkunft["warmwasser_dezentral"])

    seit = monate_seit(karenzzeit_beginn(bezug_seit), jahr, mon)
    kdu_karenz = seit < int(p["kdu_karenzzeit_monate"])
    senkung = unterkunft["kostensenkung_ab"]
    senkung_erreicht = senkung is not None and _dt.date(jahr, mon, 1) >= senkung
    u_anerkannt, h_anerkannt, kdu_norm = anerkannte_unterkunftskosten(
        unterkunft, kdu_karenz, senkung_erreicht and not kdu_karenz, mit_kind, p, hinweise
    )
    if senkung_erreicht and kdu_karenz:
        hinweise.append("Kostensenkung wirkt nicht während der Karenzzeit (§ 22 Abs. 1 Satz 2 SGB II).")
    kdu_gesamt = u_anerkannt + h_anerkannt
    kdu_kopfteil = runden(kdu_gesamt / im_haushalt)
    for person, anteil in zip(liste, kdu_anteile(kdu_gesamt, im_haushalt, len(liste)), strict=True):
        person.kdu = anteil
        summe = NULL
        for m in person.mehrbedarfe:
            summe += m[2]
        person.mehrbedarf_summe = summe
        person.bedarf = person.regelbedarf + summe + person.kdu
    if im_haushalt > len(liste):
        hinweise.append(
            f"Unterkunftskosten nach Kopfteilen auf {im_haushalt} Personen im Haushalt verteilt; "
            f"{im_haushalt - len(liste)} Kopfteil(e) entfallen auf Personen außerhalb der Bedarfsgemeinschaft."
        )

    # 2. Vermögen
    vermoegen = NULL
    for x in liste:
        vermoegen += x.vermoegen
    verm_karenz = seit < int(p["vermoegen_karenzzeit_monate"])
    freibetrag, verm_norm, verm_modell = vermoegensfreibetrag(liste, verm_karenz, p)
    vermoegen_zu_hoch = vermoegen > freibetrag

    # 3. Einkommen
    kindergeld = _ordne_kindergeld_zu(personen, hinweise)
    einkommen: dict[str, Einkommen] = {}
    for person in liste:
        if person.ist_kind:
            kg = NULL
            for _, b in kindergeld.get(person.id, ()):
                kg += b
            e = bereinige_einkommen(person, kg, mit_kind, p)
            einkommen[person.id] = e
            deckung_sonst = min(e.sonstiges, person.bedarf)
            kg_genutzt = min(e.kindergeld, person.bedarf - deckung_sonst)
            person.eigenes_einkommen = deckung_sonst + kg_genutzt
            person.restbedarf = person.bedarf - person.eigenes_einkommen
            if person.restbedarf <= 0:
                person.hilfebeduerftig = False
                person.nur_wegen_kindergeld = e.sonstiges < person.bedarf
            ueberschuss = e.kindergeld - kg_genutzt
            if ueberschuss > 0:
                # surplus Kindergeld goes to the parent who receives it (§ 11 Abs. 1 Satz 5 SGB II)
                empfaenger = [emp for emp, _ in kindergeld.get(person.id, []) if emp != person.id]
                ziel = empfaenger[0] if empfaenger else next((e2 for e2 in person.eltern if e2 in personen), None)
                if ziel is not None and not personen[ziel].ist_kind:
                    personen[ziel].kindergeld_uebertrag += ueberschuss
                    person.zeilen.append({"uebertrag": ueberschuss, "an": ziel})  # kept for the explanation text only
    pool = NULL
    for person in liste:
        if person.ist_kind:
            continue
        kg_eigen = NULL
        for _, b in kindergeld.get(person.id, ()):
            kg_eigen += b
        e = bereinige_einkommen(person, kg_eigen + person.kindergeld_uebertrag, mit_kind, p)
        einkommen[person.id] = e
        person.eigenes_einkommen = e.sonstiges + e.kindergeld
        person.restbedarf = person.bedarf
        pool += person.eigenes_einkommen

    # 4. Verteilung (§ 9 Abs. 2 Satz 3) and claims
    positionen: list[dict] = []
    anteile = verteile_einkommen([x.restbedarf for x in liste], pool)
    kindergeld_gesamt = rest_gesamt = NULL
    for x in liste:
        kindergeld_gesamt += x.kindergeld_uebertrag
        rest_gesamt += x.restbedarf
    bg_nur_wegen_kindergeld = pool >= rest_gesamt and (pool - kindergeld_gesamt < rest_gesamt)
    bg_hat_anspruch = pool < rest_gesamt
    tage = leistungstage(bezug_seit, bezug_bis, jahr, mon)
    rest_gesamt_text = euro(rest_gesamt)
    kdu_text = (
        f"Bedarf für Unterkunft und Heizung (Kopfteil 1/{im_haushalt} von {euro(kdu_gesamt)}: "
        f"Unterkunft {euro(u_anerkannt)}, Heizung {euro(h_anerkannt)})"
    )
    rbs_quelle = "; " + p.quelle("regelbedarf")
    for person, anteil in zip(liste, anteile, strict=True):
        pid = person.id
        z = positionen.append
        z(
            position(
                pid,
                RBS_TEXT[person.rbs],
                person.regelbedarf,
                RBS_NORM[person.rbs] + rbs_quelle,
            )
        )
        for _, text, betrag, norm in person.mehrbedarfe:
            z(position(pid, text, betrag, norm))
        if person.kdu:
            z(
                position(
                    pid,
                    kdu_text,
                    person.kdu,
                    kdu_norm,
                )
            )
        if vermoegen_zu_hoch:
            person.anspruch = NULL
            if person.bedarf:
                z(
                    position(
                        pid,
                        "Kein Anspruch: zu berücksichtigendes Vermögen übersteigt den Freibetrag",
                        -person.bedarf,
                        verm_norm,
                    )
                )
            continue
        e = einkommen[pid]
        if person.ist_kind and person.eigenes_einkommen:
            text = "Eigenes Einkommen des Kindes (" + "; ".join(e.teile) + ")"
            for info in person.zeilen:
                text += f"; Kindergeldüberhang {euro(info['uebertrag'])} an Person {info['an']}"
            z(position(pid, text, -person.eigenes_einkommen, "§ 9 Abs. 2 Satz 2, § 11 Abs. 1 Satz 5, § 11b SGB II"))
        if anteil:
            z(
                position(
                    pid,
                    "Anteil am Einkommen der Eltern/Partner nach Bedarfsanteil "
                    f"({euro(person.restbedarf)} von {rest_gesamt_text})",
                    -anteil,
                    "§ 9 Abs. 2 Satz 3, §§ 11 bis 11b SGB II",
                )
            )
        person.anspruch = person.restbedarf - anteil
        person.zeilen = []
        # § 19 Abs. 3 Satz 2 SGB II: income covers Regel- and Mehrbedarfe first, then Unterkunft und Heizung
        person.anspruch_kdu = min(person.kdu, person.anspruch)
        if person.minderung is not None:
            minderung, text, norm = leistungsminderung(person, p)
            if minderung:
                z(position(pid, text, -minderung, norm))
                person.anspruch -= minderung
                person.anspruch_kdu = min(person.anspruch_kdu, person.anspruch)
        if tage < 30 and person.anspruch:
            person.anspruch_kdu = runden(person.anspruch_kdu * tage / 30)
            anteilig = runden(person.anspruch * tage / 30)
            z(
                position(
                    pid,
                    f"Teilmonat: Anspruch für {tage} von 30 Tagen",
                    anteilig - person.anspruch,
                    "§ 41 Abs. 1 SGB II",
                )
            )
            person.anspruch = anteilig
        if person.rbs >= 3 and (
            person.anspruch > 0
            # hilfebedürftig in a BG with a claim (§ 9 Abs. 2 Satz 3), even if the share rounds to 0,00 €,
            # or the BG has no claim only because of Kindergeld (§ 72 Abs. 1 Satz 2)
            or (person.hilfebeduerftig and (bg_hat_anspruch or bg_nur_wegen_kindergeld))
            or (not person.hilfebeduerftig and person.nur_wegen_kindergeld)
        ):
            person.sofortzuschlag = p["kindersofortzuschlag"]
            z(
                position(
                    pid,
                    "Kindersofortzuschlag",
                    person.sofortzuschlag,
                    f"§ 72 Abs. 1 SGB II; {p.quelle('kindersofortzuschlag')}",
                )
            )
            person.anspruch += person.sofortzuschlag

    # 5. Result
    if vermoegen_zu_hoch:
        hinweise.insert(
            0,
            f"Kein Anspruch: Das Vermögen der Bedarfsgemeinschaft von {euro(vermoegen)} übersteigt den Freibetrag von "
            f"{euro(freibetrag)} um {euro(vermoegen - freibetrag)} ({verm_norm}).",
        )
    elif not any(x.anspruch for x in liste):
        hinweise.insert(0, "Kein Anspruch: Das zu berücksichtigende Einkommen deckt den Bedarf.")
    for person in liste:
        if not person.hilfebeduerftig and not vermoegen_zu_hoch:
            hinweise.append(
                f"Person {person.id} kann ihren Bedarf mit eigenem Einkommen decken und ist nicht hilfebedürftig "
                "(§ 7 Abs. 3 Nr. 4 SGB II)."
            )
    anspruch = bedarf = angerechnet = NULL
    for x in liste:
        anspruch += x.anspruch
        bedarf += x.bedarf + x.sofortzuschlag
        angerechnet += x.eigenes_einkommen
    leistung = eingabe.get("leistung")
    return {
        "monat": monat_text,
        "leistung": leistung,
        "bezeichnung": p["bezeichnung"],
        "rechtsgrundlage": "Zweites Buch Sozialgesetzbuch (SGB II)",
        "anspruch": fmt(anspruch),
        "bedarf": fmt(bedarf),
        "angerechnetes_einkommen": fmt(angerechnet),
        "tage": tage,
        "personen": {
            x.id: {
                "anspruch": fmt(x.anspruch),
                "anspruch_regelbedarf_mehrbedarfe": fmt(x.anspruch - x.anspruch_kdu - x.sofortzuschlag),
                "anspruch_kdu": fmt(x.anspruch_kdu),
                "regelbedarf": fmt(x.regelbedarf),
                "regelbedarfsstufe": x.rbs,
                "mehrbedarfe": fmt(x.mehrbedarf_summe),
                "mehrbedarfe_einzeln": {m[0]: fmt(m[2]) for m in x.mehrbedarfe},
                "kdu": fmt(x.kdu),
                "kindersofortzuschlag": fmt(x.sofortzuschlag),
                "bedarf": fmt(x.bedarf),
                "angerechnetes_einkommen": fmt(x.eigenes_einkommen),
                "einkommen_erlaeuterung": "; ".join(einkommen[x.id].teile) if x.id in einkommen else "",
                "hilfebeduerftig": x.hilfebeduerftig and not vermoegen_zu_hoch and x.anspruch > x.sofortzuschlag,
                "alter": x.alter,
            }
            for x in liste
        },
        "unterkunft": {
            "karenzzeit": kdu_karenz,
            "anerkannt_unterkunft": fmt(u_anerkannt),
            "anerkannt_heizung": fmt(h_anerkannt),
            "kopfteil": fmt(kdu_kopfteil),
            "personen_im_haushalt": im_haushalt,
        },
        "vermoegen": {
            "summe": fmt(vermoegen),
            "freibetrag": fmt(freibetrag),
            "regel": verm_modell,
            "uebersteigt_freibetrag": vermoegen_zu_hoch,
        },
        "positionen": positionen,
        "hinweise": hinweise,
    }
