"""Kinderzuschlag (§ 6a BKGG) for a family and a month.

The input is the household format of the Bürgergeld calculation (``personen``, ``beziehungen``, ``unterkunft``)
with ``"leistung": "kinderzuschlag"`` and optionally

- ``wohngeld_bewilligt``: Wohngeld for the month ("250.00"); considered in the Hilfebedürftigkeit check
  (§ 6a Abs. 1 Nr. 3 Satz 2 and 3 BKGG). Without it, the Wohngeld module is asked when it is registered;
- ``sgb2_bezug_oder_antrag``: true if a member receives or has applied for SGB II benefits (excludes the
  erweiterter Zugang, § 6a Abs. 1a Nr. 3 BKGG);
- per person ``kindergeld_anspruch`` (bool): Kindergeld entitlement for a child of 18 to 24 years (minors: assumed).

Order of the calculation:

1. Children for whom a Kinderzuschlag can be paid (§ 6a Abs. 1 BKGG): unmarried, under 25, in the household,
   Kindergeld entitlement. Per child the Höchstbetrag (§ 6a Abs. 2) minus 45 % of the child's income (Abs. 3).
2. Bedarf of the parents: Regel- and Mehrbedarfe as in the SGB II plus their share of the actual housing costs by
   the Existenzminimumbericht (§ 6a Abs. 4 and 5; BSG 14.3.2012, B 14 KG 1/11 R: actual costs).
3. Parents' income (§§ 11 to 11b SGB II, without Kindergeld and Wohngeld) above that Bedarf reduces the
   Gesamtkinderzuschlag by 45 % (§ 6a Abs. 6); erhebliches Vermögen reduces it by the excess (§ 6a Abs. 3/4).
4. Mindesteinkommensgrenze 900/600 Euro brutto (§ 6a Abs. 1 Nr. 2).
5. Hilfebedürftigkeit check with the SGB II engine: the Kinderzuschlag (income of each child, § 11 Abs. 1 Satz 4
   SGB II) and the Wohngeld must end Hilfebedürftigkeit (§ 6a Abs. 1 Nr. 3) or leave at most 100 Euro open with
   the conditions of the erweiterter Zugang (§ 6a Abs. 1a).
6. The amount to pay is rounded to full Euro (§ 11 Abs. 2 BKGG).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from . import sgb2
from .basis import NULL, EingabeFehler, euro, fmt, geld, monat, position, prozent, runden, wahrheitswert
from .parameter import parameter_fuer

RECHTSGEBIET = "kinderzuschlag"
ERSTER_MONAT = "2023-01"
LETZTER_MONAT = "2026-12"
NORM = "§ 6a BKGG"
EURO = Decimal("1")


def _rund_euro(betrag: Decimal) -> Decimal:
    """Amounts to pay are rounded to full Euro, below 50 Cent down, otherwise up (§ 11 Abs. 2 BKGG)."""
    return betrag.quantize(EURO, rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


# --------------------------------------------------------------------------------------------------------------
# Household structure (the input has been validated by the SGB II engine before these helpers run)
# --------------------------------------------------------------------------------------------------------------


class Familie:
    """Parents and children of the household with their raw input, ages and SGB II figures."""

    __slots__ = ("roh", "alter", "partner", "eltern_von", "kinder", "eltern", "alleinerziehend", "mit_kind")

    def __init__(self, eingabe: dict, sgb2_ergebnis: dict) -> None:
        self.roh = {p["id"]: p for p in eingabe["personen"]}
        self.alter = {pid: sgb2_ergebnis["personen"][pid]["alter"] for pid in self.roh}
        self.partner: dict[str, str] = {}
        self.eltern_von: dict[str, list[str]] = {pid: [] for pid in self.roh}
        for b in eingabe.get("beziehungen") or []:
            if b["art"] == "partner":
                self.partner[b["von"]] = b["zu"]
                self.partner[b["zu"]] = b["von"]
            else:
                self.eltern_von[b["zu"]].append(b["von"])
        self.kinder = [pid for pid in self.roh if kinderzuschlag_kind(self, pid)]
        eltern: list[str] = []
        for kind in self.kinder:
            for e in self.eltern_von[kind]:
                for x in (e, self.partner.get(e)):
                    if x is not None and x not in eltern and x not in self.kinder:
                        eltern.append(x)
        self.eltern = eltern
        self.alleinerziehend = len(eltern) == 1
        self.mit_kind = any(a < 18 for a in self.alter.values())


def _hat_kindergeld(familie: Familie, pid: str) -> bool:
    for person in familie.roh.values():
        for e in person.get("einkommen") or []:
            if e.get("art") == "kindergeld" and (e.get("fuer") == pid or (person["id"] == pid and not e.get("fuer"))):
                return True
    return False


def kinderzuschlag_kind(familie: Familie, pid: str) -> bool:
    """A child for whom Kinderzuschlag can be paid (§ 6a Abs. 1 BKGG): lives in the household with a parent, is
    unmarried and not in a partnership, under 25 and there is a Kindergeld entitlement (Nr. 1). Minors are assumed
    to be entitled; for 18 to 24 years a Kindergeld entry or ``kindergeld_anspruch: true`` is required."""
    if not familie.eltern_von[pid] or pid in familie.partner or familie.alter[pid] >= 25:
        return False
    anspruch = familie.roh[pid].get("kindergeld_anspruch")
    if anspruch is not None:
        return wahrheitswert(anspruch, f"personen[{pid}].kindergeld_anspruch")
    return familie.alter[pid] < 18 or _hat_kindergeld(familie, pid)


# --------------------------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------------------------


def wohnkostenanteil_eltern(anzahl_kinder: int, alleinerziehend: bool, p) -> tuple[Decimal, Decimal]:
    """Share of the housing costs that belongs to the parents (§ 6a Abs. 5 BKGG): the Wohnkosten (Bruttokaltmiete
    and Heizung) of a single person or a couple in the Existenzminimumbericht divided by those plus the children's.
    Returns numerator and denominator so that the share can be applied without intermediate rounding."""
    t = p["existenzminimum_wohnen"]
    rolle = "alleinstehend" if alleinerziehend else "paar"
    eltern = t["kdu"][rolle] + t["heizung"][rolle]
    kinder = min(anzahl_kinder, int(p["wohnkosten_hoechstzahl_kinder"])) * (t["kdu"]["kind"] + t["heizung"]["kind"])
    return eltern, eltern + kinder


def bereinigtes_einkommen(roh: dict, alter: int, mit_kind: bool, p2) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Income of one person as in §§ 11 to 11b SGB II, without Kindergeld (and without Wohngeld, which is not part
    of the input income). Returns (bereinigt, brutto for the Mindesteinkommen, Absetzbeträge § 11b Abs. 2 and 3,
    Erwerbs-brutto). Uses the SGB II Freibetrag rule ``sgb2.erwerbstaetigenfreibetrag``."""
    brutto = netto = sonst = sonst_brutto = NULL
    for j, e in enumerate(roh.get("einkommen") or []):
        art = e.get("art")
        if art == "kindergeld":
            continue
        if art == "erwerbseinkommen":
            brutto += geld(e.get("brutto"), f"einkommen[{j}].brutto")
            netto += geld(e.get("netto"), f"einkommen[{j}].netto")
            continue
        betrag = geld(e.get("betrag"), f"einkommen[{j}].betrag")
        sonst_brutto += betrag
        if art == "elterngeld":
            eintrag = {
                "betrag": betrag,
                "vorgeburtlich": geld(
                    e.get("vorgeburtliches_einkommen", e.get("einkommen_vor_geburt")), "elterngeld", pflicht=False
                ),
                "plus": bool(e.get("elterngeld_plus")),
            }
            betrag -= sgb2.elterngeld_freibetrag(eintrag, p2)
        sonst += betrag
    absetz = NULL
    if brutto or netto:
        absetz = min(netto, p2["grundabsetzbetrag"] + sgb2.erwerbstaetigenfreibetrag(brutto, mit_kind, p2))
        bereinigt = netto - absetz + sonst
    elif alter >= 18 and sonst:
        bereinigt = sonst - min(p2["versicherungspauschale"], sonst)
    else:
        bereinigt = sonst
    return bereinigt, brutto + sonst_brutto, absetz, brutto


def fehlbetrag_sgb2(eingabe: dict, zusatz: dict[str, Decimal]) -> tuple[Decimal, dict]:
    """Remaining SGB II need of the whole Bedarfsgemeinschaft when the persons in ``zusatz`` have that additional
    income (Kinderzuschlag of a child, Wohngeld of a parent; counted as 'sonstiges' income, § 11 Abs. 1 SGB II).

    The Kindersofortzuschlag (§ 72 SGB II) is no need and is left out. Returns (Fehlbetrag, SGB II result)."""
    personen = []
    for person in eingabe["personen"]:
        betrag = zusatz.get(person["id"])
        if betrag:
            einkommen = [*(person.get("einkommen") or []), {"art": "sonstiges", "betrag": fmt(betrag)}]
            person = {**person, "einkommen": einkommen}  # shallow copy: the input itself is never changed
        personen.append(person)
    geaendert = {**eingabe, "leistung": "buergergeld", "personen": personen}
    ergebnis = sgb2.berechne(geaendert)
    fehl = NULL
    for werte in ergebnis["personen"].values():
        fehl += Decimal(werte["anspruch"]) - Decimal(werte["kindersofortzuschlag"])
    return fehl, ergebnis


def wohngeld_fuer(eingabe: dict, hinweise: list[str]) -> tuple[Decimal, str]:
    """Wohngeld to consider in the Hilfebedürftigkeit check (§ 6a Abs. 1 Nr. 3 Satz 2 und 3 BKGG): the amount
    granted for the month if given, otherwise the amount the Wohngeld module calculates, otherwise 0."""
    roh = eingabe.get("wohngeld_bewilligt")
    if roh is not None:
        return geld(roh, "wohngeld_bewilligt"), "bewilligt (Eingabe)"
    from . import LEISTUNGEN  # late import: the registry imports this module

    funktion = LEISTUNGEN.get("wohngeld")
    if funktion is None:
        hinweise.append(
            "Wohngeld nicht berücksichtigt: Wohngeldberechnung nicht verfügbar; bewilligtes Wohngeld im Feld "
            "'wohngeld_bewilligt' angeben (§ 6a Abs. 1 Nr. 3 Satz 2 BKGG)."
        )
        return NULL, "nicht geprüft"
    try:
        ergebnis = funktion({**eingabe, "leistung": "wohngeld"})
    except (EingabeFehler, TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as fehler:
        ergebnis = {"fehler": str(fehler)}
    if "fehler" in ergebnis:
        hinweise.append(f"Wohngeld nicht berechenbar ({ergebnis['fehler']}); mit 0,00 € angesetzt.")
        return NULL, "nicht berechenbar"
    return Decimal(ergebnis["anspruch"]), "voraussichtlich (Wohngeldberechnung)"


def _verteile(gesamt: Decimal, gewichte: dict[str, Decimal]) -> dict[str, Decimal]:
    """Split ``gesamt`` over the children in proportion to their own Kinderzuschlag, exactly to the cent."""
    summe = sum(gewichte.values(), NULL)
    if not summe or not gesamt:
        return {k: NULL for k in gewichte}
    anteile = {k: runden(gesamt * g / summe) for k, g in gewichte.items()}
    differenz = gesamt - sum(anteile.values(), NULL)
    if differenz:
        groesster = max(gewichte, key=lambda k: gewichte[k])
        anteile[groesster] += differenz
    return anteile


# --------------------------------------------------------------------------------------------------------------
# Calculation
# --------------------------------------------------------------------------------------------------------------


def berechne(eingabe: dict) -> dict:
    """Calculate the Kinderzuschlag of one family-month; raises EingabeFehler for input that cannot be calculated."""
    monat_text = eingabe.get("monat")
    monat(monat_text)
    if not ERSTER_MONAT <= monat_text <= LETZTER_MONAT:
        raise EingabeFehler(
            f"Feld 'monat': Kinderzuschlag-Parameter sind für {ERSTER_MONAT} bis {LETZTER_MONAT} gepflegt."
        )
    p = parameter_fuer(RECHTSGEBIET, monat_text)
    p2 = parameter_fuer(sgb2.RECHTSGEBIET, monat_text)
    sgb2_bezug = wahrheitswert(eingabe.get("sgb2_bezug_oder_antrag"), "sgb2_bezug_oder_antrag")
    hinweise: list[str] = []
    # The SGB II engine validates the household and gives Regel- and Mehrbedarfe (§ 6a Abs. 4 BKGG refers to them).
    basis = sgb2.berechne({**eingabe, "leistung": "buergergeld"})
    familie = Familie(eingabe, basis)
    positionen: list[dict] = []
    ergebnis = {
        "monat": monat_text,
        "leistung": eingabe.get("leistung"),
        "bezeichnung": "Kinderzuschlag",
        "rechtsgrundlage": "§ 6a Bundeskindergeldgesetz (BKGG)",
        "bewilligungszeitraum_monate": int(p["bewilligungszeitraum_monate"]),
    }
    if not familie.kinder:
        hinweise.append(
            "Kein Anspruch: kein unverheiratetes Kind unter 25 Jahren mit Kindergeldanspruch im Haushalt "
            "(§ 6a Abs. 1 Nr. 1 BKGG)."
        )
        return {**ergebnis, "anspruch": "0.00", "kinder": {}, "positionen": positionen, "hinweise": hinweise}

    # 1. Per child: Höchstbetrag minus 45 % of the child's income (§ 6a Abs. 2 und 3)
    hoechst = p["hoechstbetrag"]
    rate_kind = p["minderungsrate_kind"]
    kinder: dict[str, dict] = {}
    je_kind: dict[str, Decimal] = {}
    for kid in familie.kinder:
        einkommen, _, _, _ = bereinigtes_einkommen(familie.roh[kid], familie.alter[kid], familie.mit_kind, p2)
        minderung = min(hoechst, runden(einkommen * rate_kind)) if einkommen > 0 else NULL
        betrag = hoechst - minderung
        je_kind[kid] = betrag
        kinder[kid] = {
            "hoechstbetrag": fmt(hoechst),
            "einkommen": fmt(max(einkommen, NULL)),
            "minderung_einkommen": fmt(minderung),
        }
        positionen.append(position(kid, "Höchstbetrag Kinderzuschlag", hoechst, p.quelle("hoechstbetrag")))
        if minderung:
            positionen.append(
                position(
                    kid,
                    f"Minderung um {prozent(rate_kind)} des Einkommens des Kindes ({euro(einkommen)})",
                    -minderung,
                    "§ 6a Abs. 3 BKGG",
                )
            )
    vor_eltern = sum(je_kind.values(), NULL)

    # 2. Bedarf of the parents (§ 6a Abs. 4 und 5)
    u = eingabe.get("unterkunft") or {}
    wohnkosten = NULL
    for feld in ("kaltmiete", "nebenkosten", "heizkosten"):
        wohnkosten += geld(u.get(feld), f"unterkunft.{feld}", pflicht=False) or NULL
    im_haushalt = u.get("personen_im_haushalt") or len(familie.roh)
    if im_haushalt > len(familie.roh):
        wohnkosten = runden(wohnkosten * len(familie.roh) / im_haushalt)
        hinweise.append(
            f"Wohnkosten nach Kopfteilen: Anteil der Familie ({len(familie.roh)} von {im_haushalt} Personen) "
            f"{euro(wohnkosten)}."
        )
    zaehler, nenner = wohnkostenanteil_eltern(len(familie.kinder), familie.alleinerziehend, p)
    wohnkosten_eltern = runden(wohnkosten * zaehler / nenner)
    regel_mehr = NULL
    for e in familie.eltern:
        werte = basis["personen"][e]
        regel_mehr += Decimal(werte["regelbedarf"]) + Decimal(werte["mehrbedarfe"])
    bedarf_eltern = regel_mehr + wohnkosten_eltern

    # 3. Parents' income above their Bedarf (§ 6a Abs. 6), Mindesteinkommen (Abs. 1 Nr. 2), Vermögen
    einkommen_eltern = brutto_eltern = absetz_eltern = NULL
    for e in familie.eltern:
        bereinigt, brutto, absetz, _ = bereinigtes_einkommen(familie.roh[e], familie.alter[e], familie.mit_kind, p2)
        einkommen_eltern += bereinigt
        brutto_eltern += brutto
        absetz_eltern += absetz
    ueberschuss = max(NULL, einkommen_eltern - bedarf_eltern)
    rate_eltern = p["minderungsrate_eltern"]
    minderung_eltern = min(vor_eltern, runden(ueberschuss * rate_eltern))
    if minderung_eltern:
        positionen.append(
            position(
                None,
                f"Minderung um {prozent(rate_eltern)} des Einkommens der Eltern ({euro(einkommen_eltern)}) über "
                f"ihrem Bedarf ({euro(bedarf_eltern)})",
                -minderung_eltern,
                "§ 6a Abs. 6 BKGG",
            )
        )
    vermoegen = NULL
    for person in familie.roh.values():
        vermoegen += geld(person.get("vermoegen"), "vermoegen", pflicht=False) or NULL
    t = p["vermoegen_freibetrag"]
    freibetrag = t["erste_person"] + t["weitere_person"] * (len(familie.roh) - 1)
    nach_eltern = vor_eltern - minderung_eltern
    minderung_vermoegen = min(nach_eltern, max(NULL, vermoegen - freibetrag))
    if minderung_vermoegen:
        positionen.append(
            position(
                None,
                f"Minderung um das Vermögen über dem Freibetrag ({euro(vermoegen)} - {euro(freibetrag)})",
                -minderung_vermoegen,
                "§ 6a Abs. 3 und 4 BKGG, § 12 Abs. 4 SGB II",
            )
        )
    gesamt = nach_eltern - minderung_vermoegen
    grenze = p["mindesteinkommen"]["alleinerziehend" if familie.alleinerziehend else "paar"]
    mindest_erreicht = brutto_eltern >= grenze

    # 4. Rounding (§ 11 Abs. 2 BKGG) and Hilfebedürftigkeit (§ 6a Abs. 1 Nr. 3, Abs. 1a)
    gerundet = _rund_euro(gesamt)
    wohngeld, wohngeld_herkunft = wohngeld_fuer(eingabe, hinweise)
    verteilung = _verteile(gerundet, je_kind)
    zusatz = dict(verteilung)
    empfaenger = familie.eltern[0] if familie.eltern else familie.kinder[0]
    if wohngeld:
        zusatz[empfaenger] = zusatz.get(empfaenger, NULL) + wohngeld
    fehl, _ = fehlbetrag_sgb2(eingabe, zusatz) if gerundet and mindest_erreicht else (None, None)
    ez = p["erweiterter_zugang"]
    erweitert = (
        fehl is not None
        and fehl > 0
        and fehl <= ez["fehlbetrag_hoechstens"]
        and absetz_eltern >= ez["absetzbetraege_mindestens"]
        and not sgb2_bezug
    )
    anspruch = gerundet
    grund = None
    if not mindest_erreicht:
        grund = (
            f"Kein Anspruch: Das Bruttoeinkommen der Eltern von {euro(brutto_eltern)} erreicht die "
            f"Mindesteinkommensgrenze von {euro(grenze)} nicht (§ 6a Abs. 1 Nr. 2 BKGG)."
        )
    elif gerundet <= 0:
        grund = (
            "Kein Anspruch: Das Einkommen und Vermögen mindern den Kinderzuschlag auf 0,00 € (§ 6a Abs. 3 bis 6 BKGG)."
        )
    elif fehl > 0 and not erweitert:
        grund = (
            f"Kein Anspruch: Auch mit Kinderzuschlag ({euro(gerundet)}) und Wohngeld ({euro(wohngeld)}) bleibt "
            f"Hilfebedürftigkeit nach dem SGB II; es fehlen {euro(fehl)} (§ 6a Abs. 1 Nr. 3 BKGG)."
        )
        if fehl <= ez["fehlbetrag_hoechstens"]:
            grund += " Der erweiterte Zugang (§ 6a Abs. 1a BKGG) ist nicht erfüllt."
    elif erweitert:
        hinweise.append(
            f"Anspruch im erweiterten Zugang (§ 6a Abs. 1a BKGG): Zur Bedarfsdeckung fehlen {euro(fehl)} "
            f"(höchstens {euro(ez['fehlbetrag_hoechstens'])}), Absetzbeträge aus Erwerbstätigkeit "
            f"{euro(absetz_eltern)}; die Familie kann statt Bürgergeld Kinderzuschlag und Wohngeld wählen."
        )
    if grund is None:
        if gerundet != gesamt:
            positionen.append(position(None, "Rundung auf volle Euro", gerundet - gesamt, "§ 11 Abs. 2 BKGG"))
    else:
        anspruch = NULL
        if gesamt > 0:
            positionen.append(position(None, grund.split(":")[0], -gesamt, "§ 6a Abs. 1 BKGG"))
        hinweise.insert(0, grund)
        verteilung = {k: NULL for k in verteilung}
    for kid in familie.kinder:
        kinder[kid]["kinderzuschlag"] = fmt(verteilung.get(kid, NULL))
    hinweise.append(
        f"Bewilligung für {int(p['bewilligungszeitraum_monate'])} Monate; maßgeblich ist das durchschnittliche "
        "Einkommen der letzten sechs Monate vor Beginn des Bewilligungszeitraums (§ 6a Abs. 7 BKGG)."
    )
    return {
        **ergebnis,
        "anspruch": fmt(anspruch),
        "hoechstbetrag_je_kind": fmt(hoechst),
        "kinder": kinder,
        "eltern": familie.eltern,
        "alleinerziehend": familie.alleinerziehend,
        "bemessung_eltern": {
            "regel_und_mehrbedarfe": fmt(regel_mehr),
            "wohnkosten_familie": fmt(wohnkosten),
            "wohnkostenanteil": prozent(runden(zaehler / nenner * 100) / 100),
            "wohnkosten_eltern": fmt(wohnkosten_eltern),
            "bedarf": fmt(bedarf_eltern),
            "einkommen": fmt(einkommen_eltern),
            "ueberschuss": fmt(ueberschuss),
            "minderung": fmt(minderung_eltern),
        },
        "mindesteinkommen": {"grenze": fmt(grenze), "brutto": fmt(brutto_eltern), "erreicht": mindest_erreicht},
        "vermoegen": {"summe": fmt(vermoegen), "freibetrag": fmt(freibetrag), "minderung": fmt(minderung_vermoegen)},
        "gesamtkinderzuschlag_vor_rundung": fmt(gesamt),
        "wohngeld_angesetzt": fmt(wohngeld),
        "wohngeld_herkunft": wohngeld_herkunft,
        "hilfebeduerftigkeit": {
            "fehlbetrag": None if fehl is None else fmt(max(fehl, NULL)),
            "vermieden": fehl is not None and fehl <= 0,
            "erweiterter_zugang": erweitert,
        },
        "positionen": positionen,
        "hinweise": hinweise,
    }
