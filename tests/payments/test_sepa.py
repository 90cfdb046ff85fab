"""SEPA pain.001.001.09 of a Zahllauf: validates against the vendored ISO 20022 XSD; a broken file does not."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from sozialhaus.payments import sepa
from sozialhaus.payments.models import Direktzahlung

from .conftest import iban

NS = {"p": sepa.NAMESPACE}
JAN = date(2025, 1, 1)


@pytest.fixture
def lauf(bewilligt, ausgefuehrt):
    bg = bewilligt("Müßig-Ärmel")
    Direktzahlung.objects.create(
        bedarfsgemeinschaft=bg, art="miete", empfaenger="Gemeinnützige Wohnungsbaugesellschaft Brake & Söhne",
        iban=iban(9001), bic="SLZODE22XXX", betrag=Decimal("480.00"), gueltig_ab=JAN,
    )  # fmt: skip
    bewilligt("Zweite", konto=4712)
    return ausgefuehrt(JAN)


def test_datei_eines_zahllaufs_ist_schemagueltig(lauf):
    xml = lauf.sepa_xml.encode("utf-8")
    dokument = etree.fromstring(xml)
    assert sepa.schema().validate(dokument), sepa.schema().error_log
    assert hashlib.sha256(xml).hexdigest() == lauf.sha256
    assert dokument.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=NS) == lauf.msg_id
    assert dokument.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "3"
    assert dokument.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS) == "2286.00"  # 2 × 1.143 €
    pmt = dokument.find("p:CstmrCdtTrfInitn/p:PmtInf", namespaces=NS)
    assert pmt.findtext("p:BtchBookg", namespaces=NS) == "true"
    assert pmt.findtext("p:ReqdExctnDt/p:Dt", namespaces=NS) == lauf.ausfuehrungsdatum.isoformat()
    assert pmt.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == lauf.traeger.zahlungskonto.iban
    ids = pmt.xpath("p:CdtTrfTxInf/p:PmtId/p:EndToEndId/text()", namespaces=NS)
    assert sorted(ids) == sorted(lauf.zahlungen.values_list("end_to_end_id", flat=True))
    assert len(set(ids)) == 3 and all(len(i) <= 35 and i.isalnum() for i in ids)
    namen = pmt.xpath("p:CdtTrfTxInf/p:Cdtr/p:Nm/text()", namespaces=NS)
    assert "Gemeinnuetzige Wohnungsbaugesellschaft Brake + Soehne" in namen
    assert "Anna Muessig-Aermel" in namen
    assert all(len(t) <= 140 for t in pmt.xpath("p:CdtTrfTxInf/p:RmtInf/p:Ustrd/text()", namespaces=NS))


def test_kaputte_datei_wird_abgelehnt(lauf):
    dokument = etree.fromstring(lauf.sepa_xml.encode("utf-8"))
    name = dokument.find("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf/p:Cdtr/p:Nm", namespaces=NS)
    name.getparent().remove(name)  # Cdtr without Nm is allowed; drop the whole creditor instead
    cdtr = dokument.find("p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf/p:Cdtr", namespaces=NS)
    cdtr.addnext(etree.Element(f"{{{sepa.NAMESPACE}}}Unbekannt"))
    kaputt = etree.tostring(dokument)
    assert not sepa.schema().validate(etree.fromstring(kaputt))
    with pytest.raises(ValidationError, match="entspricht nicht dem Schema pain.001.001.09"):
        sepa.validiere(kaputt)
    with pytest.raises(ValidationError, match="kein wohlgeformtes XML"):
        sepa.validiere(b"<Document>")


def test_zu_lange_referenz_verletzt_das_schema():
    auftrag = sepa.Auftrag("M" * 36, sepa.datetime(2026, 11, 30, 8, 0), "Kreiskasse", iban(1), "SLZODE22XXX", JAN)
    xml = sepa.pain001(auftrag, [sepa.Ueberweisung("E1", Decimal("1.00"), "A", iban(2), "", "x")])
    with pytest.raises(ValidationError, match="MsgId"):
        sepa.validiere(xml)


def test_sepa_zeichensatz():
    assert sepa.sepa_text("Jürgen Größe & Söhne – Café «Zoë»", 70) == "Juergen Groesse + Soehne Cafe Zoe"
    assert sepa.sepa_text("ÄÖÜ ł", 70) == "AeOeUe"
    assert len(sepa.sepa_text("x" * 200, 140)) == 140
