"""Staff UI of the claims accounts."""

from django.urls import path

from . import views

urlpatterns = [
    path("personen/<str:kundennummer>/forderungen/", views.konto, name="forderungskonto"),
    path(
        "personen/<str:kundennummer>/forderungen/festsetzen/<int:entscheidung>/",
        views.festsetzen,
        name="forderung_festsetzen",
    ),
    path("forderungen/zahlungseingang/", views.zahlungseingang, name="zahlungseingang"),
    path("forderungen/<str:nummer>/<str:aktion>/", views.aktion, name="forderung_aktion"),
]
