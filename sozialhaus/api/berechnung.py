"""POST /api/v1/berechnung: one household-month through the rules engine (sozialhaus.rules.berechne)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from sozialhaus.rules import berechne

BEISPIEL_EINGABE = {
    "monat": "2026-03",
    "leistung": "buergergeld",
    "bezug_seit": "2025-10-01",
    "personen": [
        {
            "id": "a",
            "geburtsdatum": "1988-05-10",
            "erwerbsfaehig": True,
            "einkommen": [{"art": "erwerbseinkommen", "brutto": "1200.00", "netto": "950.00"}],
            "vermoegen": "1500.00",
        }
    ],
    "beziehungen": [],
    "unterkunft": {
        "kaltmiete": "450.00",
        "nebenkosten": "110.00",
        "heizkosten": "90.00",
        "personen_im_haushalt": 1,
        "angemessene_bruttokaltmiete": "520.00",
        "kostensenkung_ab": None,
    },
}


class BerechnungView(APIView):
    """Berechnet den Anspruch einer Bedarfsgemeinschaft für einen Monat, mit Berechnungsbogen (Positionen)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        operation_id="berechnung_erstellen",
        summary="Anspruch für einen Monat berechnen",
        description=(
            "Nimmt einen Haushaltsmonat im Eingabeformat der Rechenkern-Schnittstelle entgegen (Beträge als "
            "Zeichenketten) und liefert Anspruch, Bedarf, angerechnetes Einkommen, Werte je Person, die "
            "Positionen des Berechnungsbogens mit Rechtsgrundlage und Hinweise. Eingaben, die nicht berechnet "
            'werden können, ergeben HTTP 400 mit {"fehler": "..."}. Siehe docs/rules.md.'
        ),
        request=OpenApiTypes.OBJECT,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
        examples=[OpenApiExample("Alleinstehende mit Erwerbseinkommen", value=BEISPIEL_EINGABE, request_only=True)],
        tags=["berechnung"],
    )
    def post(self, request):
        ergebnis = berechne(request.data)
        if "fehler" in ergebnis:
            return Response(ergebnis, status=status.HTTP_400_BAD_REQUEST)
        return Response(ergebnis, status=status.HTTP_200_OK)
