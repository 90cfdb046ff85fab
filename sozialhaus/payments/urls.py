"""Staff UI of the Zahlstelle: Zahlläufe, the booking report and the Rückläufer import."""

from django.urls import path

from . import views

urlpatterns = [
    path("zahllaeufe/", views.zahllaeufe, name="zahllaeufe"),
    path("zahllaeufe/vorbereiten/", views.zahllauf_vorbereiten, name="zahllauf_vorbereiten"),
    path("zahllaeufe/buchungsbericht/", views.buchungsbericht, name="buchungsbericht"),
    path("zahllaeufe/ruecklaeufer/", views.ruecklaeufer_einlesen, name="ruecklaeufer_einlesen"),
    path("zahllaeufe/<int:pk>/", views.zahllauf_detail, name="zahllauf_detail"),
    path("zahllaeufe/<int:pk>/freigeben/", views.zahllauf_freigeben, name="zahllauf_freigeben"),
    path("zahllaeufe/<int:pk>/ausfuehren/", views.zahllauf_ausfuehren, name="zahllauf_ausfuehren"),
    path("zahllaeufe/<int:pk>/fortschritt/", views.zahllauf_fortschritt, name="zahllauf_fortschritt"),
    path("zahllaeufe/<int:pk>/sepa.xml", views.sepa_datei, name="zahllauf_sepa"),
    path("zahllaeufe/<int:pk>/buchungen.csv", views.buchungen_datei, name="zahllauf_buchungen"),
]
