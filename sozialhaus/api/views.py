"""Views of the REST API v1.

Access to Sozialdaten is decided only by ``sozialhaus.core.permissions`` (``sichtbare_personen``,
``sichtbare_bedarfsgemeinschaften``, ``zugriff``/``pruefe``, ``darf_anlegen``): a record the caller may not read
answers 404 (its existence is not revealed), a record they may read but not change answers 403. Every read of a
person or BG record and every write leaves exactly one entry in the audit trail (``kanal="api"``); a search or
list leaves one SUCHEN entry. Writes are atomic: a validation error (400) saves nothing.
"""

from django.contrib.auth import authenticate, user_logged_in, user_login_failed
from django.db import transaction
from django.db.models import Prefetch
from django_otp import match_token, user_has_device
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.middleware import braucht_zweiten_faktor
from sozialhaus.core.models import Dienststelle, Rechtskreis, Traeger, Zustaendigkeit, zustaendige_dienststelle
from sozialhaus.core.permissions import (
    VERWEIGERT,
    Aktion,
    darf_anlegen,
    pruefe,
    sichtbare_bedarfsgemeinschaften,
    zugriff,
)
from sozialhaus.people.models import (
    Adresse,
    Bankverbindung,
    Bedarfsgemeinschaft,
    BGMitglied,
    Einkommen,
    Haushalt,
    Person,
    Unterkunft,
    Vermoegen,
)
from sozialhaus.people.services import moegliche_dubletten, person_anlegen, suche_personen

from . import serializers as s
from .exceptions import NICHT_GEFUNDEN

KANAL = "api"
GESPERRT = (
    "Zu viele fehlgeschlagene Anmeldeversuche: Das Konto ist vorübergehend gesperrt. "
    "Bitte versuchen Sie es später erneut oder wenden Sie sich an die Administration."
)
FALSCHE_ZUGANGSDATEN = "Benutzername oder Passwort ist falsch."

FEHLER_400 = OpenApiResponse(description="Ungültige Eingabe; deutsche Meldungen je Feld, nichts wurde gespeichert.")
FEHLER_403 = OpenApiResponse(description="Lesen erlaubt, Ändern bzw. Anlegen nicht.")
FEHLER_404 = OpenApiResponse(description="Nicht vorhanden oder für Sie nicht sichtbar.")


def _pfad(name: str, beschreibung: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, OpenApiParameter.PATH, description=beschreibung)


KUNDENNUMMER = _pfad("kundennummer", "Kundennummer der Person, z. B. K00000001")
HAUSHALTSNUMMER = _pfad("nummer", "Haushaltsnummer, z. B. H00000001")


# --- access helpers: everything goes through the permission service ---------------------------------------------


def _freigegeben(benutzer, objekt, aktion: Aktion) -> Dienststelle:
    """Dienststelle under which ``benutzer`` may perform ``aktion`` on ``objekt``: 404 if they may not even read it,
    403 if they may read but not perform ``aktion``."""
    lesend = zugriff(benutzer, objekt, Aktion.LESEN) if objekt is not None else None
    if lesend is None:
        raise NotFound(NICHT_GEFUNDEN)
    return lesend if aktion == Aktion.LESEN else pruefe(benutzer, objekt, aktion)


def _person(benutzer, kundennummer: str, aktion: Aktion) -> tuple[Person, Dienststelle]:
    person = Person.objects.select_related("erfasst_von").filter(kundennummer=kundennummer.strip().upper()).first()
    return person, _freigegeben(benutzer, person, aktion)


def _haushalt(benutzer, nummer: str, aktion: Aktion) -> tuple[Haushalt, Dienststelle]:
    haushalt = Haushalt.objects.select_related("gemeinde").filter(nummer=nummer.strip().upper()).first()
    return haushalt, _freigegeben(benutzer, haushalt, aktion)


# --- organisation (no personal data: any authenticated member of staff) -----------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Träger mit ihren Gemeinden"),
    retrieve=extend_schema(summary="Ein Träger", parameters=[_pfad("regionalschluessel", "Kreisschlüssel")]),
)
class TraegerViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TraegerSerializer
    queryset = Traeger.objects.prefetch_related("gemeinden").order_by("name")
    lookup_field = "regionalschluessel"


@extend_schema_view(
    list=extend_schema(summary="Dienststellen mit ihren Zuständigkeiten"),
    retrieve=extend_schema(summary="Eine Dienststelle", parameters=[_pfad("kuerzel", "Kürzel der Dienststelle")]),
)
class DienststelleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.DienststelleSerializer
    queryset = (
        Dienststelle.objects.select_related("traeger", "gemeinde")
        .prefetch_related(
            Prefetch(
                "zustaendigkeiten",
                queryset=Zustaendigkeit.objects.select_related("gemeinde").order_by("gemeinde__name", "rechtskreis"),
            )
        )
        .order_by("name")
    )
    lookup_field = "kuerzel"


# --- persons ----------------------------------------------------------------------------------------------------


class PersonViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.PersonSerializer
    queryset = Person.objects.none()  # never used for data: see list() and _person()
    lookup_field = "kundennummer"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "sichtbare_bgs": sichtbare_bedarfsgemeinschaften(self.request.user)}

    @extend_schema(
        summary="Personen suchen",
        description="Sichtbare Personen, gefiltert nach allen angegebenen Kriterien. Die Suche wird protokolliert.",
        parameters=[s.PersonSucheSerializer],
        responses={200: s.PersonListeSerializer(many=True), 400: FEHLER_400},
    )
    def list(self, request):
        kriterien = s.PersonSucheSerializer(data=request.query_params)
        kriterien.is_valid(raise_exception=True)
        treffer = suche_personen(request.user, kanal=KANAL, **kriterien.validated_data).select_related("erfasst_von")
        seite = self.paginate_queryset(treffer)
        return self.get_paginated_response(s.PersonListeSerializer(seite, many=True).data)

    @extend_schema(
        summary="Person lesen", parameters=[KUNDENNUMMER], responses={200: s.PersonSerializer, 404: FEHLER_404}
    )
    def retrieve(self, request, kundennummer: str):
        person, dienststelle = _person(request.user, kundennummer, Aktion.LESEN)
        protokolliere(request.user, AuditAktion.LESEN, person, dienststelle=dienststelle, kanal=KANAL)
        return Response(self.get_serializer(person).data)

    @extend_schema(
        summary="Person anlegen",
        description="Legt eine Person an. Gibt es schon eine Person mit gleichem Namen und Geburtsdatum, antwortet "
        "die API mit 409 und deren Kundennummern; nach Prüfung mit `dublette_bestaetigt: true` erneut senden.",
        request=s.PersonAnlegenSerializer,
        responses={201: s.PersonSerializer, 400: FEHLER_400, 403: FEHLER_403, 409: s.DubletteSerializer},
    )
    def create(self, request):
        erlaubt = darf_anlegen(request.user)
        if not erlaubt:
            raise PermissionDenied("Sie haben keine Berechtigung, Personen anzulegen.")
        eingabe = s.PersonAnlegenSerializer(data=request.data, context=self.get_serializer_context())
        eingabe.is_valid(raise_exception=True)
        daten = dict(eingabe.validated_data)
        dienststelle = daten.pop("dienststelle", None)
        bestaetigt = daten.pop("dublette_bestaetigt", False)
        if dienststelle is None:
            if len(erlaubt) > 1:
                kuerzel = ", ".join(d.kuerzel for d in erlaubt)
                raise ValidationError(
                    {"dienststelle": [f"Bitte die Dienststelle angeben, für die die Person erfasst wird: {kuerzel}."]}
                )
            dienststelle = erlaubt[0]
        elif dienststelle not in erlaubt:
            raise PermissionDenied(f"Sie dürfen für die Dienststelle „{dienststelle.kuerzel}“ keine Personen anlegen.")
        dubletten = list(
            moegliche_dubletten(daten["familienname"], daten["vorname"], daten["geburtsdatum"])
            .order_by("kundennummer")
            .values_list("kundennummer", flat=True)
        )
        if dubletten and not bestaetigt:
            return Response(
                {
                    "detail": "Es ist bereits eine Person mit gleichem Namen und Geburtsdatum erfasst "
                    f"({', '.join(dubletten)}). Bitte prüfen Sie, ob es dieselbe Person ist. Falls nicht, senden Sie "
                    "die Anfrage erneut mit „dublette_bestaetigt“: true.",
                    "dubletten": dubletten,
                },
                status=status.HTTP_409_CONFLICT,
            )
        person = person_anlegen(request.user, Person(**daten), dienststelle, kanal=KANAL)
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Person ändern",
        parameters=[KUNDENNUMMER],
        responses={200: s.PersonSerializer, 400: FEHLER_400, 403: FEHLER_403, 404: FEHLER_404},
    )
    def partial_update(self, request, kundennummer: str):
        person, dienststelle = _person(request.user, kundennummer, Aktion.AENDERN)
        eingabe = self.get_serializer(person, data=request.data, partial=True)
        eingabe.is_valid(raise_exception=True)
        with transaction.atomic():
            for feld, wert in eingabe.validated_data.items():
                setattr(person, feld, wert)
            person.full_clean()
            person.save()
            protokolliere(
                request.user,
                AuditAktion.AENDERN,
                person,
                dienststelle=dienststelle,
                kanal=KANAL,
                details={"felder": sorted(eingabe.validated_data)},
            )
        return Response(self.get_serializer(person).data)


class PersonFaktenView(GenericAPIView):
    """History of one kind of time-versioned fact of a person; POST adds a new version."""

    related_name: str
    pagination_class = None  # a history is short; it is returned whole

    def get(self, request, kundennummer: str):
        person, dienststelle = _person(request.user, kundennummer, Aktion.LESEN)
        protokolliere(
            request.user,
            AuditAktion.LESEN,
            person,
            dienststelle=dienststelle,
            kanal=KANAL,
            details={"teil": self.related_name},
        )
        verlauf = getattr(person, self.related_name).select_related("erfasst_von").order_by("-gueltig_ab", "-id")
        return Response(self.get_serializer(verlauf, many=True).data)

    def post(self, request, kundennummer: str):
        person, dienststelle = _person(request.user, kundennummer, Aktion.AENDERN)
        eingabe = self.get_serializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        modell = self.get_serializer_class().Meta.model
        version = modell(person=person, erfasst_von=request.user, **eingabe.validated_data)
        with transaction.atomic():
            version.full_clean()
            version.als_neue_version_speichern()
            protokolliere(
                request.user,
                AuditAktion.AENDERN,
                person,
                dienststelle=dienststelle,
                kanal=KANAL,
                details={"teil": self.related_name, "neue_version": version.pk},
            )
        return Response(self.get_serializer(version).data, status=status.HTTP_201_CREATED)


def _fakten_schema(klasse, titel: str, hinweis: str = ""):
    serializer = klasse.serializer_class
    return extend_schema_view(
        get=extend_schema(
            summary=f"{titel}: Verlauf",
            description=f"Alle Versionen, neueste zuerst. Der Abruf wird protokolliert.{hinweis}",
            parameters=[KUNDENNUMMER],
            responses={200: serializer(many=True), 404: FEHLER_404},
        ),
        post=extend_schema(
            summary=f"{titel}: neue Version",
            description="Beendet die bisherige Version am Vortag von „gueltig_ab“; der Verlauf bleibt erhalten.",
            parameters=[KUNDENNUMMER],
            responses={201: serializer, 400: FEHLER_400, 403: FEHLER_403, 404: FEHLER_404},
        ),
    )(klasse)


class EinkommenView(PersonFaktenView):
    serializer_class = s.EinkommenSerializer
    queryset = Einkommen.objects.none()
    related_name = "einkommen"


class VermoegenView(PersonFaktenView):
    serializer_class = s.VermoegenSerializer
    queryset = Vermoegen.objects.none()
    related_name = "vermoegen"


class AdresseView(PersonFaktenView):
    serializer_class = s.AdresseSerializer
    queryset = Adresse.objects.none()
    related_name = "adressen"


class BankverbindungView(PersonFaktenView):
    """Like the staff UI, the IBAN is shown in full only to those who may change the person."""

    serializer_class = s.BankverbindungSerializer
    queryset = Bankverbindung.objects.none()
    related_name = "bankverbindungen"

    def get_serializer_context(self):
        kontext = super().get_serializer_context()
        if self.request is not None and self.request.method == "GET":
            nummer = self.kwargs.get("kundennummer", "").strip().upper()
            person = Person.objects.filter(kundennummer=nummer).first()
            kontext["iban_maskieren"] = person is None or zugriff(self.request.user, person, Aktion.AENDERN) is None
        return kontext


_fakten_schema(EinkommenView, "Einkommen")
_fakten_schema(VermoegenView, "Vermögen")
_fakten_schema(AdresseView, "Anschriften")
_fakten_schema(
    BankverbindungView,
    "Bankverbindungen",
    " Wer die Person nur lesen, nicht ändern darf, sieht von der IBAN nur die letzten vier Zeichen.",
)


# --- Bedarfsgemeinschaften and Haushalte ------------------------------------------------------------------------


class BedarfsgemeinschaftViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.BGSerializer
    queryset = Bedarfsgemeinschaft.objects.none()  # never used for data: see list() and retrieve()
    lookup_field = "bg_nummer"

    @extend_schema(
        summary="Bedarfsgemeinschaften auflisten",
        description="Alle für Sie sichtbaren Bedarfsgemeinschaften. Der Abruf wird protokolliert.",
        parameters=[
            OpenApiParameter(
                "rechtskreis", str, enum=[r.value for r in Rechtskreis], description="nur dieser Rechtskreis"
            )
        ],
        responses={200: s.BGListeSerializer(many=True), 400: FEHLER_400},
    )
    def list(self, request):
        rechtskreis = request.query_params.get("rechtskreis", "")
        treffer = sichtbare_bedarfsgemeinschaften(request.user, Aktion.LESEN)
        if rechtskreis:
            if rechtskreis not in Rechtskreis.values:
                raise ValidationError({"rechtskreis": [f"„{rechtskreis}“ ist kein bekannter Rechtskreis."]})
            treffer = treffer.filter(rechtskreis=rechtskreis)
        protokolliere(
            request.user,
            AuditAktion.SUCHEN,
            ("bg-liste", "-", "Liste der Bedarfsgemeinschaften"),
            kanal=KANAL,
            details={"rechtskreis": rechtskreis},
        )
        treffer = treffer.select_related("dienststelle", "haushalt__gemeinde").order_by("bg_nummer")
        seite = self.paginate_queryset(treffer)
        return self.get_paginated_response(s.BGListeSerializer(seite, many=True).data)

    @extend_schema(
        summary="Bedarfsgemeinschaft lesen",
        description="Mit Mitgliedern (Verlauf), Haushalt und Unterkunftskosten (Verlauf).",
        parameters=[_pfad("bg_nummer", "BG-Nummer, z. B. 03461BG0000001")],
        responses={200: s.BGSerializer, 404: FEHLER_404},
    )
    def retrieve(self, request, bg_nummer: str):
        bg = (
            Bedarfsgemeinschaft.objects.select_related("dienststelle", "haushalt__gemeinde")
            .prefetch_related(
                Prefetch("mitgliedschaften", queryset=BGMitglied.objects.select_related("person")),
                Prefetch(
                    "haushalt__unterkuenfte",
                    queryset=Unterkunft.objects.select_related("gemeinde", "erfasst_von").order_by(
                        "-gueltig_ab", "-id"
                    ),
                ),
            )
            .filter(bg_nummer=bg_nummer.strip().upper())
            .first()
        )
        dienststelle = _freigegeben(request.user, bg, Aktion.LESEN)
        protokolliere(request.user, AuditAktion.LESEN, bg, dienststelle=dienststelle, kanal=KANAL)
        return Response(s.BGSerializer(bg).data)

    @extend_schema(
        summary="Bedarfsgemeinschaft anlegen",
        description="Die zuständige Dienststelle ergibt sich aus der Zuständigkeitsmatrix (Rechtskreis × Gemeinde). "
        "Sie brauchen das Recht, für diese Dienststelle in diesem Rechtskreis anzulegen. Die Mitglieder müssen für "
        "Sie sichtbare Personen sein; genau eine Person ist Antragsteller/in.",
        request=s.BGAnlegenSerializer,
        responses={201: s.BGSerializer, 400: FEHLER_400, 403: FEHLER_403},
    )
    def create(self, request):
        eingabe = s.BGAnlegenSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        daten = eingabe.validated_data
        rechtskreis, gemeinde = daten["rechtskreis"], daten["gemeinde"]
        dienststelle = zustaendige_dienststelle(rechtskreis, gemeinde)
        if dienststelle is None:
            raise ValidationError(
                {
                    "gemeinde": [
                        f"Für {Rechtskreis(rechtskreis).label} in {gemeinde.name} ist in der Zuständigkeitsmatrix "
                        "keine Dienststelle hinterlegt."
                    ]
                }
            )
        entwurf = Bedarfsgemeinschaft(rechtskreis=rechtskreis, dienststelle=dienststelle)
        if zugriff(request.user, entwurf, Aktion.ANLEGEN) is None:
            raise PermissionDenied(
                f"{VERWEIGERT} Zuständig ist {dienststelle.name}; Sie dürfen dort im Rechtskreis "
                f"{Rechtskreis(rechtskreis).label} keine Bedarfsgemeinschaft anlegen."
            )
        mitglieder = []
        for eintrag in daten["mitglieder"]:
            nummer = eintrag["kundennummer"].strip().upper()
            person = Person.objects.filter(kundennummer=nummer).first()
            if person is None or zugriff(request.user, person, Aktion.LESEN) is None:
                raise ValidationError(
                    {"mitglieder": [f"Eine Person mit der Kundennummer „{nummer}“ wurde nicht gefunden."]}
                )
            mitglieder.append((person, eintrag))
        haushalt = None
        if daten.get("haushalt"):
            nummer = daten["haushalt"].strip().upper()
            haushalt = Haushalt.objects.filter(nummer=nummer).first()
            if haushalt is None or zugriff(request.user, haushalt, Aktion.LESEN) is None:
                raise ValidationError({"haushalt": [f"Ein Haushalt mit der Nummer „{nummer}“ wurde nicht gefunden."]})
            if haushalt.gemeinde_id != gemeinde.pk:
                raise ValidationError({"haushalt": [f"Der Haushalt {nummer} liegt nicht in {gemeinde.name}."]})
        with transaction.atomic():
            if haushalt is None:
                haushalt = Haushalt.objects.create(gemeinde=gemeinde)
            entwurf.haushalt = haushalt
            entwurf.full_clean(exclude=["bg_nummer"])
            entwurf.save()
            for person, eintrag in mitglieder:
                mitglied = BGMitglied(
                    bedarfsgemeinschaft=entwurf,
                    person=person,
                    rolle=eintrag["rolle"],
                    gueltig_ab=eintrag["gueltig_ab"],
                    erfasst_von=request.user,
                )
                mitglied.full_clean()
                mitglied.save()
                haushalt.mitglieder.add(person)
            protokolliere(
                request.user,
                AuditAktion.ANLEGEN,
                entwurf,
                dienststelle=dienststelle,
                kanal=KANAL,
                details={"mitglieder": [p.kundennummer for p, _ in mitglieder], "haushalt": haushalt.nummer},
            )
        bg = Bedarfsgemeinschaft.objects.select_related("dienststelle", "haushalt__gemeinde").get(pk=entwurf.pk)
        return Response(s.BGSerializer(bg).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Unterkunftskosten eines Haushalts: Verlauf",
        description="Alle Versionen, neueste zuerst. Der Abruf wird protokolliert.",
        parameters=[HAUSHALTSNUMMER],
        responses={200: s.UnterkunftSerializer(many=True), 404: FEHLER_404},
    ),
    post=extend_schema(
        summary="Unterkunftskosten: neue Version",
        description="Beendet die bisherige Version am Vortag von „gueltig_ab“; der Verlauf bleibt erhalten.",
        parameters=[HAUSHALTSNUMMER],
        responses={201: s.UnterkunftSerializer, 400: FEHLER_400, 403: FEHLER_403, 404: FEHLER_404},
    ),
)
class UnterkunftView(GenericAPIView):
    serializer_class = s.UnterkunftSerializer
    pagination_class = None
    queryset = Unterkunft.objects.none()

    def get(self, request, nummer: str):
        haushalt, dienststelle = _haushalt(request.user, nummer, Aktion.LESEN)
        protokolliere(
            request.user,
            AuditAktion.LESEN,
            haushalt,
            dienststelle=dienststelle,
            kanal=KANAL,
            details={"teil": "unterkuenfte"},
        )
        verlauf = haushalt.unterkuenfte.select_related("gemeinde", "erfasst_von").order_by("-gueltig_ab", "-id")
        return Response(self.get_serializer(verlauf, many=True).data)

    def post(self, request, nummer: str):
        haushalt, dienststelle = _haushalt(request.user, nummer, Aktion.AENDERN)
        eingabe = self.get_serializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        daten = {"gemeinde": haushalt.gemeinde, **eingabe.validated_data}
        version = Unterkunft(haushalt=haushalt, erfasst_von=request.user, **daten)
        with transaction.atomic():
            version.full_clean()
            version.als_neue_version_speichern()
            protokolliere(
                request.user,
                AuditAktion.AENDERN,
                haushalt,
                dienststelle=dienststelle,
                kanal=KANAL,
                details={"teil": "unterkuenfte", "neue_version": version.pk},
            )
        return Response(self.get_serializer(version).data, status=status.HTTP_201_CREATED)


# --- authentication ---------------------------------------------------------------------------------------------


class TokenView(APIView):
    """Obtain the API token for a user name and password (django-axes counts failures and locks the account)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="API-Token abrufen",
        description="Liefert das Token für den Kopf `Authorization: Token <token>`. Fehlversuche werden gezählt; "
        "nach zu vielen wird das Konto vorübergehend gesperrt (429). Konten mit zweitem Faktor (Pflicht für die "
        "Administration, für alle anderen wählbar) geben zusätzlich den TOTP-Code in `otp` an.",
        request=s.TokenAnfrageSerializer,
        responses={
            200: s.TokenSerializer,
            400: OpenApiResponse(description="Zugangsdaten falsch oder unvollständig"),
            429: inline_serializer("Gesperrt", {"detail": serializers.CharField()}),
        },
        auth=[],
    )
    def post(self, request):
        eingabe = s.TokenAnfrageSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        daten = eingabe.validated_data
        http_request = request._request  # axes keeps its state on the Django request
        benutzer = authenticate(request=http_request, username=daten["username"], password=daten["password"])
        if getattr(http_request, "axes_locked_out", False):
            http_request.axes_locked_out = False  # answer in JSON here, not with axes' HTML lockout page
            return Response({"detail": GESPERRT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if benutzer is None:
            raise ValidationError({"non_field_errors": [FALSCHE_ZUGANGSDATEN]})
        if braucht_zweiten_faktor(benutzer) or user_has_device(benutzer):
            code = daten.get("otp", "").strip()
            if not code or match_token(benutzer, code) is None:
                user_login_failed.send(
                    sender=__name__, credentials={"username": daten["username"]}, request=http_request
                )
                if getattr(http_request, "axes_locked_out", False):
                    http_request.axes_locked_out = False
                    return Response({"detail": GESPERRT}, status=status.HTTP_429_TOO_MANY_REQUESTS)
                raise ValidationError(
                    {"otp": ["Für dieses Konto ist der zweite Faktor Pflicht: bitte einen gültigen TOTP-Code angeben."]}
                )
        user_logged_in.send(sender=benutzer.__class__, request=http_request, user=benutzer)
        token, _ = Token.objects.get_or_create(user=benutzer)
        protokolliere(benutzer, AuditAktion.ANMELDEN, ("api-token", benutzer.pk, benutzer.get_username()), kanal=KANAL)
        return Response({"token": token.key})
