"""Staff UI of the E-Akte."""

from django.urls import path

from . import views

urlpatterns = [
    path("bedarfsgemeinschaften/<str:bg_nummer>/akte/", views.akte_bg, name="akte_bg"),
    path("personen/<str:kundennummer>/akte/", views.akte_person, name="akte_person"),
    path("dokumente/<int:pk>/", views.dokument_herunterladen, name="dokument_herunterladen"),
]
