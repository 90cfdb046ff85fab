"""Staff UI of Anträge, decisions and Bescheide."""

from django.urls import path

from . import views

urlpatterns = [
    path("bedarfsgemeinschaften/<str:bg_nummer>/antraege/neu/", views.antrag_neu, name="antrag_neu"),
    path("antraege/<str:aktenzeichen>/", views.antrag_detail, name="antrag_detail"),
    path("antraege/<str:aktenzeichen>/status/", views.antrag_status, name="antrag_status"),
    path("antraege/<str:aktenzeichen>/nachweise/", views.nachweis_anfordern, name="nachweis_anfordern"),
    path("antraege/<str:aktenzeichen>/nachweise/eingang/", views.nachweis_eingang, name="nachweis_eingang"),
    path("antraege/<str:aktenzeichen>/berechnung/", views.antrag_berechnen, name="antrag_berechnen"),
    path("antraege/<str:aktenzeichen>/bewilligung/", views.antrag_bewilligen, name="antrag_bewilligen"),
    path("antraege/<str:aktenzeichen>/einmalleistung/", views.antrag_einmalleistung, name="antrag_einmalleistung"),
    path("antraege/<str:aktenzeichen>/ablehnung/", views.antrag_ablehnen, name="antrag_ablehnen"),
    path("antraege/<str:aktenzeichen>/aenderung/", views.antrag_aendern, name="antrag_aendern"),
    path("antraege/<str:aktenzeichen>/abschliessend/", views.antrag_abschliessen, name="antrag_abschliessen"),
    path("antraege/<str:aktenzeichen>/automatik/", views.antrag_automatik, name="antrag_automatik"),
    path("bescheide/<str:nummer>/pdf", views.bescheid_pdf, name="bescheid_pdf"),
    path("automatik/bericht/", views.automatik_bericht, name="automatik_bericht"),
]
