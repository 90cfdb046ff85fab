"""Sozialhilfe (SGB XII): Hilfe zum Lebensunterhalt (3. Kapitel) and Grundsicherung im Alter und bei
Erwerbsminderung (4. Kapitel) for one Einsatzgemeinschaft and a month.

The calculation follows the order of the law:

1. Einsatzgemeinschaft: 3. Kapitel partners and their minor unmarried children (§ 27 Abs. 2, § 19 Abs. 1);
   4. Kapitel partners only (§ 43 Abs. 1 Satz 2, § 19 Abs. 2). Adult children form their own Einsatzgemeinschaft.
2. Bedarf per person: Regelbedarfsstufe (§ 27a, Anlage zu § 28), Mehrbedarfe (§ 30, § 42b), Unterkunft und Heizung
   by Kopfteil with the Karenzzeit (§ 35, § 42a, § 140).
3. Vermögen (§ 90 Abs. 2 Nr. 9 with the Barbeträge-Verordnung): excess means no claim for the Einsatzgemeinschaft.
4. Einkommen (§§ 82, 82a): every person's income covers the own need first (Kindergeld for minors: § 82 Abs. 1
   Satz 3, surplus goes to the parent who receives it); the surplus of partners/parents covers the remaining need
   of the other members, spread in proportion of their remaining need (§ 27 Abs. 2, § 43 Abs. 1 Satz 2).

Rules that are identical in SGB II and SGB XII are taken from ``sgb2`` (Schwangerschaft, Warmwasser shares,
Alleinerziehende percentage, proportional distribution); SGB XII rules that differ are written here with their §.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from decimal import Decimal

from . import sgb2
from .basis import (
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

RECHTSGEBIET = "sgb12"
ERSTER_MONAT = "2023-01"
KAPITEL_3 = "hilfe_zum_lebensunterhalt"
KAPITEL_4 = "grundsicherung_alter_erwerbsminderung"
BEZEICHNUNG = {
    KAPITEL_3: "Hilfe zum Lebensunterhalt",
    KAPITEL_4: "Grundsicherung im Alter und bei Erwerbsminderung",
}
RECHTSGRUNDLAGE = {
    KAPITEL_3: "Zwölftes Buch Sozialgesetzbuch (SGB XII), Drittes Kapitel",
    KAPITEL_4: "Zwölftes Buch Sozialgesetzbuch (SGB XII), Viertes Kapitel",
}
EINKOMMENSARTEN = frozenset(
    {
        "erwerbseinkommen",
        "rente",
        "zusaetzliche_altersvorsorge",
        "kindergeld",
        "unterhalt",
        "unterhaltsvorschuss",
        "arbeitslosengeld",
        "sonstiges",
    }
)
_EINKOMMENSARTEN_TEXT = ", ".join(sorted(EINKOMMENSARTEN))
EINKOMMENSART_TEXT = {
    "rente": "Rente",
    "zusaetzliche_altersvorsorge": "zusätzliche Altersvorsorge",
    "unterhalt": "Unterhalt",
    "unterhaltsvorschuss": "Unterhaltsvorschuss",
    "arbeitslosengeld": "Arbeitslosengeld",
    "sonstiges": "sonstiges Einkommen",
}
WOHNFORMEN = ("wohnung", "besondere_wohnform", "einrichtung")
RBS_NORM = {
    1: "§ 27a Abs. 3, § 28 SGB XII i.V.m. Anlage (Regelbedarfsstufe 1)",
    2: "§ 27a Abs. 3, § 28 SGB XII i.V.m. Anlage (Regelbedarfsstufe 2)",
    3: "§ 27b, § 28 SGB XII i.V.m. Anlage (Regelbedarfsstufe 3)",
    4: "§ 27a Abs. 3, § 28 SGB XII i.V.m. Anlage (Regelbedarfsstufe 4)",
    5: "§ 27a Abs. 3, § 28 SGB XII i.V.m. Anlage (Regelbedarfsstufe 5)",
    6: "§ 27a Abs. 3, § 28 SGB XII i.V.m. Anlage (Regelbedarfsstufe 6)",
}
_LEER: dict = {}


class Person:
    """One person of the input with facts and intermediate results (attribute names as in ``sgb2.Person`` where
    ``sgb2`` rule functions are reused: ``regelbedarf``, ``rbs``, ``schwanger``)."""

    __slots__ = (
        "id",
        "index",
        "geburtsdatum",
        "alter",
        "erwerbsfaehig",
        "dauerhaft_em",
        "voll_em",
        "merkzeichen_g",
        "schwanger",
        "wohnform",
        "grundrente",
        "einkommen",
        "vermoegen",
        "mb_behinderung",
        "mb_ernaehrung",
        "versicherung",
        "partner",
        "eltern",
        "kinder",
        "altersgrenze_erreicht",
        "berechtigt",
        "gruppe",
        "rbs",
        "regelbedarf",
        "mehrbedarfe",
        "mehrbedarf_summe",
        "kdu",
        "bedarf",
        "einkommen_bereinigt",
        "kindergeld_eigen",
        "kindergeld_uebertrag",
        "teile",
        "deckung",
        "restbedarf",
        "ueberschuss",
        "anteil",
        "anspruch",
    )

    def __init__(self) -> None:
        self.partner: str | None = None
        self.eltern: list[str] = []
        self.kinder: list[str] = []
        self.mehrbedarfe: list[tuple[str, str, Decimal, str]] = []
        self.mehrbedarf_summe = NULL
        self.kdu = NULL
        self.kindergeld_eigen = NULL
        self.kindergeld_uebertrag = NULL
        self.einkommen_bereinigt = NULL
        self.teile: list[str] = []
        self.deckung = NULL
        self.ueberschuss = NULL
        self.anteil = NULL
        self.anspruch = NULL
        self.berechtigt = True
        self.gruppe: str | None = None


# --------------------------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------------------------


def _alter(geburt: _dt.date, jahr: int, mon: int, im_geburtstagsmonat: bool) -> int:
    alter = jahr - geburt.year
    if im_geburtstagsmonat:
        if geburt.month > mon:
            alter -= 1
    elif (geburt.month, geburt.day) > (mon, 1):
        alter -= 1
    return alter


def altersgrenze_erreicht(geburt: _dt.date, jahr: int, mon: int, p: Parameter) -> bool:
    """Altersgrenze nach § 41 Abs. 2 SGB XII (table by Geburtsjahrgang, in months of life).

    It is reached with the completion of that age (the day before the birthday, §§ 187 Abs. 2, 188 Abs. 2 BGB); the
    person is eligible from the first of the month in which this happens (§ 44 Abs. 2 Satz 1 SGB XII).
    """
    tabelle = p["altersgrenze_monate"]
    jahrgang = min(max(geburt.year, min(tabelle)), max(tabelle))
    monate = int(tabelle[jahrgang])
    ziel_monat = geburt.month - 1 + monate
    z_jahr, z_mon = geburt.year + ziel_monat // 12, ziel_monat % 12 + 1
    tag = min(geburt.day, calendar.monthrange(z_jahr, z_mon)[1])
    vollendet = _dt.date(z_jahr, z_mon, tag) - _dt.timedelta(days=1)
    return (vollendet.year, vollendet.month) <= (jahr, mon)


def _lies_personen(eingabe: dict, jahr: int, mon: int, p: Parameter) -> dict[str, Person]:
    letzter_tag = _dt.date(jahr, mon, calendar.monthrange(jahr, mon)[1])
    im_geburtstagsmonat = bool(p["alter_im_geburtstagsmonat"])
    personen: dict[str, Person] = {}
    for i, roh, f, pid, geburt in personen_roh(eingabe, personen, "Personen je Einsatzgemeinschaft", letzter_tag):
        x = Person()
        x.id = pid
        x.index = i
        x.geburtsdatum = geburt
        x.alter = _alter(x.geburtsdatum, jahr, mon, im_geburtstagsmonat)
        x.altersgrenze_erreicht = altersgrenze_erreicht(x.geburtsdatum, jahr, mon, p)
        roh_ef = roh.get("erwerbsfaehig")
        x.erwerbsfaehig = None if roh_ef is None else wahrheitswert(roh_ef, (f, ".erwerbsfaehig"))
        x.dauerhaft_em = wahrheitswert(
            roh.get("dauerhaft_voll_erwerbsgemindert"), (f, ".dauerhaft_voll_erwerbsgemindert")
        )
        x.voll_em = x.dauerhaft_em or wahrheitswert(roh.get("voll_erwerbsgemindert"), (f, ".voll_erwerbsgemindert"))
        if x.voll_em and x.erwerbsfaehig:
            raise EingabeFehler(
                f"Feld '{feldname(f)}.erwerbsfaehig': eine voll erwerbsgeminderte Person ist nicht erwerbsfähig."
            )
        x.merkzeichen_g = wahrheitswert(roh.get("merkzeichen_g"), (f, ".merkzeichen_g"))
        x.schwanger = wahrheitswert(roh.get("schwanger_ab_13_woche"), (f, ".schwanger_ab_13_woche"))
        x.grundrente = wahrheitswert(roh.get("grundrentenzeiten_33_jahre"), (f, ".grundrentenzeiten_33_jahre"))
        wohnform = roh.get("wohnform") or "wohnung"
        if wohnform not in WOHNFORMEN:
            raise EingabeFehler(f"Feld '{feldname(f)}.wohnform': erlaubt sind {', '.join(WOHNFORMEN)}.")
        x.wohnform = wohnform
        x.vermoegen = geld(roh.get("vermoegen"), (f, ".vermoegen"), pflicht=False) or NULL
        mb = roh.get("mehrbedarfe") or _LEER
        if mb.__class__ is not dict:
            raise EingabeFehler(f"Feld '{feldname(f)}.mehrbedarfe': Objekt erwartet.")
        x.mb_behinderung = wahrheitswert(
            mb.get("behinderung_eingliederungshilfe"), (f, ".mehrbedarfe.behinderung_eingliederungshilfe")
        )
        x.mb_ernaehrung = (
            geld(
                mb.get("kostenaufwaendige_ernaehrung"), (f, ".mehrbedarfe.kostenaufwaendige_ernaehrung"), pflicht=False
            )
            or NULL
        )
        x.einkommen = _lies_einkommen(roh.get("einkommen"), f)
        x.versicherung = geld(roh.get("versicherungsbeitraege"), (f, ".versicherungsbeitraege"), pflicht=False)
        personen[pid] = x
    return personen


def _lies_einkommen(roh, f) -> list[dict]:
    if not roh:
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
        if art == "rente":
            eintrag["gesetzlich"] = wahrheitswert(e.get("gesetzlich"), (fe, ".gesetzlich"), True)
        ergebnis.append(eintrag)
    return ergebnis


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
        "vor_2023_abgesenkt": wahrheitswert(
            roh.get("vor_2023_auf_angemessene_kosten_abgesenkt"), "unterkunft.vor_2023_auf_angemessene_kosten_abgesenkt"
        ),
    }
    verbraucht = roh.get("karenzzeit_sgb2_verbraucht_monate", 0)
    if isinstance(verbraucht, bool) or not isinstance(verbraucht, int) or not 0 <= verbraucht <= 12:
        raise EingabeFehler("Feld 'unterkunft.karenzzeit_sgb2_verbraucht_monate': ganze Zahl von 0 bis 12 erwartet.")
    u["sgb2_verbraucht"] = verbraucht
    anzahl = roh.get("personen_im_haushalt")
    if anzahl is not None and (isinstance(anzahl, bool) or not isinstance(anzahl, int) or anzahl < 1):
        raise EingabeFehler("Feld 'unterkunft.personen_im_haushalt': ganze Zahl ab 1 erwartet.")
    u["personen_im_haushalt"] = anzahl
    return u


# --------------------------------------------------------------------------------------------------------------
# Einsatzgemeinschaft, Leistungsberechtigung
# --------------------------------------------------------------------------------------------------------------


def bilde_einsatzgemeinschaften(personen: dict[str, Person], kapitel: str) -> dict[str, list[Person]]:
    """Einsatzgemeinschaften of the input.

    3. Kapitel: partners (§ 27 Abs. 2 Satz 2) together with their minor unmarried children in the household
    (§ 27 Abs. 2 Satz 3); an adult child forms its own Einsatzgemeinschaft. 4. Kapitel: the person and the partner
    (§ 43 Abs. 1 Satz 2); children are not part of it (their own need is not calculated here).
    """
    gruppen: dict[str, list[Person]] = {}
    for x in personen.values():
        if x.gruppe is not None:
            continue
        if kapitel == KAPITEL_3 and x.alter < 18 and x.partner is None and x.eltern:
            continue  # joins a parent's group below
        if kapitel == KAPITEL_4 and x.alter < 18:
            continue
        mitglieder = [x]
        x.gruppe = x.id
        if x.partner is not None:
            partner = personen[x.partner]
            partner.gruppe = x.id
            mitglieder.append(partner)
        gruppen[x.id] = mitglieder
    if kapitel == KAPITEL_3:
        for x in personen.values():
            if x.gruppe is None:
                eltern_gruppe = next((personen[e].gruppe for e in x.eltern if personen[e].gruppe), None)
                if eltern_gruppe is None:  # minor without a parent in the input: own Einsatzgemeinschaft
                    x.gruppe = x.id
                    gruppen[x.id] = [x]
                else:
                    x.gruppe = eltern_gruppe
                    gruppen[eltern_gruppe].append(x)
    return gruppen


def pruefe_leistungsberechtigung(x: Person, kapitel: str, hinweise: list[str]) -> bool:
    """4. Kapitel: Altersgrenze reached (§ 41 Abs. 2) or 18 years and dauerhaft voll erwerbsgemindert (§ 41 Abs. 3).
    3. Kapitel: hints where another benefit has priority (§ 19 Abs. 2 Satz 2, § 41; § 21 SGB XII, § 7 SGB II)."""
    alter_oder_em = x.altersgrenze_erreicht or (x.alter >= 18 and x.dauerhaft_em)
    if kapitel == KAPITEL_4:
        if not alter_oder_em:
            hinweise.append(
                f"Person {x.id} ist nicht nach dem 4. Kapitel leistungsberechtigt (weder Altersgrenze nach § 41 "
                "Abs. 2 erreicht noch ab 18 Jahren dauerhaft voll erwerbsgemindert, § 41 Abs. 3 SGB XII); ihr "
                "Einkommen wird nur berücksichtigt, soweit es ihren eigenen Bedarf übersteigt (§ 43 Abs. 1 SGB XII). "
                "Leistungen nach dem SGB II oder dem 3. Kapitel prüfen."
            )
            return False
        return True
    if alter_oder_em and x.alter >= 18:
        hinweise.append(
            f"Person {x.id} erfüllt die Voraussetzungen des § 41 SGB XII: Grundsicherung im Alter und bei "
            "Erwerbsminderung (4. Kapitel) geht der Hilfe zum Lebensunterhalt vor (§ 19 Abs. 2 Satz 2 SGB XII)."
        )
    elif x.erwerbsfaehig and x.alter >= 15 and not x.altersgrenze_erreicht:
        hinweise.append(
            f"Person {x.id} ist erwerbsfähig und im Alter von 15 Jahren bis zur Altersgrenze: vorrangig Leistungen "
            "nach dem SGB II (§ 21 Satz 1 SGB XII, § 7 Abs. 1 SGB II)."
        )
    elif (
        x.erwerbsfaehig is None
        and not x.voll_em
        and 15 <= x.alter
        and not x.altersgrenze_erreicht
        and x.wohnform != "einrichtung"
    ):
        hinweise.append(
            f"Person {x.id}: weder volle Erwerbsminderung noch Erwerbsfähigkeit angegeben. Ist sie erwerbsfähig "
            "(§ 8 SGB II), gehen Leistungen nach dem SGB II vor (§ 21 Satz 1 SGB XII); bitte prüfen."
        )
    return True


# --------------------------------------------------------------------------------------------------------------
# Regelbedarf, Mehrbedarfe
# --------------------------------------------------------------------------------------------------------------


def regelbedarfsstufe(x: Person, personen: dict[str, Person]) -> int:
    """Regelbedarfsstufe by age and living situation (Anlage zu § 28 SGB XII).

    Children by age (RBS 6 up to 5, RBS 5 6 to 13, RBS 4 14 to 17). Adults: in a stationäre Einrichtung RBS 3
    (§ 27b); in a besondere Wohnform RBS 2 (§ 42a Abs. 2 Satz 1 Nr. 2, Satz 3); in a Wohnung with a partner RBS 2;
    otherwise RBS 1, also for adult children living with their parents (unlike § 20 Abs. 2 Satz 2 Nr. 2 SGB II).
    """
    if x.alter < 6:
        return 6
    if x.alter < 14:
        return 5
    if x.alter < 18:
        return 4
    if x.wohnform == "einrichtung":
        return 3
    if x.wohnform == "besondere_wohnform":
        return 2
    if x.partner is not None and personen[x.partner].alter >= 18 and personen[x.partner].wohnform == "wohnung":
        return 2
    return 1


def ist_alleinerziehend(x: Person, personen: dict[str, Person]) -> bool:
    """Lives with minor children and cares for them alone (§ 30 Abs. 3 SGB XII): no partner, a minor child in the
    input."""
    return x.partner is None and any(personen[k].alter < 18 for k in x.kinder)


def ermittle_mehrbedarfe(x: Person, personen: dict[str, Person], p: Parameter, kapitel: str, warmwasser: bool) -> None:
    """Mehrbedarfe of § 30 SGB XII (4. Kapitel via § 42 Nr. 2, § 42b); Abs. 1 to 5 (and § 42b Abs. 3) together at
    most the maßgebende Regelbedarfsstufe (§ 30 Abs. 6, § 42b Abs. 4); Warmwasser (Abs. 7) on top."""
    mb = x.mehrbedarfe
    rbs1 = p["regelbedarf"][1]
    behinderung = x.mb_behinderung and x.alter >= 15
    if x.merkzeichen_g and (x.altersgrenze_erreicht or (x.voll_em and not behinderung)):
        satz = p["mehrbedarf_merkzeichen_g"]
        nr = "Nr. 1" if x.altersgrenze_erreicht else "Nr. 2"
        mb.append(
            (
                "merkzeichen_g",
                f"Mehrbedarf bei Merkzeichen G ({prozent(satz)} der Regelbedarfsstufe)",
                runden(x.regelbedarf * satz),
                f"§ 30 Abs. 1 {nr} SGB XII",
            )
        )
    betrag = sgb2.mehrbedarf_schwangerschaft(x, p)  # identical rule: 17 % of the maßgebende Regelbedarfsstufe
    if betrag:
        mb.append(
            (
                "schwangerschaft",
                f"Mehrbedarf bei Schwangerschaft ({prozent(p['mehrbedarf_schwangerschaft'])} der Regelbedarfsstufe)",
                betrag,
                "§ 30 Abs. 2 SGB XII",
            )
        )
    if ist_alleinerziehend(x, personen):
        kinder_alter = [personen[k].alter for k in x.kinder]
        satz = sgb2.mehrbedarf_alleinerziehend_satz(kinder_alter, p)
        if satz:
            anzahl = sum(1 for a in kinder_alter if a < 18)
            mb.append(
                (
                    "alleinerziehend",
                    f"Mehrbedarf für Alleinerziehende ({anzahl} minderjährige(s) Kind(er), {prozent(satz)} der "
                    "Regelbedarfsstufe 1)",
                    runden(rbs1 * satz),  # § 30 Abs. 3: always of Regelbedarfsstufe 1 (SGB II: own Regelbedarf)
                    "§ 30 Abs. 3 SGB XII",
                )
            )
    if behinderung:
        satz = p["mehrbedarf_behinderung"]
        mb.append(
            (
                "behinderung",
                f"Mehrbedarf für Menschen mit Behinderungen mit Eingliederungshilfe ({prozent(satz)} der "
                "Regelbedarfsstufe)",
                runden(x.regelbedarf * satz),
                "§ 42b Abs. 3 SGB XII" if kapitel == KAPITEL_4 else "§ 30 Abs. 4 SGB XII",
            )
        )
    if x.mb_ernaehrung:
        mb.append(("ernaehrung", "Mehrbedarf für kostenaufwändige Ernährung", x.mb_ernaehrung, "§ 30 Abs. 5 SGB XII"))
    summe = sum((m[2] for m in mb), NULL)
    grenze = runden(x.regelbedarf * p["mehrbedarf_hoechstgrenze"])
    if summe > grenze:
        mb.append(
            (
                "hoechstgrenze",
                f"Begrenzung der Mehrbedarfe auf die Höhe der Regelbedarfsstufe ({euro(grenze)})",
                grenze - summe,
                "§ 42b Abs. 4 SGB XII" if kapitel == KAPITEL_4 else "§ 30 Abs. 6 SGB XII",
            )
        )
    if warmwasser:
        anteil = p["mehrbedarf_warmwasser"][x.rbs]
        mb.append(
            (
                "warmwasser",
                f"Mehrbedarf für dezentrale Warmwassererzeugung ({prozent(anteil)} der Regelbedarfsstufe)",
                sgb2.mehrbedarf_warmwasser(x, p),  # identical shares by Regelbedarfsstufe
                "§ 30 Abs. 7 SGB XII",
            )
        )
    x.mehrbedarf_summe = sum((m[2] for m in mb), NULL)


# --------------------------------------------------------------------------------------------------------------
# Unterkunft und Heizung
# --------------------------------------------------------------------------------------------------------------


def in_karenzzeit(bezug_seit: _dt.date, jahr: int, mon: int, u: dict, p: Parameter) -> bool:
    """Karenzzeit of one year from the first month of receipt under the 3. or 4. Kapitel (§ 35 Abs. 1 Satz 2,
    § 42a Abs. 1 SGB XII); receipt before 2023 does not count (§ 140 Abs. 1); no Karenzzeit if the costs of the
    current home were already reduced to the angemessene level before 2023 (§ 140 Abs. 2). A Karenzzeit already used
    under § 22 Abs. 1 SGB II in the two years before shortens it (§ 35 Abs. 1 Satz 6; months given as input)."""
    if u["vor_2023_abgesenkt"]:
        return False
    fruehestens = p["kdu_karenzzeit_fruehester_beginn"]
    beginn = max(bezug_seit, _dt.date(int(fruehestens[:4]), int(fruehestens[5:7]), 1))
    return sgb2.monate_seit(beginn, jahr, mon) < int(p["kdu_karenzzeit_monate"]) - u["sgb2_verbraucht"]


def anerkannte_unterkunftskosten(
    u: dict, karenzzeit: bool, kostensenkung_erreicht: bool, hinweise: list[str]
) -> tuple[Decimal, Decimal, str]:
    """Anerkannte Aufwendungen für Unterkunft und Heizung of the household (§ 35 SGB XII).

    Unterkunft: actual costs in the Karenzzeit (§ 35 Abs. 1 Satz 2 und 3); afterwards actual costs until the
    Kostensenkung date, then only the angemessene Bruttokaltmiete (§ 35 Abs. 3). Heizung: actual costs, after the
    Kostensenkung date at most the angemessene Heizkosten if given (§ 35 Abs. 4); no Karenzzeit for heating.
    """
    unterkunft = u["kaltmiete"] + u["nebenkosten"]
    heizung = u["heizkosten"]
    angemessen = u["angemessene_bruttokaltmiete"]
    norm = "§ 35 Abs. 1 Satz 1, Abs. 4 SGB XII"
    if karenzzeit:
        norm = "§ 35 Abs. 1 Satz 2 und 3 SGB XII (Karenzzeit)"
        if kostensenkung_erreicht:
            hinweise.append("Kostensenkung wirkt nicht während der Karenzzeit (§ 35 Abs. 1 Satz 3 SGB XII).")
    elif angemessen is not None and unterkunft > angemessen:
        if kostensenkung_erreicht:
            hinweise.append(
                f"Nach Ablauf der Kostensenkungsfrist wird nur die angemessene Bruttokaltmiete von {euro(angemessen)} "
                f"anerkannt (tatsächlich {euro(unterkunft)}; § 35 Abs. 3 SGB XII)."
            )
            unterkunft = angemessen
            norm = "§ 35 Abs. 3, Abs. 4 SGB XII"
        else:
            hinweise.append(
                f"Die Bruttokaltmiete von {euro(unterkunft)} übersteigt die angemessene von {euro(angemessen)}; bis "
                "zum Ablauf der Kostensenkungsfrist werden die tatsächlichen Kosten anerkannt (§ 35 Abs. 3 SGB XII)."
            )
    angemessen_heizung = u["angemessene_heizkosten"]
    if angemessen_heizung is not None and heizung > angemessen_heizung and kostensenkung_erreicht:
        hinweise.append(f"Heizkosten auf die angemessenen {euro(angemessen_heizung)} begrenzt (§ 35 Abs. 4 SGB XII).")
        heizung = angemessen_heizung
    return unterkunft, heizung, norm


# --------------------------------------------------------------------------------------------------------------
# Einkommen
# --------------------------------------------------------------------------------------------------------------


def freibetrag_erwerbstaetigkeit(brutto: Decimal, p: Parameter) -> Decimal:
    """30 % of the gross income from work, at most 50 % of Regelbedarfsstufe 1 (§ 82 Abs. 3 Satz 1 SGB XII)."""
    t = p["erwerbstaetigenfreibetrag"]
    return min(runden(brutto * t["satz"]), runden(p["regelbedarf"][1] * t["hoechstanteil_rbs1"]))


def freibetrag_sockel_und_anteil(betrag: Decimal, t: dict, p: Parameter) -> Decimal:
    """100 EUR plus 30 % of the rest, at most 50 % of Regelbedarfsstufe 1: Grundrentenfreibetrag (§ 82a Abs. 1) and
    Freibetrag for zusätzliche Altersvorsorge (§ 82 Abs. 4 SGB XII) share this formula."""
    if betrag <= 0:
        return NULL
    frei = min(betrag, t["sockel"]) + runden(max(NULL, betrag - t["sockel"]) * t["satz"])
    return min(frei, runden(p["regelbedarf"][1] * t["hoechstanteil_rbs1"]))


def bereinige_einkommen(x: Person, kindergeld: Decimal, p: Parameter) -> tuple[Decimal, Decimal]:
    """Einkommen after Absetzbeträge (§ 82 Abs. 2 bis 4, § 82a SGB XII); returns (other income, Kindergeld).

    Erwerbseinkommen: net (after taxes and social insurance, § 82 Abs. 2 Satz 1 Nr. 1 und 2) minus 30 % of the
    gross, at most 50 % of RBS 1 (§ 82 Abs. 3). Gesetzliche Rente minus the Grundrentenfreibetrag if 33 years of
    Grundrentenzeiten (§ 82a). Zusätzliche Altersvorsorge minus § 82 Abs. 4. Adults deduct the Versicherungspauschale
    (§ 82 Abs. 2 Satz 1 Nr. 3), or the proven ``versicherungsbeitraege`` if given, first from other income, then from
    Kindergeld.
    """
    sonst = NULL
    rente_gesetzlich = NULL
    for e in x.einkommen:
        art = e["art"]
        if art == "erwerbseinkommen":
            frei = freibetrag_erwerbstaetigkeit(e["brutto"], p)
            anrechenbar = max(NULL, e["netto"] - frei)
            x.teile.append(
                f"Erwerbseinkommen netto {euro(e['netto'])} (brutto {euro(e['brutto'])}) abzgl. Absetzbetrag "
                f"{euro(frei)} (§ 82 Abs. 3) = {euro(anrechenbar)}"
            )
            sonst += anrechenbar
        elif art == "kindergeld":
            continue
        elif art == "zusaetzliche_altersvorsorge":
            frei = freibetrag_sockel_und_anteil(e["betrag"], p["altersvorsorge_freibetrag"], p)
            x.teile.append(
                f"zusätzliche Altersvorsorge {euro(e['betrag'])} abzgl. Freibetrag {euro(frei)} (§ 82 Abs. 4)"
            )
            sonst += e["betrag"] - frei
        else:
            if art == "rente" and e["gesetzlich"]:
                rente_gesetzlich += e["betrag"]
            x.teile.append(f"{EINKOMMENSART_TEXT[art]} {euro(e['betrag'])}")
            sonst += e["betrag"]
    if x.grundrente and rente_gesetzlich:
        frei = freibetrag_sockel_und_anteil(rente_gesetzlich, p["grundrentenfreibetrag"], p)
        x.teile.append(f"abzgl. Freibetrag für Grundrentenzeiten {euro(frei)} (§ 82a)")
        sonst -= frei
    if kindergeld:
        x.teile.append(f"Kindergeld {euro(kindergeld)}")
    if x.alter >= 18 and (sonst or kindergeld):
        pauschale = p["versicherungspauschale"] if x.versicherung is None else x.versicherung
        von_sonst = min(pauschale, sonst)
        von_kindergeld = min(pauschale - von_sonst, kindergeld)
        sonst -= von_sonst
        kindergeld -= von_kindergeld
        if von_sonst + von_kindergeld:
            art = "Versicherungspauschale" if x.versicherung is None else "Versicherungsbeiträge"
            x.teile.append(f"abzgl. {art} {euro(von_sonst + von_kindergeld)} (§ 82 Abs. 2 Satz 1 Nr. 3)")
    return sonst, kindergeld


def ordne_kindergeld_zu(personen: dict[str, Person], hinweise: list[str]) -> dict[str, list[tuple[str, Decimal]]]:
    """Kindergeld for a minor is the child's income as far as the child needs it (§ 82 Abs. 1 Satz 3 SGB XII).

    An entry with ``fuer`` naming a minor child belongs to that child; an entry on a parent without ``fuer`` goes to
    the parent's minor children without own entry, in input order; otherwise (adult child) it is the recipient's
    income. Returns per person a list of (recipient id, amount).
    """
    zuordnung: dict[str, list[tuple[str, Decimal]]] = {}
    offen: list[tuple[Person, Decimal]] = []
    for x in personen.values():
        for e in x.einkommen:
            if e["art"] != "kindergeld":
                continue
            fuer = e.get("fuer")
            if fuer is not None:
                if fuer not in personen:
                    raise EingabeFehler(
                        f"Feld 'personen[{x.index}].einkommen[].fuer': Kind '{fuer}' ist nicht in 'personen' enthalten."
                    )
                ziel = fuer if personen[fuer].alter < 18 else x.id
                zuordnung.setdefault(ziel, []).append((x.id, e["betrag"]))
            elif x.alter < 18 or not x.kinder:
                zuordnung.setdefault(x.id, []).append((x.id, e["betrag"]))
            else:
                offen.append((x, e["betrag"]))
    for x, betrag in offen:
        kandidaten = [k for k in x.kinder if personen[k].alter < 18 and k not in zuordnung]
        ziel = kandidaten[0] if kandidaten else x.id
        if not kandidaten:
            hinweise.append(
                f"Kindergeld bei Person {x.id} keinem minderjährigen Kind zuzuordnen; als Einkommen der Person "
                "berücksichtigt."
            )
        zuordnung.setdefault(ziel, []).append((x.id, betrag))
    return zuordnung


# --------------------------------------------------------------------------------------------------------------
# Vermögen
# --------------------------------------------------------------------------------------------------------------


def vermoegensfreibetrag(gruppe: list[Person], unterhaltene: int, p: Parameter) -> Decimal:
    """Kleinere Barbeträge (§ 90 Abs. 2 Nr. 9 SGB XII, § 1 DVO): 10,000 EUR for each adult of the
    Einsatzgemeinschaft (and an alleinstehende minor), 500 EUR for each person maintained by them."""
    t = p["vermoegen_barbetrag"]
    erwachsene = sum(1 for x in gruppe if x.alter >= 18)
    if erwachsene == 0:
        return t["volljaehrige_person"]  # alleinstehende minderjährige Person (§ 1 Satz 1 Nr. 1, Satz 2 DVO)
    return t["volljaehrige_person"] * erwachsene + t["unterhaltene_person"] * unterhaltene


# --------------------------------------------------------------------------------------------------------------
# Calculation
# --------------------------------------------------------------------------------------------------------------


def berechne(eingabe: dict) -> dict:
    """Calculate one household-month; raises EingabeFehler for input that cannot be calculated."""
    kapitel = eingabe.get("leistung")
    monat_text = eingabe.get("monat")
    jahr, mon = monat(monat_text)
    if monat_text < ERSTER_MONAT:
        raise EingabeFehler(f"Feld 'monat': Berechnung erst ab {ERSTER_MONAT} möglich.")
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
    if (bezug_seit.year, bezug_seit.month) > (jahr, mon):
        raise EingabeFehler("Feld 'bezug_seit': Leistungsbeginn liegt nach dem Berechnungsmonat.")
    rueckgriff = wahrheitswert(
        eingabe.get("unterhaltspflichtige_einkommen_ueber_100000"), "unterhaltspflichtige_einkommen_ueber_100000"
    )
    personen = _lies_personen(eingabe, jahr, mon, p)
    lies_beziehungen(eingabe, personen)
    unterkunft = _lies_unterkunft(eingabe)
    liste = list(personen.values())
    im_haushalt = unterkunft["personen_im_haushalt"] or sum(1 for x in liste if x.wohnform != "einrichtung")
    in_wohnung = [x for x in liste if x.wohnform != "einrichtung"]
    if im_haushalt < len(in_wohnung):
        raise EingabeFehler("Feld 'unterkunft.personen_im_haushalt': kleiner als die Zahl der Personen im Haushalt.")

    gruppen = bilde_einsatzgemeinschaften(personen, kapitel)
    in_eg = {x.id for g in gruppen.values() for x in g}
    for x in liste:
        if x.id in in_eg:
            x.berechtigt = pruefe_leistungsberechtigung(x, kapitel, hinweise)
        else:
            x.berechtigt = False
    if kapitel == KAPITEL_4 and len(in_eg) < len(liste):
        hinweise.append(
            "Minderjährige Kinder gehören nicht zur Einsatzgemeinschaft des 4. Kapitels (§ 43 Abs. 1 SGB XII); ihr "
            "Bedarf wird hier nicht berechnet (Sozialgeld nach dem SGB II oder Hilfe zum Lebensunterhalt prüfen)."
        )

    # 1. Bedarfe
    karenzzeit = in_karenzzeit(bezug_seit, jahr, mon, unterkunft, p)
    if karenzzeit and any(x.wohnform == "besondere_wohnform" for x in liste):
        karenzzeit = False  # § 42a Abs. 1 Satz 2 SGB XII: no Karenzzeit in besonderen Wohnformen
        hinweise.append("Keine Karenzzeit in einer besonderen Wohnform (§ 42a Abs. 1 Satz 2 SGB XII).")
    senkung = unterkunft["kostensenkung_ab"]
    senkung_erreicht = senkung is not None and _dt.date(jahr, mon, 1) >= senkung
    u_anerkannt, h_anerkannt, kdu_norm = anerkannte_unterkunftskosten(
        unterkunft, karenzzeit, senkung_erreicht, hinweise
    )
    kdu_gesamt = u_anerkannt + h_anerkannt
    kdu_kopfteil = runden(kdu_gesamt / im_haushalt) if im_haushalt else NULL
    if im_haushalt > len(in_wohnung):
        hinweise.append(
            f"Unterkunftskosten nach Kopfteilen auf {im_haushalt} Personen im Haushalt verteilt; "
            f"{im_haushalt - len(in_wohnung)} Kopfteil(e) entfallen auf nicht berechnete Personen."
        )
    in_wohnung_berechnet = [x for x in liste if x.wohnform != "einrichtung"]
    if im_haushalt:
        for x, anteil in zip(
            in_wohnung_berechnet, sgb2.kdu_anteile(kdu_gesamt, im_haushalt, len(in_wohnung_berechnet)), strict=True
        ):
            x.kdu = anteil
    for x in liste:
        x.rbs = regelbedarfsstufe(x, personen)
        x.regelbedarf = p["regelbedarf"][x.rbs]
        ermittle_mehrbedarfe(x, personen, p, kapitel, unterkunft["warmwasser_dezentral"] and x.wohnform == "wohnung")
        if x.wohnform == "einrichtung":
            hinweise.append(
                f"Person {x.id} lebt in einer Einrichtung: Unterkunft, Barbetrag und Bekleidung nach § 27b SGB XII "
                "werden hier nicht berechnet; angesetzt ist nur die Regelbedarfsstufe 3."
            )
        x.bedarf = x.regelbedarf + x.mehrbedarf_summe + x.kdu

    # 2. Einkommen (own need first; Kindergeld for minors)
    kindergeld = ordne_kindergeld_zu(personen, hinweise)
    for x in liste:  # minors first: Kindergeld surplus goes to the parent who receives it (§ 82 Abs. 1 Satz 3)
        if x.alter >= 18:
            continue
        x.einkommen_bereinigt, x.kindergeld_eigen = bereinige_einkommen(
            x, sum((b for _, b in kindergeld.get(x.id, ())), NULL), p
        )
        sonst_deckung = min(x.einkommen_bereinigt, x.bedarf)
        kg_deckung = min(x.kindergeld_eigen, x.bedarf - sonst_deckung)
        x.deckung = sonst_deckung + kg_deckung
        rest_kg = x.kindergeld_eigen - kg_deckung
        if rest_kg > 0:
            empfaenger = [e for e, _ in kindergeld.get(x.id, ()) if e != x.id]
            ziel = empfaenger[0] if empfaenger else next(iter(x.eltern), None)
            if ziel is not None and personen[ziel].alter >= 18:
                personen[ziel].kindergeld_uebertrag += rest_kg
                x.teile.append(f"nicht benötigtes Kindergeld {euro(rest_kg)} an Person {ziel}")
    for x in liste:
        if x.alter >= 18:
            eigenes_kg = sum((b for _, b in kindergeld.get(x.id, ())), NULL)
            sonst, kg = bereinige_einkommen(x, eigenes_kg + x.kindergeld_uebertrag, p)
            if x.kindergeld_uebertrag:
                x.teile.append(f"darin Kindergeldüberhang der Kinder {euro(x.kindergeld_uebertrag)}")
            x.einkommen_bereinigt, x.kindergeld_eigen = sonst, kg
            gesamt = sonst + kg
            x.deckung = min(gesamt, x.bedarf)
            x.ueberschuss = gesamt - x.deckung
        x.restbedarf = x.bedarf - x.deckung

    # 3. Vermögen and distribution per Einsatzgemeinschaft
    vermoegen_info: dict[str, dict] = {}
    zu_hoch_gruppen: set[str] = set()
    for gid, gruppe in gruppen.items():
        summe = sum((x.vermoegen for x in gruppe), NULL)
        if kapitel == KAPITEL_4:
            unterhaltene = sum(1 for x in liste if x.alter < 18 and any(personen[e].gruppe == gid for e in x.eltern))
        else:
            unterhaltene = sum(1 for x in gruppe if x.alter < 18)
        freibetrag = vermoegensfreibetrag(gruppe, unterhaltene, p)
        zu_hoch = summe > freibetrag
        vermoegen_info[gid] = {
            "summe": fmt(summe),
            "freibetrag": fmt(freibetrag),
            "uebersteigt_freibetrag": zu_hoch,
        }
        if zu_hoch:
            zu_hoch_gruppen.add(gid)
            hinweise.insert(
                0,
                f"Kein Anspruch: Das Vermögen der Einsatzgemeinschaft ({', '.join(x.id for x in gruppe)}) von "
                f"{euro(summe)} übersteigt die geschützten Barbeträge von {euro(freibetrag)} um "
                f"{euro(summe - freibetrag)} (§ 90 Abs. 1 und 2 Nr. 9 SGB XII i.V.m. § 1 DVO).",
            )
            continue
        # surplus of partners/parents covers the remaining need of the other members (§ 27 Abs. 2, § 43 Abs. 1)
        empfaenger = [x for x in gruppe if x.berechtigt and x.restbedarf > 0]
        pool = sum((x.ueberschuss for x in gruppe if x.alter >= 18), NULL)
        anteile = sgb2.verteile_einkommen([x.restbedarf for x in empfaenger], pool)
        for x, anteil in zip(empfaenger, anteile, strict=True):
            x.anteil = anteil

    # 4. Claims and explanation lines
    positionen: list[dict] = []
    kdu_text = (
        f"Bedarf für Unterkunft und Heizung (Kopfteil 1/{im_haushalt} von {euro(kdu_gesamt)}: "
        f"Unterkunft {euro(u_anerkannt)}, Heizung {euro(h_anerkannt)})"
    )
    rbs_quelle = "; " + p.quelle("regelbedarf")
    for x in liste:
        if not x.berechtigt:
            x.anspruch = NULL
            continue
        z = positionen.append
        z(position(x.id, f"Regelbedarf (Regelbedarfsstufe {x.rbs})", x.regelbedarf, RBS_NORM[x.rbs] + rbs_quelle))
        for _, text, betrag, norm in x.mehrbedarfe:
            z(position(x.id, text, betrag, norm))
        if x.kdu:
            z(position(x.id, kdu_text, x.kdu, kdu_norm))
        if x.gruppe in zu_hoch_gruppen:
            x.anspruch = NULL
            if x.bedarf:
                z(
                    position(
                        x.id,
                        "Kein Anspruch: Vermögen übersteigt die geschützten Barbeträge",
                        -x.bedarf,
                        "§ 90 Abs. 2 Nr. 9 SGB XII i.V.m. § 1 DVO",
                    )
                )
            continue
        if x.deckung:
            z(
                position(
                    x.id,
                    "Eigenes Einkommen (" + "; ".join(x.teile) + ")",
                    -x.deckung,
                    "§ 82 Abs. 1 Satz 3, Abs. 2 bis 4, § 82a SGB XII" if x.alter < 18 else "§§ 82, 82a SGB XII",
                )
            )
        if x.anteil:
            z(
                position(
                    x.id,
                    "Anteil am übersteigenden Einkommen der Partnerin/des Partners bzw. der Eltern",
                    -x.anteil,
                    "§ 43 Abs. 1 Satz 2 SGB XII" if kapitel == KAPITEL_4 else "§ 27 Abs. 2 SGB XII",
                )
            )
        x.anspruch = x.restbedarf - x.anteil

    # 5. Result
    if rueckgriff:
        if kapitel == KAPITEL_4:
            hinweise.append(
                "Unterhaltspflichtige Kinder oder Eltern mit einem Jahreseinkommen über "
                f"{euro(p['unterhalt_jahreseinkommensgrenze'])}: Die Grundsicherung wird nicht ausgeschlossen; der "
                "Unterhaltsanspruch geht nach § 94 Abs. 1a SGB XII auf den Träger über (Unterhaltsrückgriff prüfen)."
            )
        else:
            hinweise.append(
                "Unterhaltspflichtige Kinder oder Eltern mit einem Jahreseinkommen über "
                f"{euro(p['unterhalt_jahreseinkommensgrenze'])}: Unterhaltsanspruch ist nach § 94 Abs. 1a SGB XII zu "
                "berücksichtigen und geht auf den Träger über (Unterhaltsrückgriff prüfen)."
            )
    if not zu_hoch_gruppen and all(x.anspruch == 0 for x in liste):
        if not any(x.berechtigt for x in liste):
            hinweise.insert(
                0, f"Kein Anspruch: keine Person ist nach dem {_kapitel_text(kapitel)} leistungsberechtigt."
            )
        else:
            hinweise.insert(0, "Kein Anspruch: Das zu berücksichtigende Einkommen deckt den Bedarf.")
    for x in liste:
        if x.berechtigt and x.alter >= 18 and x.ueberschuss > 0 and x.gruppe not in zu_hoch_gruppen:
            hinweise.append(
                f"Person {x.id} kann ihren Bedarf mit eigenem Einkommen decken (Überschuss {euro(x.ueberschuss)})."
            )
    anspruch = bedarf = angerechnet = NULL
    for x in liste:
        if x.berechtigt:
            anspruch += x.anspruch
            bedarf += x.bedarf
            angerechnet += x.deckung + x.anteil
    return {
        "monat": monat_text,
        "leistung": kapitel,
        "bezeichnung": BEZEICHNUNG[kapitel],
        "rechtsgrundlage": RECHTSGRUNDLAGE[kapitel],
        "anspruch": fmt(anspruch),
        "bedarf": fmt(bedarf),
        "angerechnetes_einkommen": fmt(angerechnet),
        "personen": {
            x.id: {
                "anspruch": fmt(x.anspruch),
                "leistungsberechtigt": x.berechtigt,
                "einsatzgemeinschaft": x.gruppe,
                "regelbedarf": fmt(x.regelbedarf),
                "regelbedarfsstufe": x.rbs,
                "mehrbedarfe": fmt(x.mehrbedarf_summe),
                "mehrbedarfe_einzeln": {m[0]: fmt(m[2]) for m in x.mehrbedarfe},
                "kdu": fmt(x.kdu),
                "bedarf": fmt(x.bedarf),
                "eigenes_einkommen": fmt(x.deckung),
                "angerechnetes_einkommen": fmt(x.deckung + x.anteil) if x.berechtigt else "0.00",
                "einkommen_erlaeuterung": "; ".join(x.teile),
                "altersgrenze_erreicht": x.altersgrenze_erreicht,
                "alter": x.alter,
            }
            for x in liste
        },
        "unterkunft": {
            "karenzzeit": karenzzeit,
            "anerkannt_unterkunft": fmt(u_anerkannt),
            "anerkannt_heizung": fmt(h_anerkannt),
            "kopfteil": fmt(kdu_kopfteil),
            "personen_im_haushalt": im_haushalt,
        },
        "vermoegen": vermoegen_info,
        "positionen": positionen,
        "hinweise": hinweise,
    }


def _kapitel_text(kapitel: str) -> str:
    return "4. Kapitel SGB XII" if kapitel == KAPITEL_4 else "3. Kapitel SGB XII"
