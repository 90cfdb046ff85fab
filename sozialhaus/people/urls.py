"""Staff UI for persons and Bedarfsgemeinschaften."""

from django.urls import path

from . import views

urlpatterns = [
    path("personen/", views.personen_suche, name="personen_suche"),
    path("personen/neu/", views.person_neu, name="person_neu"),
    path("personen/neu/dubletten/", views.dubletten_hinweis, name="dubletten_hinweis"),
    path("personen/<str:kundennummer>/", views.person_detail, name="person_detail"),
    path("personen/<str:kundennummer>/bearbeiten/", views.person_bearbeiten, name="person_bearbeiten"),
    path("personen/<str:kundennummer>/protokoll/", views.person_protokoll, name="person_protokoll"),
    path("personen/<str:kundennummer>/<str:art>/neu/", views.fakt_neu, name="fakt_neu"),
    path("protokoll/", views.protokoll_suche, name="protokoll_suche"),
    path("bedarfsgemeinschaften/<str:bg_nummer>/", views.bg_detail, name="bg_detail"),
    path(
        "bedarfsgemeinschaften/<str:bg_nummer>/unterkunft/neu/",
        views.unterkunft_neu,
        name="unterkunft_neu",
    ),
]
