"""Random Bürgergeld households in the input format of ``sozialhaus.rules``.

Shared by the differential test against GETTSIM (tests/rules/test_differential_gettsim.py)
and the benchmark (benchmarks/rules_benchmark.py). Pure standard library: it is imported
by the project's environment and must not depend on Sozialhaus or GETTSIM.

The generator is restricted to the features both Sozialhaus and GETTSIM 1.3 model the
same way by law; every restriction and its legal reason is listed in
docs/rules-gettsim.md ("Deliberate differences and how the test handles them"). In short:

- months 2023-01 to 2026-06 (the 13th SGB II amendment of 2026-07-01 is not in GETTSIM);
- 1 or 2 adults of 18 to 64 years (Partner), 0 to 3 minor children, own or of one partner;
  no birthday in the calculated month or on the first of a month (no Altersstufe changes
  inside the month), benefit received since before the month or its 1st (no partial month);
- income: Erwerbseinkommen (brutto in multiples of 10 cent, netto any) of adults, Kindergeld of
  every child in the statutory amount and sometimes up to 100 € Unterhalt of a child (so the child's
  income stays below its Bedarf); no other income of adults (GETTSIM lacks the Versicherungspauschale);
- Vermögen around the Karenzzeit and normal Freibeträge, including the exact limits;
- Unterkunft: actual costs within the Angemessenheit of both models, Kopfteil by BG size and
  exact to the cent (total divisible by the number of persons),
  no Mehrbedarfe other than Alleinerziehende, no Leistungsminderung.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

# Kindergeld per child and month (§ 66 Abs. 1 EStG; 2023/2024: 250 €, since 2025: 255 € by the
# Steuerfortentwicklungsgesetz, BGBl. 2024 I Nr. 449; since 2026: 259 €, Art. 2 ebd.).
KINDERGELD = {2023: "250.00", 2024: "250.00", 2025: "255.00", 2026: "259.00"}

# Geringfügigkeitsgrenze (§ 8 Abs. 1a SGB IV: Mindestlohn × 130 / 3, rounded up to whole euros):
# up to it the generator sets netto = brutto.
MINIJOB_GRENZE = {2023: 520, 2024: 538, 2025: 556, 2026: 603}

# GETTSIM's approximation of angemessene Unterkunft after the Karenzzeit: warm rent up to 10 €/m²
# on 45 m² + 15 m² per further person. Staying below it keeps both models at the actual costs.
GETTSIM_WARMMIETE_GRENZE = {n: 10 * (45 + 15 * (n - 1)) for n in range(1, 6)}

# Boundaries of the Erwerbstätigenfreibetrag (§ 11b Abs. 2 and 3 SGB II) worth hitting exactly.
EINKOMMENS_GRENZEN = [100, 520, 1000, 1200, 1500]


def monate(von: str = "2023-01", bis: str = "2026-06") -> list[str]:
    """All months from ``von`` to ``bis`` inclusive as "JJJJ-MM"."""
    jahr, mon = int(von[:4]), int(von[5:])
    ende = (int(bis[:4]), int(bis[5:]))
    ergebnis = []
    while (jahr, mon) <= ende:
        ergebnis.append(f"{jahr:04d}-{mon:02d}")
        jahr, mon = (jahr + 1, 1) if mon == 12 else (jahr, mon + 1)
    return ergebnis


MONATE = monate()


def _geld(wert: Decimal | float | int) -> str:
    return str(Decimal(str(wert)).quantize(Decimal("0.01")))


def _betrag(rng: random.Random, von: float, bis: float) -> Decimal:
    return Decimal(rng.randint(round(von * 100), round(bis * 100))) / 100


def geburtsdatum(rng: random.Random, jahr: int, mon: int, alter: int) -> str:
    """A birth date giving ``alter`` completed years in the month, never in it or on a 1st."""
    geb_monat = rng.choice([m for m in range(1, 13) if m != mon])
    geb_jahr = jahr - alter if geb_monat < mon else jahr - alter - 1
    return dt.date(geb_jahr, geb_monat, rng.randint(2, 28)).isoformat()


def _erwerbseinkommen(rng: random.Random, jahr: int) -> dict:
    """Brutto in multiples of 10 cent: then every band of the Erwerbstätigenfreibetrag (20/30/10 %,
    § 11b Abs. 3 SGB II) is exact to the cent, so Sozialhaus' rounding of the Freibetrag (§ 41 Abs. 2
    SGB II) and GETTSIM's float agree; netto is free."""
    zehn = Decimal("0.10")
    if rng.random() < 0.15:
        brutto = Decimal(rng.choice(EINKOMMENS_GRENZEN)) + rng.choice([-zehn, Decimal(0), zehn])
    elif rng.random() < 0.5:
        brutto = Decimal(rng.randint(1, MINIJOB_GRENZE[jahr] * 10)) / 10
    else:
        brutto = Decimal(rng.randint(MINIJOB_GRENZE[jahr] * 10, 30000)) / 10
    if brutto <= MINIJOB_GRENZE[jahr]:
        netto = brutto
    else:
        netto = (brutto * Decimal(rng.randint(68, 82)) / 100).quantize(Decimal("0.01"))
    return {"art": "erwerbseinkommen", "brutto": _geld(brutto), "netto": _geld(netto)}


def _vermoegen(rng: random.Random, anzahl: int, in_karenzzeit: bool) -> Decimal:
    """Total Vermögen of the BG: mostly small, sometimes exactly at a Freibetrag (§ 12 SGB II)."""
    wahl = rng.random()
    if wahl < 0.8:
        return _betrag(rng, 0, 5000) if rng.random() < 0.6 else Decimal(0)
    grenze = Decimal(40000 + 15000 * (anzahl - 1)) if in_karenzzeit else Decimal(15000 * anzahl)
    if wahl < 0.9:
        return grenze + rng.choice([Decimal("-0.01"), Decimal(0), Decimal("0.01")])
    return _betrag(rng, 0, float(grenze) * 1.5)


def zufallshaushalt(rng: random.Random, monat: str | None = None) -> dict:
    """One random household-month (Bürgergeld) in the input format of ``sozialhaus.rules``."""
    monat = monat or rng.choice(MONATE)
    jahr, mon = int(monat[:4]), int(monat[5:])
    personen: list[dict] = []
    beziehungen: list[dict] = []

    def person(pid: str, alter: int) -> dict:
        p = {
            "id": pid,
            "geburtsdatum": geburtsdatum(rng, jahr, mon, alter),
            "erwerbsfaehig": alter >= 15,
            "schwanger_ab_13_woche": False,
            "einkommen": [],
            "vermoegen": "0.00",
            "mehrbedarfe": {
                "behinderung_eingliederungshilfe": False,
                "kostenaufwaendige_ernaehrung": "0.00",
                "unabweisbar": "0.00",
            },
        }
        personen.append(p)
        return p

    erwachsene = [person("a", rng.randint(18, 64))]
    if rng.random() < 0.55:
        erwachsene.append(person("b", rng.randint(18, 64)))
        beziehungen.append({"art": "partner", "von": "a", "zu": "b"})
    for e in erwachsene:
        if rng.random() < 0.5:
            e["einkommen"].append(_erwerbseinkommen(rng, jahr))
    kinder_anzahl = rng.choices([0, 1, 2, 3], weights=[3, 3, 3, 2])[0]
    for k in range(kinder_anzahl):
        kind = person(f"k{k + 1}", rng.randint(0, 17))
        # Children of both partners, or (stepchild) of one of them.
        eltern = [e["id"] for e in erwachsene]
        if len(eltern) == 2 and rng.random() < 0.2:
            eltern = [rng.choice(eltern)]
        for elternteil in eltern:
            beziehungen.append({"art": "elternteil", "von": elternteil, "zu": kind["id"]})
        # Some Unterhalt for the child (counted in full, no Versicherungspauschale for minors, § 6 Abs. 1
        # Nr. 1 Alg II-V); at most 100 € so that Kindergeld and Unterhalt stay below the child's Bedarf
        # (no Kindergeldübertrag, which GETTSIM models differently).
        if rng.random() < 0.25:
            kind["einkommen"].append({"art": "unterhalt", "betrag": _geld(_betrag(rng, 1, 100))})
        # Kindergeld is the child's income (§ 11 Abs. 1 Satz 5 SGB II): given on the child or on the
        # receiving parent with "fuer"; both forms are valid input.
        if rng.random() < 0.5:
            kind["einkommen"].append({"art": "kindergeld", "betrag": KINDERGELD[jahr]})
        else:
            empfaenger = next(p for p in personen if p["id"] == eltern[0])
            empfaenger["einkommen"].append({"art": "kindergeld", "betrag": KINDERGELD[jahr], "fuer": kind["id"]})

    # Receipt since the 1st of the month or a day in an earlier month (no partial month, § 41 Abs. 1
    # SGB II), up to 36 months back, so the Karenzzeit (§ 22 Abs. 1 Satz 2, § 12 Abs. 3: one year from
    # the start of the first month; receipt until 2022-12-31 does not count, § 65 Abs. 3) is both
    # running and over.
    zurueck = rng.randint(0, 36)
    b_jahr, b_mon = divmod(jahr * 12 + mon - 1 - zurueck, 12)
    bezug_seit = dt.date(b_jahr, b_mon + 1, rng.randint(1, 28) if zurueck else 1)
    in_karenzzeit = min(zurueck, (jahr - 2023) * 12 + mon - 1) < 12
    vermoegen = _vermoegen(rng, len(personen), in_karenzzeit)
    # Spread over the adults (Vermögen of the BG is summed, § 12 Abs. 1 SGB II).
    anteil_a = (vermoegen * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal("0.01"))
    erwachsene[0]["vermoegen"] = _geld(anteil_a)
    if len(erwachsene) == 2:
        erwachsene[1]["vermoegen"] = _geld(vermoegen - anteil_a)
    else:
        erwachsene[0]["vermoegen"] = _geld(vermoegen)

    n = len(personen)
    grenze = Decimal(GETTSIM_WARMMIETE_GRENZE[n])
    heizkosten = _betrag(rng, 30, 40 + 25 * n)
    nebenkosten = _betrag(rng, 40, 50 + 30 * n)
    kaltmiete = _betrag(rng, 150, float(grenze - heizkosten - nebenkosten))
    # Kopfteil exact to the cent: Sozialhaus rounds each person's share (§ 41 Abs. 2 SGB II), GETTSIM
    # keeps the float; with a total divisible by the number of persons both agree.
    kaltmiete -= Decimal(int((kaltmiete + nebenkosten + heizkosten) * 100) % n) / 100
    angemessen = kaltmiete + nebenkosten + _betrag(rng, 0, 150)
    return {
        "monat": monat,
        "leistung": "buergergeld",
        "bezug_seit": bezug_seit.isoformat(),
        "personen": personen,
        "beziehungen": beziehungen,
        "unterkunft": {
            "kaltmiete": _geld(kaltmiete),
            "nebenkosten": _geld(nebenkosten),
            "heizkosten": _geld(heizkosten),
            "personen_im_haushalt": n,
            "warmwasser_dezentral": False,
            "angemessene_bruttokaltmiete": _geld(angemessen),
            "kostensenkung_ab": None,
        },
    }


def zufallshaushalte(anzahl: int, seed: int = 20260301) -> list[dict]:
    """``anzahl`` random household-months from a seeded generator (reproducible)."""
    rng = random.Random(seed)
    return [zufallshaushalt(rng) for _ in range(anzahl)]
