"""SEPA credit transfer file pain.001.001.09 (ISO 20022, the version of the DK data formats "DFÜ-Abkommen Anlage 3"
in force since November 2023) for a Zahllauf, validated against the vendored XSD before it is stored.

Texts are reduced to the SEPA Latin character set (EPC guidance on the use of the character set): letters a–z, A–Z,
digits and ``/ - ? : ( ) . , ' +`` and space; umlauts are transliterated (ä → ae, ß → ss).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from lxml import etree

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
XSD = Path(__file__).parent / "schemas" / "pain.001.001.09.xsd"

UMSCHRIFT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "&": "+"})
NICHT_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


def sepa_text(text: str, laenge: int) -> str:
    """``text`` in the SEPA Latin character set, at most ``laenge`` characters (umlauts transliterated, accents
    dropped, anything else a space)."""
    zerlegt = unicodedata.normalize("NFKD", text.translate(UMSCHRIFT))
    ohne_akzente = "".join(z for z in zerlegt if not unicodedata.combining(z))
    return " ".join(NICHT_SEPA.sub(" ", ohne_akzente).split())[:laenge].strip()


@dataclass(frozen=True)
class Ueberweisung:
    """One credit transfer of the file (CdtTrfTxInf)."""

    end_to_end_id: str
    betrag: Decimal
    empfaenger: str
    iban: str
    bic: str
    verwendungszweck: str


@dataclass(frozen=True)
class Auftrag:
    """Everything the file says apart from the transfers: who pays from which account, when."""

    msg_id: str
    erstellt: datetime
    auftraggeber: str
    iban: str
    bic: str
    ausfuehrungsdatum: date


def _kind(eltern: etree._Element, name: str, text: str | None = None, **attribute) -> etree._Element:
    element = etree.SubElement(eltern, f"{{{NAMESPACE}}}{name}", **attribute)
    if text is not None:
        element.text = text
    return element


def _pfad(eltern: etree._Element, pfad: str, text: str) -> etree._Element:
    """Create the chain of elements ``A/B/C`` under ``eltern``, the last one with ``text``."""
    *zwischen, letztes = pfad.split("/")
    for name in zwischen:
        eltern = _kind(eltern, name)
    return _kind(eltern, letztes, text)


def _betrag(wert: Decimal) -> str:
    return f"{wert:.2f}"


def _agent(eltern: etree._Element, name: str, bic: str) -> None:
    _pfad(eltern, f"{name}/FinInstnId/BICFI", bic)


def _ueberweisung(pmt_inf: etree._Element, u: Ueberweisung) -> None:
    tx = _kind(pmt_inf, "CdtTrfTxInf")
    _pfad(tx, "PmtId/EndToEndId", u.end_to_end_id)
    _pfad(tx, "Amt/InstdAmt", _betrag(u.betrag)).set("Ccy", "EUR")
    if u.bic:
        _agent(tx, "CdtrAgt", u.bic)
    _pfad(tx, "Cdtr/Nm", sepa_text(u.empfaenger, 70))
    _pfad(tx, "CdtrAcct/Id/IBAN", u.iban)
    _pfad(tx, "RmtInf/Ustrd", sepa_text(u.verwendungszweck, 140))


def pain001(auftrag: Auftrag, ueberweisungen: list[Ueberweisung]) -> bytes:
    """The pain.001.001.09 document: one batch-booked payment information block (BtchBookg) with every transfer."""
    anzahl = str(len(ueberweisungen))
    summe = _betrag(sum((u.betrag for u in ueberweisungen), Decimal("0")))
    wurzel = etree.Element(f"{{{NAMESPACE}}}Document", nsmap={None: NAMESPACE})
    initiierung = _kind(wurzel, "CstmrCdtTrfInitn")
    kopf = _kind(initiierung, "GrpHdr")
    _kind(kopf, "MsgId", auftrag.msg_id)
    _kind(kopf, "CreDtTm", auftrag.erstellt.replace(microsecond=0).isoformat())
    _kind(kopf, "NbOfTxs", anzahl)
    _kind(kopf, "CtrlSum", summe)
    _pfad(kopf, "InitgPty/Nm", sepa_text(auftrag.auftraggeber, 70))
    pmt_inf = _kind(initiierung, "PmtInf")
    _kind(pmt_inf, "PmtInfId", f"{auftrag.msg_id[:33]}-1")
    _kind(pmt_inf, "PmtMtd", "TRF")
    _kind(pmt_inf, "BtchBookg", "true")
    _kind(pmt_inf, "NbOfTxs", anzahl)
    _kind(pmt_inf, "CtrlSum", summe)
    _pfad(pmt_inf, "PmtTpInf/SvcLvl/Cd", "SEPA")
    _pfad(pmt_inf, "ReqdExctnDt/Dt", auftrag.ausfuehrungsdatum.isoformat())
    _pfad(pmt_inf, "Dbtr/Nm", sepa_text(auftrag.auftraggeber, 70))
    _pfad(pmt_inf, "DbtrAcct/Id/IBAN", auftrag.iban)
    _agent(pmt_inf, "DbtrAgt", auftrag.bic)
    _kind(pmt_inf, "ChrgBr", "SLEV")
    for ueberweisung in ueberweisungen:
        _ueberweisung(pmt_inf, ueberweisung)
    return etree.tostring(wurzel, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def validiere(xml: bytes) -> None:
    """Raise a German ValidationError unless ``xml`` is a valid pain.001.001.09 document."""
    try:
        dokument = etree.fromstring(xml)
    except etree.XMLSyntaxError as fehler:
        raise ValidationError(f"Die SEPA-Datei ist kein wohlgeformtes XML: {fehler}")
    if not schema().validate(dokument):
        erster = schema().error_log[0]
        raise ValidationError(
            f"Die SEPA-Datei entspricht nicht dem Schema pain.001.001.09 (Zeile {erster.line}): {erster.message}"
        )


def kontrollsummen(xml: bytes) -> tuple[int, Decimal]:
    """NbOfTxs and CtrlSum of the group header."""
    kopf = etree.fromstring(xml).find(f"{{{NAMESPACE}}}CstmrCdtTrfInitn/{{{NAMESPACE}}}GrpHdr")
    return int(kopf.findtext(f"{{{NAMESPACE}}}NbOfTxs")), Decimal(kopf.findtext(f"{{{NAMESPACE}}}CtrlSum"))
