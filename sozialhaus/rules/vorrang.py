"""Vorrangprüfung: which benefit comes first for one household-month, and why.

The household is calculated with every registered benefit that may apply (``sozialhaus.rules.berechne`` with the
same input and another ``leistung``); a benefit whose module is not registered is skipped with a hint. Then:

1. **SGB II or SGB XII** (§ 7 Abs. 1 Satz 1 Nr. 1 and 2, §§ 7a, 8 SGB II; § 21, §§ 19 Abs. 2, 41 SGB XII): a
   household with an erwerbsfähige person between 15 and the Altersgrenze belongs to the SGB II. Otherwise the
   SGB XII applies: persons beyond the Altersgrenze or dauerhaft voll erwerbsgemindert from 18 receive
   Grundsicherung im Alter und bei Erwerbsminderung (4. Kapitel), which goes before the Hilfe zum
   Lebensunterhalt (3. Kapitel, § 19 Abs. 2 Satz 2 SGB XII); others (e.g. befristet voll erwerbsgemindert) HLU.
2. **Wohngeld and Kinderzuschlag before Bürgergeld** only if they end the Hilfebedürftigkeit of the whole
   Bedarfsgemeinschaft (§ 12a Satz 1 and Satz 2 Nr. 2 SGB II, Bürgergeld-Gesetz: for at least three consecutive
   months); otherwise the household may choose and Bürgergeld remains (Wohngeld is excluded while Bürgergeld is
   received, § 7 Abs. 1 WoGG; Kinderzuschlag requires no Hilfebedürftigkeit, § 6a Abs. 1 Nr. 3 BKGG).
3. **Wohngeld before SGB XII** if it covers the remaining need (Nachrang der Sozialhilfe, § 2 Abs. 1 SGB XII).

Input: the household format of the Bürgergeld calculation plus, optionally, ``wohngeld_bewilligt`` (amount of a
Wohngeld granted or expected for the month) per person ``dauerhaft_voll_erwerbsgemindert`` (bool, § 41 Abs. 3
SGB XII, § 43 Abs. 2 SGB VI) and ``asylblg_leistungsberechtigt`` (bool, § 1 AsylbLG: the AsylbLG excludes the
others). For Wohngeld, SGB XII and AsylbLG the inputs of those modules apply as well.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from decimal import Decimal

from .basis import NULL, EingabeFehler, datum, euro, feldname, fmt, geld, monat, position, wahrheitswert
from .kinderzuschlag import fehlbetrag_sgb2
from .parameter import parameter_fuer

RECHTSGEBIET = "vorrang"
BEZEICHNUNG = {
    "buergergeld": "Bürgergeld / Grundsicherungsgeld (SGB II)",
    "wohngeld": "Wohngeld (WoGG)",
    "kinderzuschlag": "Kinderzuschlag (§ 6a BKGG)",
    "grundsicherung_alter_erwerbsminderung": "Grundsicherung im Alter und bei Erwerbsminderung (4. Kapitel SGB XII)",
    "hilfe_zum_lebensunterhalt": "Hilfe zum Lebensunterhalt (3. Kapitel SGB XII)",
    "asylblg": "Leistungen nach dem Asylbewerberleistungsgesetz (AsylbLG)",
}
NORM = {
    "buergergeld": "§ 19 Abs. 1 SGB II; § 12a SGB II",
    "wohngeld": "§§ 1, 19 WoGG; § 12a SGB II; § 2 Abs. 1 SGB XII",
    "kinderzuschlag": "§ 6a BKGG; § 12a SGB II",
    "grundsicherung_alter_erwerbsminderung": "§§ 41 ff. SGB XII; § 19 Abs. 2 SGB XII",
    "hilfe_zum_lebensunterhalt": "§§ 27 ff. SGB XII; § 19 Abs. 1 SGB XII",
    "asylblg": "§ 1 AsylbLG; § 7 Abs. 1 Satz 2 Nr. 3 SGB II; § 23 Abs. 2 SGB XII",
}


def _plus_monate(d: _dt.date, jahre: int, monate: int) -> _dt.date:
    gesamt = d.month - 1 + monate
    jahr = d.year + jahre + gesamt // 12
    mon = gesamt % 12 + 1
    return _dt.date(jahr, mon, min(d.day, calendar.monthrange(jahr, mon)[1]))


def altersgrenze_ueberschritten(geburt: _dt.date, jahr: int, mon: int, p) -> tuple[bool, str]:
    """Whether the Altersgrenze (§ 7a SGB II, § 41 Abs. 2 SGB XII) has been reached before the month.

    The Altersgrenze is reached at the end of the month in which the person completes the age of the table row for
    the birth year; an age is completed at the end of the day before the birthday (§ 187 Abs. 2, § 188 Abs. 2 BGB).
    Returns (reached, German text of the limit)."""
    zeile = next(z for z in p["altersgrenze"] if geburt.year <= int(z["bis_geburtsjahr"]))
    jahre, monate = int(zeile["jahre"]), int(zeile["monate"])
    vollendet = _plus_monate(geburt, jahre, monate) - _dt.timedelta(days=1)
    text = f"{jahre} Jahre" + (f" und {monate} Monate" if monate else "")
    return (jahr, mon) > (vollendet.year, vollendet.month), text


def _alter(geburt: _dt.date, jahr: int, mon: int) -> int:
    """Completed years in the month (a birthday in the month counts, as in the SGB II calculation)."""
    return jahr - geburt.year - (1 if geburt.month > mon else 0)


class Einordnung:
    """Legal classification of one person for the month."""

    __slots__ = ("id", "alter", "grenze", "grenze_text", "erwerbsfaehig", "dauerhaft_em")

    def text(self) -> str:
        if self.grenze:
            return f"Person {self.id} hat die Altersgrenze ({self.grenze_text}) erreicht"
        if self.dauerhaft_em:
            return f"Person {self.id} ist dauerhaft voll erwerbsgemindert"
        if not self.erwerbsfaehig and self.alter >= 15:
            return f"Person {self.id} ist nicht erwerbsfähig, aber nicht dauerhaft voll erwerbsgemindert"
        return f"Person {self.id} ({self.alter} Jahre)"


def ordne_ein(eingabe: dict, jahr: int, mon: int, p) -> list[Einordnung]:
    rohe = eingabe.get("personen")
    if not isinstance(rohe, list) or not rohe:
        raise EingabeFehler("Feld 'personen': Liste mit mindestens einer Person erwartet.")
    ergebnis = []
    for i, roh in enumerate(rohe):
        f = ("personen[", i, "]")
        if not isinstance(roh, dict):
            raise EingabeFehler(f"Feld '{feldname(f)}': Objekt erwartet.")
        e = Einordnung()
        e.id = roh.get("id")
        geburt = datum(roh.get("geburtsdatum"), (f, ".geburtsdatum"))
        e.alter = _alter(geburt, jahr, mon)
        e.grenze, e.grenze_text = altersgrenze_ueberschritten(geburt, jahr, mon, p)
        e.dauerhaft_em = wahrheitswert(
            roh.get("dauerhaft_voll_erwerbsgemindert"), (f, ".dauerhaft_voll_erwerbsgemindert")
        ) and e.alter >= int(p["mindestalter_erwerbsminderung_sgb12"])
        e.erwerbsfaehig = wahrheitswert(roh.get("erwerbsfaehig"), (f, ".erwerbsfaehig"), e.alter >= 15)
        if e.dauerhaft_em or e.alter < int(p["mindestalter_sgb2"]):
            e.erwerbsfaehig = False
        ergebnis.append(e)
    return ergebnis


def _rechne(leistung: str, eingabe: dict, hinweise: list[str]) -> dict | None:
    """Calculate the household with another benefit; None (with a hint) if not registered or not calculable."""
    from . import LEISTUNGEN, berechne  # late import: the registry imports this module

    if leistung not in LEISTUNGEN:
        hinweise.append(f"{BEZEICHNUNG[leistung]} nicht geprüft: Berechnung noch nicht verfügbar.")
        return None
    ergebnis = berechne({**eingabe, "leistung": leistung})
    if "fehler" in ergebnis:
        hinweise.append(f"{BEZEICHNUNG[leistung]} nicht berechenbar: {ergebnis['fehler']}")
        return None
    return ergebnis


def _betrag(ergebnis: dict | None) -> Decimal | None:
    return None if ergebnis is None else Decimal(ergebnis["anspruch"])


def _eintrag(leistung: str, anspruch: Decimal | None, vorrangig: bool, begruendung: str) -> dict:
    return {
        "leistung": leistung,
        "bezeichnung": BEZEICHNUNG[leistung],
        "anspruch": None if anspruch is None else fmt(anspruch),
        "berechnet": anspruch is not None,
        "vorrangig": vorrangig,
        "begruendung": begruendung,
    }


def _wohngeld(eingabe: dict, hinweise: list[str]) -> tuple[Decimal | None, dict | None]:
    if eingabe.get("wohngeld_bewilligt") is not None:
        return geld(eingabe.get("wohngeld_bewilligt"), "wohngeld_bewilligt"), None
    ergebnis = _rechne("wohngeld", eingabe, hinweise)
    return _betrag(ergebnis), ergebnis


def _fehlbetrag_buergergeld(ergebnis: dict) -> Decimal:
    """Need of the BG without the Kindersofortzuschlag (§ 72 SGB II is no need, so it does not make anyone
    hilfebedürftig)."""
    fehl = NULL
    for werte in ergebnis["personen"].values():
        fehl += Decimal(werte["anspruch"]) - Decimal(werte["kindersofortzuschlag"])
    return fehl


def pruefe_sgb2(eingabe: dict, personen: list[Einordnung], p, hinweise: list[str]) -> tuple[list[dict], str]:
    """Bürgergeld versus Wohngeld and Kinderzuschlag (§ 12a SGB II)."""
    monate = int(p["vorrang_zeitraum_monate"])
    bg = _rechne("buergergeld", eingabe, hinweise)
    if bg is None:
        raise EingabeFehler("Bürgergeld-Berechnung nicht möglich; Eingabe prüfen: " + hinweise[-1])
    bg_betrag = Decimal(bg["anspruch"])
    fehl = _fehlbetrag_buergergeld(bg)
    wg, _ = _wohngeld(eingabe, hinweise)
    kinder = any(e.alter < 25 for e in personen) and len(personen) > 1
    # The Wohngeld just determined is handed to the Kinderzuschlag check (§ 6a Abs. 1 Nr. 3 Satz 2 und 3 BKGG),
    # so it is calculated once.
    kiz_eingabe = eingabe if wg is None else {**eingabe, "wohngeld_bewilligt": fmt(wg)}
    kiz_erg = _rechne("kinderzuschlag", kiz_eingabe, hinweise) if kinder else None
    kiz = _betrag(kiz_erg)
    wg_text = "nicht berechnet" if wg is None else euro(wg)
    eintraege: dict[str, dict] = {}

    if fehl <= 0:
        begr = "Kein Bürgergeld: " + (
            bg["hinweise"][0].removeprefix("Kein Anspruch: ")
            if bg["hinweise"] and bg["hinweise"][0].startswith("Kein Anspruch")
            else "Das Einkommen deckt den Bedarf der Bedarfsgemeinschaft (§ 9 Abs. 1 SGB II)."
        )
        eintraege["buergergeld"] = _eintrag("buergergeld", bg_betrag, False, begr)
        eintraege["wohngeld"] = _eintrag(
            "wohngeld",
            wg,
            bool(wg),
            "Keine Hilfebedürftigkeit nach dem SGB II: Wohngeld kann ohne Vorrangfrage bezogen werden "
            "(§ 7 Abs. 1 WoGG schließt nur Empfänger von Bürgergeld aus)."
            if wg
            else "Kein Wohngeld berechnet oder kein Anspruch.",
        )
        if kinder:
            eintraege["kinderzuschlag"] = _eintrag(
                "kinderzuschlag",
                kiz,
                bool(kiz),
                "Keine Hilfebedürftigkeit: Kinderzuschlag nach § 6a BKGG, soweit die Voraussetzungen vorliegen."
                if kiz
                else "Kein Kinderzuschlag (Voraussetzungen des § 6a BKGG nicht erfüllt).",
            )
        empfehlung = "Kein Bürgergeld. " + (
            "Wohngeld und/oder Kinderzuschlag beantragen." if (wg or kiz) else "Keine dieser Leistungen."
        )
        return list(eintraege.values()), empfehlung

    kiz_vermeidet = bool(kiz) and kiz_erg["hilfebeduerftigkeit"]["vermieden"]
    kiz_erweitert = bool(kiz) and kiz_erg["hilfebeduerftigkeit"]["erweiterter_zugang"]
    fehl_wg = fehl
    if wg and not kiz_vermeidet:
        empfaenger = next((e.id for e in personen if e.alter >= 18), personen[0].id)
        fehl_wg, _ = fehlbetrag_sgb2(eingabe, {empfaenger: wg})
    if kiz_vermeidet:
        vorrang = {"wohngeld", "kinderzuschlag"} if wg else {"kinderzuschlag"}
        begr_vorrang = (
            f"Kinderzuschlag ({euro(kiz)})" + (f" und Wohngeld ({euro(wg)})" if wg else "") + " beseitigen die "
            f"Hilfebedürftigkeit der ganzen Bedarfsgemeinschaft (Bürgergeld-Bedarf ohne sie: {euro(fehl)}); sie sind "
            f"vorrangig in Anspruch zu nehmen (§ 12a Satz 1 und Satz 2 Nr. 2 SGB II, mindestens {monate} Monate; "
            "§ 6a Abs. 1 Nr. 3 BKGG)."
        )
    elif wg and fehl_wg <= 0:
        vorrang = {"wohngeld"}
        begr_vorrang = (
            f"Wohngeld ({euro(wg)}) beseitigt die Hilfebedürftigkeit der ganzen Bedarfsgemeinschaft "
            f"(Bürgergeld-Bedarf ohne Wohngeld: {euro(fehl)}); es ist vorrangig (§ 12a Satz 1 und Satz 2 Nr. 2 SGB II, "
            f"mindestens {monate} Monate)."
        )
    else:
        vorrang = {"buergergeld"}
        rest = fehl_wg if wg else fehl
        if kiz:
            rest = Decimal(kiz_erg["hilfebeduerftigkeit"]["fehlbetrag"] or "0")
        begr_vorrang = (
            f"Wohngeld ({wg_text})"
            + (f" und Kinderzuschlag ({euro(kiz)})" if kinder and kiz is not None else "")
            + f" beseitigen die Hilfebedürftigkeit nicht (verbleibender Bedarf {euro(rest)}); keine Pflicht zur "
            "vorrangigen Inanspruchnahme (§ 12a Satz 2 Nr. 2 SGB II). Bürgergeld schließt Wohngeld aus "
            "(§ 7 Abs. 1 Satz 1 Nr. 1 WoGG)."
        )
    bg_vorrang = "buergergeld" in vorrang
    eintraege["buergergeld"] = _eintrag(
        "buergergeld",
        bg_betrag,
        bg_vorrang,
        begr_vorrang
        if bg_vorrang
        else "Nachrangig: " + begr_vorrang + " Bürgergeld entfällt, weil keine Hilfebedürftigkeit bleibt (§ 9 SGB II).",
    )
    eintraege["wohngeld"] = _eintrag(
        "wohngeld",
        wg,
        "wohngeld" in vorrang,
        begr_vorrang
        if "wohngeld" in vorrang
        else (
            "Kein Wohngeldanspruch."
            if wg == 0
            else "Nicht vorrangig: "
            + begr_vorrang
            + " Bei Bezug von Bürgergeld besteht kein Wohngeldanspruch (§ 7 Abs. 1 Satz 1 Nr. 1 WoGG)."
        ),
    )
    if kinder:
        if "kinderzuschlag" in vorrang:
            kiz_begr = begr_vorrang
        elif kiz_erweitert:
            kiz_begr = (
                "Anspruch im erweiterten Zugang (§ 6a Abs. 1a BKGG): Es bleibt ein Bedarf von höchstens 100 €; die "
                "Familie darf wählen, das Jobcenter darf nicht darauf verweisen (§ 12a Satz 2 Nr. 2 SGB II)."
            )
        elif kiz:
            kiz_begr = "Nicht vorrangig: Kinderzuschlag allein beseitigt die Hilfebedürftigkeit nicht."
        else:
            kiz_begr = "Kein Kinderzuschlag: " + (
                (kiz_erg["hinweise"] or ["Voraussetzungen des § 6a BKGG nicht erfüllt."])[0]
                if kiz_erg is not None
                else "nicht berechnet."
            )
        eintraege["kinderzuschlag"] = _eintrag("kinderzuschlag", kiz, "kinderzuschlag" in vorrang, kiz_begr)

    if kiz_erweitert and bg_vorrang:
        hinweise.append(
            "Wahlrecht: Kinderzuschlag im erweiterten Zugang (§ 6a Abs. 1a BKGG) statt Bürgergeld möglich; "
            "keine Verweisung durch das Jobcenter (§ 12a Satz 2 Nr. 2 SGB II)."
        )
    if bg_vorrang:
        empfehlung = f"Bürgergeld beantragen ({euro(bg_betrag)} monatlich). " + (
            f"Wahlrecht: Statt Bürgergeld können Kinderzuschlag ({euro(kiz)}) und Wohngeld ({wg_text}) gewählt "
            "werden (§ 6a Abs. 1a BKGG); Beratung zu den Folgen (Kranken- und Pflegeversicherung, Bildung und "
            "Teilhabe nach § 6b BKGG) anbieten."
            if kiz_erweitert
            else "Wohngeld und Kinderzuschlag reichen nicht aus, um die Hilfebedürftigkeit zu beseitigen."
        )
    else:
        teile = []
        if "wohngeld" in vorrang:
            teile.append(f"Wohngeld ({euro(wg)}) bei der Wohngeldstelle")
        if "kinderzuschlag" in vorrang:
            teile.append(f"Kinderzuschlag ({euro(kiz)}) bei der Familienkasse")
        empfehlung = (
            "Vorrangige Leistungen beantragen: "
            + " und ".join(teile)
            + f". Das Jobcenter verweist darauf (§ 12a SGB II, § 5 Abs. 3 SGB II); statt Bürgergeld ({euro(bg_betrag)}) "
            "erhält der Haushalt diese Leistungen. Bildung und Teilhabe über § 6b BKGG."
        )
    for e in personen:
        if e.grenze or e.dauerhaft_em:
            hinweise.append(
                f"{e.text()}: keine Leistungen nach dem SGB II (§ 7 Abs. 1 Satz 1 Nr. 1 SGB II), sondern "
                "Grundsicherung im Alter und bei Erwerbsminderung (4. Kapitel SGB XII), die dem Sozialgeld vorgeht "
                "(§ 5 Abs. 2 Satz 2, § 19 Abs. 1 Satz 2 SGB II); gemischte Bedarfsgemeinschaft getrennt berechnen."
            )
    return list(eintraege.values()), empfehlung


def pruefe_sgb12(eingabe: dict, personen: list[Einordnung], p, hinweise: list[str]) -> tuple[list[dict], str]:
    """SGB XII: 4. Kapitel before 3. Kapitel (§ 19 Abs. 2 SGB XII), Wohngeld before both (§ 2 Abs. 1 SGB XII)."""
    kap4 = [e for e in personen if e.grenze or e.dauerhaft_em]
    gruende = "; ".join(e.text() for e in personen if e.alter >= 15)
    keine_sgb2 = (
        f"Keine erwerbsfähige Person zwischen 15 Jahren und der Altersgrenze ({gruende}): kein Anspruch nach dem "
        "SGB II (§ 7 Abs. 1 Satz 1 Nr. 1 und 2, §§ 7a, 8 SGB II); Leistungen nach dem SGB XII (§ 21 SGB XII)."
    )
    if kap4:
        leistung = "grundsicherung_alter_erwerbsminderung"
        andere = "hilfe_zum_lebensunterhalt"
        begr = (
            keine_sgb2 + " Grundsicherung im Alter und bei Erwerbsminderung (§ 41 Abs. 2 und 3 SGB XII) geht der "
            "Hilfe zum Lebensunterhalt vor (§ 19 Abs. 2 Satz 2 SGB XII)."
        )
        andere_begr = "Nachrangig: Leistungen nach dem 4. Kapitel gehen vor (§ 19 Abs. 2 Satz 2 SGB XII)."
        if len(kap4) < len([e for e in personen if e.alter >= 18]):
            hinweise.append(
                "Nicht alle Erwachsenen erfüllen § 41 SGB XII: für sie Hilfe zum Lebensunterhalt (3. Kapitel) prüfen."
            )
    else:
        leistung = "hilfe_zum_lebensunterhalt"
        andere = "grundsicherung_alter_erwerbsminderung"
        begr = (
            keine_sgb2 + " Weder Altersgrenze erreicht noch dauerhaft voll erwerbsgemindert (§ 41 Abs. 2 und 3 "
            "SGB XII nicht erfüllt): Hilfe zum Lebensunterhalt (§ 19 Abs. 1, § 27 SGB XII)."
        )
        andere_begr = (
            "Voraussetzungen des § 41 SGB XII nicht erfüllt (Altersgrenze, dauerhafte volle Erwerbsminderung)."
        )
    xii = _rechne(leistung, eingabe, hinweise)
    xii_betrag = _betrag(xii)
    wg, _ = _wohngeld(eingabe, hinweise)
    wg_vorrang = False
    if wg and xii_betrag is not None and xii_betrag <= wg:
        wg_vorrang = True
        wg_begr = (
            f"Wohngeld ({euro(wg)}) deckt den verbleibenden Bedarf nach dem SGB XII ({euro(xii_betrag)}); die "
            "Sozialhilfe ist nachrangig (§ 2 Abs. 1 SGB XII)."
        )
    elif wg:
        wg_begr = (
            "Nicht vorrangig: Wohngeld beseitigt den Bedarf nach dem SGB XII nicht"
            + (f" ({euro(xii_betrag)} Bedarf ohne Wohngeld)" if xii_betrag is not None else " (nicht geprüft)")
            + "; Empfänger von Leistungen nach dem SGB XII sind vom Wohngeld ausgeschlossen (§ 7 Abs. 1 Satz 1 "
            "Nr. 5 und 6 WoGG)."
        )
    else:
        wg_begr = "Kein Wohngeldanspruch berechnet."
    xii_vorrang = not wg_vorrang and (xii_betrag is None or xii_betrag > 0)
    eintraege = [
        _eintrag("buergergeld", None, False, keine_sgb2),
        _eintrag(leistung, xii_betrag, xii_vorrang, begr if xii_vorrang else "Nachrangig: " + wg_begr),
        _eintrag(andere, None, False, andere_begr),
        _eintrag("wohngeld", wg, wg_vorrang, wg_begr),
    ]
    if wg_vorrang:
        empfehlung = f"Wohngeld beantragen ({euro(wg)}); Sozialhilfe ist nachrangig (§ 2 Abs. 1 SGB XII)."
    elif xii_betrag == 0:
        empfehlung = f"Kein Anspruch auf {BEZEICHNUNG[leistung]}: Einkommen und Vermögen decken den Bedarf."
    else:
        empfehlung = (
            f"{BEZEICHNUNG[leistung]} beim Sozialamt beantragen"
            + (f" ({euro(xii_betrag)} monatlich)" if xii_betrag is not None else "")
            + "."
        )
    return eintraege, empfehlung


def pruefe_asylblg(eingabe: dict, hinweise: list[str]) -> tuple[list[dict], str]:
    """Leistungsberechtigte nach § 1 AsylbLG are excluded from the SGB II (§ 7 Abs. 1 Satz 2 Nr. 3 SGB II), from the
    SGB XII (§ 23 Abs. 2 SGB XII) and from Wohngeld (§ 7 Abs. 1 WoGG); the AsylbLG is the only system."""
    erg = _rechne("asylblg", eingabe, hinweise)
    betrag = _betrag(erg)
    begr = (
        "Leistungsberechtigt nach § 1 AsylbLG: Leistungen nach dem AsylbLG (Grund- oder Analogleistungen, §§ 2, 3 "
        "AsylbLG); kein Bürgergeld (§ 7 Abs. 1 Satz 2 Nr. 3 SGB II), keine Sozialhilfe (§ 23 Abs. 2 SGB XII)."
    )
    eintraege = [
        _eintrag("asylblg", betrag, True, begr),
        _eintrag(
            "buergergeld",
            None,
            False,
            "Ausgeschlossen: § 7 Abs. 1 Satz 2 Nr. 3 SGB II (Leistungsberechtigte nach § 1 AsylbLG).",
        ),
        _eintrag("hilfe_zum_lebensunterhalt", None, False, "Ausgeschlossen: § 23 Abs. 2 SGB XII."),
        _eintrag(
            "wohngeld", None, False, "Ausgeschlossen: Empfänger von Leistungen nach dem AsylbLG (§ 7 Abs. 1 WoGG)."
        ),
    ]
    empfehlung = "Leistungen nach dem AsylbLG bei der zuständigen Behörde" + (
        f" ({euro(betrag)} Geldleistung monatlich)." if betrag is not None else "."
    )
    return eintraege, empfehlung


def berechne(eingabe: dict) -> dict:
    """Vorrangprüfung for one household-month; raises EingabeFehler for input that cannot be calculated."""
    monat_text = eingabe.get("monat")
    jahr, mon = monat(monat_text)
    p = parameter_fuer(RECHTSGEBIET, monat_text)
    if not p:
        raise EingabeFehler(f"Feld 'monat': für {monat_text} sind keine Parameter der Vorrangprüfung gepflegt.")
    hinweise: list[str] = []
    personen = ordne_ein(eingabe, jahr, mon, p)
    sgb2_faehig = [e for e in personen if e.erwerbsfaehig and not e.grenze and e.alter >= int(p["mindestalter_sgb2"])]
    if wahrheitswert(eingabe.get("asylblg_leistungsberechtigt"), "asylblg_leistungsberechtigt"):
        rechtskreis = "AsylbLG"
        eintraege, empfehlung = pruefe_asylblg(eingabe, hinweise)
    elif sgb2_faehig:
        rechtskreis = "SGB II"
        eintraege, empfehlung = pruefe_sgb2(eingabe, personen, p, hinweise)
    else:
        rechtskreis = "SGB XII"
        eintraege, empfehlung = pruefe_sgb12(eingabe, personen, p, hinweise)
    anspruch = NULL
    positionen = []
    vollstaendig = True
    for e in eintraege:
        if not e["vorrangig"]:
            continue
        if e["anspruch"] is None:
            vollstaendig = False
            continue
        betrag = Decimal(e["anspruch"])
        anspruch += betrag
        positionen.append(position(None, f"{e['bezeichnung']} (vorrangig)", betrag, NORM[e["leistung"]]))
    if not vollstaendig:
        hinweise.append("Betrag unvollständig: eine vorrangige Leistung konnte nicht berechnet werden.")
    if rechtskreis == "SGB II":
        hinweise.append(
            "Die Vorrangprüfung betrachtet einen Monat; § 12a Satz 2 Nr. 2 SGB II verlangt die Beseitigung der "
            f"Hilfebedürftigkeit für mindestens {int(p['vorrang_zeitraum_monate'])} zusammenhängende Monate "
            "(gleichbleibende Verhältnisse angenommen)."
        )
    return {
        "monat": monat_text,
        "leistung": eingabe.get("leistung"),
        "bezeichnung": "Vorrangprüfung",
        "rechtskreis": rechtskreis,
        "anspruch": fmt(anspruch),
        "anspruch_vollstaendig": vollstaendig,
        "vorrangige_leistungen": [e["leistung"] for e in eintraege if e["vorrangig"]],
        "ergebnis": eintraege,
        "leistungen": {e["leistung"]: e for e in eintraege},
        "empfehlung": empfehlung,
        "positionen": positionen,
        "hinweise": hinweise,
    }
