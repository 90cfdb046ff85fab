"""Returned credit transfers (Rückläufer) from the bank's camt.054.001.08 notification — docs/payments.md.

When the payee's bank cannot credit a transfer (account closed, IBAN wrong, account holder deceased …) it sends the
money back as a SEPA return; the Kreiskasse's bank reports it in a camt.054 "Bank to Customer Debit Credit
Notification" (version 08, DK "DFÜ-Abkommen Anlage 3" since November 2023). A return is a credit entry (``CRDT``,
bank transaction code PMNT/ICDT/RRTN) whose transaction details carry the return information ``RtrInf/Rsn/Cd``;
``Refs/EndToEndId`` is the EndToEndId of the original transfer, i.e. of our Zahlung (camt.054.001.08 has no
``OrgnlEndToEndId``; that element belongs to pacs.004 between banks).

``ruecklaeufer_einlesen`` validates the file against the ISO 20022 schema, finds each returned Zahlung by its
end-to-end reference and, in one transaction for the whole file: records the Rückläufer (code and German reason),
sets the Zahlung ``fehlgeschlagen`` (so its amount is due again), reverses its Buchungen and puts a task in the
responsible caseworker's Postkorb. What cannot be matched is listed in the German report and changes nothing.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from lxml import etree

from sozialhaus.cases.zeitraum import monat_text
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.worklist.models import Aufgabe

from .buchungen import euro, storno_buchen
from .models import Empfaengerart, Ruecklaeufer, Zahlung
from .rechte import ist_zahlstelle

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"
XSD = Path(__file__).parent / "schemas" / "camt.054.001.08.xsd"
NS = {"c": NAMESPACE}

RUECKGABEGRUENDE = {
    "AC01": "IBAN fehlerhaft",
    "AC03": "IBAN des Empfängers ungültig",
    "AC04": "Konto erloschen",
    "AC06": "Konto gesperrt",
    "AG01": "Zahlung auf dieses Konto nicht zulässig",
    "AG02": "ungültiger Geschäftsvorfall",
    "AM05": "doppelte Zahlung",
    "BE04": "Anschrift des Empfängers fehlt oder ist fehlerhaft",
    "CNOR": "Bank des Empfängers nicht erreichbar",
    "FF01": "ungültiges Dateiformat",
    "FOCR": "Rückgabe nach Rückrufanfrage",
    "MD07": "Kontoinhaber verstorben",
    "MS02": "Rückgabe durch den Empfänger ohne Angabe von Gründen",
    "MS03": "Rückgabe durch die Bank ohne Angabe von Gründen",
    "RC01": "BIC fehlerhaft",
    "RR01": "Kontonummer oder Identifikation fehlt (regulatorischer Grund)",
    "RR02": "Name oder Anschrift des Auftraggebers fehlt (regulatorischer Grund)",
    "RR03": "Name oder Anschrift des Empfängers fehlt (regulatorischer Grund)",
    "RR04": "regulatorischer Grund",
    "TM01": "Eingang nach Annahmeschluss",
}
"""ISO 20022 external return reason codes used for SEPA credit transfers (EPC guidance on reason codes for SCT
R-transactions), with the German text the Postkorb and the report show."""


def grund_text(code: str) -> str:
    """German text of a return reason code; an unlisted code is named as such."""
    return RUECKGABEGRUENDE.get(code, f"sonstiger Rückgabegrund ({code})")


@dataclass(frozen=True)
class Rueckgabe:
    """One returned transfer as the file states it."""

    konto: str
    end_to_end_id: str
    betrag: Decimal
    waehrung: str
    grund_code: str
    buchungstag: date | None
    bankreferenz: str

    def beschreibung(self) -> str:
        return f"{self.end_to_end_id or 'ohne Referenz'} ({euro(self.betrag)}, {self.grund_code} {grund_text(self.grund_code)})"


@dataclass
class Bericht:
    """What an import did, in German lines for the command, the UI and the audit trail."""

    nachricht: str
    verbucht: list[str] = field(default_factory=list)
    bereits: list[str] = field(default_factory=list)
    nicht_verarbeitet: list[str] = field(default_factory=list)
    summe: Decimal = Decimal("0.00")

    def zeilen(self) -> list[str]:
        zeilen = [
            f"camt.054 {self.nachricht}: {len(self.verbucht)} Rückläufer verbucht ({euro(self.summe)}), "
            f"{len(self.bereits)} bereits verbucht, {len(self.nicht_verarbeitet)} nicht verarbeitet."
        ]
        zeilen += [f"  verbucht: {z}" for z in self.verbucht]
        zeilen += [f"  bereits verbucht: {z}" for z in self.bereits]
        zeilen += [f"  NICHT VERARBEITET: {z}" for z in self.nicht_verarbeitet]
        return zeilen


# --------------------------------------------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------------------------------------------


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def _dokument(inhalt: bytes) -> etree._Element:
    """The parsed and schema-valid document (no external entities, no network); German ValidationError otherwise."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        dokument = etree.fromstring(inhalt, parser)
    except etree.XMLSyntaxError as fehler:
        raise ValidationError(f"Die Datei ist kein wohlgeformtes XML: {fehler}")
    namensraum = etree.QName(dokument).namespace
    if namensraum != NAMESPACE:
        raise ValidationError(f"Die Datei ist keine camt.054.001.08-Nachricht (Namensraum »{namensraum or 'keiner'}«).")
    if not schema().validate(dokument):
        erster = schema().error_log[0]
        raise ValidationError(
            f"Die Datei entspricht nicht dem Schema camt.054.001.08 (Zeile {erster.line}): {erster.message}"
        )
    return dokument


def _datum(eintrag: etree._Element) -> date | None:
    text = eintrag.findtext("c:BookgDt/c:Dt", namespaces=NS) or eintrag.findtext("c:BookgDt/c:DtTm", namespaces=NS)
    return date.fromisoformat(text[:10]) if text else None


def _betrag(element: etree._Element | None) -> tuple[Decimal, str] | None:
    if element is None:
        return None
    try:
        return Decimal(element.text.strip()), element.get("Ccy")
    except InvalidOperation:
        return None  # the schema admits no such amount; kept for safety


def _rueckgaben_des_eintrags(konto: str, eintrag: etree._Element) -> list[Rueckgabe]:
    """The returns in one credit entry: every TxDtls with return information. A transaction's amount is its own
    ``Amt`` (or ``AmtDtls/TxAmt``); an entry with one transaction may state it only on the entry."""
    details = eintrag.findall("c:NtryDtls/c:TxDtls", namespaces=NS)
    rueckgaben = []
    for tx in details:
        if tx.find("c:RtrInf", namespaces=NS) is None:
            continue
        betrag = _betrag(tx.find("c:Amt", namespaces=NS)) or _betrag(tx.find("c:AmtDtls/c:TxAmt/c:Amt", namespaces=NS))
        if betrag is None and len(details) == 1:
            betrag = _betrag(eintrag.find("c:Amt", namespaces=NS))
        wert, waehrung = betrag or (Decimal("0.00"), "")
        rueckgaben.append(
            Rueckgabe(
                konto=konto,
                end_to_end_id=(tx.findtext("c:Refs/c:EndToEndId", namespaces=NS) or "").strip(),
                betrag=wert,
                waehrung=waehrung,
                grund_code=(
                    tx.findtext("c:RtrInf/c:Rsn/c:Cd", namespaces=NS)
                    or tx.findtext("c:RtrInf/c:Rsn/c:Prtry", namespaces=NS)
                    or "----"
                ).strip(),
                buchungstag=_datum(eintrag),
                bankreferenz=(
                    tx.findtext("c:Refs/c:AcctSvcrRef", namespaces=NS)
                    or eintrag.findtext("c:AcctSvcrRef", namespaces=NS)
                    or ""
                ).strip(),
            )
        )
    return rueckgaben


def lies_camt054(inhalt: bytes) -> tuple[str, list[Rueckgabe]]:
    """Message id and every returned transfer of a camt.054.001.08 file (German ValidationError if it is none).

    Only credit entries (``CdtDbtInd`` CRDT: the money came back) are read; a reversal of a return (``RvslInd``
    true) is not a return.
    """
    dokument = _dokument(inhalt)
    nachricht = dokument.findtext("c:BkToCstmrDbtCdtNtfctn/c:GrpHdr/c:MsgId", namespaces=NS)
    rueckgaben = []
    for mitteilung in dokument.iterfind("c:BkToCstmrDbtCdtNtfctn/c:Ntfctn", namespaces=NS):
        konto = (mitteilung.findtext("c:Acct/c:Id/c:IBAN", namespaces=NS) or "").strip()
        for eintrag in mitteilung.iterfind("c:Ntry", namespaces=NS):
            gutschrift = eintrag.findtext("c:CdtDbtInd", namespaces=NS) == "CRDT"
            storno = eintrag.findtext("c:RvslInd", namespaces=NS) in ("true", "1")
            if gutschrift and not storno:
                rueckgaben += _rueckgaben_des_eintrags(konto, eintrag)
    return nachricht, rueckgaben


# --------------------------------------------------------------------------------------------------------------
# Booking the returns
# --------------------------------------------------------------------------------------------------------------


def _warum_nicht(rueckgabe: Rueckgabe, zahlung: Zahlung | None) -> str | None:
    """German reason why a return cannot be booked automatically, or None when it can."""
    if zahlung is None:
        return "unbekannte Ende-zu-Ende-Referenz: keine Zahlung der Kreiskasse von diesem Konto"
    if rueckgabe.waehrung != "EUR":
        return f"Währung {rueckgabe.waehrung or 'fehlt'} statt EUR"
    if rueckgabe.betrag != zahlung.betrag:
        return f"Betrag weicht von der Zahlung über {euro(zahlung.betrag)} ab"
    if zahlung.status != Zahlung.Status.AUSGEFUEHRT:
        return f"die Zahlung ist {zahlung.get_status_display()}, nicht ausgeführt"
    return None


def _aufgabe_text(zahlung: Zahlung, ruecklaeufer: Ruecklaeufer) -> str:
    an = "Vermieter/in" if zahlung.empfaengerart == Empfaengerart.MIETE else "Empfänger/in"
    if zahlung.empfaengerart == Empfaengerart.ENERGIE:
        an = "Energieversorger"
    text = (
        f"Rückläufer {ruecklaeufer.grund_code} »{ruecklaeufer.grund}«: {euro(zahlung.betrag)} für "
        f"{monat_text(zahlung.monat)} an {an} {zahlung.empfaenger} kamen zurück. Bankverbindung bzw. Sachverhalt "
        "klären; der Betrag ist wieder fällig und wird mit dem nächsten Zahllauf erneut gezahlt."
    )
    return text if len(text) <= 300 else text[:299] + "…"


def _postkorb(benutzer, zahlung: Zahlung, ruecklaeufer: Ruecklaeufer, kanal: str) -> Aufgabe:
    """A task for the caseworker of the decision paid (the team of the BG's Dienststelle if there is none)."""
    bg = zahlung.bedarfsgemeinschaft
    antrag = (zahlung.leistungsmonat or zahlung.einmalleistung).entscheidung.antrag
    bearbeiter = antrag.bearbeiter if antrag.bearbeiter and antrag.bearbeiter.is_active else None
    aufgabe = Aufgabe.objects.create(
        dienststelle_id=bg.dienststelle_id,
        bearbeiter=bearbeiter,
        art=Aufgabe.Art.RUECKLAEUFER,
        text=_aufgabe_text(zahlung, ruecklaeufer),
        faellig_am=timezone.localdate(),
        antrag=antrag,
        bedarfsgemeinschaft=bg,
    )
    protokolliere(
        benutzer,
        AuditAktion.ANLEGEN,
        aufgabe,
        dienststelle=bg.dienststelle,
        kanal=kanal,
        details={"ruecklaeufer": zahlung.end_to_end_id, "grund": ruecklaeufer.grund_code},
    )
    return aufgabe


def _verbuchen(benutzer, zahlung: Zahlung, rueckgabe: Rueckgabe, nachricht: str, sha256: str, kanal: str) -> None:
    """Record the return, reverse the Zahlung's Buchungen, mark it failed, tell the caseworker."""
    ruecklaeufer = Ruecklaeufer.objects.create(
        zahlung=zahlung,
        grund_code=rueckgabe.grund_code,
        grund=grund_text(rueckgabe.grund_code),
        betrag=rueckgabe.betrag,
        buchungstag=rueckgabe.buchungstag,
        bankreferenz=rueckgabe.bankreferenz[:35],
        nachricht=nachricht,
        sha256=sha256,
        eingelesen_von=benutzer,
    )
    storno_buchen(zahlung)
    Zahlung.objects.filter(pk=zahlung.pk).update(status=Zahlung.Status.FEHLGESCHLAGEN)
    protokolliere(
        benutzer,
        AuditAktion.AENDERN,
        zahlung,
        dienststelle=zahlung.bedarfsgemeinschaft.dienststelle,
        kanal=kanal,
        details={"status": "fehlgeschlagen", "ruecklaeufer": ruecklaeufer.grund_code, "datei": nachricht},
    )
    _postkorb(benutzer, zahlung, ruecklaeufer, kanal)


def _kompakt(iban: str) -> str:
    return iban.replace(" ", "").upper()


def _zahlungen(rueckgaben: list[Rueckgabe]) -> dict[tuple[str, str], Zahlung]:
    """(account, EndToEndId) → the Zahlung paid from that Zahlungskonto under that reference, locked."""
    treffer = (
        Zahlung.objects.select_for_update(of=("self",))
        .filter(end_to_end_id__in={r.end_to_end_id for r in rueckgaben})
        .select_related(
            "zahllauf__traeger__zahlungskonto",
            "bedarfsgemeinschaft__dienststelle",
            "leistungsmonat__entscheidung__antrag__bearbeiter",
            "einmalleistung__entscheidung__antrag__bearbeiter",
            "ruecklaeufer",
        )
    )
    return {(_kompakt(z.zahllauf.traeger.zahlungskonto.iban), z.end_to_end_id): z for z in treffer}


def ruecklaeufer_einlesen(benutzer, inhalt: bytes, *, kanal: str = "ui") -> Bericht:
    """Book every return of a camt.054.001.08 file; returns the German report.

    ``benutzer`` is a member of the Zahlstelle of every Träger concerned, or ``None`` for the scheduled import (the
    command without ``--benutzer``). One transaction for the whole file. Idempotent: a Zahlung has at most one
    Rückläufer, so a file read twice books nothing the second time. A return that cannot be matched (unknown
    reference, other amount, payment not executed or already reversed) is reported and changes nothing.
    """
    nachricht, rueckgaben = lies_camt054(inhalt)
    sha256 = hashlib.sha256(inhalt).hexdigest()
    bericht = Bericht(nachricht)
    with transaction.atomic():
        zahlungen = _zahlungen(rueckgaben)
        if benutzer is not None:
            for traeger in {z.zahllauf.traeger for z in zahlungen.values()}:
                if not ist_zahlstelle(benutzer, traeger):
                    raise ValidationError(f"Nur die Zahlstelle von {traeger} darf deren Rückläufer einlesen.")
        gesehen = set()
        for rueckgabe in rueckgaben:
            zahlung = zahlungen.get((_kompakt(rueckgabe.konto), rueckgabe.end_to_end_id))
            if zahlung is not None and (hasattr(zahlung, "ruecklaeufer") or zahlung.pk in gesehen):
                bericht.bereits.append(rueckgabe.beschreibung())
                continue
            grund = _warum_nicht(rueckgabe, zahlung)
            if grund:
                bericht.nicht_verarbeitet.append(f"{rueckgabe.beschreibung()}: {grund}.")
                continue
            _verbuchen(benutzer, zahlung, rueckgabe, nachricht, sha256, kanal)
            gesehen.add(zahlung.pk)
            bericht.verbucht.append(f"{rueckgabe.beschreibung()}: BG {zahlung.bedarfsgemeinschaft.bg_nummer}")
            bericht.summe += zahlung.betrag
        protokolliere(
            benutzer,
            AuditAktion.ANLEGEN,
            ("camt054", nachricht, f"Rückläuferdatei {nachricht}"),
            kanal=kanal,
            details={
                "sha256": sha256,
                "verbucht": len(bericht.verbucht),
                "bereits": len(bericht.bereits),
                "nicht_verarbeitet": len(bericht.nicht_verarbeitet),
                "summe": str(bericht.summe),
            },
        )
    return bericht
