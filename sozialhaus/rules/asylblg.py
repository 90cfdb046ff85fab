"""Leistungen nach dem Asylbewerberleistungsgesetz (AsylbLG) for one household and one month.

1. Leistungsart per person: Grundleistungen (§ 3, § 3a) or Analogleistungen (§ 2: SGB XII entsprechend) after the
   Wartezeit (18 months, from 27.2.2024 36 months; § 20 Bestandsschutz); minors follow their parents (§ 2 Abs. 3).
2. Bedarf: Grundleistungen = notwendiger Bedarf (§ 3a Abs. 2) + notwendiger persönlicher Bedarf (§ 3a Abs. 1) by
   Bedarfsstufe; parts provided in kind (§ 3 Abs. 2, Abs. 3 Satz 2) are shown and not paid. Unterkunft, Heizung and
   Haushaltsenergie are separate (§ 3 Abs. 3 Satz 3) as money or in kind. Analogleistungen = Regelbedarf (Anlage zu
   § 28 SGB XII), Mehrbedarfe (§ 30 Abs. 2 und 3 SGB XII), Unterkunft und Heizung (§ 35 SGB XII).
3. Einkommen and Vermögen of the household (§ 7 AsylbLG; for § 2: §§ 82, 90 SGB XII) reduce the money claim;
   the amount is spread over the persons in proportion to their money need (as § 9 Abs. 2 Satz 3 SGB II).

Analogleistungen reuse the SGB XII engine's parameters and rules (``sgb12``: Regelbedarfe of the Anlage zu § 28,
§ 30 rates, § 82 Abs. 3 Freibetrag, Barbeträge of § 90 Abs. 2 Nr. 9) and ``sgb2.mehrbedarf_alleinerziehend_satz``
(identical in § 30 Abs. 3 SGB XII). ``sgb12.berechne`` itself is not called: an AsylbLG household may mix Grund-
and Analogleistungen, and § 2 Abs. 1 Satz 4 AsylbLG assigns Regelbedarfsstufen differently.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from decimal import Decimal

from . import sgb2, sgb12
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
from .parameter import parameter_fuer

RECHTSGEBIET = "asylblg"
ERSTER_MONAT = "2023-01"
UNTERKUNFTSARTEN = ("wohnung", "gemeinschaftsunterkunft", "aufnahmeeinrichtung")
EINKOMMENSARTEN = ("erwerbseinkommen", "kindergeld", "unterhalt", "rente", "sonstiges")
_EINKOMMENSARTEN_TEXT = ", ".join(EINKOMMENSARTEN)
GRUNDLEISTUNG = "grundleistung"
ANALOGLEISTUNG = "analogleistung"
BS_NORM = {
    1: "§ 3a Abs. 1 Nr. 1, Abs. 2 Nr. 1 AsylbLG",
    2: "§ 3a Abs. 1 Nr. 2, Abs. 2 Nr. 2 AsylbLG",
    3: "§ 3a Abs. 1 Nr. 3, Abs. 2 Nr. 3 AsylbLG",
    4: "§ 3a Abs. 1 Nr. 4, Abs. 2 Nr. 4 AsylbLG",
    5: "§ 3a Abs. 1 Nr. 5, Abs. 2 Nr. 5 AsylbLG",
    6: "§ 3a Abs. 1 Nr. 6, Abs. 2 Nr. 6 AsylbLG",
}


class Person:
    """One member of the household for the month (input facts plus intermediate results)."""

    def __init__(self) -> None:
        self.partner: str | None = None
        self.eltern: list[str] = []
        self.kinder: list[str] = []
        self.zeilen: list[tuple[str, Decimal, str]] = []  # (text, amount, norm) of the money claim
        self.sachleistung = NULL
        self.bedarf = NULL
        self.geldbedarf = NULL
        self.kdu = NULL
        self.energie = NULL
        self.regelbedarf = NULL
        self.nb = NULL
        self.npb = NULL
        self.mehrbedarf = NULL
        self.stufe = 0
        self.analog_ab: _dt.date | None = None


def _alter(geburt: _dt.date, jahr: int, mon: int) -> int:
    """Completed years of life; a birthday in the month counts for the whole month (as in the sgb2 module)."""
    alter = jahr - geburt.year
    if geburt.month > mon:
        alter -= 1
    return alter


def _plus_monate(tag: _dt.date, monate: int) -> _dt.date:
    gesamt = tag.month - 1 + monate
    jahr, mon = tag.year + gesamt // 12, gesamt % 12 + 1
    return _dt.date(jahr, mon, min(tag.day, calendar.monthrange(jahr, mon)[1]))


# --------------------------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------------------------


def _lies_einkommen(roh, f) -> list[dict]:
    if roh is None or roh == []:
        return []
    ergebnis = []
    for fe, e, art in einkommen_roh(roh, f, EINKOMMENSARTEN, _EINKOMMENSARTEN_TEXT):
        if art == "erwerbseinkommen":
            ergebnis.append(erwerbseinkommen(e, fe))
        else:
            ergebnis.append({"art": art, "betrag": geld(e.get("betrag"), (fe, ".betrag"))})
    return ergebnis


def _lies_personen(eingabe: dict, jahr: int, mon: int) -> dict[str, Person]:
    erster = _dt.date(jahr, mon, 1)
    letzter = _dt.date(jahr, mon, calendar.monthrange(jahr, mon)[1])
    personen: dict[str, Person] = {}
    for i, roh, f, pid, geburt in personen_roh(eingabe, personen, "Personen je Haushalt", letzter, "Berechnungsmonat"):
        x = Person()
        x.id, x.index = pid, i
        x.geburtsdatum = geburt
        x.alter = _alter(x.geburtsdatum, jahr, mon)
        x.aufenthalt_seit = datum(roh.get("aufenthalt_seit"), (*f, ".aufenthalt_seit"))
        if x.aufenthalt_seit > letzter:
            raise EingabeFehler(
                f"Feld '{feldname(f)}.aufenthalt_seit': Aufenthaltsbeginn liegt nach dem Berechnungsmonat."
            )
        x.aufenthalt_seit = max(x.aufenthalt_seit, x.geburtsdatum)
        x.bestandsschutz = wahrheitswert(
            roh.get("analogleistungen_vor_2024_02_27"), (*f, ".analogleistungen_vor_2024_02_27")
        )
        x.rechtsmissbrauch = wahrheitswert(roh.get("rechtsmissbrauch"), (*f, ".rechtsmissbrauch"))
        x.stationaer = wahrheitswert(roh.get("stationaere_einrichtung"), (*f, ".stationaere_einrichtung"))
        x.schwanger = wahrheitswert(roh.get("schwanger_ab_13_woche"), (*f, ".schwanger_ab_13_woche"))
        x.vermoegen = geld(roh.get("vermoegen"), (*f, ".vermoegen"), pflicht=False) or NULL
        x.sachleistung_wert = (
            geld(
                roh.get("sachleistung_notwendiger_bedarf_wert"),
                (*f, ".sachleistung_notwendiger_bedarf_wert"),
                pflicht=False,
            )
            or NULL
        )
        x.einkommen = _lies_einkommen(roh.get("einkommen"), f)
        x.erster_tag = erster
        personen[pid] = x
    return personen


def _lies_unterkunft(eingabe: dict, anzahl: int) -> dict:
    roh = eingabe.get("unterkunft")
    if roh is None:
        roh = {}
    if not isinstance(roh, dict):
        raise EingabeFehler("Feld 'unterkunft': Objekt erwartet.")
    art = roh.get("art", "wohnung")
    if art not in UNTERKUNFTSARTEN:
        raise EingabeFehler(f"Feld 'unterkunft.art': erlaubt sind {', '.join(UNTERKUNFTSARTEN)}.")
    u = {"art": art}
    for feld in ("kaltmiete", "nebenkosten", "heizkosten", "haushaltsenergie"):
        u[feld] = geld(roh.get(feld), f"unterkunft.{feld}", pflicht=False) or NULL
    for feld in ("angemessene_bruttokaltmiete", "angemessene_heizkosten"):
        u[feld] = geld(roh.get(feld), f"unterkunft.{feld}", pflicht=False)
    sammel = art != "wohnung"
    u["sachleistung_unterkunft"] = wahrheitswert(
        roh.get("sachleistung_unterkunft"), "unterkunft.sachleistung_unterkunft", sammel
    )
    u["sachleistung_haushaltsenergie"] = wahrheitswert(
        roh.get("sachleistung_haushaltsenergie"), "unterkunft.sachleistung_haushaltsenergie", sammel
    )
    u["kostensenkung_ab"] = datum(roh.get("kostensenkung_ab"), "unterkunft.kostensenkung_ab", pflicht=False)
    im_haushalt = roh.get("personen_im_haushalt")
    if im_haushalt is None:
        im_haushalt = anzahl
    if isinstance(im_haushalt, bool) or not isinstance(im_haushalt, int) or im_haushalt < anzahl:
        raise EingabeFehler(
            "Feld 'unterkunft.personen_im_haushalt': ganze Zahl, mindestens die Zahl der Personen, erwartet."
        )
    u["personen_im_haushalt"] = im_haushalt
    sach = eingabe.get("sachleistungen") or {}
    if not isinstance(sach, dict):
        raise EingabeFehler("Feld 'sachleistungen': Objekt erwartet.")
    u["sach_nb"] = wahrheitswert(
        sach.get("notwendiger_bedarf"), "sachleistungen.notwendiger_bedarf", art == "aufnahmeeinrichtung"
    )
    u["sach_npb"] = wahrheitswert(
        sach.get("notwendiger_persoenlicher_bedarf"), "sachleistungen.notwendiger_persoenlicher_bedarf"
    )
    return u


# --------------------------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------------------------


def analogleistungen_ab(person: Person, p) -> _dt.date | None:
    """Date from which § 2 Abs. 1 AsylbLG applies: after the Wartezeit of 18 (from 27.2.2024: 36) months of stay
    without wesentliche Unterbrechung and without rechtsmissbräuchliche Beeinflussung der Aufenthaltsdauer."""
    if person.rechtsmissbrauch:
        return None
    return _plus_monate(person.aufenthalt_seit, int(p["wartezeit_analogleistungen_monate"]))


def bestimme_leistungsart(personen: dict[str, Person], p, hinweise: list[str]) -> None:
    """Grundleistung or Analogleistung per person (§ 2 Abs. 1 und 3, § 20 AsylbLG).

    The Wartezeit counts by month: Analogleistungen for a month if the Wartezeit is over on its first day.
    Minors living with a parent receive Analogleistungen only if at least one parent does (§ 2 Abs. 3).
    """
    for x in personen.values():
        x.analog_ab = analogleistungen_ab(x, p)
        eigen = x.analog_ab is not None and x.analog_ab <= x.erster_tag
        if not eigen and x.bestandsschutz and p["bestandsschutz_analogleistungen"] and not x.rechtsmissbrauch:
            eigen = True
            hinweise.append(
                f"Person {x.id}: Analogleistungen bereits vor dem 27.02.2024 bezogen – Weitergewährung nach § 20 AsylbLG."
            )
        x.eigener_anspruch_analog = eigen
        if (
            not eigen
            and x.analog_ab is not None
            and (x.analog_ab.year, x.analog_ab.month)
            == (
                x.erster_tag.year,
                x.erster_tag.month,
            )
        ):
            hinweise.append(
                f"Person {x.id}: Wartezeit endet am {x.analog_ab.strftime('%d.%m.%Y')}; für diesen Monat Grundleistungen "
                "berechnet, Analogleistungen ab dem Folgemonat (tageweise Umstellung nicht modelliert)."
            )
    for x in personen.values():
        x.leistungsart = ANALOGLEISTUNG if x.eigener_anspruch_analog else GRUNDLEISTUNG
        eltern = [personen[e] for e in x.eltern]
        if x.alter < 18 and eltern:
            analog = any(e.eigener_anspruch_analog for e in eltern)
            if x.eigener_anspruch_analog and not analog:
                hinweise.append(
                    f"Person {x.id}: minderjährig, kein Elternteil im Haushalt erhält Analogleistungen – "
                    "Grundleistungen (§ 2 Abs. 3 AsylbLG)."
                )
            x.leistungsart = ANALOGLEISTUNG if analog else GRUNDLEISTUNG
        if x.rechtsmissbrauch:
            hinweise.append(
                f"Person {x.id}: Dauer des Aufenthalts rechtsmissbräuchlich selbst beeinflusst – keine "
                "Analogleistungen (§ 2 Abs. 1 Satz 1 AsylbLG)."
            )


def _lebt_mit_elternteil(x: Person) -> bool:
    return bool(x.eltern)


def bedarfsstufe(x: Person, personen: dict[str, Person], unterkunftsart: str, p) -> tuple[int, str]:
    """Bedarfsstufe of the Grundleistungen (§ 3a Abs. 1 und 2 AsylbLG).

    Nr. 6 up to 5 years, Nr. 5 6 to 13 years, Nr. 4 14 to 17 years (Jugendliche not living with a parent: Nr. 1).
    Adults: stationäre Einrichtung Nr. 3 b; Aufnahmeeinrichtung/Gemeinschaftsunterkunft Nr. 2 b; with a partner
    Nr. 2 a; under 25, unmarried, with a parent in a Wohnung Nr. 3 a; otherwise Nr. 1.
    """
    if x.alter < 6:
        return 6, ""
    if x.alter < 14:
        return 5, ""
    if x.alter < 18:
        if not _lebt_mit_elternteil(x):
            return 1, "Jugendliche Person ohne Elternteil im Haushalt: Bedarfsstufe 1 (§ 3a Abs. 1 Nr. 1 AsylbLG)."
        return 4, ""
    if x.stationaer:
        return 3, ""
    if unterkunftsart != "wohnung" and p["sammelunterkunft_bedarfsstufe_2"]:
        hinweis = ""
        if x.partner is None:
            hinweis = (
                f"Person {x.id}: Bedarfsstufe 2 wegen Unterbringung in einer Sammelunterkunft nach dem Wortlaut von "
                "§ 3a Abs. 1 Nr. 2 Buchst. b AsylbLG; verfassungsrechtlich umstritten (vgl. BVerfG 1 BvL 3/21 zu § 2)."
            )
        return 2, hinweis
    if x.partner is not None and personen[x.partner].alter >= 18:
        return 2, ""
    if x.alter < 25 and x.partner is None and _lebt_mit_elternteil(x):
        return 3, ""
    return 1, ""


def regelbedarfsstufe_analog(x: Person, personen: dict[str, Person], unterkunftsart: str) -> tuple[int, str]:
    """Regelbedarfsstufe for Analogleistungen: Anlage zu § 28 SGB XII, with § 2 Abs. 1 Satz 4 Nr. 2 AsylbLG
    (unmarried adults under 25 with a parent in a Wohnung: RBS 3). § 2 Abs. 1 Satz 4 Nr. 1 (RBS 2 for single adults
    in a Sammelunterkunft) is not applied: BVerfG, Beschluss vom 19.10.2022, 1 BvL 3/21 (RBS 1 until new rules)."""
    if x.alter < 6:
        return 6, "Anlage zu § 28 SGB XII i.V.m. § 2 Abs. 1 AsylbLG"
    if x.alter < 14:
        return 5, "Anlage zu § 28 SGB XII i.V.m. § 2 Abs. 1 AsylbLG"
    if x.alter < 18:
        return 4, "Anlage zu § 28 SGB XII i.V.m. § 2 Abs. 1 AsylbLG"
    if x.stationaer:
        return 3, "Anlage zu § 28 SGB XII (RBS 3) i.V.m. § 2 Abs. 1 AsylbLG"
    if x.partner is not None and personen[x.partner].alter >= 18:
        return 2, "Anlage zu § 28 SGB XII (RBS 2) i.V.m. § 2 Abs. 1 AsylbLG"
    if unterkunftsart == "wohnung" and x.alter < 25 and x.partner is None and x.eltern:
        return 3, "§ 2 Abs. 1 Satz 4 Nr. 2 AsylbLG"
    if unterkunftsart != "wohnung":
        return 1, "Anlage zu § 28 SGB XII (RBS 1); BVerfG, Beschluss vom 19.10.2022, 1 BvL 3/21"
    return 1, "Anlage zu § 28 SGB XII (RBS 1) i.V.m. § 2 Abs. 1 AsylbLG"


def erwerbstaetigenfreibetrag(brutto: Decimal, x: Person, p, p_sgb12) -> tuple[Decimal, str]:
    """Freibetrag for Erwerbseinkommen on the gross income.

    Grundleistungen: 25 %, at most 50 % of the person's Bedarfsstufe (§ 3a Abs. 1 + Abs. 2) (§ 7 Abs. 3 Satz 1
    AsylbLG). Analogleistungen: 30 %, at most 50 % of Regelbedarfsstufe 1 (§ 82 Abs. 3 Satz 1 SGB XII, computed by
    ``sgb12.freibetrag_erwerbstaetigkeit``).
    """
    if x.leistungsart == ANALOGLEISTUNG:
        frei = sgb12.freibetrag_erwerbstaetigkeit(brutto, p_sgb12)
        return frei, "§ 82 Abs. 3 Satz 1 SGB XII i.V.m. § 2 Abs. 1 AsylbLG"
    t = p["erwerbstaetigenfreibetrag_grundleistung"]
    stufe = x.stufe
    grenze = runden(
        (p["notwendiger_bedarf"][stufe] + p["notwendiger_persoenlicher_bedarf"][stufe])
        * t["hoechstens_anteil_bedarfsstufe"]
    )
    return min(runden(brutto * t["satz"]), grenze), "§ 7 Abs. 3 Satz 1 AsylbLG"


def bereinigtes_einkommen(x: Person, p, p_sgb12) -> tuple[Decimal, list[str]]:
    """Income of one person after the Freibetrag for Erwerbseinkommen (§ 7 Abs. 1 bis 3 AsylbLG; for § 2:
    § 82 SGB XII). Net Erwerbseinkommen is taken as given (taxes and social insurance already deducted,
    § 7 Abs. 3 Satz 2 Nr. 1 und 2 AsylbLG, § 82 Abs. 2 SGB XII); all other income counts in full."""
    summe = NULL
    teile: list[str] = []
    brutto = netto = NULL
    for e in x.einkommen:
        if e["art"] == "erwerbseinkommen":
            brutto += e["brutto"]
            netto += e["netto"]
        else:
            summe += e["betrag"]
            teile.append(f"{e['art'].capitalize()} {euro(e['betrag'])}")
    if brutto or netto:
        frei, norm = erwerbstaetigenfreibetrag(brutto, x, p, p_sgb12)
        erwerb = max(NULL, netto - frei)
        teile.insert(
            0,
            f"Erwerbseinkommen netto {euro(netto)} (brutto {euro(brutto)}) abzgl. Freibetrag {euro(frei)} ({norm})",
        )
        summe += erwerb
    return summe, teile


def vermoegensfreibetrag(liste: list[Person], p, p_sgb12) -> Decimal:
    """Freibetrag of the household: 200 EUR per person with Grundleistungen (§ 7 Abs. 5 Satz 1 AsylbLG);
    with Analogleistungen the kleinere Barbeträge, 10,000 EUR per adult and 500 EUR per minor maintained by them
    (§ 90 Abs. 2 Nr. 9 SGB XII, § 1 DV, parameters of ``sgb12``)."""
    t = p_sgb12["vermoegen_barbetrag"]
    summe = NULL
    for x in liste:
        if x.leistungsart == ANALOGLEISTUNG:
            summe += t["volljaehrige_person"] if x.alter >= 18 else t["unterhaltene_person"]
        else:
            summe += p["vermoegensfreibetrag_je_person"]
    return summe


def unterkunftskosten(u: dict, erster_tag: _dt.date, hinweise: list[str]) -> tuple[Decimal, Decimal, str]:
    """Unterkunft (Bruttokaltmiete) and Heizung of the household as money: actual costs, after a given
    Kostensenkung date only the angemessene costs (§ 3 Abs. 3 Satz 3 AsylbLG 'soweit notwendig und angemessen';
    § 35 SGB XII for Analogleistungen). In kind (e.g. Gemeinschaftsunterkunft): nothing is paid."""
    if u["sachleistung_unterkunft"]:
        if u["kaltmiete"] or u["nebenkosten"] or u["heizkosten"]:
            hinweise.append("Unterkunft als Sachleistung: angegebene Miet- und Heizkosten werden nicht gezahlt.")
        return NULL, NULL, "§ 3 Abs. 3 Satz 3 AsylbLG (Sachleistung)"
    unterkunft = u["kaltmiete"] + u["nebenkosten"]
    heizung = u["heizkosten"]
    senkung = u["kostensenkung_ab"] is not None and erster_tag >= u["kostensenkung_ab"]
    angemessen = u["angemessene_bruttokaltmiete"]
    if angemessen is not None and unterkunft > angemessen:
        if senkung:
            hinweise.append(
                f"Nur die angemessene Bruttokaltmiete von {euro(angemessen)} wird anerkannt (tatsächlich {euro(unterkunft)})."
            )
            unterkunft = angemessen
        else:
            hinweise.append(
                f"Die Bruttokaltmiete von {euro(unterkunft)} übersteigt die angemessene von {euro(angemessen)}; "
                "bis zum Ablauf der Kostensenkungsfrist werden die tatsächlichen Kosten anerkannt."
            )
    hz = u["angemessene_heizkosten"]
    if hz is not None and heizung > hz and senkung:
        hinweise.append(f"Heizkosten auf die angemessenen {euro(hz)} begrenzt.")
        heizung = hz
    return unterkunft, heizung, "§ 3 Abs. 3 Satz 3 AsylbLG; bei § 2: § 35 SGB XII"


# --------------------------------------------------------------------------------------------------------------
# Calculation
# --------------------------------------------------------------------------------------------------------------


def berechne(eingabe: dict) -> dict:
    """Calculate one household-month; raises EingabeFehler for input that cannot be calculated."""
    monat_text = eingabe.get("monat")
    jahr, mon = monat(monat_text)
    if monat_text < ERSTER_MONAT:
        raise EingabeFehler(f"Feld 'monat': Berechnung erst ab {ERSTER_MONAT} möglich.")
    p = parameter_fuer(RECHTSGEBIET, monat_text)
    if monat_text > p["parameter_gueltig_bis"]:
        raise EingabeFehler(
            f"Feld 'monat': für {monat_text} sind noch keine Parameter gepflegt (bis {p['parameter_gueltig_bis']})."
        )
    p_sgb12 = parameter_fuer(sgb12.RECHTSGEBIET, monat_text)
    hinweise: list[str] = []
    personen = _lies_personen(eingabe, jahr, mon)
    lies_beziehungen(eingabe, personen)
    liste = list(personen.values())
    u = _lies_unterkunft(eingabe, len(liste))
    bestimme_leistungsart(personen, p, hinweise)

    # 1. Bedarfe per person
    for x in liste:
        if x.leistungsart == GRUNDLEISTUNG:
            x.stufe, hinweis = bedarfsstufe(x, personen, u["art"], p)
            if hinweis:
                hinweise.append(hinweis)
            x.nb = p["notwendiger_bedarf"][x.stufe]
            x.npb = p["notwendiger_persoenlicher_bedarf"][x.stufe]
            quelle = p.quelle("notwendiger_bedarf")
            x.zeilen.append(
                (
                    f"Notwendiger Bedarf (Bedarfsstufe {x.stufe})",
                    x.nb,
                    f"§ 3 Abs. 1 Satz 1, {BS_NORM[x.stufe]}; {quelle}",
                )
            )
            x.zeilen.append(
                (
                    f"Notwendiger persönlicher Bedarf (Bedarfsstufe {x.stufe})",
                    x.npb,
                    f"§ 3 Abs. 1 Satz 2, {BS_NORM[x.stufe]}; {quelle}",
                )
            )
            sach = NULL
            if u["sach_nb"]:
                sach = x.nb
                x.zeilen.append(
                    (
                        "Notwendiger Bedarf wird als Sachleistung gedeckt",
                        -sach,
                        "§ 3 Abs. 2 Satz 1, Abs. 3 Satz 2 AsylbLG",
                    )
                )
            elif x.sachleistung_wert:
                sach = min(x.sachleistung_wert, x.nb)
                x.zeilen.append(
                    ("Teile des notwendigen Bedarfs als Sachleistung (Wert)", -sach, "§ 3 Abs. 3 Satz 2 AsylbLG")
                )
            if u["sach_npb"]:
                sach += x.npb
                x.zeilen.append(
                    (
                        "Notwendiger persönlicher Bedarf wird als Sachleistung gedeckt",
                        -x.npb,
                        "§ 3 Abs. 2 Satz 4, Abs. 3 Satz 4 AsylbLG",
                    )
                )
            x.sachleistung = sach
            x.bedarf = x.nb + x.npb
            if x.schwanger:
                hinweise.append(
                    f"Person {x.id}: Schwangerschaft – Leistungen nach § 4 Abs. 2 und § 6 AsylbLG gesondert prüfen."
                )
        else:
            x.stufe, norm = regelbedarfsstufe_analog(x, personen, u["art"])
            x.regelbedarf = p_sgb12["regelbedarf"][x.stufe]
            x.zeilen.append(
                (
                    f"Regelbedarf (Regelbedarfsstufe {x.stufe})",
                    x.regelbedarf,
                    f"{norm}; {p_sgb12.quelle('regelbedarf')}",
                )
            )
            if x.schwanger:
                satz = p_sgb12["mehrbedarf_schwangerschaft"]
                betrag = runden(x.regelbedarf * satz)
                x.mehrbedarf += betrag
                x.zeilen.append(
                    (
                        f"Mehrbedarf bei Schwangerschaft ({prozent(satz)} der Regelbedarfsstufe)",
                        betrag,
                        "§ 30 Abs. 2 SGB XII i.V.m. § 2 Abs. 1 AsylbLG",
                    )
                )
            if x.partner is None and x.kinder:
                kinder_alter = [personen[k].alter for k in x.kinder]
                satz = sgb2.mehrbedarf_alleinerziehend_satz(kinder_alter, p_sgb12)
                if satz:
                    betrag = runden(p_sgb12["regelbedarf"][1] * satz)
                    x.mehrbedarf += betrag
                    x.zeilen.append(
                        (
                            f"Mehrbedarf für Alleinerziehende ({prozent(satz)} der Regelbedarfsstufe 1)",
                            betrag,
                            "§ 30 Abs. 3 SGB XII i.V.m. § 2 Abs. 1 AsylbLG",
                        )
                    )
            x.bedarf = x.regelbedarf + x.mehrbedarf
            if u["art"] != "wohnung" and u["sachleistung_haushaltsenergie"]:
                hinweise.append(
                    f"Person {x.id}: Haushaltsenergie als Sachleistung – abweichende Festsetzung des Regelbedarfs "
                    "(§ 27a Abs. 4 SGB XII) prüfen."
                )

    # 2. Unterkunft, Heizung, Haushaltsenergie (Kopfteile)
    unterkunft, heizung, kdu_norm = unterkunftskosten(u, _dt.date(jahr, mon, 1), hinweise)
    im_haushalt = u["personen_im_haushalt"]
    kdu_kopf = runden((unterkunft + heizung) / im_haushalt)
    energie_grund = NULL
    if u["haushaltsenergie"] and not u["sachleistung_haushaltsenergie"]:
        energie_grund = runden(u["haushaltsenergie"] / im_haushalt)
    for x, kdu_anteil in zip(liste, sgb2.kdu_anteile(unterkunft + heizung, im_haushalt, len(liste)), strict=True):
        if kdu_anteil:
            x.kdu = kdu_anteil
            x.zeilen.append(
                (
                    f"Unterkunft und Heizung (Kopfteil 1/{im_haushalt} von {euro(unterkunft + heizung)})",
                    kdu_anteil,
                    kdu_norm,
                )
            )
        if energie_grund and x.leistungsart == GRUNDLEISTUNG:
            x.energie = energie_grund
            x.zeilen.append(
                (f"Haushaltsenergie (Kopfteil 1/{im_haushalt})", energie_grund, "§ 3 Abs. 3 Satz 3 AsylbLG")
            )
        x.bedarf += x.kdu + x.energie
        x.geldbedarf = x.bedarf - x.sachleistung
    if energie_grund and any(x.leistungsart == ANALOGLEISTUNG for x in liste):
        hinweise.append(
            "Haushaltsenergie ist bei Analogleistungen im Regelbedarf enthalten und wird nicht gesondert gezahlt."
        )
    if u["sachleistung_unterkunft"]:
        hinweise.append(
            "Unterkunft, Heizung und Haushaltsenergie werden als Sachleistung erbracht (§ 3 Abs. 3 Satz 3 AsylbLG)."
        )

    # 3. Einkommen und Vermögen of the household (§ 7 Abs. 1 Satz 1 AsylbLG)
    einkommen = NULL
    teile_text: dict[str, str] = {}
    for x in liste:
        betrag, teile = bereinigtes_einkommen(x, p, p_sgb12)
        x.eigenes_einkommen = betrag
        einkommen += betrag
        if teile:
            teile_text[x.id] = "; ".join(teile)
    vermoegen = sum((x.vermoegen for x in liste), NULL)
    freibetrag = vermoegensfreibetrag(liste, p, p_sgb12)
    ueber = max(NULL, vermoegen - freibetrag)
    verm_norm = (
        "§ 7 Abs. 1 Satz 1, Abs. 5 AsylbLG"
        if all(x.leistungsart == GRUNDLEISTUNG for x in liste)
        else "§ 7 Abs. 5 AsylbLG; bei § 2: § 90 Abs. 2 Nr. 9 SGB XII"
    )
    geldbedarf = sum((x.geldbedarf for x in liste), NULL)
    einzusetzen = einkommen + ueber
    anteile = sgb2.verteile_einkommen([x.geldbedarf for x in liste], einzusetzen)
    if einzusetzen > geldbedarf and any(x.sachleistung for x in liste):
        hinweise.append(
            f"Einkommen/Vermögen übersteigt den Geldbedarf um {euro(einzusetzen - geldbedarf)}: Kostenerstattung für "
            "erhaltene Sachleistungen prüfen (§ 7 Abs. 1 Satz 3 AsylbLG)."
        )
    if ueber:
        hinweise.append(
            f"Vermögen von {euro(vermoegen)} übersteigt den Freibetrag von {euro(freibetrag)} um {euro(ueber)}; "
            f"der übersteigende Betrag ist vorrangig einzusetzen ({verm_norm})."
        )
    gesamt_text = euro(geldbedarf)
    positionen: list[dict] = []
    for x, anteil in zip(liste, anteile, strict=True):
        for text, betrag, norm in x.zeilen:
            positionen.append(position(x.id, text, betrag, norm))
        if anteil:
            positionen.append(
                position(
                    x.id,
                    f"Anteil am Einkommen/Vermögen des Haushalts nach Bedarfsanteil ({euro(x.geldbedarf)} von {gesamt_text})",
                    -anteil,
                    "§ 7 Abs. 1 bis 3 und 5 AsylbLG; bei § 2: §§ 82, 90 SGB XII",
                )
            )
        x.anteil = anteil
        x.anspruch = x.geldbedarf - anteil

    anspruch = sum((x.anspruch for x in liste), NULL)
    if anspruch == 0 and geldbedarf > 0:
        hinweise.insert(0, "Kein Anspruch: Einkommen und Vermögen decken den Bedarf.")
    arten = {x.leistungsart for x in liste}
    return {
        "monat": monat_text,
        "leistung": eingabe.get("leistung"),
        "bezeichnung": "Leistungen nach dem Asylbewerberleistungsgesetz",
        "rechtsgrundlage": "Asylbewerberleistungsgesetz (AsylbLG)",
        "leistungsart": arten.pop() if len(arten) == 1 else "gemischt",
        "anspruch": fmt(anspruch),
        "bedarf": fmt(sum((x.bedarf for x in liste), NULL)),
        "geldbedarf": fmt(geldbedarf),
        "sachleistungen": fmt(sum((x.sachleistung for x in liste), NULL)),
        "angerechnetes_einkommen": fmt(min(einkommen, geldbedarf)),
        "angerechnetes_vermoegen": fmt(min(ueber, geldbedarf - min(einkommen, geldbedarf))),
        "einkommen_bereinigt": fmt(einkommen),
        "vermoegen": {"summe": fmt(vermoegen), "freibetrag": fmt(freibetrag), "uebersteigt": fmt(ueber)},
        "personen": {
            x.id: {
                "leistungsart": x.leistungsart,
                "bedarfsstufe" if x.leistungsart == GRUNDLEISTUNG else "regelbedarfsstufe": x.stufe,
                "notwendiger_bedarf": fmt(x.nb),
                "notwendiger_persoenlicher_bedarf": fmt(x.npb),
                "regelbedarf": fmt(x.regelbedarf),
                "mehrbedarfe": fmt(x.mehrbedarf),
                "kdu": fmt(x.kdu),
                "haushaltsenergie": fmt(x.energie),
                "sachleistungen": fmt(x.sachleistung),
                "bedarf": fmt(x.bedarf),
                "angerechnetes_einkommen": fmt(x.anteil),
                "einkommen_erlaeuterung": teile_text.get(x.id, ""),
                "anspruch": fmt(x.anspruch),
                "analogleistungen_ab": x.analog_ab.isoformat() if x.analog_ab else None,
                "alter": x.alter,
            }
            for x in liste
        },
        "unterkunft": {
            "art": u["art"],
            "anerkannt_unterkunft": fmt(unterkunft),
            "anerkannt_heizung": fmt(heizung),
            "kopfteil": fmt(kdu_kopf),
            "personen_im_haushalt": im_haushalt,
        },
        "positionen": positionen,
        "hinweise": hinweise,
    }
