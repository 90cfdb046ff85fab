"""Properties of Kinderzuschlag and Vorrangprüfung on seeded random households (shared generator)."""

import copy
import random
from decimal import Decimal

import pytest

from sozialhaus.rules import berechne
from sozialhaus.rules.kinderzuschlag import fehlbetrag_sgb2
from tests.rules.zufallshaushalte import zufallshaushalt

HAUSHALTE = 150


def _haushalte(leistung: str, seed: int) -> list[dict]:
    rng = random.Random(seed)
    ergebnis = []
    for _ in range(HAUSHALTE):
        h = copy.deepcopy(zufallshaushalt(rng))
        h["leistung"] = leistung
        h["unterkunft"]["mietenstufe"] = rng.randint(1, 7)
        if rng.random() < 0.5:
            h["wohngeld_bewilligt"] = f"{rng.randint(0, 400)}.00"
        ergebnis.append(h)
    return ergebnis


def _summe(positionen: list[dict]) -> Decimal:
    return sum((Decimal(z["betrag"]) for z in positionen), Decimal("0.00"))


@pytest.mark.parametrize("haushalt", _haushalte("kinderzuschlag", 4711))
def test_kinderzuschlag_eigenschaften(haushalt):
    vorher = copy.deepcopy(haushalt)
    ergebnis = berechne(haushalt)
    assert haushalt == vorher, "die Eingabe darf nicht verändert werden"
    assert "fehler" not in ergebnis, ergebnis.get("fehler")
    anspruch = Decimal(ergebnis["anspruch"])
    assert anspruch >= 0
    assert anspruch == anspruch.to_integral_value(), "Auszahlung auf volle Euro (§ 11 Abs. 2 BKGG)"
    assert _summe(ergebnis["positionen"]) == anspruch
    if ergebnis["kinder"]:
        hoechst = Decimal(ergebnis["hoechstbetrag_je_kind"]) * len(ergebnis["kinder"])
        assert anspruch <= hoechst
        assert sum(Decimal(k["kinderzuschlag"]) for k in ergebnis["kinder"].values()) == anspruch
    if anspruch:
        assert ergebnis["mindesteinkommen"]["erreicht"]
        hb = ergebnis["hilfebeduerftigkeit"]
        assert hb["vermieden"] or hb["erweiterter_zugang"]


@pytest.mark.parametrize("haushalt", _haushalte("vorrang", 815))
def test_vorrang_eigenschaften(haushalt):
    vorher = copy.deepcopy(haushalt)
    ergebnis = berechne(haushalt)
    assert haushalt == vorher, "die Eingabe darf nicht verändert werden"
    assert "fehler" not in ergebnis, ergebnis.get("fehler")
    vorrangig = [e for e in ergebnis["ergebnis"] if e["vorrangig"]]
    summe = sum((Decimal(e["anspruch"]) for e in vorrangig if e["anspruch"] is not None), Decimal("0.00"))
    assert Decimal(ergebnis["anspruch"]) == summe == _summe(ergebnis["positionen"])
    namen = {e["leistung"] for e in vorrangig}
    # Bürgergeld excludes Wohngeld and Kinderzuschlag (§ 7 Abs. 1 WoGG, § 6a Abs. 1 Nr. 3 BKGG)
    assert not ("buergergeld" in namen and namen & {"wohngeld", "kinderzuschlag"})
    for e in ergebnis["ergebnis"]:
        assert "§" in e["begruendung"] or not e["vorrangig"]
    if namen & {"wohngeld", "kinderzuschlag"} and ergebnis["rechtskreis"] == "SGB II":
        # § 12a SGB II: they are vorrangig only if, as income, they end the Hilfebedürftigkeit of the whole BG
        zusatz: dict[str, Decimal] = {}
        if "kinderzuschlag" in namen:
            kiz = berechne({**haushalt, "leistung": "kinderzuschlag"})
            zusatz = {k: Decimal(v["kinderzuschlag"]) for k, v in kiz["kinder"].items()}
        if "wohngeld" in namen:
            empfaenger = haushalt["personen"][0]["id"]
            zusatz[empfaenger] = zusatz.get(empfaenger, Decimal("0")) + Decimal(
                ergebnis["leistungen"]["wohngeld"]["anspruch"]
            )
        fehl, _ = fehlbetrag_sgb2(haushalt, zusatz)
        assert fehl <= 0
