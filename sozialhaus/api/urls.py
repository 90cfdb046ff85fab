"""Routes of the REST API v1 (mounted at /api/v1/)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from sozialhaus.claims.api import ForderungenView

from . import faelle, views, zahllaeufe
from .berechnung import BerechnungView

urlpatterns = [
    path("traeger/", views.TraegerViewSet.as_view({"get": "list"}), name="api-traeger-liste"),
    path(
        "traeger/<str:regionalschluessel>/",
        views.TraegerViewSet.as_view({"get": "retrieve"}),
        name="api-traeger",
    ),
    path("dienststellen/", views.DienststelleViewSet.as_view({"get": "list"}), name="api-dienststellen"),
    path(
        "dienststellen/<str:kuerzel>/",
        views.DienststelleViewSet.as_view({"get": "retrieve"}),
        name="api-dienststelle",
    ),
    path("personen/", views.PersonViewSet.as_view({"get": "list", "post": "create"}), name="api-personen"),
    path(
        "personen/<str:kundennummer>/",
        views.PersonViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="api-person",
    ),
    path("personen/<str:kundennummer>/einkommen/", views.EinkommenView.as_view(), name="api-einkommen"),
    path("personen/<str:kundennummer>/vermoegen/", views.VermoegenView.as_view(), name="api-vermoegen"),
    path("personen/<str:kundennummer>/adressen/", views.AdresseView.as_view(), name="api-adressen"),
    path(
        "personen/<str:kundennummer>/bankverbindungen/",
        views.BankverbindungView.as_view(),
        name="api-bankverbindungen",
    ),
    path(
        "bedarfsgemeinschaften/",
        views.BedarfsgemeinschaftViewSet.as_view({"get": "list", "post": "create"}),
        name="api-bedarfsgemeinschaften",
    ),
    path(
        "bedarfsgemeinschaften/<str:bg_nummer>/",
        views.BedarfsgemeinschaftViewSet.as_view({"get": "retrieve"}),
        name="api-bedarfsgemeinschaft",
    ),
    path("haushalte/<str:nummer>/unterkunft/", views.UnterkunftView.as_view(), name="api-unterkunft"),
    path("antraege/", faelle.AntraegeView.as_view(), name="api-antraege"),
    path("antraege/<str:aktenzeichen>/", faelle.AntragView.as_view(), name="api-antrag"),
    path("antraege/<str:aktenzeichen>/status/", faelle.AntragStatusView.as_view(), name="api-antrag-status"),
    path("antraege/<str:aktenzeichen>/bewilligung/", faelle.BewilligungView.as_view(), name="api-antrag-bewilligung"),
    path("antraege/<str:aktenzeichen>/ablehnung/", faelle.AblehnungView.as_view(), name="api-antrag-ablehnung"),
    path("bescheide/", faelle.BescheideView.as_view(), name="api-bescheide"),
    path("bescheide/<str:nummer>/pdf/", faelle.BescheidPdfView.as_view(), name="api-bescheid-pdf"),
    path("zahllaeufe/", zahllaeufe.ZahllaeufeView.as_view(), name="api-zahllaeufe"),
    path(
        "zahllaeufe/<str:regionalschluessel>/<str:monat>/",
        zahllaeufe.ZahllaufView.as_view(),
        name="api-zahllauf",
    ),
    path(
        "zahllaeufe/<str:regionalschluessel>/<str:monat>/sepa/",
        zahllaeufe.ZahllaufSepaView.as_view(),
        name="api-zahllauf-sepa",
    ),
    path("personen/<str:kundennummer>/forderungen/", ForderungenView.as_view(), name="api-forderungen"),
    path("token/", views.TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("berechnung", BerechnungView.as_view(), name="berechnung"),
]
