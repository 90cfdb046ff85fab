"""Rule functions, parameters and input checks of the Wohngeld engine (WoGG)."""

import copy
from decimal import Decimal

import pytest

from sozialhaus.rules import berechne
from sozialhaus.rules.parameter import parameter_fuer
from sozialhaus.rules.wohngeld import festkomma, heizkostenentlastung, hoechstbetrag, klimakomponente, volle_euro

GRUND = {
    "monat": "2025-03",
    "leistung": "wohngeld",
    "personen": [
        {
            "id": "a",
            "geburtsdatum": "1980-01-01",
            "einkommen": [{"art": "erwerbseinkommen", "brutto": "1400.00", "netto": "1100.00"}],
            "steuerpflichtig": True,
            "kv_pv_pflichtig": True,
            "rv_pflichtig": True,
        }
    ],
    "unterkunft": {"kaltmiete": "500.00", "nebenkosten": "100.00", "personen_im_haushalt": 1, "mietenstufe": 5},
}


def test_grundfall_wohngeldrechner_2025():
    """BMWSB Wohngeldrechner 2025 via GETTSIM single_haushalt_1400_euro_monatliches_einkommen.yaml: 368 €."""
    assert berechne(GRUND)["anspruch"] == "368.00"


@pytest.mark.parametrize(
    ("monat", "stufe", "anzahl", "hoechst", "klima", "heiz"),
    [
        ("2023-01", 1, 1, "347", "19.20", "110.40"),
        ("2024-12", 5, 1, "540", "19.20", "110.40"),
        ("2025-01", 5, 1, "562", "19.20", "110.40"),
        ("2025-01", 7, 5, "1302", "39.20", "225.40"),
        ("2026-12", 3, 7, str(875 + 2 * 106), str(Decimal("39.20") + 2 * Decimal("4.80")), "280.60"),
    ],
)
def test_hoechstbetraege_und_komponenten(monat, stufe, anzahl, hoechst, klima, heiz):
    """§ 12 Abs. 1 (Anlage 1), Abs. 6 and Abs. 7 WoGG, by members and Mietenstufe, switching on 2025-01."""
    p = parameter_fuer("wohngeld", monat)
    assert hoechstbetrag(anzahl, stufe, p) == Decimal(hoechst)
    assert klimakomponente(anzahl, p) == Decimal(klima)
    assert heizkostenentlastung(anzahl, p) == Decimal(heiz)


def test_werte_wechseln_zum_stichtag():
    """Wohngeld-Plus-Gesetz (2023) and 2. WoGFV (BGBl. 2024 I Nr. 314) from 2025-01; 2026 unchanged."""
    alt, neu, spaeter = (parameter_fuer("wohngeld", m) for m in ("2024-12", "2025-01", "2026-12"))
    assert alt["zuschlag_je_weiteres_mitglied"] == Decimal("57") and neu["zuschlag_je_weiteres_mitglied"] == 65
    assert alt["koeffizienten"][1]["b"] == Decimal("0.0004991") and neu["koeffizienten"][1]["b"] == Decimal("0.0004797")
    assert alt["mindestwerte"]["y"][1] == 350 and neu["mindestwerte"]["y"][1] == 396
    assert spaeter == neu


def test_rundung_nach_anlage_3():
    """Ten decimals for z1 to z4 (Anlage 3 Nr. 2); full euros, from 0,50 up (Nr. 3)."""
    assert festkomma(Decimal("1") / Decimal("3")) == Decimal("0.3333333333")
    assert volle_euro(Decimal("10.4999999999")) == 10
    assert volle_euro(Decimal("10.5")) == 11


def test_kindergeld_ist_kein_einkommen():
    mit = copy.deepcopy(GRUND)
    mit["personen"][0]["einkommen"].append({"art": "kindergeld", "betrag": "255.00"})
    assert berechne(mit)["anspruch"] == berechne(GRUND)["anspruch"]


def test_heizkosten_aendern_nichts():
    """Heizkosten are not Miete (§ 9 Abs. 2 WoGG); the lump sum of § 12 Abs. 6 replaces them."""
    mit = copy.deepcopy(GRUND)
    mit["unterkunft"]["heizkosten"] = "250.00"
    ergebnis = berechne(mit)
    assert ergebnis["anspruch"] == "368.00"
    assert any("§ 12 Abs. 6" in h for h in ergebnis["hinweise"])


def test_transferleistung_schliesst_aus():
    mit = copy.deepcopy(GRUND)
    mit["personen"][0]["transferleistung"] = "grundsicherung"
    ergebnis = berechne(mit)
    assert ergebnis["anspruch"] == "0.00" and ergebnis["haushaltsmitglieder"] == 0
    assert "§ 7 Abs. 1 WoGG" in ergebnis["hinweise"][0]


@pytest.mark.parametrize(
    ("aenderung", "feld"),
    [
        ({"monat": "2025-13"}, "monat"),
        ({"monat": "2022-12"}, "monat"),
        ({"personen": []}, "personen"),
        ({"unterkunft": None}, "unterkunft"),
        ({"unterkunft": {"kaltmiete": "500.00", "personen_im_haushalt": 1}}, "unterkunft.mietenstufe"),
        ({"unterkunft": {"kaltmiete": "500.00", "personen_im_haushalt": 1, "mietenstufe": True}}, "mietenstufe"),
        ({"unterkunft": {"kaltmiete": "-1.00", "personen_im_haushalt": 1, "mietenstufe": 3}}, "unterkunft.kaltmiete"),
        ({"unterkunft": {"kaltmiete": "500.00", "personen_im_haushalt": 0, "mietenstufe": 3}}, "personen_im_haushalt"),
        ({"personen": [{"id": "a", "geburtsdatum": "1980-02-30"}]}, "personen[0].geburtsdatum"),
        ({"personen": [{"id": "a", "geburtsdatum": "2030-01-01"}]}, "personen[0].geburtsdatum"),
        (
            {"personen": [{"id": "a", "geburtsdatum": "1980-01-01", "einkommen": [{"art": "lotto", "betrag": "1"}]}]},
            "personen[0].einkommen[0].art",
        ),
        (
            {
                "personen": [
                    {
                        "id": "a",
                        "geburtsdatum": "1980-01-01",
                        "einkommen": [{"art": "erwerbseinkommen", "brutto": "100.00", "netto": "200.00"}],
                    }
                ]
            },
            "personen[0].einkommen[0].netto",
        ),
        ({"personen": [{"id": "a", "geburtsdatum": "1980-01-01", "behinderungsgrad": 120}]}, "behinderungsgrad"),
        ({"personen": [{"id": "a", "geburtsdatum": "1980-01-01", "steuerpflichtig": "ja"}]}, "steuerpflichtig"),
        ({"personen": [{"id": "a", "geburtsdatum": "1980-01-01", "transferleistung": 3}]}, "transferleistung"),
        ({"beziehungen": [{"art": "partner", "von": "a", "zu": "x"}]}, "beziehungen[0].zu"),
    ],
)
def test_fehlermeldung_nennt_feld(aenderung, feld):
    eingabe = copy.deepcopy(GRUND)
    eingabe.update(aenderung)
    ergebnis = berechne(eingabe)
    assert "fehler" in ergebnis, ergebnis
    assert feld in ergebnis["fehler"], ergebnis["fehler"]
