"""Wohngeld nach dem Wohngeldgesetz (WoGG), from 2023-01 (Wohngeld-Plus-Gesetz) and 2025-01 (Fortschreibung 2025).

One household-month in, one result out. The calculation follows § 4 WoGG (Berechnungsgrößen):

1. Haushaltsmitglieder (§§ 5 to 8): every person of the input is a Haushaltsmitglied; members who receive a
   Transferleistung (Bürgergeld, Grundsicherung, ...) are excluded (§ 7 Abs. 1) and not counted.
2. Miete or Belastung (§§ 9 to 12): Bruttokaltmiete (Kaltmiete plus kalte Nebenkosten, § 9) or Belastung (§ 10),
   only the share of the counted members (§ 11 Abs. 2 Nr. 3, Abs. 3), capped at Höchstbetrag (§ 12 Abs. 1) plus
   Klimakomponente (§ 12 Abs. 7), plus the Heizkostenentlastung (§ 12 Abs. 6), § 11 Abs. 1.
3. Gesamteinkommen (§§ 13 to 17): Jahreseinkommen per member = positive Einkünfte (Werbungskosten-Pauschbeträge of
   § 9a EStG) plus the Einnahmen of § 14 Abs. 2, less the pauschaler Abzug of 10/20/30 % (§ 16); Freibeträge of
   § 17 are deducted from the sum; monthly Gesamteinkommen is one twelfth (§ 13 Abs. 2).
4. Höhe (§ 19 with Anlagen 2 and 3), Mindestbetrag (§ 21 Nr. 1), erhebliches Vermögen (§ 21 Nr. 3).

Amounts of the Berechnungsbogen are in ``rechenweg``; ``positionen`` add up to the claim.
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal

from .basis import (
    NULL,
    EingabeFehler,
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

RECHTSGEBIET = "wohngeld"
ERSTER_MONAT = "2023-01"
ZWOELF = Decimal(12)
EINS = Decimal(1)
ZEHN_STELLEN = Decimal("0.0000000001")
MAX_FORMEL_MITGLIEDER = 12
EINKOMMENSARTEN = frozenset(
    {
        "erwerbseinkommen",
        "rente",
        "arbeitslosengeld",
        "unterhalt",
        "unterhaltsvorschuss",
        "elterngeld",
        "kindergeld",
        "sonstiges",
    }
)
_EINKOMMENSARTEN_TEXT = ", ".join(sorted(EINKOMMENSARTEN))
UEBRIGE_TEXT = {
    "arbeitslosengeld": "Arbeitslosengeld",
    "unterhalt": "Unterhalt",
    "unterhaltsvorschuss": "Unterhaltsvorschuss",
    "sonstiges": "sonstige Einnahmen",
}
# Which of the three deductions of § 16 Satz 1 WoGG apply: field of the person, alternative key in "pauschalabzug".
MERKMALE = (
    ("steuerpflichtig", "steuern", "Steuern vom Einkommen"),
    ("kv_pv_pflichtig", "kranken_pflegeversicherung", "Kranken- und Pflegeversicherung"),
    ("rv_pflichtig", "rentenversicherung", "Rentenversicherung"),
)
NORM_FORMEL = "§ 19 Abs. 1 und 2 WoGG, Anlagen 2 und 3"
# Share of the gross wage above which the deductions must contain Lohnsteuer: the employee's share of the social
# insurance contributions is about 21 % (RV 9,3 %, AV 1,3 %, KV 7,3 % + half the Zusatzbeitrag, PV 1,7-2,3 %).
# Only a default for the input flag 'steuerpflichtig', not law.
LOHNSTEUER_ERKENNBAR_AB = Decimal("0.23")


def festkomma(wert: Decimal) -> Decimal:
    """Fixed-point number with ten decimals (Anlage 3 Nr. 2 Satz 2 WoGG)."""
    return wert.quantize(ZEHN_STELLEN, rounding=ROUND_HALF_UP)


def _komma(wert: Decimal) -> str:
    """German display of a decimal number without grouping: Decimal("0.0004797") -> "0,0004797"."""
    return f"{wert:f}".replace(".", ",")


def volle_euro(wert: Decimal) -> Decimal:
    """Round to full euros: below 0.50 down, from 0.50 up (Anlage 3 Nr. 3 WoGG)."""
    return wert.quantize(EINS, rounding=ROUND_HALF_UP)


class Person:
    """One Haushaltsmitglied for the month (input facts plus intermediate results)."""

    __slots__ = (
        "id",
        "index",
        "alter",
        "einkommen",
        "merkmale",
        "merkmale_angenommen",
        "transferleistung",
        "behinderungsgrad",
        "pflegebeduerftig",
        "grundrentenzeiten",
        "vermoegen",
        "partner",
        "eltern",
        "kinder",
        "einkuenfte",
        "abzug_satz",
        "jahreseinkommen",
        "freibetrag",
        "teile",
    )

    def __init__(self) -> None:
        self.partner: str | None = None
        self.eltern: list[str] = []
        self.kinder: list[str] = []
        self.einkuenfte = NULL
        self.abzug_satz = NULL
        self.jahreseinkommen = NULL
        self.freibetrag = NULL
        self.teile: list[str] = []
        self.merkmale_angenommen = False

    @property
    def zu_beruecksichtigen(self) -> bool:
        return self.transferleistung is None


# --------------------------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------------------------


def _alter(geburt: _dt.date, stichtag: _dt.date) -> int:
    """Completed years of life on the first day of the month."""
    return stichtag.year - geburt.year - ((stichtag.month, stichtag.day) < (geburt.month, geburt.day))


def _lies_einkommen(roh, f: tuple) -> list[dict]:
    if roh is None or roh == []:
        return []
    ergebnis = []
    for fe, e, art in einkommen_roh(roh, f, EINKOMMENSARTEN, _EINKOMMENSARTEN_TEXT):
        if art == "erwerbseinkommen":
            ergebnis.append(erwerbseinkommen(e, fe, netto_pflicht=False))
            continue
        if art == "rente" and e.get("brutto") is not None:
            betrag = geld(e.get("brutto"), (fe, ".brutto"))
        else:
            betrag = geld(e.get("betrag"), (fe, ".betrag"))
        eintrag = {"art": art, "betrag": betrag}
        if art == "elterngeld":
            eintrag["plus"] = wahrheitswert(e.get("elterngeld_plus"), (fe, ".elterngeld_plus"))
        ergebnis.append(eintrag)
    return ergebnis


def _lies_merkmale(roh: dict, f: tuple) -> list[bool | None]:
    """The three Abzugsmerkmale of § 16 WoGG as given (None where not given)."""
    alternativ = roh.get("pauschalabzug")
    if alternativ is not None and not isinstance(alternativ, dict):
        raise EingabeFehler(
            f"Feld '{feldname(f)}.pauschalabzug': Objekt mit 'steuern', 'kranken_pflegeversicherung' und "
            "'rentenversicherung' erwartet."
        )
    werte: list[bool | None] = []
    for feld, alt, _ in MERKMALE:
        if roh.get(feld) is not None:
            werte.append(wahrheitswert(roh.get(feld), (f, ".", feld)))
        elif alternativ is not None and alternativ.get(alt) is not None:
            werte.append(wahrheitswert(alternativ.get(alt), (f, ".pauschalabzug.", alt)))
        else:
            werte.append(None)
    return werte


def _standard_merkmale(person: Person, gegeben: list[bool | None]) -> list[bool]:
    """Defaults for § 16 WoGG where the input says nothing.

    Employees (Erwerbseinkommen with netto below brutto, or no netto given) pay Pflichtbeiträge to the Kranken-/
    Pflege- and Rentenversicherung; pensioners pay Kranken-/Pflegeversicherung (KVdR). Lohnsteuer is assumed only
    where the deductions from the wage exceed what the employee's social insurance share alone can explain
    (``LOHNSTEUER_ERKENNBAR_AB``, about 21 % in 2023 to 2026); an assumption, so a hint names it.
    """
    erwerb = [e for e in person.einkommen if e["art"] == "erwerbseinkommen" and e["brutto"] > 0]
    beschaeftigt = any(e["netto"] is None or e["netto"] < e["brutto"] for e in erwerb)
    steuern = any(
        e["netto"] is not None and e["brutto"] - e["netto"] > e["brutto"] * LOHNSTEUER_ERKENNBAR_AB for e in erwerb
    )
    rente = any(e["art"] == "rente" and e["betrag"] > 0 for e in person.einkommen)
    standard = [steuern, beschaeftigt or rente, beschaeftigt]
    if None in gegeben and (erwerb or rente):
        person.merkmale_angenommen = True
    return [standard[i] if g is None else g for i, g in enumerate(gegeben)]


def _lies_personen(eingabe: dict, stichtag: _dt.date) -> dict[str, Person]:
    letzter_tag = _dt.date(stichtag.year + (stichtag.month == 12), stichtag.month % 12 + 1, 1) - _dt.timedelta(1)
    personen: dict[str, Person] = {}
    for i, roh, f, pid, geburt in personen_roh(
        eingabe, personen, "Haushaltsmitglieder", letzter_tag, mindestens="mindestens einer Person (Haushaltsmitglied)"
    ):
        person = Person()
        person.id = pid
        person.index = i
        person.alter = max(_alter(geburt, stichtag), 0)
        person.einkommen = _lies_einkommen(roh.get("einkommen"), f)
        person.merkmale = _standard_merkmale(person, _lies_merkmale(roh, f))
        transfer = roh.get("transferleistung")
        if transfer is None or transfer is False or transfer == "":
            person.transferleistung = None
        elif transfer is True:
            person.transferleistung = "Transferleistung"
        elif isinstance(transfer, str):
            person.transferleistung = transfer
        else:
            raise EingabeFehler(
                f"Feld '{feldname(f)}.transferleistung': true/false oder Name der Leistung (z. B. \"buergergeld\") "
                "erwartet."
            )
        gdb = roh.get("behinderungsgrad", 0)
        if gdb is None:
            gdb = 0
        if isinstance(gdb, bool) or not isinstance(gdb, int) or not 0 <= gdb <= 100:
            raise EingabeFehler(f"Feld '{feldname(f)}.behinderungsgrad': ganze Zahl von 0 bis 100 erwartet.")
        person.behinderungsgrad = gdb
        person.pflegebeduerftig = wahrheitswert(
            roh.get("pflegebeduerftig_haeuslich"), (f, ".pflegebeduerftig_haeuslich")
        )
        monate = roh.get("grundrentenzeiten_monate", 0)
        if monate is None:
            monate = 0
        if isinstance(monate, bool) or not isinstance(monate, int) or not 0 <= monate <= 1200:
            raise EingabeFehler(f"Feld '{feldname(f)}.grundrentenzeiten_monate': ganze Zahl von 0 bis 1200 erwartet.")
        person.grundrentenzeiten = monate
        person.vermoegen = geld(roh.get("vermoegen"), (f, ".vermoegen"), pflicht=False) or NULL
        personen[pid] = person
    return personen


def _lies_unterkunft(eingabe: dict, anzahl: int) -> dict:
    u = eingabe.get("unterkunft")
    if not isinstance(u, dict):
        raise EingabeFehler(
            "Feld 'unterkunft': Objekt mit 'kaltmiete', 'nebenkosten', 'mietenstufe' und 'personen_im_haushalt' erwartet."
        )
    stufe = u.get("mietenstufe")
    if isinstance(stufe, bool) or not isinstance(stufe, int) or not 1 <= stufe <= 7:
        raise EingabeFehler(
            "Feld 'unterkunft.mietenstufe': Mietenstufe der Gemeinde als ganze Zahl von 1 bis 7 erwartet "
            "(§ 12 Abs. 2 WoGG, Anlage zu § 1 Abs. 3 WoGV)."
        )
    bewohner = u.get("personen_im_haushalt", anzahl)
    if bewohner is None:
        bewohner = anzahl
    if isinstance(bewohner, bool) or not isinstance(bewohner, int) or bewohner < anzahl:
        raise EingabeFehler(
            f"Feld 'unterkunft.personen_im_haushalt': ganze Zahl erwartet, mindestens die Zahl der Personen ({anzahl})."
        )
    belastung = geld(u.get("belastung"), "unterkunft.belastung", pflicht=False)
    if belastung is None:
        kaltmiete = geld(u.get("kaltmiete"), "unterkunft.kaltmiete")
        nebenkosten = geld(u.get("nebenkosten"), "unterkunft.nebenkosten", pflicht=False) or NULL
    else:
        kaltmiete = nebenkosten = NULL
    heizkosten = geld(u.get("heizkosten"), "unterkunft.heizkosten", pflicht=False) or NULL
    return {
        "mietenstufe": stufe,
        "bewohner": bewohner,
        "belastung": belastung,
        "kaltmiete": kaltmiete,
        "nebenkosten": nebenkosten,
        "heizkosten": heizkosten,
    }


# --------------------------------------------------------------------------------------------------------------
# Miete (§§ 9 to 12)
# --------------------------------------------------------------------------------------------------------------


def nach_haushaltsgroesse(tabelle: dict, anzahl: int, spalte: int | None = None) -> Decimal:
    """Value of a table by number of members 1 to 5 plus the amount for each further member (§ 12 WoGG)."""
    if spalte is None:
        if anzahl <= 5:
            return tabelle[anzahl]
        return tabelle[5] + (anzahl - 5) * tabelle["je_weiteres_mitglied"]
    if anzahl <= 5:
        return tabelle[anzahl][spalte]
    return tabelle[5][spalte] + (anzahl - 5) * tabelle["je_weiteres_mitglied"][spalte]


def hoechstbetrag(anzahl: int, mietenstufe: int, p: Parameter) -> Decimal:
    """Höchstbetrag für Miete und Belastung by members and Mietenstufe (§ 12 Abs. 1 WoGG, Anlage 1)."""
    return nach_haushaltsgroesse(p["hoechstbetrag"], anzahl, mietenstufe)


def klimakomponente(anzahl: int, p: Parameter) -> Decimal:
    """Klimakomponente, added to the Höchstbetrag (§ 12 Abs. 7 WoGG)."""
    return nach_haushaltsgroesse(p["klimakomponente"], anzahl)


def heizkostenentlastung(anzahl: int, p: Parameter) -> Decimal:
    """Gesamtbetrag zur Entlastung bei den Heizkosten, added to the Miete (§ 12 Abs. 6, § 11 Abs. 1 Nr. 2 WoGG)."""
    return nach_haushaltsgroesse(p["heizkostenentlastung"], anzahl)


def miete_anteil(miete: Decimal, zu_beruecksichtigen: int, bewohner: int) -> Decimal:
    """Share of the Miete or Belastung of the counted members, by head (§ 11 Abs. 2 Nr. 3 and Abs. 3 WoGG)."""
    if zu_beruecksichtigen == bewohner:
        return miete
    return runden(miete * zu_beruecksichtigen / bewohner)


# --------------------------------------------------------------------------------------------------------------
# Einkommen (§§ 13 to 17)
# --------------------------------------------------------------------------------------------------------------


def jahreseinkommen(person: Person, p: Parameter) -> None:
    """Jahreseinkommen of one member (§§ 14 to 16 WoGG) from the monthly amounts of the month (times 12, § 15).

    Erwerbseinkommen: Einnahmen less the Arbeitnehmer-Pauschbetrag (§ 14 Abs. 1 WoGG, § 9a Satz 1 Nr. 1a EStG);
    Renten in full (taxable part plus the tax-free part, § 14 Abs. 2) less the Pauschbetrag of § 9a Satz 1 Nr. 3 EStG;
    Arbeitslosengeld, Unterhalt, Unterhaltsvorschuss and other Einnahmen in full (§ 14 Abs. 2); Elterngeld above
    300 € (150 € ElterngeldPlus) a month (§ 10 BEEG); Kindergeld is no income. Then 10 % for each of taxes,
    Kranken-/Pflegeversicherung and Rentenversicherung (§ 16 Satz 1).
    """
    erwerb = rente = uebrige = NULL
    uebrige_teile: list[str] = []
    for e in person.einkommen:
        art = e["art"]
        if art == "erwerbseinkommen":
            erwerb += e["brutto"]
        elif art == "rente":
            rente += e["betrag"]
        elif art == "elterngeld":
            frei = p["elterngeld_freibetrag"]["plus" if e["plus"] else "basis"]
            anrechenbar = max(e["betrag"] - frei, NULL)
            if anrechenbar:
                uebrige += anrechenbar
                uebrige_teile.append(f"Elterngeld über {euro(frei)}: {euro(anrechenbar)} mtl.")
        elif art != "kindergeld":
            uebrige += e["betrag"]
            uebrige_teile.append(f"{UEBRIGE_TEXT[art]} {euro(e['betrag'])} mtl.")
    summe = NULL
    teile = person.teile
    if erwerb:
        pausch = p["arbeitnehmer_pauschbetrag"]
        einkuenfte = max(erwerb * ZWOELF - pausch, NULL)
        summe += einkuenfte
        teile.append(
            f"Erwerbseinkommen {euro(erwerb)} × 12 = {euro(erwerb * ZWOELF)} abzgl. Arbeitnehmer-Pauschbetrag "
            f"{euro(pausch)} = {euro(einkuenfte)}"
        )
    if rente:
        pausch = p["werbungskosten_pauschbetrag_renten"]
        einkuenfte = max(rente * ZWOELF - pausch, NULL)
        summe += einkuenfte
        teile.append(f"Rente {euro(rente)} × 12 abzgl. Werbungskosten-Pauschbetrag {euro(pausch)} = {euro(einkuenfte)}")
    if uebrige:
        summe += uebrige * ZWOELF
        teile.append("; ".join(uebrige_teile) + f" × 12 = {euro(uebrige * ZWOELF)}")
    anzahl = sum(person.merkmale)
    person.einkuenfte = summe
    person.abzug_satz = p["pauschalabzug_satz"] * anzahl
    person.jahreseinkommen = summe - summe * person.abzug_satz
    if summe and anzahl:
        namen = ", ".join(text for (_, _, text), ja in zip(MERKMALE, person.merkmale, strict=True) if ja)
        teile.append(f"pauschaler Abzug {prozent(person.abzug_satz)} ({namen})")


def ist_alleinerziehend(person: Person, personen: dict[str, Person], bewohner: int, p: Parameter) -> bool:
    """§ 17 Nr. 3 WoGG: a member lives exclusively with one or more of their children, at least one under 18.

    Kindergeld for the minor child is assumed (it is a statutory entitlement for children under 18).
    """
    if bewohner != len(personen) or not person.kinder:
        return False
    andere = [x for x in personen.values() if x is not person]
    grenze = p["freibetraege"]["alleinerziehend_kind_unter"]
    return all(x.id in person.kinder for x in andere) and any(personen[k].alter < grenze for k in person.kinder)


def grundrentenfreibetrag(person: Person, p: Parameter) -> Decimal:
    """§ 17a WoGG: with at least 33 years of Grundrentenzeiten, 100 € of the monthly Rente plus 30 % of the rest
    are free, at most half of Regelbedarfsstufe 1 (Anlage zu § 28 SGB XII); returned as a yearly amount."""
    t = p["grundrentenfreibetrag"]
    if person.grundrentenzeiten < t["mindest_monate"]:
        return NULL
    rente = sum((e["betrag"] for e in person.einkommen if e["art"] == "rente"), NULL)
    if not rente:
        return NULL
    frei = min(rente, t["sockel"]) + max(rente - t["sockel"], NULL) * t["anteil"]
    rbs1 = parameter_fuer("sgb2", p.monat)["regelbedarf"][1]
    return runden(min(frei, rbs1 * t["hoechstanteil_rbs1"])) * ZWOELF


def freibetraege(personen: dict[str, Person], bewohner: int, p: Parameter) -> list[tuple[str | None, str, Decimal]]:
    """Jährliche Freibeträge (§ 17 WoGG), only for members who are not excluded (WoGVwV 17.02)."""
    t = p["freibetraege"]
    ergebnis: list[tuple[str | None, str, Decimal]] = []
    for x in personen.values():
        if not x.zu_beruecksichtigen:
            continue
        if x.behinderungsgrad == 100 or (50 <= x.behinderungsgrad < 100 and x.pflegebeduerftig):
            ergebnis.append(
                (
                    x.id,
                    f"Freibetrag schwerbehindertes Haushaltsmitglied (GdB {x.behinderungsgrad})",
                    t["schwerbehindert"],
                )
            )
        if x.eltern and x.alter < t["kind_erwerbseinkommen_unter"]:
            einnahmen = sum((e["brutto"] for e in x.einkommen if e["art"] == "erwerbseinkommen"), NULL) * ZWOELF
            if einnahmen:
                betrag = min(einnahmen, t["kind_erwerbseinkommen"])
                ergebnis.append((x.id, "Freibetrag Erwerbseinkommen eines Kindes unter 25 Jahren", betrag))
        betrag = grundrentenfreibetrag(x, p)
        if betrag:
            ergebnis.append((x.id, "Freibetrag bei 33 Jahren Grundrentenzeiten", betrag))
    for x in personen.values():
        if x.zu_beruecksichtigen and ist_alleinerziehend(x, personen, bewohner, p):
            ergebnis.append((x.id, "Freibetrag für Alleinerziehende", t["alleinerziehend"]))
            break
    return ergebnis


# --------------------------------------------------------------------------------------------------------------
# Höhe (§ 19, Anlagen 2 und 3)
# --------------------------------------------------------------------------------------------------------------


def wohngeld_formel(anzahl: int, m: Decimal, y: Decimal, p: Parameter) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Ungerundetes Wohngeld 1,15 · (M − (a + b · M + c · Y) · Y) (§ 19 Abs. 1 WoGG).

    Anlage 3: M and Y below the table values are replaced by them (Nr. 1); z1 to z4 as fixed-point numbers with ten
    decimals (Nr. 2). Households above twelve members use the values for twelve (§ 19 Abs. 3). Returns (z4, M, Y
    as used, …) as ``(z4, m, y, z1)``.
    """
    n = min(anzahl, MAX_FORMEL_MITGLIEDER)
    k = p["koeffizienten"][n]
    m = max(m, p["mindestwerte"]["m"][n])
    y = max(y, p["mindestwerte"]["y"][n])
    z1 = festkomma(k["a"] + k["b"] * m + k["c"] * y)
    z2 = festkomma(z1 * y)
    z3 = festkomma(m - z2)
    z4 = festkomma(p["skalierungsfaktor"] * z3)
    return z4, m, y, z1


# --------------------------------------------------------------------------------------------------------------
# Berechnung
# --------------------------------------------------------------------------------------------------------------


def berechne(eingabe: dict) -> dict:
    """Wohngeld for one household and month; ``{"fehler": ...}`` handled by the caller for EingabeFehler."""
    jahr, mon = monat(eingabe.get("monat"))
    monat_text = f"{jahr:04d}-{mon:02d}"
    if monat_text < ERSTER_MONAT:
        raise EingabeFehler(
            f"Feld 'monat': Wohngeld wird ab {ERSTER_MONAT} (Wohngeld-Plus-Gesetz) berechnet, nicht für {monat_text}."
        )
    p = parameter_fuer(RECHTSGEBIET, monat_text)
    stichtag = _dt.date(jahr, mon, 1)
    personen = _lies_personen(eingabe, stichtag)
    lies_beziehungen(eingabe, personen, partner_einmal=False)
    u = _lies_unterkunft(eingabe, len(personen))
    hinweise: list[str] = []
    rechenweg: list[dict] = []
    positionen: list[dict] = []
    zu_ber = [x for x in personen.values() if x.zu_beruecksichtigen]
    anzahl = len(zu_ber)
    bewohner = u["bewohner"]
    stufe = u["mietenstufe"]

    for x in personen.values():
        if not x.zu_beruecksichtigen:
            hinweise.append(
                f"Person {x.id} erhält eine Transferleistung ({x.transferleistung}) und ist vom Wohngeld "
                "ausgeschlossen; sie zählt nicht als zu berücksichtigendes Haushaltsmitglied (§ 7 Abs. 1 WoGG)."
            )
        elif x.merkmale_angenommen:
            namen = [text for (_, _, text), ja in zip(MERKMALE, x.merkmale, strict=True) if ja]
            hinweise.append(
                f"Person {x.id}: Abzüge nach § 16 WoGG nicht vollständig angegeben; angenommen: "
                f"{', '.join(namen) if namen else 'keine'} (Felder 'steuerpflichtig', 'kv_pv_pflichtig', "
                "'rv_pflichtig')."
            )
    if any(e["art"] == "kindergeld" for x in personen.values() for e in x.einkommen):
        hinweise.append("Kindergeld ist kein Einkommen im Sinne des § 14 WoGG und bleibt unberücksichtigt.")
    if u["heizkosten"]:
        hinweise.append(
            "Die tatsächlichen Heizkosten gehören nicht zur Miete (§ 9 Abs. 2 WoGG); berücksichtigt wird der "
            "pauschale Betrag zur Entlastung bei den Heizkosten (§ 12 Abs. 6 WoGG)."
        )

    ergebnis = {
        "monat": monat_text,
        "leistung": eingabe.get("leistung"),
        "bezeichnung": "Wohngeld",
        "rechtsgrundlage": "Wohngeldgesetz (WoGG)",
        "mietenstufe": stufe,
        "haushaltsmitglieder": anzahl,
        "haushaltsmitglieder_gesamt": len(personen),
    }
    if anzahl == 0:
        hinweise.insert(
            0,
            "Kein Anspruch: Alle Haushaltsmitglieder erhalten Transferleistungen und sind vom Wohngeld "
            "ausgeschlossen (§ 7 Abs. 1 WoGG).",
        )
        ergebnis.update(
            {
                "anspruch": fmt(NULL),
                "angerechnetes_einkommen": fmt(NULL),
                "gesamteinkommen": fmt(NULL),
                "berücksichtigte_miete": fmt(NULL),
                "hoechstbetrag": fmt(NULL),
                "personen": {x.id: _person_ausgabe(x) for x in personen.values()},
                "positionen": [],
                "rechenweg": [],
                "hinweise": hinweise,
            }
        )
        return ergebnis

    # 1. Miete oder Belastung (§ 11 Abs. 1, § 12)
    if u["belastung"] is not None:
        miete_gesamt, miete_text, miete_norm = u["belastung"], "Belastung (Lastenzuschuss)", "§ 10 WoGG"
    else:
        miete_gesamt = u["kaltmiete"] + u["nebenkosten"]
        miete_text = f"Bruttokaltmiete (Kaltmiete {euro(u['kaltmiete'])} + Nebenkosten {euro(u['nebenkosten'])})"
        miete_norm = "§ 9 WoGG"
    rechenweg.append(position(None, miete_text, miete_gesamt, miete_norm))
    miete = miete_anteil(miete_gesamt, anzahl, bewohner)
    if miete != miete_gesamt:
        rechenweg.append(
            position(
                None,
                f"Anteil der {anzahl} zu berücksichtigenden von {bewohner} Bewohnern (nach Köpfen)",
                miete,
                "§ 11 Abs. 2 Nr. 3, Abs. 3 WoGG",
            )
        )
    hoechst = hoechstbetrag(anzahl, stufe, p)
    klima = klimakomponente(anzahl, p)
    heiz = heizkostenentlastung(anzahl, p)
    grenze = hoechst + klima
    rechenweg.append(
        position(
            None,
            f"Höchstbetrag ({anzahl} Haushaltsmitglied(er), Mietenstufe {stufe}) {euro(hoechst)} + "
            f"Klimakomponente {euro(klima)}",
            grenze,
            f"§ 12 Abs. 1 und 7 WoGG, Anlage 1; {p.quelle('hoechstbetrag')}",
        )
    )
    if miete > grenze:
        hinweise.append(
            f"Die Miete/Belastung von {euro(miete)} übersteigt den Höchstbetrag einschließlich Klimakomponente; "
            f"berücksichtigt werden {euro(grenze)} (§ 11 Abs. 1 Nr. 1, § 12 WoGG)."
        )
    m = min(miete, grenze) + heiz
    rechenweg.append(position(None, "Entlastung bei den Heizkosten", heiz, "§ 12 Abs. 6 WoGG"))
    rechenweg.append(position(None, "Zu berücksichtigende Miete oder Belastung (M)", m, "§ 11 Abs. 1 WoGG"))

    # 2. Gesamteinkommen (§§ 13 to 17)
    summe_jahr = NULL
    for x in zu_ber:
        jahreseinkommen(x, p)
        if x.einkuenfte:
            rechenweg.append(
                position(
                    x.id,
                    "Jahreseinkommen: " + "; ".join(x.teile),
                    runden(x.jahreseinkommen),
                    "§§ 14 bis 16 WoGG",
                )
            )
        summe_jahr += x.jahreseinkommen
    frei = freibetraege(personen, bewohner, p)
    frei_summe = NULL
    for pid, text, betrag in frei:
        personen[pid].freibetrag += betrag
        frei_summe += betrag
        rechenweg.append(position(pid, text, -betrag, "§ 17 WoGG"))
    gesamt_jahr = max(summe_jahr - frei_summe, NULL)
    y = festkomma(gesamt_jahr / ZWOELF)
    rechenweg.append(
        position(None, f"Gesamteinkommen {euro(runden(gesamt_jahr))} jährlich, monatlich (Y)", runden(y), "§ 13 WoGG")
    )

    # 3. Höhe (§ 19)
    z4, m_formel, y_formel, _ = wohngeld_formel(anzahl, m, y, p)
    if m_formel != m or y_formel != y:
        rechenweg.append(
            position(
                None,
                f"Mindestwerte nach Anlage 3 Nr. 1 WoGG: M = {euro(m_formel)}, Y = {euro(runden(y_formel))}",
                runden(y_formel),
                "§ 19 Abs. 2 WoGG, Anlage 3 Nr. 1",
            )
        )
    wohngeld = volle_euro(max(z4, NULL))
    n_formel = min(anzahl, MAX_FORMEL_MITGLIEDER)
    k = p["koeffizienten"][n_formel]
    positionen.append(
        position(
            None,
            f"Wohngeld 1,15 · (M − (a + b · M + c · Y) · Y) mit M = {euro(m_formel)}, Y = {euro(runden(y_formel))}, "
            f"a = {_komma(k['a'])}, b = {_komma(k['b'])}, c = {_komma(k['c'])} ({n_formel} Haushaltsmitglied(er)): "
            f"ungerundet {_komma(z4)} €, auf volle Euro gerundet",
            wohngeld,
            f"{NORM_FORMEL}; {p.quelle('koeffizienten')}",
        )
    )
    if z4 <= 0:
        hinweise.insert(0, "Kein Anspruch: Das Gesamteinkommen ist im Verhältnis zur Miete zu hoch (§ 19 WoGG).")
    anspruch = wohngeld
    if anzahl > MAX_FORMEL_MITGLIEDER:
        zuschlag = min(p["zuschlag_je_weiteres_mitglied"] * (anzahl - MAX_FORMEL_MITGLIEDER), max(m - wohngeld, NULL))
        if zuschlag:
            positionen.append(
                position(None, "Erhöhung für das 13. und jedes weitere Haushaltsmitglied", zuschlag, "§ 19 Abs. 3 WoGG")
            )
            anspruch += zuschlag

    # 4. Ausschlüsse (§ 21)
    vermoegen = sum((x.vermoegen for x in zu_ber), NULL)
    grenze_v = p["vermoegensgrenze"]["erstes_mitglied"] + (anzahl - 1) * p["vermoegensgrenze"]["je_weiteres_mitglied"]
    if anspruch and vermoegen > grenze_v:
        positionen.append(
            position(None, "Kein Anspruch: erhebliches Vermögen", -anspruch, "§ 21 Nr. 3 WoGG, Nr. 21.37 WoGVwV")
        )
        hinweise.insert(
            0,
            f"Kein Anspruch: Das Vermögen von {euro(vermoegen)} ist erheblich (Grenze {euro(grenze_v)}, § 21 Nr. 3 "
            "WoGG).",
        )
        anspruch = NULL
    elif 0 < anspruch < p["mindestbetrag"]:
        positionen.append(
            position(
                None,
                f"Kein Anspruch: Wohngeld unter {euro(p['mindestbetrag'])} monatlich",
                -anspruch,
                "§ 21 Nr. 1 WoGG",
            )
        )
        hinweise.insert(
            0,
            f"Kein Anspruch: Das Wohngeld von {euro(anspruch)} liegt unter {euro(p['mindestbetrag'])} (§ 21 Nr. 1 WoGG).",
        )
        anspruch = NULL

    ergebnis.update(
        {
            "anspruch": fmt(anspruch),
            "angerechnetes_einkommen": fmt(runden(y)),
            "gesamteinkommen": fmt(runden(y)),
            "gesamteinkommen_jahr": fmt(runden(gesamt_jahr)),
            "freibetraege_jahr": fmt(frei_summe),
            "berücksichtigte_miete": fmt(m),
            "miete": fmt(miete_gesamt),
            "hoechstbetrag": fmt(hoechst),
            "klimakomponente": fmt(klima),
            "heizkostenentlastung": fmt(heiz),
            "wohngeld_ungerundet": f"{z4:f}",
            "vermoegen": fmt(vermoegen),
            "personen": {x.id: _person_ausgabe(x) for x in personen.values()},
            "positionen": positionen,
            "rechenweg": rechenweg,
            "hinweise": hinweise,
        }
    )
    return ergebnis


def _person_ausgabe(x: Person) -> dict:
    return {
        "zu_beruecksichtigen": x.zu_beruecksichtigen,
        "transferleistung": x.transferleistung,
        "alter": x.alter,
        "einkuenfte_jahr": fmt(runden(x.einkuenfte)),
        "pauschalabzug": fmt(x.abzug_satz),
        "jahreseinkommen": fmt(runden(x.jahreseinkommen)),
        "freibetraege_jahr": fmt(x.freibetrag),
        "einkommen_erlaeuterung": "; ".join(x.teile),
    }
