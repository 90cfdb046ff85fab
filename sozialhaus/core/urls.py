"""Staff UI of core: login and logout, second factor, start page."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("anmelden/", views.AnmeldenView.as_view(), name="login"),
    path("abmelden/", LogoutView.as_view(), name="logout"),
    path("zweiter-faktor/", views.zweiter_faktor, name="zweiter_faktor"),
    path("zweiter-faktor/einrichten/", views.zweiter_faktor_einrichten, name="zweiter_faktor_einrichten"),
]
