"""REST API v1 for Anträge, decisions and Bescheide (docs/api.md, docs/cases.md).

Like the rest of the API: access only through ``core.permissions`` (a record the caller may not read is 404, a change
they may not make 403), every read and every list is audited with ``kanal="api"``, changes go through the services
of ``cases.services`` (which audit them). Malformed input answers 400; a change the case does not allow in its
current state (wrong transition, not entscheidungsreif) answers 409 with the services' German message; in both
cases nothing is saved.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.urls import reverse
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from sozialhaus.cases import services
from sozialhaus.cases.models import Antrag, Entscheidung, Leistungsmonat, Nachweis
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import Aktion, sichtbare_bedarfsgemeinschaften, zugriff
from sozialhaus.notices.models import Bescheid
from sozialhaus.people.models import Bedarfsgemeinschaft
from sozialhaus.records.views import dokument_antwort

from .views import FEHLER_400, FEHLER_403, FEHLER_404, KANAL, _freigegeben, _pfad

FEHLER_409 = OpenApiResponse(
    description="Im jetzigen Stand des Antrags nicht möglich (z. B. unzulässiger Statuswechsel); nichts wurde gespeichert."
)
AKTENZEICHEN = _pfad("aktenzeichen", "Aktenzeichen des Antrags, z. B. 03461-A-2026-000001")


# --- serializers ------------------------------------------------------------------------------------------------


def _werte(choices: type[models.TextChoices]) -> str:
    return "; ".join(f"`{wert}`: {text}" for wert, text in choices.choices)


def _als_text(choices: type[models.TextChoices]) -> serializers.CharField:
    """A read-only choice in a response, documented by its values; the enum itself is documented once, in the
    request body that sets it (drf-spectacular would otherwise have to name the shared enum by a hash)."""
    return serializers.CharField(read_only=True, help_text=_werte(choices))


class BescheidSerializer(serializers.ModelSerializer):
    art = serializers.CharField(source="entscheidung.art", read_only=True)
    aktenzeichen = serializers.CharField(source="entscheidung.antrag.aktenzeichen", read_only=True)
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Bescheid
        fields = [
            "nummer",
            "art",
            "aktenzeichen",
            "bescheiddatum",
            "aufgabe_zur_post",
            "bekanntgabe",
            "widerspruchsfrist_ende",
            "pdf",
        ]

    def get_pdf(self, bescheid) -> str:
        pfad = reverse("api-bescheid-pdf", args=[bescheid.nummer])
        anfrage = self.context.get("request")
        return anfrage.build_absolute_uri(pfad) if anfrage else pfad


class LeistungsmonatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leistungsmonat
        fields = ["monat", "betrag", "bisher", "differenz"]


class EntscheidungSerializer(serializers.ModelSerializer):
    monate = LeistungsmonatSerializer(many=True, read_only=True)
    bescheide = BescheidSerializer(many=True, read_only=True)

    class Meta:
        model = Entscheidung
        fields = [
            "id",
            "art",
            "verbindlichkeit",
            "vorlaeufig_grund",
            "rechtsgrundlage",
            "zeitraum_von",
            "zeitraum_bis",
            "begruendung",
            "automatisch",
            "entschieden_am",
            "monate",
            "bescheide",
        ]


class NachweisSerializer(serializers.ModelSerializer):
    class Meta:
        model = Nachweis
        fields = ["id", "bezeichnung", "erforderlich", "eingegangen_am"]


class AntragListeSerializer(serializers.ModelSerializer):
    art = _als_text(Antrag.Art)
    status = _als_text(Antrag.Status)
    bg_nummer = serializers.CharField(source="bedarfsgemeinschaft.bg_nummer", read_only=True)
    dienststelle = serializers.CharField(source="dienststelle.kuerzel", read_only=True)
    bearbeiter = serializers.CharField(source="bearbeiter.username", read_only=True, default=None)

    class Meta:
        model = Antrag
        fields = [
            "aktenzeichen",
            "bg_nummer",
            "rechtskreis",
            "art",
            "status",
            "eingegangen_am",
            "wirkt_ab",
            "mitwirkungsfrist",
            "dienststelle",
            "bearbeiter",
        ]


class AntragSerializer(AntragListeSerializer):
    nachweise = NachweisSerializer(many=True, read_only=True)
    entscheidungen = EntscheidungSerializer(many=True, read_only=True)
    erlaubte_status = serializers.SerializerMethodField()

    class Meta(AntragListeSerializer.Meta):
        fields = [
            *AntragListeSerializer.Meta.fields,
            "angaben_antragsteller",
            "vorentscheidung",
            "erlaubte_status",
            "nachweise",
            "entscheidungen",
        ]

    def get_erlaubte_status(self, antrag) -> list[str]:
        return sorted(services.erlaubte_status(antrag))


class AntragAnlegenSerializer(serializers.Serializer):
    bg_nummer = serializers.CharField(max_length=30)
    art = serializers.ChoiceField(choices=Antrag.Art.choices)
    eingegangen_am = serializers.DateField()
    angaben_antragsteller = serializers.CharField(required=False, allow_blank=True, default="")
    vorentscheidung = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id der bisherigen Entscheidung"
    )


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Antrag.Status.choices, help_text="der neue Status")
    grund = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class BewilligungSerializer(serializers.Serializer):
    vorlaeufig = serializers.BooleanField(default=False)
    vorlaeufig_grund = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class AblehnungSerializer(serializers.Serializer):
    begruendung = serializers.CharField()


class AntragFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Antrag.Status.choices, required=False)
    bg = serializers.CharField(required=False, help_text="BG-Nummer")


# --- helpers ----------------------------------------------------------------------------------------------------


def _sichtbare_antraege(benutzer):
    return Antrag.objects.filter(bedarfsgemeinschaft__in=sichtbare_bedarfsgemeinschaften(benutzer).values("pk"))


def _antrag(benutzer, aktenzeichen: str, aktion: Aktion):
    antrag = (
        Antrag.objects.select_related("bedarfsgemeinschaft", "dienststelle", "bearbeiter")
        .filter(aktenzeichen=aktenzeichen.strip().upper())
        .first()
    )
    return antrag, _freigegeben(benutzer, antrag, aktion)


def _antrag_antwort(request, antrag, antwort_status=status.HTTP_200_OK) -> Response:
    antrag = (
        Antrag.objects.select_related("bedarfsgemeinschaft", "dienststelle", "bearbeiter")
        .prefetch_related("nachweise", "entscheidungen__monate", "entscheidungen__bescheide__entscheidung__antrag")
        .get(pk=antrag.pk)
    )
    return Response(AntragSerializer(antrag, context={"request": request}).data, status=antwort_status)


class _AntragAktion(GenericAPIView):
    """POST on one Antrag: validate the body, call the service; 409 when the service refuses."""

    pagination_class = None
    queryset = Antrag.objects.none()

    ausfuehren: "Callable[[object, Antrag, dict], object]"
    """Calls the service with the validated body (set by each subclass)."""

    def post(self, request, aktenzeichen: str):
        antrag, _ = _antrag(request.user, aktenzeichen, Aktion.AENDERN)
        eingabe = self.get_serializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        try:
            self.ausfuehren(request.user, antrag, eingabe.validated_data)
        except DjangoValidationError as fehler:
            return Response({"detail": " ".join(fehler.messages)}, status=status.HTTP_409_CONFLICT)
        return _antrag_antwort(request, antrag)


def _aktion_schema(titel: str, beschreibung: str):
    return extend_schema_view(
        post=extend_schema(
            summary=titel,
            description=beschreibung,
            parameters=[AKTENZEICHEN],
            responses={200: AntragSerializer, 400: FEHLER_400, 403: FEHLER_403, 404: FEHLER_404, 409: FEHLER_409},
        )
    )


# --- Anträge ----------------------------------------------------------------------------------------------------


class AntraegeView(GenericAPIView):
    serializer_class = AntragListeSerializer
    queryset = Antrag.objects.none()

    @extend_schema(
        summary="Anträge auflisten",
        description="Alle für Sie sichtbaren Anträge, neueste zuerst (paginiert). Der Abruf wird protokolliert.",
        parameters=[AntragFilterSerializer],
        responses={200: AntragListeSerializer(many=True), 400: FEHLER_400},
    )
    def get(self, request):
        filter_ = AntragFilterSerializer(data=request.query_params)
        filter_.is_valid(raise_exception=True)
        treffer = _sichtbare_antraege(request.user).select_related("bedarfsgemeinschaft", "dienststelle", "bearbeiter")
        if "status" in filter_.validated_data:
            treffer = treffer.filter(status=filter_.validated_data["status"])
        if "bg" in filter_.validated_data:
            treffer = treffer.filter(bedarfsgemeinschaft__bg_nummer=filter_.validated_data["bg"].strip().upper())
        protokolliere(
            request.user,
            AuditAktion.SUCHEN,
            ("antrag-liste", "-", "Liste der Anträge"),
            kanal=KANAL,
            details={k: str(v) for k, v in filter_.validated_data.items()},
        )
        seite = self.paginate_queryset(treffer)
        return self.get_paginated_response(AntragListeSerializer(seite, many=True).data)

    @extend_schema(
        summary="Antrag anlegen",
        description="Dienststelle, Sachbearbeitung, Beginn (`wirkt_ab`), Checkliste der Nachweise und "
        "Mitwirkungsfrist bestimmt das Verfahren. Bei Weiterbewilligung und Änderungsmitteilung ist die bisherige "
        "Entscheidung (`vorentscheidung`) anzugeben.",
        request=AntragAnlegenSerializer,
        responses={201: AntragSerializer, 400: FEHLER_400, 403: FEHLER_403},
    )
    def post(self, request):
        eingabe = AntragAnlegenSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        daten = dict(eingabe.validated_data)
        nummer = daten.pop("bg_nummer").strip().upper()
        bg = Bedarfsgemeinschaft.objects.filter(bg_nummer=nummer).first()
        if bg is None or zugriff(request.user, bg, Aktion.LESEN) is None:
            raise ValidationError({"bg_nummer": [f"Eine Bedarfsgemeinschaft „{nummer}“ wurde nicht gefunden."]})
        vorentscheidung_id = daten.pop("vorentscheidung")
        vorentscheidung = None
        if vorentscheidung_id is not None:
            vorentscheidung = Entscheidung.objects.filter(pk=vorentscheidung_id, antrag__bedarfsgemeinschaft=bg).first()
            if vorentscheidung is None:
                raise ValidationError(
                    {"vorentscheidung": ["Diese Entscheidung gehört nicht zu dieser Bedarfsgemeinschaft."]}
                )
        antrag = services.antrag_anlegen(request.user, bg, vorentscheidung=vorentscheidung, kanal=KANAL, **daten)
        return _antrag_antwort(request, antrag, status.HTTP_201_CREATED)


class AntragView(GenericAPIView):
    serializer_class = AntragSerializer
    queryset = Antrag.objects.none()

    @extend_schema(
        summary="Antrag lesen",
        description="Mit Checkliste der Nachweise, Entscheidungen (Leistungsmonate, Bescheide) und den erlaubten "
        "Statuswechseln. Der Abruf wird protokolliert.",
        parameters=[AKTENZEICHEN],
        responses={200: AntragSerializer, 404: FEHLER_404},
    )
    def get(self, request, aktenzeichen: str):
        antrag, dienststelle = _antrag(request.user, aktenzeichen, Aktion.LESEN)
        protokolliere(request.user, AuditAktion.LESEN, antrag, dienststelle=dienststelle, kanal=KANAL)
        return _antrag_antwort(request, antrag)


@_aktion_schema(
    "Status des Antrags setzen",
    "Zustandsautomat: eingegangen → in_pruefung → entscheidungsreif; zurueckgenommen (mit Grund); ruhend und "
    "zurück. `entschieden` wird nur durch eine Entscheidung erreicht.",
)
class AntragStatusView(_AntragAktion):
    serializer_class = StatusSerializer

    def ausfuehren(self, benutzer, antrag, daten):
        services.status_setzen(benutzer, antrag, daten["status"], grund=daten["grund"], kanal=KANAL)


@_aktion_schema(
    "Antrag bewilligen",
    "Bewilligt für den Bewilligungszeitraum ab `wirkt_ab`; erzeugt die Entscheidung mit Leistungsmonaten und den "
    "Bescheid. Der Antrag muss entscheidungsreif sein.",
)
class BewilligungView(_AntragAktion):
    serializer_class = BewilligungSerializer

    def ausfuehren(self, benutzer, antrag, daten):
        services.bewilligen(benutzer, antrag, kanal=KANAL, **daten)


@_aktion_schema("Antrag ablehnen", "Ablehnung mit Begründung (§ 35 Abs. 1 SGB X); erzeugt den Bescheid.")
class AblehnungView(_AntragAktion):
    serializer_class = AblehnungSerializer

    def ausfuehren(self, benutzer, antrag, daten):
        services.ablehnen(benutzer, antrag, begruendung=daten["begruendung"], kanal=KANAL)


# --- Bescheide --------------------------------------------------------------------------------------------------


class BescheideView(GenericAPIView):
    serializer_class = BescheidSerializer
    queryset = Bescheid.objects.none()

    @extend_schema(
        summary="Bescheide auflisten",
        description="Alle für Sie sichtbaren Bescheide, neueste zuerst, je mit Link auf das PDF (paginiert). "
        "Der Abruf wird protokolliert.",
        parameters=[OpenApiParameter("aktenzeichen", str, description="nur Bescheide zu diesem Antrag")],
        responses={200: BescheidSerializer(many=True)},
    )
    def get(self, request):
        sichtbar = sichtbare_bedarfsgemeinschaften(request.user).values("pk")
        treffer = Bescheid.objects.filter(entscheidung__antrag__bedarfsgemeinschaft__in=sichtbar).select_related(
            "entscheidung__antrag"
        )
        aktenzeichen = request.query_params.get("aktenzeichen", "").strip().upper()
        if aktenzeichen:
            treffer = treffer.filter(entscheidung__antrag__aktenzeichen=aktenzeichen)
        protokolliere(
            request.user,
            AuditAktion.SUCHEN,
            ("bescheid-liste", "-", "Liste der Bescheide"),
            kanal=KANAL,
            details={"aktenzeichen": aktenzeichen},
        )
        seite = self.paginate_queryset(treffer)
        return self.get_paginated_response(self.get_serializer(seite, many=True).data)


class BescheidPdfView(GenericAPIView):
    queryset = Bescheid.objects.none()

    @extend_schema(
        summary="Bescheid als PDF",
        description="Das PDF/A des Bescheids aus der E-Akte (`application/pdf`). Der Abruf wird protokolliert.",
        parameters=[_pfad("nummer", "Bescheidnummer")],
        responses={(200, "application/pdf"): OpenApiResponse(description="PDF-Datei"), 404: FEHLER_404},
    )
    def get(self, request, nummer: str):
        bescheid = Bescheid.objects.select_related("dokument", "entscheidung__antrag").filter(nummer=nummer).first()
        _freigegeben(request.user, bescheid, Aktion.LESEN)
        return dokument_antwort(request.user, bescheid.dokument, kanal=KANAL)
