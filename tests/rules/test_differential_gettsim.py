"""Differential test: Sozialhaus' Bürgergeld against GETTSIM as an independent oracle.

1,000 random households (tests/rules/zufallshaushalte.py, seeded) restricted to what both
model the same way by law are calculated by ``sozialhaus.rules`` in-process and by GETTSIM
through tests/rules/gettsim_oracle.py in the separate environment .venv-gettsim (built by
``make gettsim-venv``; ``make test`` builds it first). Every deliberate difference and its
legal reason is documented in docs/rules-gettsim.md.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from sozialhaus.rules import berechne
from tests.rules.zufallshaushalte import zufallshaushalte

pytestmark = pytest.mark.gettsim

WURZEL = Path(__file__).resolve().parents[2]
GETTSIM_PYTHON = Path(os.environ.get("SOZIALHAUS_GETTSIM_PYTHON", WURZEL / ".venv-gettsim" / "bin" / "python"))
ORAKEL = Path(__file__).with_name("gettsim_oracle.py")
ANZAHL = int(os.environ.get("SOZIALHAUS_GETTSIM_HAUSHALTE", "1000"))
SEED = 20260301
# Required share of households whose BG claim agrees to the cent (see docs/rules-gettsim.md).
MINDEST_UEBEREINSTIMMUNG = Decimal("0.99")
CENT = Decimal("0.01")


def gettsim_vorhanden() -> None:
    """Fail (never skip) without the GETTSIM environment."""
    if not GETTSIM_PYTHON.exists():
        pytest.fail(
            f"GETTSIM-Umgebung fehlt: {GETTSIM_PYTHON} nicht gefunden. "
            "Bitte `make gettsim-venv` ausführen (`make test` tut das zuerst)."
        )


def orakel(zeilen: list[dict]) -> tuple[list[dict], dict]:
    """Run the GETTSIM oracle on household-months; returns its results and its timing summary."""
    gettsim_vorhanden()
    eingabe = "".join(json.dumps(z, ensure_ascii=False) + "\n" for z in zeilen)
    lauf = subprocess.run(
        [str(GETTSIM_PYTHON), str(ORAKEL), "--zusammenfassung"],
        input=eingabe,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=WURZEL,
    )
    assert lauf.returncode == 0, f"GETTSIM-Orakel fehlgeschlagen:\n{lauf.stderr[-4000:]}"
    ergebnisse = [json.loads(z) for z in lauf.stdout.splitlines()]
    assert len(ergebnisse) == len(zeilen), "GETTSIM-Orakel hat nicht eine Zeile je Eingabezeile geliefert"
    zusammenfassung = json.loads(lauf.stderr.strip().splitlines()[-1])["gettsim"]
    return ergebnisse, zusammenfassung


@pytest.fixture(scope="module")
def vergleich():
    if not GETTSIM_PYTHON.exists():
        return None  # each test then fails in its body (daten), not as a setup error
    haushalte = zufallshaushalte(ANZAHL, SEED)
    sozialhaus = [berechne(h) for h in haushalte]
    gettsim, zusammenfassung = orakel(haushalte)
    print(f"\nGETTSIM {zusammenfassung['version']}: {zusammenfassung}")
    return haushalte, sozialhaus, gettsim


def daten(vergleich) -> tuple[list[dict], list[dict], list[dict]]:
    gettsim_vorhanden()
    return vergleich


def fall_text(h: dict, s: dict, g: dict, weglassen: tuple[str, ...] = ("positionen",)) -> str:
    """One differing household for the failure message: input, Sozialhaus' result (without long lists), GETTSIM's."""
    kurz = {k: v for k, v in s.items() if k not in weglassen}
    return (
        f"Eingabe:    {json.dumps(h, ensure_ascii=False)}\n"
        f"Sozialhaus: {json.dumps(kurz, ensure_ascii=False)}\n"
        f"GETTSIM:    {json.dumps(g, ensure_ascii=False)}\n"
    )


def pruefe_abdeckung(zaehler, merkmale, mindestens: int) -> None:
    """Every feature the comparison relies on was generated at least ``mindestens`` times."""
    print(f"\nAbdeckung: {dict(sorted(zaehler.items()))}")
    for merkmal in merkmale:
        assert zaehler[merkmal] >= mindestens, f"Merkmal '{merkmal}' nur {zaehler[merkmal]}-mal erzeugt"


def test_beide_berechnen_jeden_haushalt(vergleich):
    haushalte, sozialhaus, gettsim = daten(vergleich)
    fehler = [
        (h, s, g) for h, s, g in zip(haushalte, sozialhaus, gettsim, strict=True) if "fehler" in s or "fehler" in g
    ]
    assert not fehler, "Fehler bei der Berechnung:\n" + "\n".join(fall_text(*f) for f in fehler[:5])


def test_anspruch_der_bedarfsgemeinschaft_auf_den_cent(vergleich):
    """The claim of the BG agrees to the cent in at least 99 % of the households."""
    haushalte, sozialhaus, gettsim = daten(vergleich)
    abweichend = []
    for h, s, g in zip(haushalte, sozialhaus, gettsim, strict=True):
        if "fehler" in s or "fehler" in g or s["anspruch"] != g["anspruch"]:
            abweichend.append((h, s, g))
    anteil = Decimal(len(haushalte) - len(abweichend)) / len(haushalte)
    bericht = "\n".join(fall_text(*f) for f in abweichend[:20])
    print(f"\nÜbereinstimmung auf den Cent: {anteil:.2%} von {len(haushalte)} Haushalten")
    if abweichend:
        print(f"{len(abweichend)} abweichende Fälle (die ersten 20):\n{bericht}")
    assert anteil >= MINDEST_UEBEREINSTIMMUNG, (
        f"Nur {anteil:.2%} der Haushalte stimmen auf den Cent überein (verlangt: {MINDEST_UEBEREINSTIMMUNG:.0%}).\n"
        + bericht
    )


def test_anspruch_je_person(vergleich):
    """Per person the claims agree up to one cent.

    Both split the BG's income by Bedarfsanteil (§ 9 Abs. 2 Satz 3 SGB II); Sozialhaus rounds
    each share (§ 41 Abs. 2 SGB II) and gives the rounding remainder to the largest share so
    the shares add up to the BG claim, GETTSIM keeps float shares. This is the one tolerance.
    """
    haushalte, sozialhaus, gettsim = daten(vergleich)
    abweichend = []
    for h, s, g in zip(haushalte, sozialhaus, gettsim, strict=True):
        if "fehler" in s or "fehler" in g:
            abweichend.append((h, s, g))
            continue
        for pid, werte in s["personen"].items():
            if abs(Decimal(werte["anspruch"]) - Decimal(g["personen"][pid]["anspruch"])) > CENT:
                abweichend.append((h, s, g))
                break
    anteil = Decimal(len(haushalte) - len(abweichend)) / len(haushalte)
    print(f"\nJe Person bis auf einen Cent gleich: {anteil:.2%}")
    assert anteil >= MINDEST_UEBEREINSTIMMUNG, "\n".join(fall_text(*f) for f in abweichend[:20])


def test_zufallshaushalte_decken_die_regeln_ab(vergleich):
    """The comparison is only worth something if the random households reach every rule."""
    haushalte, sozialhaus, gettsim = daten(vergleich)
    zaehler: collections.Counter[str] = collections.Counter()
    for h, s in zip(haushalte, sozialhaus, strict=True):
        if "fehler" in s:
            continue
        zaehler["jahr " + h["monat"][:4]] += 1
        zaehler["anspruch" if Decimal(s["anspruch"]) > 0 else "kein anspruch"] += 1
        # Extra fields of the engine's result (see docs/rules.md), read defensively.
        zaehler["karenzzeit" if s.get("unterkunft", {}).get("karenzzeit") else "nach karenzzeit"] += 1
        if s.get("vermoegen", {}).get("uebersteigt_freibetrag"):
            zaehler["vermögen über freibetrag"] += 1
        personen = s["personen"].values()
        if any("alleinerziehend" in p.get("mehrbedarfe_einzeln", {}) for p in personen):
            zaehler["alleinerziehend"] += 1
        if any(Decimal(p.get("kindersofortzuschlag", "0")) > 0 for p in personen):
            zaehler["kindersofortzuschlag"] += 1
        if any(e["art"] == "erwerbseinkommen" for p in h["personen"] for e in p["einkommen"]):
            zaehler["erwerbseinkommen"] += 1
        if any(e["art"] == "unterhalt" for p in h["personen"] for e in p["einkommen"]):
            zaehler["unterhalt"] += 1
        stufen = {p.get("regelbedarfsstufe") for p in personen}
        for stufe in stufen:
            zaehler[f"rbs {stufe}"] += 1
    merkmale = (
        "jahr 2023",
        "jahr 2024",
        "jahr 2025",
        "jahr 2026",
        "anspruch",
        "kein anspruch",
        "karenzzeit",
        "nach karenzzeit",
        "vermögen über freibetrag",
        "alleinerziehend",
        "kindersofortzuschlag",
        "erwerbseinkommen",
        "unterhalt",
        "rbs 1",
        "rbs 2",
        "rbs 4",
        "rbs 5",
        "rbs 6",
    )
    pruefe_abdeckung(zaehler, merkmale, mindestens=max(5, len(haushalte) // 50))


def test_orakel_reproduziert_gettsim_testfaelle():
    """The oracle's translation of our input format reproduces cases bundled with GETTSIM 1.3.1.

    Sources (gettsim 1.3.1, tests_germany/policy_cases/):

    - bürgergeld/2025-01-01/bedarfsanteilsmethode_paar_mit_kind.yaml (Musterberechnungsbogen
      Bürgergeld 2025, Jobcenter Ingolstadt): couple 45/43 with a child of 14, 520 € Minijob,
      Bruttokaltmiete 840 €, Heizung 160 €; GETTSIM's claims 714.16 + 714.16 + 488.68 = 1917.00 €
      (its child's Bedarf contains the Kindersofortzuschlag, which the oracle pays on top instead,
      § 72 SGB II: same BG total);
    - wohngeld/2025-01-01/single_haushalt_1400_euro_monatliches_einkommen.yaml (Wohngeldrechner
      2025 of the BMWSB): single, 1,400 € brutto with taxes, KV and RV, Bruttokaltmiete 600 €,
      Mietenstufe 5: 368 € Wohngeld;
    - grundsicherung/im_alter/2026-01-01/paar_700_euro_rente.yaml (VdK-Grundsicherungsrechner):
      retired couple with 500 € and 200 € Rente, Bruttokaltmiete 350 €, Heizung 100 €: 231 € + 531 €.
    """
    buergergeld = {
        "monat": "2025-01",
        "leistung": "buergergeld",
        "bezug_seit": "2025-01-01",
        "personen": [
            {
                "id": "georg",
                "geburtsdatum": "1979-06-15",
                "einkommen": [{"art": "erwerbseinkommen", "brutto": "520.00", "netto": "520.00"}],
            },
            {"id": "anna", "geburtsdatum": "1981-06-15", "einkommen": []},
            {"id": "lena", "geburtsdatum": "2010-06-15", "einkommen": [{"art": "kindergeld", "betrag": "255.00"}]},
        ],
        "beziehungen": [
            {"art": "partner", "von": "georg", "zu": "anna"},
            {"art": "elternteil", "von": "georg", "zu": "lena"},
            {"art": "elternteil", "von": "anna", "zu": "lena"},
        ],
        "unterkunft": {
            "kaltmiete": "700.00",
            "nebenkosten": "140.00",
            "heizkosten": "160.00",
            "personen_im_haushalt": 3,
        },
    }
    wohngeld = {
        "monat": "2025-01",
        "leistung": "wohngeld",
        "personen": [
            {
                "id": "a",
                "geburtsdatum": "1967-06-15",
                "einkommen": [{"art": "erwerbseinkommen", "brutto": "1400.00", "netto": "1100.00"}],
                "vermoegen": "5000.00",
                "pauschalabzug": {"steuern": True, "kranken_pflegeversicherung": True, "rentenversicherung": True},
            }
        ],
        "unterkunft": {
            "kaltmiete": "500.00",
            "nebenkosten": "100.00",
            "heizkosten": "50.00",
            "personen_im_haushalt": 1,
            "wohnflaeche": 40,
            "mietenstufe": 5,
            "baujahr": 1982,
        },
    }
    grundsicherung = {
        "monat": "2026-01",
        "leistung": "grundsicherung_alter",
        "personen": [
            {"id": "a", "geburtsdatum": "1956-01-10", "einkommen": [{"art": "rente", "betrag": "500.00"}]},
            {"id": "b", "geburtsdatum": "1958-01-10", "einkommen": [{"art": "rente", "betrag": "200.00"}]},
        ],
        "beziehungen": [{"art": "partner", "von": "a", "zu": "b"}],
        "unterkunft": {
            "kaltmiete": "300.00",
            "nebenkosten": "50.00",
            "heizkosten": "100.00",
            "personen_im_haushalt": 2,
        },
    }
    (bg, wg, gs), _ = orakel([buergergeld, wohngeld, grundsicherung])
    assert bg["anspruch"] == "1917.00"
    assert bg["personen"]["lena"]["kindersofortzuschlag"] == "25.00"
    assert {p: v["kdu"] for p, v in bg["personen"].items()} == {"georg": "333.33", "anna": "333.33", "lena": "333.33"}
    assert bg["personen"]["georg"]["einkommen"] == "336.00"
    assert wg["anspruch"] == "368.00"
    assert (gs["anspruch"], gs["personen"]["a"]["anspruch"], gs["personen"]["b"]["anspruch"]) == (
        "762.00",
        "231.00",
        "531.00",
    )


def test_orakel_meldet_fehler_je_zeile():
    """A line the oracle cannot translate yields {"fehler"} for that line only."""
    gut = zufallshaushalte(1, SEED)[0]
    ergebnisse, _ = orakel([{"monat": "2025-13", "personen": []}, gut, {**gut, "leistung": "asylblg"}])
    assert "fehler" in ergebnisse[0] and "monat" in ergebnisse[0]["fehler"]
    assert "anspruch" in ergebnisse[1]
    assert "leistung" in ergebnisse[2]["fehler"]
