"""Unit tests of single SGB II rule functions, each against the wording of its norm."""

import datetime as dt
from decimal import Decimal as D

import pytest

from sozialhaus.rules import berechne, sgb2
from sozialhaus.rules.basis import euro, runden
from sozialhaus.rules.parameter import parameter_fuer

P2026 = parameter_fuer("sgb2", "2026-03")


@pytest.mark.parametrize(
    ("alter", "satz"),
    [
        ([6], "0.36"),  # § 21 Abs. 3 Nr. 1: ein Kind unter 7
        ([7], "0.12"),  # Nr. 2: 12 % je Kind
        ([10, 15], "0.36"),  # Nr. 1: zwei Kinder unter 16
        ([10, 16], "0.24"),  # zweites Kind 16: Nr. 1 nicht erfüllt, Nr. 2: 24 %
        ([3, 5, 8, 9], "0.48"),  # vier Kinder: 48 % > 36 %
        ([1, 2, 3, 4, 5, 6], "0.60"),  # Höchstsatz 60 %
        ([18], "0.00"),  # volljähriges Kind: kein Mehrbedarf
    ],
)
def test_mehrbedarf_alleinerziehend_satz(alter, satz):
    assert sgb2.mehrbedarf_alleinerziehend_satz(alter, P2026) == D(satz)


@pytest.mark.parametrize(
    ("monat", "brutto", "mit_kind", "freibetrag"),
    [
        ("2023-06", "1000.00", False, "180.00"),
        ("2023-07", "1000.00", False, "228.00"),
        ("2026-03", "100.00", False, "0.00"),
        ("2026-03", "520.00", False, "84.00"),
        ("2026-03", "2000.00", False, "248.00"),  # Obergrenze 1.200 €
        ("2026-03", "2000.00", True, "278.00"),  # Obergrenze 1.500 € mit Kind
        ("2026-03", "333.33", False, "46.67"),  # 20 % x 233,33 = 46,666 -> 46,67 (§ 41 Abs. 2)
    ],
)
def test_erwerbstaetigenfreibetrag(monat, brutto, mit_kind, freibetrag):
    p = parameter_fuer("sgb2", monat)
    assert sgb2.erwerbstaetigenfreibetrag(D(brutto), mit_kind, p) == D(freibetrag)


@pytest.mark.parametrize(
    ("seit", "bis", "monat", "tage"),
    [
        ("2026-01-01", None, (2026, 3), 30),
        ("2026-03-01", None, (2026, 3), 30),  # voller Monat mit 31 Tagen = 30 Tage
        ("2026-03-17", None, (2026, 3), 15),
        ("2026-02-16", None, (2026, 2), 13),
        ("2026-01-01", "2026-03-10", (2026, 3), 10),
        ("2026-03-31", None, (2026, 3), 1),
    ],
)
def test_leistungstage(seit, bis, monat, tage):
    bis_datum = dt.date.fromisoformat(bis) if bis else None
    assert sgb2.leistungstage(dt.date.fromisoformat(seit), bis_datum, *monat) == tage


def test_verteile_einkommen_summiert_exakt():
    anteile = sgb2.verteile_einkommen([D("722.67"), D("722.67"), D("347.67")], D("602.00"))
    assert sum(anteile) == D("602.00")
    assert sgb2.verteile_einkommen([D("100.00"), D("50.00")], D("500.00")) == [D("100.00"), D("50.00")]
    assert sgb2.verteile_einkommen([D("0.00")], D("10.00")) == [D("0.00")]


def test_runden_kaufmaennisch():
    assert runden(D("12.945")) == D("12.95")
    assert runden(D("12.944")) == D("12.94")
    assert runden(D("-0.005")) == D("-0.01")
    assert euro(D("1234.5")) == "1.234,50 €"


def test_karenzzeit_beginnt_fruehestens_2023():
    assert sgb2.karenzzeit_beginn(dt.date(2021, 5, 3)) == dt.date(2023, 1, 1)
    assert sgb2.karenzzeit_beginn(dt.date(2024, 5, 3)) == dt.date(2024, 5, 3)


def test_alias_und_bezeichnung_je_monat():
    eingabe = {
        "monat": "2026-06",
        "leistung": "grundsicherungsgeld",
        "bezug_seit": "2025-01-01",
        "personen": [{"id": "a", "geburtsdatum": "1980-01-01", "erwerbsfaehig": True}],
    }
    assert berechne(eingabe)["bezeichnung"] == "Bürgergeld"
    assert berechne(dict(eingabe, monat="2026-07"))["bezeichnung"] == "Grundsicherungsgeld"
    assert berechne(dict(eingabe, leistung="buergergeld", monat="2026-07"))["anspruch"] == "563.00"


@pytest.mark.parametrize(
    ("aenderung", "feld"),
    [
        ({"monat": "2022-12"}, "monat"),
        ({"monat": "März"}, "monat"),
        ({"leistung": "bafoeg"}, "leistung"),
        ({"personen": []}, "personen"),
        ({"personen": [{"id": "a", "geburtsdatum": "1980-02-30"}]}, "personen[0].geburtsdatum"),
        (
            {
                "personen": [
                    {"id": "a", "geburtsdatum": "1980-01-01", "einkommen": [{"art": "lotto", "betrag": "1.00"}]}
                ]
            },
            "personen[0].einkommen[0].art",
        ),
        ({"personen": [{"id": "a", "geburtsdatum": "1980-01-01", "vermoegen": "-5.00"}]}, "personen[0].vermoegen"),
        ({"beziehungen": [{"art": "partner", "von": "a", "zu": "x"}]}, "beziehungen[0].zu"),
        ({"personen": [{"id": "k", "geburtsdatum": "2020-01-01"}]}, "erwerbsfaehig"),
        ({"unterkunft": {"personen_im_haushalt": 0}}, "unterkunft.personen_im_haushalt"),
        ({"bezug_seit": "2026-09-01"}, "bezug_seit"),
    ],
)
def test_fehlermeldung_nennt_feld(aenderung, feld):
    eingabe = {
        "monat": "2026-03",
        "leistung": "buergergeld",
        "bezug_seit": "2025-01-01",
        "personen": [{"id": "a", "geburtsdatum": "1980-01-01", "erwerbsfaehig": True}],
    }
    eingabe.update(aenderung)
    ergebnis = berechne(eingabe)
    assert "fehler" in ergebnis, ergebnis
    assert feld in ergebnis["fehler"]
