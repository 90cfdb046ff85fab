"""Bildung und Teilhabe (BuT) for the children of a household and one month.

The same six Bedarfe exist in every Rechtskreis; only the norm differs: § 28 SGB II (Bürgergeld), § 34 SGB XII
(Sozialhilfe), § 6b BKGG i.V.m. § 28 SGB II (Wohngeld and Kinderzuschlag households), § 3 Abs. 4 AsylbLG
i.V.m. § 34 SGB XII. The claim for the month is the sum of the Bedarfe of the month for each child:

- Ausflüge und mehrtägige Klassenfahrten: actual cost (Abs. 2), pupils and children in a Kita.
- Persönlicher Schulbedarf: first Teilbetrag in the month of the first school day, second in the month in which the
  second school half-year starts (Abs. 3; amounts per calendar year from the Anlage zu § 34 SGB XII).
- Schülerbeförderung: necessary actual cost not covered by third parties, no Eigenanteil since 1.8.2019 (Abs. 4).
- Lernförderung: angemessene cost, if suitable and additionally necessary (Abs. 5).
- Gemeinschaftliche Mittagsverpflegung: actual cost, no Eigenanteil since 1.8.2019, pupils and Kita (Abs. 6).
- Teilhabe am sozialen und kulturellen Leben: 15 EUR per month up to the 18th birthday (Abs. 7).

Bildung only for pupils under 25 at an allgemein- or berufsbildende Schule without Ausbildungsvergütung (Abs. 1).
"""

from __future__ import annotations

import calendar
import datetime as _dt
from decimal import Decimal

from .basis import NULL, EingabeFehler, datum, euro, feldname, fmt, geld, monat, position, wahrheitswert
from .parameter import parameter_fuer

RECHTSGEBIET = "but"
ERSTER_MONAT = "2023-01"
ERSTER_NICHT_GEPFLEGTER_MONAT = "2027-01"

# Rechtskreis -> (norm prefix per Absatz, text of the legal basis)
RECHTSKREISE = {
    "sgb2": ("§ 28 Abs. {abs} SGB II", "§ 28 SGB II (Bürgergeld)"),
    "sgb12": ("§ 34 Abs. {abs} SGB XII", "§ 34 SGB XII (Sozialhilfe)"),
    "wohngeld": ("§ 6b Abs. 2 BKGG i.V.m. § 28 Abs. {abs} SGB II", "§ 6b BKGG (Wohngeld)"),
    "kinderzuschlag": ("§ 6b Abs. 2 BKGG i.V.m. § 28 Abs. {abs} SGB II", "§ 6b BKGG (Kinderzuschlag)"),
    "asylblg": ("§ 3 Abs. 4 AsylbLG i.V.m. § 34 Abs. {abs} SGB XII", "§ 3 Abs. 4 AsylbLG"),
}
BILDUNG_NORM_ABS1 = {
    "sgb2": "§ 28 Abs. 1 Satz 2 SGB II",
    "sgb12": "§ 34 Abs. 1 Satz 2 SGB XII",
    "wohngeld": "§ 6b Abs. 2 BKGG i.V.m. § 28 Abs. 1 Satz 2 SGB II",
    "kinderzuschlag": "§ 6b Abs. 2 BKGG i.V.m. § 28 Abs. 1 Satz 2 SGB II",
    "asylblg": "§ 3 Abs. 4 AsylbLG i.V.m. § 34 Abs. 1 Satz 2 SGB XII",
}
KOSTENFELDER = (
    "kosten_ausfluege",
    "kosten_klassenfahrt",
    "kosten_schuelerbefoerderung",
    "kosten_schuelerbefoerderung_dritte",
    "kosten_lernfoerderung",
    "kosten_mittagessen",
)


def _alter_am(geburt: _dt.date, stichtag: _dt.date) -> int:
    """Completed years of life on ``stichtag`` (§ 187 Abs. 2 Satz 2, § 188 Abs. 2 BGB: completed on the day before
    the birthday; simplified to the calendar birthday)."""
    return stichtag.year - geburt.year - ((stichtag.month, stichtag.day) < (geburt.month, geburt.day))


def _lies_kinder(eingabe: dict) -> tuple[list[dict], str]:
    schluessel = "kinder" if "kinder" in eingabe else "personen"
    rohe = eingabe.get(schluessel)
    if not isinstance(rohe, list) or not rohe:
        raise EingabeFehler("Feld 'kinder': Liste mit mindestens einem Kind erwartet.")
    if len(rohe) > 30:
        raise EingabeFehler("Feld 'kinder': höchstens 30 Kinder je Haushalt.")
    kinder = []
    ids: set[str] = set()
    for i, roh in enumerate(rohe):
        f = (schluessel, "[", i, "]")
        if not isinstance(roh, dict):
            raise EingabeFehler(f"Feld '{feldname(f)}': Objekt erwartet.")
        kid = roh.get("id")
        if not isinstance(kid, str) or not kid:
            raise EingabeFehler(f"Feld '{feldname(f)}.id': Kennung als Zeichenkette erwartet.")
        if kid in ids:
            raise EingabeFehler(f"Feld '{feldname(f)}.id': Kennung '{kid}' ist doppelt.")
        ids.add(kid)
        k = {"id": kid, "feld": f}
        k["geburtsdatum"] = datum(roh.get("geburtsdatum"), (*f, ".geburtsdatum"))
        k["schueler"] = wahrheitswert(roh.get("schueler"), (*f, ".schueler"))
        k["kita"] = wahrheitswert(roh.get("kita"), (*f, ".kita"))
        k["ausbildungsverguetung"] = wahrheitswert(roh.get("ausbildungsverguetung"), (*f, ".ausbildungsverguetung"))
        k["teilhabe"] = wahrheitswert(roh.get("teilhabe"), (*f, ".teilhabe"), True)
        k["schuelerbefoerderung_erforderlich"] = wahrheitswert(
            roh.get("schuelerbefoerderung_erforderlich"), (*f, ".schuelerbefoerderung_erforderlich"), True
        )
        k["lernfoerderung_erforderlich"] = wahrheitswert(
            roh.get("lernfoerderung_erforderlich"), (*f, ".lernfoerderung_erforderlich"), True
        )
        k["erster_schultag"] = datum(roh.get("erster_schultag"), (*f, ".erster_schultag"), pflicht=False)
        for feld in KOSTENFELDER:
            k[feld] = geld(roh.get(feld), (*f, ".", feld), pflicht=False) or NULL
        kinder.append(k)
    return kinder, schluessel


def ist_schueler(k: dict, stichtag: _dt.date, p) -> tuple[bool, str]:
    """Bedarfe für Bildung: pupil of an allgemein- or berufsbildende Schule, under 25, no Ausbildungsvergütung
    (§ 28 Abs. 1 Satz 2 SGB II, § 34 Abs. 1 Satz 2 SGB XII). Returns (qualifies, reason if not)."""
    if not k["schueler"]:
        return False, "keine Schülerin/kein Schüler"
    if _alter_am(k["geburtsdatum"], stichtag) >= int(p["altersgrenze_bildung"]):
        return False, "25. Lebensjahr vollendet"
    if k["ausbildungsverguetung"]:
        return False, "erhält eine Ausbildungsvergütung"
    return True, ""


def schulbedarf(
    k: dict, jahr: int, mon: int, erster_schultag: _dt.date, zweites_halbjahr: _dt.date, p
) -> tuple[Decimal, str]:
    """Persönlicher Schulbedarf for the month (§ 28 Abs. 3 SGB II, § 34 Abs. 3 und 3a SGB XII): first Teilbetrag in
    the month of the first school day of the school year, second in the month the second half-year begins."""
    erster = k["erster_schultag"] or erster_schultag
    if (erster.year, erster.month) == (jahr, mon):
        return p["schulbedarf_erstes_halbjahr"], "erster Teilbetrag (Monat des ersten Schultags)"
    if (zweites_halbjahr.year, zweites_halbjahr.month) == (jahr, mon):
        return p["schulbedarf_zweites_halbjahr"], "zweiter Teilbetrag (Beginn des zweiten Schulhalbjahres)"
    return NULL, ""


class _Buchung:
    """Adds one Bedarf of a child to its items and to the explanation lines."""

    __slots__ = ("kid", "posten", "positionen")

    def __init__(self, kid: str, posten: dict[str, Decimal], positionen: list[dict]) -> None:
        self.kid, self.posten, self.positionen = kid, posten, positionen

    def __call__(self, name: str, text: str, betrag: Decimal, norm_text: str) -> None:
        if betrag:
            self.posten[name] = self.posten.get(name, NULL) + betrag
            self.positionen.append(position(self.kid, text, betrag, norm_text))


def berechne(eingabe: dict) -> dict:
    """Calculate the BuT claim of one household-month; raises EingabeFehler for input that cannot be calculated."""
    monat_text = eingabe.get("monat")
    jahr, mon = monat(monat_text)
    if monat_text < ERSTER_MONAT or monat_text >= ERSTER_NICHT_GEPFLEGTER_MONAT:
        raise EingabeFehler(f"Feld 'monat': Berechnung nur von {ERSTER_MONAT} bis 2026-12 möglich.")
    rechtskreis = eingabe.get("rechtskreis")
    if not isinstance(rechtskreis, str) or rechtskreis not in RECHTSKREISE:
        raise EingabeFehler(f"Feld 'rechtskreis': '{rechtskreis}' unbekannt (erlaubt: {', '.join(RECHTSKREISE)}).")
    norm_muster, rechtsgrundlage = RECHTSKREISE[rechtskreis]
    p = parameter_fuer(RECHTSGEBIET, monat_text)
    erster_tag = _dt.date(jahr, mon, 1)
    letzter_tag = _dt.date(jahr, mon, calendar.monthrange(jahr, mon)[1])
    # school year dates: default 1 August (first school day month) and 1 February (second half-year)
    schuljahr = jahr if mon >= 8 else jahr - 1
    erster_schultag = datum(eingabe.get("erster_schultag"), "erster_schultag", pflicht=False) or _dt.date(
        schuljahr, 8, 1
    )
    zweites = datum(
        eingabe.get("beginn_zweites_schulhalbjahr"), "beginn_zweites_schulhalbjahr", pflicht=False
    ) or _dt.date(schuljahr + 1, 2, 1)
    kinder, _ = _lies_kinder(eingabe)
    hinweise: list[str] = []
    positionen: list[dict] = []
    ergebnis_kinder: dict[str, dict] = {}
    gesamt = NULL

    def norm(absatz: int | str) -> str:
        return norm_muster.format(abs=absatz)

    for k in kinder:
        kid = k["id"]
        if k["geburtsdatum"] > letzter_tag:
            raise EingabeFehler(f"Feld '{feldname(k['feld'])}.geburtsdatum': Kind ist im Monat noch nicht geboren.")
        alter = _alter_am(k["geburtsdatum"], erster_tag)
        schueler, grund = ist_schueler(k, erster_tag, p)
        posten: dict[str, Decimal] = {}
        buche = _Buchung(kid, posten, positionen)

        bildung_kosten = k["kosten_klassenfahrt"] or k["kosten_schuelerbefoerderung"] or k["kosten_lernfoerderung"]
        if not schueler and bildung_kosten:
            hinweise.append(
                f"Kind {kid}: Kosten für Klassenfahrt, Schülerbeförderung oder Lernförderung nicht anerkannt – "
                f"{grund} ({BILDUNG_NORM_ABS1[rechtskreis]})."
            )
        kita_oder_schule = schueler or k["kita"]
        # Abs. 2: Ausflüge und Klassenfahrten
        if kita_oder_schule:
            buche(
                "ausfluege",
                "Schulausflüge/Ausflüge der Kindertageseinrichtung (tatsächliche Kosten)",
                k["kosten_ausfluege"],
                norm("2 Satz 1 Nr. 1"),
            )
        elif k["kosten_ausfluege"]:
            hinweise.append(f"Kind {kid}: Ausflugskosten nur für Schülerinnen/Schüler und Kita-Kinder ({norm(2)}).")
        if schueler:
            buche(
                "klassenfahrt",
                "Mehrtägige Klassenfahrt (tatsächliche Kosten)",
                k["kosten_klassenfahrt"],
                norm("2 Satz 1 Nr. 2"),
            )
        # Abs. 3: Schulbedarf
        if schueler:
            betrag, text = schulbedarf(k, jahr, mon, erster_schultag, zweites, p)
            quelle = p.quelle(
                "schulbedarf_erstes_halbjahr" if text.startswith("erster") else "schulbedarf_zweites_halbjahr"
            )
            buche("schulbedarf", f"Persönlicher Schulbedarf, {text}", betrag, f"{norm(3)}; {quelle}")
        # Abs. 4: Schülerbeförderung
        if schueler and k["kosten_schuelerbefoerderung"]:
            if k["schuelerbefoerderung_erforderlich"]:
                rest = max(NULL, k["kosten_schuelerbefoerderung"] - k["kosten_schuelerbefoerderung_dritte"])
                rest = max(NULL, rest - p["eigenanteil_schuelerbefoerderung"])
                text = "Schülerbeförderung zur nächstgelegenen Schule (tatsächliche Kosten"
                if k["kosten_schuelerbefoerderung_dritte"]:
                    text += f" {euro(k['kosten_schuelerbefoerderung'])} abzgl. Übernahme durch Dritte {euro(k['kosten_schuelerbefoerderung_dritte'])}"
                buche("schuelerbefoerderung", text + ", kein Eigenanteil)", rest, norm(4))
            else:
                hinweise.append(
                    f"Kind {kid}: Schülerbeförderung nicht erforderlich (nächstgelegene Schule des gewählten "
                    f"Bildungsgangs ohne Beförderung erreichbar, {norm(4)})."
                )
        # Abs. 5: Lernförderung
        if schueler and k["kosten_lernfoerderung"]:
            if k["lernfoerderung_erforderlich"]:
                buche("lernfoerderung", "Lernförderung (angemessene Kosten)", k["kosten_lernfoerderung"], norm(5))
                hinweise.append(
                    f"Kind {kid}: Lernförderung nur, soweit geeignet und zusätzlich erforderlich, um die wesentlichen "
                    f"Lernziele zu erreichen ({norm(5)})."
                )
            else:
                hinweise.append(f"Kind {kid}: Lernförderung nicht zusätzlich erforderlich ({norm(5)}).")
        # Abs. 6: Mittagsverpflegung
        if kita_oder_schule:
            buche(
                "mittagessen",
                "Gemeinschaftliche Mittagsverpflegung (tatsächliche Mehraufwendungen, kein Eigenanteil)",
                max(NULL, k["kosten_mittagessen"] - p["eigenanteil_mittagessen"]),
                norm(6),
            )
        elif k["kosten_mittagessen"]:
            hinweise.append(
                f"Kind {kid}: Mittagsverpflegung nur für Schülerinnen/Schüler und Kinder in Kita oder "
                f"Kindertagespflege ({norm(6)})."
            )
        # Abs. 7: Teilhabe
        if alter < int(p["altersgrenze_teilhabe"]) and k["teilhabe"]:
            buche(
                "teilhabe",
                "Teilhabe am sozialen und kulturellen Leben (monatlicher Betrag)",
                p["teilhabe_monatlich"],
                norm(7),
            )
        summe = sum(posten.values(), NULL)
        gesamt += summe
        ergebnis_kinder[kid] = {
            "anspruch": fmt(summe),
            "alter": alter,
            "schueler_bildungsbedarfe": schueler,
            **{name: fmt(betrag) for name, betrag in posten.items()},
        }
    if rechtskreis in ("wohngeld", "kinderzuschlag"):
        hinweise.append(
            "Leistungen nach § 6b BKGG werden auf gesonderten Antrag erbracht; Voraussetzung ist Wohngeld- oder "
            "Kinderzuschlagsbezug für das Kind im Monat."
        )
    return {
        "monat": monat_text,
        "leistung": eingabe.get("leistung"),
        "bezeichnung": "Leistungen für Bildung und Teilhabe",
        "rechtskreis": rechtskreis,
        "rechtsgrundlage": rechtsgrundlage,
        "anspruch": fmt(gesamt),
        "kinder": ergebnis_kinder,
        "personen": {kid: {"anspruch": werte["anspruch"]} for kid, werte in ergebnis_kinder.items()},
        "positionen": positionen,
        "hinweise": hinweise,
    }
