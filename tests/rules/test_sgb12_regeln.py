"""Unit tests of single SGB XII rules (sozialhaus/rules/sgb12.py) against the law text."""

import datetime as dt
from decimal import Decimal

import pytest

from sozialhaus.rules import berechne, sgb12
from sozialhaus.rules.parameter import parameter_fuer

P = parameter_fuer("sgb12", "2025-06")


@pytest.mark.parametrize(
    ("geburt", "erreicht_im"),
    [
        # § 41 Abs. 2 SGB XII: before 1947 65 years; 1958 66 years; 1959 66 + 2 months; 1963 66 + 10; from 1964 67.
        ("1946-12-31", "2011-12"),
        ("1947-01-01", "2012-01"),  # 65 years + 1 month, completed on 31.1.2012
        ("1958-07-15", "2024-07"),
        ("1959-03-15", "2025-05"),
        ("1960-01-01", "2026-04"),  # 66 + 4 months from 1.1.1960: completed with 30.4.2026
        ("1963-11-20", "2030-09"),
        ("1964-02-10", "2031-02"),
        ("1970-03-01", "2037-02"),  # born on the 1st: completed on the last day of the previous month
    ],
)
def test_altersgrenze_nach_geburtsjahrgang(geburt, erreicht_im):
    g = dt.date.fromisoformat(geburt)
    jahr, mon = int(erreicht_im[:4]), int(erreicht_im[5:])
    vormonat = (jahr, mon - 1) if mon > 1 else (jahr - 1, 12)
    assert sgb12.altersgrenze_erreicht(g, jahr, mon, P)
    assert not sgb12.altersgrenze_erreicht(g, *vormonat, P)


@pytest.mark.parametrize(
    ("brutto", "erwartet"),
    [("100.00", "30.00"), ("938.33", "281.50"), ("938.00", "281.40"), ("2000.00", "281.50"), ("0.00", "0.00")],
)
def test_absetzbetrag_erwerbstaetigkeit(brutto, erwartet):
    """§ 82 Abs. 3 Satz 1 SGB XII: 30 % of the gross, at most 50 % of RBS 1 (563 € -> 281.50 €)."""
    assert sgb12.freibetrag_erwerbstaetigkeit(Decimal(brutto), P) == Decimal(erwartet)


@pytest.mark.parametrize(
    ("rente", "erwartet"),
    [("50.00", "50.00"), ("100.00", "100.00"), ("500.00", "220.00"), ("700.00", "280.00"), ("705.00", "281.50")],
)
def test_grundrentenfreibetrag(rente, erwartet):
    """§ 82a Abs. 1 SGB XII: 100 € plus 30 % of the rest, at most 50 % of RBS 1."""
    assert sgb12.freibetrag_sockel_und_anteil(Decimal(rente), P["grundrentenfreibetrag"], P) == Decimal(erwartet)


def test_regelbedarfe_sgb12_wie_anlage_zu_28():
    for monat in ("2024-01", "2025-06", "2026-12"):
        p = parameter_fuer("sgb12", monat)
        assert [p["regelbedarf"][i] for i in range(1, 7)] == [
            Decimal(x) for x in ("563.00", "506.00", "451.00", "471.00", "390.00", "357.00")
        ]
    assert parameter_fuer("sgb12", "2023-12")["regelbedarf"][1] == Decimal("502.00")


def test_barbetraege_seit_2023():
    t = parameter_fuer("sgb12", "2024-01")["vermoegen_barbetrag"]
    assert t["volljaehrige_person"] == Decimal("10000.00") and t["unterhaltene_person"] == Decimal("500.00")


def _alleinerziehend(kinder_alter: list[int]) -> dict:
    personen = [{"id": "m", "geburtsdatum": "1985-01-15", "voll_erwerbsgemindert": True}]
    beziehungen = []
    for i, alter in enumerate(kinder_alter):
        personen.append({"id": f"k{i}", "geburtsdatum": f"{2025 - alter - 1}-12-15"})
        beziehungen.append({"art": "elternteil", "von": "m", "zu": f"k{i}"})
    return berechne(
        {
            "monat": "2025-06",
            "leistung": "hilfe_zum_lebensunterhalt",
            "bezug_seit": "2025-01-01",
            "personen": personen,
            "beziehungen": beziehungen,
            "unterkunft": {"kaltmiete": "0.00", "personen_im_haushalt": len(personen)},
        }
    )


@pytest.mark.parametrize(
    ("kinder_alter", "prozent"),
    [
        ([3], "0.36"),  # Nr. 1: one child under 7
        ([9], "0.12"),  # Nr. 2
        ([9, 12], "0.36"),  # Nr. 1: two children under 16
        ([16, 17], "0.24"),  # Nr. 2: two children, none under 16
        ([3, 8, 10, 12], "0.48"),  # four children: Nr. 2 (Hamburg Arbeitshilfe), 12 % each
        ([1, 3, 5, 8, 10, 12], "0.60"),  # cap 60 %
    ],
)
def test_mehrbedarf_alleinerziehend_von_regelbedarfsstufe_1(kinder_alter, prozent):
    """§ 30 Abs. 3 SGB XII: always a share of Regelbedarfsstufe 1 (563 €)."""
    ergebnis = _alleinerziehend(kinder_alter)
    betrag = ergebnis["personen"]["m"]["mehrbedarfe_einzeln"]["alleinerziehend"]
    assert Decimal(betrag) == (Decimal("563.00") * Decimal(prozent)).quantize(Decimal("0.01"))


def test_volljaehriges_kind_rbs1_im_sgb12_rbs3_im_sgb2():
    """Anlage zu § 28 SGB XII: an adult child in the parents' home has RBS 1 (SGB II: RBS 3, § 20 Abs. 2 Satz 2)."""
    eingabe = {
        "monat": "2025-06",
        "bezug_seit": "2025-01-01",
        "personen": [
            {"id": "m", "geburtsdatum": "1970-01-01", "voll_erwerbsgemindert": True, "erwerbsfaehig": False},
            {"id": "s", "geburtsdatum": "2004-01-01", "voll_erwerbsgemindert": True, "erwerbsfaehig": False},
        ],
        "beziehungen": [{"art": "elternteil", "von": "m", "zu": "s"}],
        "unterkunft": {"kaltmiete": "500.00", "personen_im_haushalt": 2},
    }
    ergebnis = berechne({**eingabe, "leistung": "hilfe_zum_lebensunterhalt"})
    assert ergebnis["personen"]["s"]["regelbedarfsstufe"] == 1


def test_kein_anspruch_ohne_berechtigte_person_summiert_sich():
    ergebnis = berechne(
        {
            "monat": "2025-06",
            "leistung": "grundsicherung_alter_erwerbsminderung",
            "personen": [{"id": "a", "geburtsdatum": "1990-01-01"}],
            "unterkunft": {"kaltmiete": "400.00"},
        }
    )
    assert ergebnis["anspruch"] == "0.00" and ergebnis["positionen"] == []
