"""REST API v1: the Forderungen of a person (read only). Like the rest of the API: a person the caller may not
read answers 404, only Forderungen in BGs the caller may read are listed, every read is audited (``kanal="api"``)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from sozialhaus.api.views import FEHLER_404, KANAL, KUNDENNUMMER, _freigegeben
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import Aktion
from sozialhaus.people.models import Person

from .konto import salden, status
from .models import Forderung, Forderungsbuchung
from .services import forderungen_der_person


class ForderungsbuchungSerializer(serializers.ModelSerializer):
    class Meta:
        model = Forderungsbuchung
        fields = ["art", "betrag", "datum", "grund", "referenz", "monat"]


class ForderungSerializer(serializers.ModelSerializer):
    bg_nummer = serializers.CharField(source="bedarfsgemeinschaft.bg_nummer", read_only=True)
    offen = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True, help_text="offener Betrag (€)")
    status = serializers.CharField(read_only=True, help_text="offen, beglichen, erlassen, befristet niedergeschlagen")
    buchungen = ForderungsbuchungSerializer(many=True, read_only=True)

    class Meta:
        model = Forderung
        fields = [
            "nummer",
            "bg_nummer",
            "rechtskreis",
            "grund",
            "betrag",
            "offen",
            "status",
            "bescheidnummer",
            "bescheiddatum",
            "faellig_am",
            "monate",
            "buchungen",
        ]


class ForderungenView(GenericAPIView):
    serializer_class = ForderungSerializer
    queryset = Forderung.objects.none()
    pagination_class = None

    @extend_schema(
        summary="Forderungen einer Person",
        description="Alle Forderungen gegen die Person in Bedarfsgemeinschaften, die Sie sehen dürfen, mit offenem "
        "Betrag und Buchungen. Der Abruf wird protokolliert.",
        parameters=[KUNDENNUMMER],
        responses={200: ForderungSerializer(many=True), 404: FEHLER_404},
    )
    def get(self, request, kundennummer: str):
        person = Person.objects.filter(kundennummer=kundennummer.upper()).first()
        dienststelle = _freigegeben(request.user, person, Aktion.LESEN)
        forderungen = list(forderungen_der_person(request.user, person).prefetch_related("buchungen"))
        offen = salden(forderungen)
        for f in forderungen:
            f.offen = offen[f.pk]
            f.status = status(f, f.offen)
        protokolliere(
            request.user,
            AuditAktion.LESEN,
            person,
            dienststelle=dienststelle,
            kanal=KANAL,
            details={"forderungen": [f.nummer for f in forderungen]},
        )
        return Response(self.get_serializer(forderungen, many=True).data)
