"""GETTSIM as an independent oracle for the Sozialhaus rules engine.

Run with the separate environment (``make gettsim-venv``); this script must not import
Sozialhaus or Django::

    .venv-gettsim/bin/python tests/rules/gettsim_oracle.py < haushalte.jsonl > gettsim.jsonl

It reads JSON Lines in the input format of ``sozialhaus.rules`` (one household-month
per line, see docs/rules.md) and writes one line per input line, in order::

    {"monat": "2025-03", "leistung": "buergergeld", "anspruch": "1234.56",
     "bedarf": "...", "personen": {"a": {"anspruch": "...", "regelbedarf": "...",
     "mehrbedarfe": "...", "kdu": "...", "einkommen": "..."}}, "hinweise": [...]}

or ``{"fehler": "..."}`` for a line GETTSIM cannot calculate. Amounts are GETTSIM's
floats rounded half up to cents. All household-months that fall into the same GETTSIM
policy regime (months whose policy environment is identical for the targets, see
``Gettsim.regime_fuer``) are calculated in one vectorised ``gettsim.main`` call. The
household format is documented in docs/rules.md, the mapping to GETTSIM's columns and
every difference in docs/rules-gettsim.md; besides Bürgergeld the oracle calculates
``"leistung": "wohngeld"`` and ``"grundsicherung_alter"``.

With ``--zusammenfassung`` a last line on stderr reports the time spent in GETTSIM
(``{"gettsim": {"haushalte": n, "aufrufe": k, "sekunden_berechnung": s, ...}}``), which
the benchmark uses; parsing and writing JSON are not counted.

Where GETTSIM and the law (or the Sozialhaus input format) differ, see
docs/rules-gettsim.md.
"""

from __future__ import annotations

import os

# GETTSIM installs runtime type checks on import; they cost ~60 % of each call and
# check GETTSIM itself, not our data. Opt out (documented switch of GETTSIM >= 1.3).
os.environ.setdefault("GETTSIM_BEARTYPE_CLAW", "0")

import argparse  # noqa: E402
import copy  # noqa: E402
import datetime as dt  # noqa: E402
import importlib.metadata  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation  # noqa: E402

CENT = Decimal("0.01")

# Karenzzeit (§ 22 Abs. 1 Satz 2, § 12 Abs. 3 SGB II): one year from the start of the month
# of first receipt. GETTSIM models it with the input ``bürgergeld__bezug_im_vorjahr``.
KARENZZEIT_MONATE = 12
KARENZZEIT_FRUEHESTENS = dt.date(2023, 1, 1)

# GETTSIM's own approximation of angemessene Unterkunft after the Karenzzeit
# (bürgergeld/kosten_der_unterkunft.yaml): 45 m² + 15 m² per further person, 10 €/m² warm.
GETTSIM_WOHNFLAECHE_SINGLE = 45
GETTSIM_WOHNFLAECHE_JE_WEITERE = 15

LEISTUNGEN = {
    "buergergeld": "buergergeld",
    "grundsicherungsgeld": "buergergeld",
    "wohngeld": "wohngeld",
    "grundsicherung_alter": "grundsicherung_alter",
    "grundsicherung_im_alter": "grundsicherung_alter",
}
# 13. SGB II-ÄndG ("Grundsicherungsgeld"), in force 2026-07-01 per the engine's parameters: not in GETTSIM 1.3.
GETTSIM_KENNT_REFORM_NICHT_AB = dt.date(2026, 7, 1)

EINKOMMENSARTEN = {
    # Sozialhaus "art" -> GETTSIM column (monthly amount). Erwerbseinkommen is special
    # (brutto and netto), Kindergeld is computed by GETTSIM itself from the children.
    "unterhalt": "unterhalt__tatsächlich_erhaltener_betrag_m",
    "unterhaltsvorschuss": "unterhaltsvorschuss__betrag_m",
    "rente": "sozialversicherung__rente__altersrente__betrag_m",
    "erwerbsminderungsrente": "sozialversicherung__rente__erwerbsminderung__betrag_m",
    "arbeitslosengeld": "sozialversicherung__arbeitslosen__betrag_m",
    "elterngeld": "elterngeld__betrag_m",
    "kapitalertraege": "einnahmen__kapitalerträge_m",
}

FLOAT_SPALTEN = [
    "vermögen",
    "arbeitsstunden_w",
    "einnahmen__bruttolohn_m",
    "einnahmen__kapitalerträge_m",
    "einnahmen__renten__betriebliche_altersvorsorge_m",
    "einnahmen__renten__geförderte_private_vorsorge_m",
    "einnahmen__renten__sonstige_private_vorsorge_m",
    "einnahmen__renten__basisrente_m",
    "einnahmen__renten__aus_berufsständischen_versicherungen_m",
    "wohnen__bruttokaltmiete_m_hh",
    "wohnen__heizkosten_m_hh",
    "wohnen__wohnfläche_hh",
    "einkommensteuer__betrag_y_sn",
    "einkommensteuer__einkünfte__aus_selbstständiger_arbeit__betrag_m",
    "einkommensteuer__einkünfte__aus_vermietung_und_verpachtung__betrag_m",
    "einkommensteuer__einkünfte__sonstige__alle_weiteren_m",
    "solidaritätszuschlag__betrag_y_sn",
    "sozialversicherung__arbeitslosen__betrag_m",
    "sozialversicherung__beiträge_versicherter_m",
    "sozialversicherung__rente__altersrente__betrag_m",
    "sozialversicherung__rente__erwerbsminderung__betrag_m",
    "elterngeld__betrag_m",
    "unterhalt__tatsächlich_erhaltener_betrag_m",
    "unterhaltsvorschuss__betrag_m",
    "wohngeld__anspruchshöhe_m_wthh",
]
INT_SPALTEN = [
    "p_id",
    "hh_id",
    "alter",
    "alter_monate",
    "geburtsjahr",
    "bürgergeld__p_id_einstandspartner",
    "familie__p_id_ehepartner",
    "familie__p_id_elternteil_1",
    "familie__p_id_elternteil_2",
    "kindergeld__p_id_empfänger",
    "sozialversicherung__rente__grundrente__grundrentenzeiten_monate",
]
# Additional columns for Wohngeld and Grundsicherung im Alter (only in those batches).
ZUSATZ_FLOAT_SPALTEN = [
    "sozialversicherung__kranken__beitrag__betrag_versicherter_m",
    "sozialversicherung__rente__beitrag__betrag_versicherter_m",
    "einkommensteuer__einkünfte__sonstige__rente__steuerpflichtige_einnahmen_m",
    "einkommensteuer__einkünfte__aus_nichtselbstständiger_arbeit__tatsächliche_werbungskosten_y",
]
ZUSATZ_INT_SPALTEN = [
    "behinderungsgrad",
    "geburtsmonat",
    "geburtstag",
    "wohngeld__mietstufe_hh",
    "wohnen__baujahr_immobilie_hh",
    "sozialversicherung__rente__jahr_renteneintritt",
]
ZUSATZ_BOOL_SPALTEN = [
    "wohngeld__mindesteinkommen_erreicht_bg",
    "wohngeld__mindesteinkommen_erreicht_wthh",
    "grundsicherung__im_alter__hat_kind_mit_einkommen_über_einkommensgrenze",
    "sozialversicherung__kranken__beitrag__privat_versichert",
    "vorrangprüfungen__wohngeld_kinderzuschlag_vorrangig_oder_günstiger",
]
P_ID_SPALTEN = {
    "bürgergeld__p_id_einstandspartner",
    "familie__p_id_ehepartner",
    "familie__p_id_elternteil_1",
    "familie__p_id_elternteil_2",
    "kindergeld__p_id_empfänger",
}
BOOL_SPALTEN = [
    "schwerbehindert_grad_g",
    "bürgergeld__bezug_im_vorjahr",
    "familie__alleinerziehend",
    "wohnen__bewohnt_eigentum_hh",
    "einkommensteuer__gemeinsam_veranlagt",
    "sozialversicherung__rente__bezieht_rente",
    "kindergeld__in_ausbildung",
]

ZIELE_BUERGERGELD = {
    "anspruch": "bürgergeld__anspruchshöhe_m",
    "regelsatz": "bürgergeld__regelsatz_m",
    "erwachsenensatz": "bürgergeld__erwachsenensatz_m",
    "kindersatz": "bürgergeld__kindersatz_m",
    "mehrbedarfsanteil_ae": "bürgergeld__mehrbedarfsanteil_alleinerziehend",
    "kdu": "bürgergeld__kosten_der_unterkunft_m",
    "regelbedarf": "bürgergeld__regelbedarf_m",
    "einkommen": "bürgergeld__anzurechnendes_einkommen_m",
    "kindergeld": "bürgergeld__kindergeld_zur_bedarfsdeckung_m",
    "kindergeldübertrag": "bürgergeld__kindergeldübertrag_m",
    "vermögensfreibetrag": "bürgergeld__vermögensfreibetrag_bg",
    "bg_id": "bg_id",
}


class OrakelFehler(ValueError):
    """A line GETTSIM cannot calculate (German message naming the field)."""


@dataclass
class Haushalt:
    """One input line, translated into GETTSIM rows."""

    zeile: int
    monat: str
    leistung: str
    stichtag: dt.date
    ids: list[str]
    spalten: dict[str, list] = field(default_factory=dict)
    hinweise: list[str] = field(default_factory=list)


def _betrag(wert, feld: str) -> float:
    if wert is None:
        raise OrakelFehler(f"Feld '{feld}' fehlt.")
    try:
        d = Decimal(str(wert))
    except InvalidOperation:
        raise OrakelFehler(f"Feld '{feld}': '{wert}' ist kein gültiger Betrag.")
    if not d.is_finite() or d < 0:
        raise OrakelFehler(f"Feld '{feld}': '{wert}' ist kein gültiger Betrag.")
    return float(d)


def _datum(wert, feld: str) -> dt.date:
    try:
        return dt.date.fromisoformat(wert)
    except (TypeError, ValueError):
        raise OrakelFehler(f"Feld '{feld}': Datum im Format JJJJ-MM-TT erwartet.")


def _alter(geburt: dt.date, stichtag: dt.date) -> tuple[int, int]:
    """Completed years and months on the first day of the month (the oracle's convention)."""
    monate = (stichtag.year - geburt.year) * 12 + stichtag.month - geburt.month
    if stichtag.day < geburt.day:
        monate -= 1
    return monate // 12, monate


def _monate_seit(beginn: dt.date, stichtag: dt.date) -> int:
    return (stichtag.year - beginn.year) * 12 + stichtag.month - beginn.month


def haushalt_lesen(zeile: int, daten: dict) -> Haushalt:
    """Translate one household-month in Sozialhaus' input format into GETTSIM columns."""
    if not isinstance(daten, dict):
        raise OrakelFehler("Zeile ist kein JSON-Objekt.")
    monat = daten.get("monat")
    try:
        stichtag = dt.date(int(monat[:4]), int(monat[5:7]), 1)
    except (TypeError, ValueError):
        raise OrakelFehler("Feld 'monat': Monat im Format JJJJ-MM erwartet.")
    leistung = LEISTUNGEN.get(daten.get("leistung", "buergergeld"))
    if leistung is None:
        raise OrakelFehler(f"Feld 'leistung': '{daten.get('leistung')}' kann das GETTSIM-Orakel nicht berechnen.")
    personen = daten.get("personen")
    if not isinstance(personen, list) or not personen:
        raise OrakelFehler("Feld 'personen': mindestens eine Person erwartet.")
    ids = [p.get("id") for p in personen]
    if len(set(ids)) != len(ids) or any(not isinstance(i, str) for i in ids):
        raise OrakelFehler("Feld 'personen[].id': eindeutige Kennungen erwartet.")
    index = {pid: i for i, pid in enumerate(ids)}
    n = len(ids)
    h = Haushalt(zeile=zeile, monat=monat, leistung=leistung, stichtag=stichtag, ids=ids)
    if leistung == "buergergeld" and stichtag >= GETTSIM_KENNT_REFORM_NICHT_AB:
        h.hinweise.append("GETTSIM 1.3 kennt das 13. SGB II-Änderungsgesetz (ab 1.7.2026) nicht; Bürgergeld-Recht.")
    s = h.spalten
    for name in FLOAT_SPALTEN:
        s[name] = [0.0] * n
    for name in INT_SPALTEN:
        s[name] = [-1] * n
    for name in BOOL_SPALTEN:
        s[name] = [False] * n
    s["sozialversicherung__rente__grundrente__grundrentenzeiten_monate"] = [0] * n

    partner = [-1] * n
    eltern: list[list[int]] = [[] for _ in range(n)]
    for b in daten.get("beziehungen") or []:
        von, zu, art = b.get("von"), b.get("zu"), b.get("art")
        if von not in index or zu not in index:
            raise OrakelFehler(f"Feld 'beziehungen': unbekannte Person in {von!r} → {zu!r}.")
        if art == "partner":
            partner[index[von]], partner[index[zu]] = index[zu], index[von]
        elif art == "elternteil":
            eltern[index[zu]].append(index[von])
        else:
            raise OrakelFehler(f"Feld 'beziehungen[].art': '{art}' unbekannt.")

    alter = []
    kindergeld_bei_kind = [False] * n
    empfaenger = [-1] * n
    kindergeld_bei_elternteil = [0.0] * n
    for i, p in enumerate(personen):
        geburt = _datum(p.get("geburtsdatum"), f"personen[{i}].geburtsdatum")
        jahre, monate = _alter(geburt, stichtag)
        alter.append(jahre)
        s["alter"][i], s["alter_monate"][i], s["geburtsjahr"][i] = jahre, monate, geburt.year
        s["vermögen"][i] = _betrag(p.get("vermoegen", "0.00"), f"personen[{i}].vermoegen")
        if p.get("schwanger_ab_13_woche"):
            h.hinweise.append("GETTSIM kennt keinen Mehrbedarf bei Schwangerschaft (§ 21 Abs. 2 SGB II).")
        for name, wert in (p.get("mehrbedarfe") or {}).items():
            if wert not in (False, None) and wert != "0.00" and Decimal(str(wert)) != 0:
                h.hinweise.append(f"GETTSIM kennt den Mehrbedarf '{name}' nicht (§ 21 SGB II).")
        for j, e in enumerate(p.get("einkommen") or []):
            feld = f"personen[{i}].einkommen[{j}]"
            art = e.get("art")
            if art in ("erwerbseinkommen", "selbststaendig"):
                brutto = _betrag(e.get("brutto"), feld + ".brutto")
                netto = _betrag(e.get("netto", e.get("brutto")), feld + ".netto")
                if art == "erwerbseinkommen":
                    s["einnahmen__bruttolohn_m"][i] += brutto
                else:
                    s["einkommensteuer__einkünfte__aus_selbstständiger_arbeit__betrag_m"][i] += brutto
                # GETTSIM: netto = brutto - Steuern - Sozialversicherungsbeiträge; we hand it the
                # given deductions as contributions, so its netto is exactly the given netto.
                s["sozialversicherung__beiträge_versicherter_m"][i] += brutto - netto
            elif art == "kindergeld":
                betrag = _betrag(e.get("betrag"), feld + ".betrag")
                fuer = e.get("fuer")
                if fuer is not None:
                    if fuer not in index:
                        raise OrakelFehler(f"Feld '{feld}.fuer': Kind '{fuer}' ist nicht in 'personen' enthalten.")
                    kindergeld_bei_kind[index[fuer]] = True
                    empfaenger[index[fuer]] = i
                elif eltern[i]:
                    kindergeld_bei_kind[i] = True
                else:
                    kindergeld_bei_elternteil[i] += betrag
            elif art in EINKOMMENSARTEN:
                spalte = EINKOMMENSARTEN[art]
                s[spalte][i] += _betrag(e.get("betrag", e.get("netto")), feld + ".betrag")
                if spalte.startswith("sozialversicherung__rente"):
                    s["sozialversicherung__rente__bezieht_rente"][i] = True
            else:
                raise OrakelFehler(f"Feld '{feld}.art': '{art}' kann das GETTSIM-Orakel nicht abbilden.")

    for i in range(n):
        s["bürgergeld__p_id_einstandspartner"][i] = partner[i]
        s["familie__p_id_ehepartner"][i] = partner[i]
        if len(eltern[i]) > 2:
            raise OrakelFehler(f"Feld 'beziehungen': Person '{ids[i]}' hat mehr als zwei Elternteile.")
        if eltern[i]:
            s["familie__p_id_elternteil_1"][i] = eltern[i][0]
        if len(eltern[i]) == 2:
            s["familie__p_id_elternteil_2"][i] = eltern[i][1]

    # Kindergeld: GETTSIM computes the amount by law and needs the recipient of each child.
    # A child's Regelbedarf is only counted by GETTSIM if the child has a Kindergeld recipient
    # in its Familiengemeinschaft (kindergeld__gleiche_fg_wie_empfänger).
    for i in range(n):
        if not eltern[i]:
            continue
        elternteil = empfaenger[i] if empfaenger[i] >= 0 else eltern[i][0]
        hat_kindergeld = kindergeld_bei_kind[i] or any(kindergeld_bei_elternteil[e] > 0 for e in eltern[i])
        if alter[i] < 25:
            if not hat_kindergeld and alter[i] < 18:
                h.hinweise.append(f"Kind '{ids[i]}': kein Kindergeld angegeben; GETTSIM rechnet mit Kindergeld.")
            if hat_kindergeld or alter[i] < 18:
                s["kindergeld__p_id_empfänger"][i] = elternteil
                s["kindergeld__in_ausbildung"][i] = alter[i] >= 18

    # Alleinerziehend (§ 21 Abs. 3 SGB II): without partner, living with a minor child of one's own.
    for i in range(n):
        if partner[i] < 0 and alter[i] >= 18:
            s["familie__alleinerziehend"][i] = any(i in eltern[k] and alter[k] < 18 for k in range(n))

    u = daten.get("unterkunft") or {}
    bruttokalt = _betrag(u.get("kaltmiete", "0.00"), "unterkunft.kaltmiete") + _betrag(
        u.get("nebenkosten", "0.00"), "unterkunft.nebenkosten"
    )
    heizung = _betrag(u.get("heizkosten", "0.00"), "unterkunft.heizkosten")
    im_haushalt = u.get("personen_im_haushalt") or n
    if not isinstance(im_haushalt, int) or im_haushalt < n:
        raise OrakelFehler("Feld 'unterkunft.personen_im_haushalt': ganze Zahl ≥ Anzahl der Personen erwartet.")
    if im_haushalt > n:
        # Kopfteilprinzip: GETTSIM divides by the persons in its data; hand it the BG's share.
        anteil = n / im_haushalt
        bruttokalt, heizung = bruttokalt * anteil, heizung * anteil
        h.hinweise.append(f"Unterkunftskosten anteilig {n}/{im_haushalt} an GETTSIM übergeben (Kopfteilprinzip).")
    if u.get("warmwasser_dezentral"):
        h.hinweise.append("GETTSIM kennt keinen Mehrbedarf für dezentrale Warmwassererzeugung (§ 21 Abs. 7 SGB II).")
    wohnflaeche = u.get("wohnflaeche")
    if wohnflaeche is None:
        # Largest area GETTSIM accepts, so its 10 €/m² cap binds as late as possible.
        wohnflaeche = GETTSIM_WOHNFLAECHE_SINGLE + GETTSIM_WOHNFLAECHE_JE_WEITERE * (n - 1)
    wohnflaeche = float(wohnflaeche)

    bezug_seit = daten.get("bezug_seit")
    nach_karenzzeit = False
    if bezug_seit is not None:
        # Receipt until 2022-12-31 does not count towards the Karenzzeit (§ 65 Abs. 3 SGB II); GETTSIM
        # only knows the flag, so the oracle applies the transition when it sets it.
        beginn = max(_datum(bezug_seit, "bezug_seit"), KARENZZEIT_FRUEHESTENS)
        nach_karenzzeit = _monate_seit(beginn, stichtag) >= KARENZZEIT_MONATE
    if nach_karenzzeit and (bruttokalt + heizung) > 10 * wohnflaeche + 1e-9:
        h.hinweise.append("GETTSIM-Näherung der Angemessenheit (10 €/m² warm) begrenzt die Unterkunftskosten.")
    for i in range(n):
        s["wohnen__bruttokaltmiete_m_hh"][i] = bruttokalt
        s["wohnen__heizkosten_m_hh"][i] = heizung
        s["wohnen__wohnfläche_hh"][i] = wohnflaeche
        s["bürgergeld__bezug_im_vorjahr"][i] = nach_karenzzeit
    if leistung == "wohngeld":
        _wohngeld_spalten(h, daten, personen)
    elif leistung == "grundsicherung_alter":
        _grundsicherung_spalten(h, daten, personen)
    return h


def _gemeinsame_zusatzspalten(h: Haushalt, personen: list[dict]) -> None:
    s, n = h.spalten, len(h.ids)
    for name in ZUSATZ_FLOAT_SPALTEN:
        s[name] = [0.0] * n
    for name in ZUSATZ_INT_SPALTEN:
        s[name] = [0] * n
    for name in ZUSATZ_BOOL_SPALTEN:
        s[name] = [False] * n
    s["behinderungsgrad"] = [int(p.get("behinderungsgrad") or 0) for p in personen]
    geburt = [_datum(p.get("geburtsdatum"), f"personen[{i}].geburtsdatum") for i, p in enumerate(personen)]
    s["geburtsmonat"] = [g.month for g in geburt]
    s["geburtstag"] = [g.day for g in geburt]
    # § 14 Abs. 2 Nr. 3 WoGG / § 82 SGB XII: pensions count in full, not only their taxable part.
    renten = s["sozialversicherung__rente__altersrente__betrag_m"]
    em = s["sozialversicherung__rente__erwerbsminderung__betrag_m"]
    s["einkommensteuer__einkünfte__sonstige__rente__steuerpflichtige_einnahmen_m"] = [
        renten[i] + em[i] for i in range(n)
    ]
    s["einkommensteuer__einkünfte__aus_nichtselbstständiger_arbeit__tatsächliche_werbungskosten_y"] = [0.0] * n
    s["sozialversicherung__rente__grundrente__grundrentenzeiten_monate"] = [
        int(p.get("grundrentenzeiten_monate") or 0) for p in personen
    ]
    s["sozialversicherung__rente__jahr_renteneintritt"] = [
        int(p.get("rente_seit", "2000")[:4]) if renten[i] + em[i] > 0 else h.stichtag.year + 50
        for i, p in enumerate(personen)
    ]
    s["sozialversicherung__kranken__beitrag__privat_versichert"] = [False] * n


def _wohngeld_spalten(h: Haushalt, daten: dict, personen: list[dict]) -> None:
    """Columns GETTSIM's Wohngeld needs beyond the common ones (WoGG)."""
    s, n = h.spalten, len(h.ids)
    u = daten.get("unterkunft") or {}
    stufe = u.get("mietenstufe")
    if not isinstance(stufe, int) or not 1 <= stufe <= 7:
        raise OrakelFehler("Feld 'unterkunft.mietenstufe': Zahl von 1 bis 7 erwartet (§ 12 WoGG, Anlage 1 WoGV).")
    _gemeinsame_zusatzspalten(h, personen)
    del s["wohngeld__anspruchshöhe_m_wthh"]
    s["wohngeld__mietstufe_hh"] = [stufe] * n
    s["wohnen__baujahr_immobilie_hh"] = [int(u.get("baujahr") or 2000)] * n
    if u.get("wohnflaeche") is None:
        s["wohnen__wohnfläche_hh"] = [60.0] * n
    # Pauschaler Abzug (§ 16 WoGG): 10 % each for taxes, Kranken-/Pflegeversicherung and
    # Rentenversicherung paid. GETTSIM only checks whether each amount is positive.
    steuern, kranken, rente = [0.0] * n, [0.0] * n, [0.0] * n
    for i, p in enumerate(personen):
        abzug = p.get("pauschalabzug")
        if abzug is None:
            sv = s["sozialversicherung__beiträge_versicherter_m"][i] > 0
            abzug = {"steuern": False, "kranken_pflegeversicherung": sv, "rentenversicherung": sv}
            if sv:
                h.hinweise.append(
                    f"Person '{h.ids[i]}': pauschaler Abzug nicht angegeben; angenommen Kranken-/Pflege- und "
                    "Rentenversicherung (netto < brutto), keine Steuern."
                )
        steuern[i] = 1.0 if abzug.get("steuern") else 0.0
        kranken[i] = 1.0 if abzug.get("kranken_pflegeversicherung") else 0.0
        rente[i] = 1.0 if abzug.get("rentenversicherung") else 0.0
    s["einkommensteuer__betrag_y_sn"] = [x * 12 for x in steuern]
    s["sozialversicherung__kranken__beitrag__betrag_versicherter_m"] = kranken
    s["sozialversicherung__rente__beitrag__betrag_versicherter_m"] = rente
    # The Mindesteinkommen is a plausibility check of the administration (VwV-WoGG 15.01), not a
    # condition of the claim; it is not part of the comparison.
    s["wohngeld__mindesteinkommen_erreicht_bg"] = [True] * n
    s["wohngeld__mindesteinkommen_erreicht_wthh"] = [True] * n


def _grundsicherung_spalten(h: Haushalt, daten: dict, personen: list[dict]) -> None:
    """Columns GETTSIM's Grundsicherung im Alter (SGB XII, 4. Kapitel) needs beyond the common ones."""
    s, n = h.spalten, len(h.ids)
    _gemeinsame_zusatzspalten(h, personen)
    s["grundsicherung__im_alter__hat_kind_mit_einkommen_über_einkommensgrenze"] = [
        bool(daten.get("unterhaltsrueckgriff")) for _ in range(n)
    ]
    # The oracle compares the claim itself, not GETTSIM's check against Wohngeld and Kinderzuschlag.
    s["vorrangprüfungen__wohngeld_kinderzuschlag_vorrangig_oder_günstiger"] = [False] * n
    s["wohngeld__mietstufe_hh"] = [int((daten.get("unterkunft") or {}).get("mietenstufe") or 3)] * n
    # Merkzeichen G (§ 30 Abs. 1 SGB XII), field of the engine's SGB XII input (sozialhaus/rules/sgb12.py).
    s["schwerbehindert_grad_g"] = [bool(p.get("merkzeichen_g")) for p in personen]
    for i, p in enumerate(personen):
        if p.get("voll_erwerbsgemindert"):
            h.hinweise.append(
                f"Person '{h.ids[i]}': volle Erwerbsminderung gibt das Orakel GETTSIM nicht weiter; "
                "es prüft nur die Altersgrenze."
            )


# --------------------------------------------------------------------------- GETTSIM calls


SPEZIALISIERUNG = (
    "without_tree_logic_and_with_derived_functions",
    "with_processed_params_and_scalars",
    "with_partialled_params_and_scalars",
    "tt_dag",
)


@dataclass
class Regime:
    """A GETTSIM policy environment, specialised to our columns and targets, and the period it holds."""

    leistung: str
    beginn: dt.date
    ende: dt.date
    umgebung: dict
    spezialisiert: object
    kindersofortzuschlag: float = 0.0


class Gettsim:
    """Lazily imported GETTSIM with cached policy regimes."""

    def __init__(self, *, pruefen: bool = False) -> None:
        import dags.tree as dags_tree
        import gettsim
        import numpy
        from dags.annotations import get_free_arguments

        self.gettsim = gettsim
        self.np = numpy
        self.dags_tree = dags_tree
        self.get_free_arguments = get_free_arguments
        # GETTSIM's input and unit checks ("fail nodes") cost ~6 s per call; the oracle's
        # input is built by haushalt_lesen, so they run only with --pruefen.
        self.pruefen = pruefen
        self.regime: list[Regime] = []
        self.aufrufe = 0
        self.sekunden_umgebung = 0.0
        self.sekunden_berechnung = 0.0

    def stapeln(self, haushalte: list[Haushalt]) -> tuple[dict, list[tuple[int, int]]]:
        """Stack households into one GETTSIM data set with unique p_id and hh_id."""
        np = self.np
        spalten: dict[str, list] = {name: [] for name in haushalte[0].spalten}
        zeilen: list[tuple[int, int]] = []  # (household position, person index)
        versatz = 0
        for pos, h in enumerate(haushalte):
            n = len(h.ids)
            for name, werte in h.spalten.items():
                if name == "p_id":
                    spalten[name].extend(range(versatz, versatz + n))
                elif name == "hh_id":
                    spalten[name].extend([pos] * n)
                elif name in P_ID_SPALTEN:
                    spalten[name].extend([w + versatz if w >= 0 else -1 for w in werte])
                else:
                    spalten[name].extend(werte)
            zeilen.extend((pos, i) for i in range(n))
            versatz += n
        daten = {}
        for name, werte in spalten.items():
            if name in FLOAT_SPALTEN or name in ZUSATZ_FLOAT_SPALTEN:
                daten[name] = np.asarray(werte, dtype=float)
            elif name in BOOL_SPALTEN or name in ZUSATZ_BOOL_SPALTEN:
                daten[name] = np.asarray(werte, dtype=bool)
            else:
                daten[name] = np.asarray(werte, dtype=np.int64)
        return daten, zeilen

    def _ziele(self, ziele: dict[str, str]):
        return self.gettsim.TTTargets.tree(
            self.dags_tree.unflatten_from_qnames({ziel: kurz for kurz, ziel in ziele.items()})
        )

    def regime_fuer(self, muster: Haushalt, ziele: dict[str, str]) -> Regime:
        """The policy environment for the month of ``muster`` and the period in which it is the same.

        The period is the intersection of the validity periods of every parameter and
        policy function the targets depend on (walked through GETTSIM's own DAG), so all
        months inside it give identical results with one environment. The environment is
        specialised once (with the example household's columns) and reused for every call.
        """
        stichtag = muster.stichtag
        for r in self.regime:
            if r.leistung == muster.leistung and r.beginn <= stichtag <= r.ende:
                return r
        t0 = time.perf_counter()
        g = self.gettsim
        daten, _ = self.stapeln([muster])
        umgebung = g.main(main_target="policy_environment", policy_date=stichtag)
        # § 72 SGB II: the Kindersofortzuschlag is paid "zusätzlich" to children who have a claim; it is
        # no part of the Bedarf. GETTSIM adds it to the child's Regelbedarf, so we calculate without it
        # and add it afterwards (see ergebnis_buergergeld and docs/rules-gettsim.md).
        kindersofortzuschlag = 0.0
        buergergeld = umgebung.get("bürgergeld", {})
        if "kindersofortzuschlag" in buergergeld and muster.leistung == "buergergeld":
            param = buergergeld["kindersofortzuschlag"]
            kindersofortzuschlag = float(param.value)
            umgebung = g.upsert_tree(
                base=umgebung,
                to_upsert={"bürgergeld": {"kindersofortzuschlag": _mit_wert(param, 0.0)}},
            )
        teile = g.main(
            main_targets=[f"specialized_environment__{teil}" for teil in SPEZIALISIERUNG],
            input_data=g.InputData.qname(daten),
            policy_environment=umgebung,
            policy_date=stichtag,
            tt_targets=self._ziele(ziele),
            include_warn_nodes=False,
            include_fail_nodes=self.pruefen,
        )["specialized_environment"]
        spezialisiert = g.SpecializedEnvironment(**{teil: teile[teil] for teil in SPEZIALISIERUNG})
        funktionen = teile["without_tree_logic_and_with_derived_functions"]
        flach = self.dags_tree.flatten_to_qnames(umgebung)
        gesehen: set[str] = set()
        stapel = list(ziele.values())
        beginn, ende = dt.date(1900, 1, 1), dt.date(2099, 12, 31)
        while stapel:
            name = stapel.pop()
            if name in gesehen or name in daten:
                continue
            gesehen.add(name)
            if name.startswith(("policy_", "evaluation_")):
                # Date scalars would make the result depend on the exact day.
                beginn, ende = max(beginn, stichtag), min(ende, stichtag)
            obj = flach.get(name)
            if obj is not None and getattr(obj, "start_date", None) is not None:
                beginn, ende = max(beginn, obj.start_date), min(ende, obj.end_date)
            knoten = funktionen.get(name)
            if callable(knoten):
                stapel.extend(self.get_free_arguments(knoten))
        if not beginn <= stichtag <= ende:
            beginn = ende = stichtag
        regime = Regime(muster.leistung, beginn, ende, umgebung, spezialisiert, kindersofortzuschlag)
        self.regime.append(regime)
        self.sekunden_umgebung += time.perf_counter() - t0
        return regime

    def berechnen(self, haushalte: list[Haushalt], ziele: dict[str, str], regime: Regime) -> list[dict[int, dict]]:
        """Calculate households of one policy regime in one vectorised GETTSIM call."""
        daten, zeilen = self.stapeln(haushalte)
        t0 = time.perf_counter()
        df = self.gettsim.main(
            main_target="results__df_with_mapper",
            input_data=self.gettsim.InputData.qname(daten),
            policy_environment=regime.umgebung,
            specialized_environment=regime.spezialisiert,
            policy_date=haushalte[0].stichtag,
            tt_targets=self._ziele(ziele),
            include_warn_nodes=False,
            include_fail_nodes=self.pruefen,
        )
        self.sekunden_berechnung += time.perf_counter() - t0
        self.aufrufe += 1
        ergebnis: list[dict[int, dict]] = [{} for _ in haushalte]
        werte = {kurz: df[kurz].to_numpy().tolist() for kurz in ziele}
        for zeile, (pos, i) in enumerate(zeilen):
            ergebnis[pos][i] = {kurz: werte[kurz][zeile] for kurz in ziele}
        return ergebnis


def _mit_wert(param, wert):
    """A copy of a GETTSIM parameter object with another value (not all fields are init fields)."""
    kopie = copy.copy(param)
    object.__setattr__(kopie, "value", wert)
    return kopie


def _cent(x: float) -> Decimal:
    return Decimal(repr(float(x))).quantize(CENT, rounding=ROUND_HALF_UP)


def _s(x: Decimal) -> str:
    return str(x.quantize(CENT))


def ergebnis_buergergeld(h: Haushalt, personen: dict[int, dict], regime: Regime) -> dict:
    """Per person and BG: GETTSIM's claim (calculated without Kindersofortzuschlag) plus § 72 SGB II."""
    out_personen = {}
    anspruch = bedarf = einkommen = kindergeld = Decimal(0)
    bgs = {int(w["bg_id"]) for w in personen.values()}
    vermoegen = sum(h.spalten["vermögen"])
    freibetrag = float(personen[0]["vermögensfreibetrag"])
    hinweise = list(h.hinweise)
    for w in personen.values():
        bedarf += Decimal(repr(float(w["regelbedarf"])))
        einkommen += Decimal(repr(float(w["einkommen"]))) - Decimal(repr(float(w["kindergeldübertrag"])))
        kindergeld += Decimal(repr(float(w["kindergeld"])))
    bg_anspruch = sum(Decimal(repr(float(w["anspruch"]))) for w in personen.values())
    # § 72 Abs. 1 Satz 2 Nr. 2 SGB II ("nur deshalb keinen Anspruch ..., weil ... Kindergeld berücksichtigt
    # wurde"): if the BG has no claim but would have one without the children's Kindergeld, whether the
    # children get the Sofortzuschlag is a question of interpretation (docs/rules-gettsim.md). The oracle
    # does not add it to "anspruch" and reports it as "kindersofortzuschlag_strittig".
    strittig = _cent(bg_anspruch) == 0 and vermoegen <= freibetrag and einkommen - kindergeld < bedarf and len(bgs) == 1
    sofortzuschlag_strittig = Decimal(0)
    for i, pid in enumerate(h.ids):
        w = personen[i]
        mehrbedarf = w["erwachsenensatz"] - w["erwachsenensatz"] / (1 + w["mehrbedarfsanteil_ae"])
        person_anspruch = _cent(w["anspruch"])
        # Regelbedarfsstufe 3 to 6 (GETTSIM's "kindersatz"), § 72 Abs. 1 Satz 1 SGB II.
        sofortzuschlag = Decimal(0)
        if w["kindersatz"] > 0 and person_anspruch > 0:
            sofortzuschlag = Decimal(repr(regime.kindersofortzuschlag))
        elif w["kindersatz"] > 0 and strittig:
            sofortzuschlag_strittig += Decimal(repr(regime.kindersofortzuschlag))
        out_personen[pid] = {
            "anspruch": _s(person_anspruch + sofortzuschlag),
            "regelbedarf": _s(_cent(w["regelsatz"] - mehrbedarf)),
            "mehrbedarfe": _s(_cent(mehrbedarf)),
            "kdu": _s(_cent(w["kdu"])),
            "kindersofortzuschlag": _s(sofortzuschlag),
            "einkommen": _s(_cent(w["einkommen"])),
            "kindergeld": _s(_cent(w["kindergeld"])),
            "kindergeldübertrag": _s(_cent(w["kindergeldübertrag"])),
        }
        anspruch += Decimal(repr(float(w["anspruch"]))) + sofortzuschlag
    if len(bgs) > 1:
        hinweise.append(f"GETTSIM bildet {len(bgs)} Bedarfsgemeinschaften; der Anspruch ist ihre Summe.")
    if vermoegen > freibetrag:
        hinweise.append(f"Vermögen {vermoegen:.2f} über dem Freibetrag {freibetrag:.2f} (GETTSIM).")
    if sofortzuschlag_strittig:
        hinweise.append(
            "Ohne Berücksichtigung des Kindergeldes bestünde ein Anspruch: Kindersofortzuschlag nach § 72 Abs. 1 "
            f"Satz 2 Nr. 2 SGB II strittig ({_s(sofortzuschlag_strittig)} €), nicht im Anspruch enthalten."
        )
    return {
        "monat": h.monat,
        "leistung": h.leistung,
        "anspruch": _s(_cent(anspruch)),
        "bedarf": _s(_cent(bedarf)),
        "vermoegensfreibetrag": _s(_cent(freibetrag)),
        "kindersofortzuschlag_strittig": _s(sofortzuschlag_strittig),
        "personen": out_personen,
        "hinweise": hinweise,
    }


ZIELE_WOHNGELD = {
    "anspruch": "wohngeld__anspruchshöhe_m_wthh",
    "einkommen": "wohngeld__einkommen_m_wthh",
    "miete": "wohngeld__miete_m_wthh",
    "wthh_id": "wthh_id",
}

ZIELE_GRUNDSICHERUNG = {
    "anspruch": "grundsicherung__im_alter__anspruchshöhe_m",
    "bedarf": "grundsicherung__im_alter__bedarf_m",
    "einkommen": "grundsicherung__im_alter__einkommen_m",
    "eg_id": "eg_id",
}


def ergebnis_wohngeld(h: Haushalt, personen: dict[int, dict], regime: Regime) -> dict:
    """Wohngeld of the household (GETTSIM rounds it as Anlage 3 WoGG says)."""
    teilhaushalte = {int(w["wthh_id"]): w for w in personen.values()}
    hinweise = list(h.hinweise)
    if len(teilhaushalte) > 1:
        hinweise.append(f"GETTSIM bildet {len(teilhaushalte)} wohngeldrechtliche Teilhaushalte; Summe.")
    return {
        "monat": h.monat,
        "leistung": h.leistung,
        "anspruch": _s(sum((_cent(w["anspruch"]) for w in teilhaushalte.values()), Decimal(0))),
        "einkommen": _s(sum((_cent(w["einkommen"]) for w in teilhaushalte.values()), Decimal(0))),
        "miete": _s(sum((_cent(w["miete"]) for w in teilhaushalte.values()), Decimal(0))),
        "hinweise": hinweise,
    }


def ergebnis_grundsicherung(h: Haushalt, personen: dict[int, dict], regime: Regime) -> dict:
    """Grundsicherung im Alter of the Einsatzgemeinschaft and of each person."""
    return {
        "monat": h.monat,
        "leistung": h.leistung,
        "anspruch": _s(_cent(sum(float(w["anspruch"]) for w in personen.values()))),
        "personen": {
            pid: {
                "anspruch": _s(_cent(personen[i]["anspruch"])),
                "bedarf": _s(_cent(personen[i]["bedarf"])),
                "einkommen": _s(_cent(personen[i]["einkommen"])),
            }
            for i, pid in enumerate(h.ids)
        },
        "hinweise": list(h.hinweise),
    }


ZIELE = {"buergergeld": ZIELE_BUERGERGELD, "wohngeld": ZIELE_WOHNGELD, "grundsicherung_alter": ZIELE_GRUNDSICHERUNG}
ERGEBNIS = {
    "buergergeld": ergebnis_buergergeld,
    "wohngeld": ergebnis_wohngeld,
    "grundsicherung_alter": ergebnis_grundsicherung,
}


def rechnen(zeilen: list[str], gettsim: Gettsim | None = None) -> tuple[list[dict], Gettsim]:
    """Calculate JSON lines; returns one result per line and the GETTSIM instance (timings)."""
    gettsim = gettsim or Gettsim()
    ergebnisse: list[dict | None] = [None] * len(zeilen)
    gruppen: dict[str, list[Haushalt]] = {}
    for nr, text in enumerate(zeilen):
        try:
            h = haushalt_lesen(nr, json.loads(text))
        except json.JSONDecodeError as e:
            ergebnisse[nr] = {"fehler": f"Zeile {nr + 1} ist kein gültiges JSON: {e.msg}."}
            continue
        except OrakelFehler as e:
            ergebnisse[nr] = {"fehler": str(e)}
            continue
        gruppen.setdefault(h.leistung, []).append(h)
    for leistung, haushalte in gruppen.items():
        ziele = ZIELE[leistung]
        offen = sorted(haushalte, key=lambda h: h.stichtag)
        while offen:
            # All households of one policy regime go into one call.
            regime = gettsim.regime_fuer(offen[0], ziele)
            stapel = [h for h in offen if regime.beginn <= h.stichtag <= regime.ende]
            offen = [h for h in offen if not regime.beginn <= h.stichtag <= regime.ende]
            for h, werte in zip(stapel, gettsim.berechnen(stapel, ziele, regime), strict=True):
                ergebnisse[h.zeile] = ERGEBNIS[leistung](h, werte, regime)
    return ergebnisse, gettsim


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zusammenfassung", action="store_true", help="print GETTSIM timings as JSON on stderr")
    parser.add_argument("--pruefen", action="store_true", help="run GETTSIM's own input and unit checks (slow)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    zeilen = [z for z in sys.stdin.read().splitlines() if z.strip()]
    ergebnisse, gettsim = rechnen(zeilen, Gettsim(pruefen=args.pruefen))
    ausgabe = sys.stdout
    for e in ergebnisse:
        ausgabe.write(json.dumps(e, ensure_ascii=False) + "\n")
    ausgabe.flush()
    if args.zusammenfassung:
        zusammenfassung = {
            "gettsim": {
                "version": importlib.metadata.version("gettsim"),
                "haushalte": len(zeilen),
                "aufrufe": gettsim.aufrufe,
                "regime": [[r.leistung, r.beginn.isoformat(), r.ende.isoformat()] for r in gettsim.regime],
                "sekunden_umgebung": round(gettsim.sekunden_umgebung, 4),
                "sekunden_berechnung": round(gettsim.sekunden_berechnung, 4),
                "sekunden_prozess": round(time.perf_counter() - t0, 4),
            }
        }
        print(json.dumps(zusammenfassung), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
