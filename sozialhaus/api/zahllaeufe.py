"""REST API v1 for Zahlläufe: list, detail and the SEPA file (docs/api.md, docs/payments.md).

Read only; runs are prepared, released and executed through ``payments.services`` (UI, command, background task).
Who may read is decided by ``payments.rechte`` from the one permission service: Zahlstelle and Teamleitung of the
Träger see its runs (aggregates per Rechtskreis, Dienststelle, payee and Art); held-back payments and Rückläufer
name only the BGs the caller may read; the SEPA file (every payee with IBAN) is for the Zahlstelle alone. A run
the caller may not read answers 404. Every list, read and download is audited with ``kanal="api"``.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import VERWEIGERT, sichtbare_bedarfsgemeinschaften
from sozialhaus.payments.models import Ruecklaeufer, Zahllauf, Zahlung
from sozialhaus.payments.rechte import traeger_mit_zahllaeufen, zahllauf_zugriff
from sozialhaus.payments.services import vorschau

from .exceptions import NICHT_GEFUNDEN
from .faelle import FEHLER_409, _als_text
from .views import FEHLER_400, FEHLER_404, KANAL, _pfad

CENT = Decimal("0.01")
PFAD = [
    _pfad("regionalschluessel", "Kreisschlüssel des Trägers, z. B. 03461"),
    _pfad("monat", "Leistungsmonat des Zahllaufs im Format JJJJ-MM, z. B. 2026-12"),
]
FEHLER_403_SEPA = OpenApiResponse(description="Den Zahllauf dürfen Sie sehen, die SEPA-Datei nur die Zahlstelle.")


def _betrag(summe) -> str:
    """A sum as the API writes money: a string with two decimal places (SQLite sums decimals as floats)."""
    return f"{Decimal(summe).quantize(CENT):.2f}"


def _summen_je_rechtskreis(laeufe) -> dict[int, dict[str, str]]:
    """Run → sum of its Zahlungen per Rechtskreis, for all ``laeufe`` in one query."""
    zeilen = (
        Zahlung.objects.filter(zahllauf__in=laeufe)
        .values("zahllauf_id", "bedarfsgemeinschaft__rechtskreis")
        .annotate(summe=Sum("betrag"))
        .order_by("zahllauf_id", "bedarfsgemeinschaft__rechtskreis")
    )
    summen: dict[int, dict[str, str]] = defaultdict(dict)
    for z in zeilen:
        summen[z["zahllauf_id"]][z["bedarfsgemeinschaft__rechtskreis"]] = _betrag(z["summe"])
    return summen


# --- serializers ------------------------------------------------------------------------------------------------


class ZahllaufSerializer(serializers.ModelSerializer):
    traeger = serializers.CharField(source="traeger.regionalschluessel", read_only=True, help_text="Kreisschlüssel")
    monat = serializers.SerializerMethodField(help_text="Leistungsmonat (JJJJ-MM)")
    status = _als_text(Zahllauf.Status)
    vorbereitet_von = serializers.CharField(
        source="vorbereitet_von.username", read_only=True, default=None, help_text="leer: maschineller Zahllauf"
    )
    freigegeben_von = serializers.CharField(source="freigegeben_von.username", read_only=True, default=None)
    summen_je_rechtskreis = serializers.SerializerMethodField(
        help_text="Summe der Zahlungen je Rechtskreis (z. B. `sgb2`), Beträge in Euro"
    )
    url = serializers.SerializerMethodField()
    sepa_datei = serializers.SerializerMethodField(
        help_text="Link auf die SEPA-Datei: erst nach der Ausführung und nur für die Zahlstelle, sonst leer"
    )

    class Meta:
        model = Zahllauf
        fields = [
            "traeger",
            "monat",
            "status",
            "ausfuehrungsdatum",
            "anzahl",
            "summe",
            "summen_je_rechtskreis",
            "vorbereitet_von",
            "vorbereitet_am",
            "freigegeben_von",
            "freigegeben_am",
            "ausgefuehrt_am",
            "msg_id",
            "sha256",
            "url",
            "sepa_datei",
        ]
        read_only_fields = fields  # a run is changed only through the services; also keeps the schema independent
        # of the database's integer ranges

    def _link(self, name: str, lauf: Zahllauf) -> str:
        pfad = reverse(name, args=[lauf.traeger.regionalschluessel, f"{lauf.monat:%Y-%m}"])
        anfrage = self.context.get("request")
        return anfrage.build_absolute_uri(pfad) if anfrage else pfad

    def get_monat(self, lauf) -> str:
        return f"{lauf.monat:%Y-%m}"

    def get_summen_je_rechtskreis(self, lauf) -> dict[str, str]:
        return self.context["summen"].get(lauf.pk, {})

    def get_url(self, lauf) -> str:
        return self._link("api-zahllauf", lauf)

    def get_sepa_datei(self, lauf) -> str | None:
        if not lauf.sepa_xml or lauf.traeger_id not in self.context["sepa_traeger"]:
            return None
        return self._link("api-zahllauf-sepa", lauf)


class ZurueckgestelltSerializer(serializers.Serializer):
    bg = serializers.CharField(help_text="BG-Nummer")
    monat = serializers.CharField(help_text="Leistungsmonat (MM/JJJJ)")
    empfaenger = serializers.CharField()
    betrag = serializers.DecimalField(max_digits=14, decimal_places=2)
    grund = serializers.CharField()


class RuecklaeuferSerializer(serializers.ModelSerializer):
    end_to_end_id = serializers.CharField(source="zahlung.end_to_end_id", read_only=True)
    bg_nummer = serializers.CharField(source="zahlung.bedarfsgemeinschaft.bg_nummer", read_only=True)
    monat = serializers.SerializerMethodField(help_text="Leistungsmonat (JJJJ-MM)")

    class Meta:
        model = Ruecklaeufer
        fields = [
            "end_to_end_id",
            "bg_nummer",
            "monat",
            "betrag",
            "grund_code",
            "grund",
            "buchungstag",
            "eingelesen_am",
        ]

    def get_monat(self, ruecklaeufer) -> str:
        return f"{ruecklaeufer.zahlung.monat:%Y-%m}"


class ZahllaufDetailSerializer(ZahllaufSerializer):
    vorschau = serializers.SerializerMethodField(
        help_text="Summen je `rechtskreis`, `dienststelle`, `empfaenger` (person/miete/energie) und `art` "
        "(laufend/nachzahlung)"
    )
    zurueckgestellt = serializers.SerializerMethodField(
        help_text="nicht gezahlte Beträge (z. B. ungültige IBAN), nur für Ihre Bedarfsgemeinschaften"
    )
    ruecklaeufer_anzahl = serializers.SerializerMethodField(help_text="alle Rückläufer des Zahllaufs")
    ruecklaeufer_summe = serializers.SerializerMethodField()
    ruecklaeufer = serializers.SerializerMethodField(help_text="Rückläufer Ihrer Bedarfsgemeinschaften")

    class Meta(ZahllaufSerializer.Meta):
        fields = [
            *ZahllaufSerializer.Meta.fields,
            "vorschau",
            "zurueckgestellt",
            "ruecklaeufer_anzahl",
            "ruecklaeufer_summe",
            "ruecklaeufer",
        ]

    def get_vorschau(self, lauf) -> dict[str, dict[str, str]]:
        return {gruppe: {k: _betrag(v) for k, v in summen.items()} for gruppe, summen in vorschau(lauf).items()}

    @extend_schema_field(ZurueckgestelltSerializer(many=True))
    def get_zurueckgestellt(self, lauf):
        eintraege = lauf.protokoll.get("zurueckgestellt", [])
        sichtbar = set(
            self.context["sichtbar"]
            .filter(bg_nummer__in={e["bg"] for e in eintraege})
            .values_list("bg_nummer", flat=True)
        )
        return ZurueckgestelltSerializer([e for e in eintraege if e["bg"] in sichtbar], many=True).data

    def _ruecklaeufer(self, lauf):
        return Ruecklaeufer.objects.filter(zahlung__zahllauf=lauf)

    def get_ruecklaeufer_anzahl(self, lauf) -> int:
        return self._ruecklaeufer(lauf).aggregate(n=Count("id"))["n"]

    def get_ruecklaeufer_summe(self, lauf) -> str:
        return _betrag(self._ruecklaeufer(lauf).aggregate(s=Sum("betrag"))["s"] or 0)

    @extend_schema_field(RuecklaeuferSerializer(many=True))
    def get_ruecklaeufer(self, lauf):
        eigene = (
            self._ruecklaeufer(lauf)
            .filter(zahlung__bedarfsgemeinschaft__in=self.context["sichtbar"].values("pk"))
            .select_related("zahlung__bedarfsgemeinschaft")
            .order_by("zahlung__end_to_end_id")
        )
        return RuecklaeuferSerializer(eigene, many=True).data


class ZahllaufFilterSerializer(serializers.Serializer):
    traeger = serializers.CharField(required=False, help_text="Kreisschlüssel, z. B. 03461")
    monat = serializers.RegexField(r"^\d{4}-(0[1-9]|1[0-2])$", required=False, help_text="JJJJ-MM")
    status = serializers.ChoiceField(choices=Zahllauf.Status.choices, required=False)


# --- helpers ----------------------------------------------------------------------------------------------------


def _monat(text: str) -> date | None:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        return None


def _kontext(request, laeufe) -> dict:
    return {
        "request": request,
        "summen": _summen_je_rechtskreis(laeufe),
        "sepa_traeger": traeger_mit_zahllaeufen(request.user, sepa_datei=True),
        "sichtbar": sichtbare_bedarfsgemeinschaften(request.user),
    }


def _lauf(benutzer, regionalschluessel: str, monat: str, *, sepa_datei: bool = False):
    """The run and the Dienststelle under which ``benutzer`` reads it: 404 if it does not exist or they may not
    read the Träger's runs, 403 if they may read the run but not its SEPA file."""
    tag = _monat(monat)
    lauf = (
        Zahllauf.objects.select_related("traeger", "vorbereitet_von", "freigegeben_von")
        .filter(traeger__regionalschluessel=regionalschluessel, monat=tag)
        .first()
        if tag
        else None
    )
    dienststelle = zahllauf_zugriff(benutzer, lauf.traeger) if lauf else None
    if dienststelle is None:
        raise NotFound(NICHT_GEFUNDEN)
    if sepa_datei:
        dienststelle = zahllauf_zugriff(benutzer, lauf.traeger, sepa_datei=True)
        if dienststelle is None:
            raise PermissionDenied(VERWEIGERT)
    return lauf, dienststelle


# --- views ------------------------------------------------------------------------------------------------------


class ZahllaeufeView(GenericAPIView):
    serializer_class = ZahllaufSerializer
    queryset = Zahllauf.objects.none()

    @extend_schema(
        summary="Zahlläufe auflisten",
        description="Die Zahlläufe der Träger, bei denen Sie in der Zahlstelle oder Teamleitung arbeiten, neueste "
        "zuerst (paginiert): je Träger und Monat Status, Anzahl, Summe und Summen je Rechtskreis, mit Link auf die "
        "SEPA-Datei. Der Abruf wird protokolliert.",
        parameters=[ZahllaufFilterSerializer],
        responses={200: ZahllaufSerializer(many=True), 400: FEHLER_400},
    )
    def get(self, request):
        filter_ = ZahllaufFilterSerializer(data=request.query_params)
        filter_.is_valid(raise_exception=True)
        kriterien = filter_.validated_data
        treffer = Zahllauf.objects.filter(traeger_id__in=traeger_mit_zahllaeufen(request.user)).select_related(
            "traeger", "vorbereitet_von", "freigegeben_von"
        )
        if "traeger" in kriterien:
            treffer = treffer.filter(traeger__regionalschluessel=kriterien["traeger"].strip())
        if "monat" in kriterien:
            treffer = treffer.filter(monat=_monat(kriterien["monat"]))
        if "status" in kriterien:
            treffer = treffer.filter(status=kriterien["status"])
        protokolliere(
            request.user,
            AuditAktion.SUCHEN,
            ("zahllauf-liste", "-", "Liste der Zahlläufe"),
            kanal=KANAL,
            details={k: str(v) for k, v in kriterien.items()},
        )
        seite = self.paginate_queryset(treffer.order_by("-monat", "traeger__regionalschluessel"))
        return self.get_paginated_response(ZahllaufSerializer(seite, many=True, context=_kontext(request, seite)).data)


class ZahllaufView(GenericAPIView):
    serializer_class = ZahllaufDetailSerializer
    queryset = Zahllauf.objects.none()

    @extend_schema(
        summary="Zahllauf lesen",
        description="Ein Zahllauf mit Summen je Rechtskreis, Dienststelle, Empfänger und Art, den zurückgestellten "
        "Zahlungen und den Rückläufern (beide nur für Ihre Bedarfsgemeinschaften). Der Abruf wird protokolliert.",
        parameters=PFAD,
        responses={200: ZahllaufDetailSerializer, 404: FEHLER_404},
    )
    def get(self, request, regionalschluessel: str, monat: str):
        lauf, dienststelle = _lauf(request.user, regionalschluessel, monat)
        protokolliere(request.user, AuditAktion.LESEN, lauf, dienststelle=dienststelle, kanal=KANAL)
        return Response(ZahllaufDetailSerializer(lauf, context=_kontext(request, [lauf])).data)


class ZahllaufSepaView(GenericAPIView):
    queryset = Zahllauf.objects.none()

    @extend_schema(
        summary="SEPA-Datei des Zahllaufs",
        description="Die pain.001.001.09-Datei des ausgeführten Zahllaufs (`application/xml`), so wie sie "
        "gespeichert und gegen das XSD geprüft wurde; `ETag` ist ihr SHA-256. Nur für die Zahlstelle; der Abruf "
        "wird protokolliert.",
        parameters=PFAD,
        responses={
            (200, "application/xml"): OpenApiResponse(description="SEPA-Datei (pain.001.001.09)"),
            403: FEHLER_403_SEPA,
            404: FEHLER_404,
            409: FEHLER_409,
        },
    )
    def get(self, request, regionalschluessel: str, monat: str):
        lauf, dienststelle = _lauf(request.user, regionalschluessel, monat, sepa_datei=True)
        if not lauf.sepa_xml:
            return Response(
                {"detail": f"Der Zahllauf ist {lauf.get_status_display()}; eine SEPA-Datei gibt es erst nach der "
                 "Ausführung."},
                status=status.HTTP_409_CONFLICT,
            )  # fmt: skip
        protokolliere(
            request.user,
            AuditAktion.LESEN,
            lauf,
            dienststelle=dienststelle,
            kanal=KANAL,
            details={"sepa_datei": lauf.msg_id, "sha256": lauf.sha256, "anzahl": lauf.anzahl},
        )
        inhalt = lauf.sepa_xml.encode("utf-8")
        antwort = HttpResponse(inhalt, content_type="application/xml")
        antwort["Content-Disposition"] = content_disposition_header(True, f"{lauf.msg_id}.xml")
        antwort["Content-Length"] = str(len(inhalt))
        antwort["ETag"] = f'"{lauf.sha256}"'
        antwort["Cache-Control"] = "private, no-store"
        return antwort
