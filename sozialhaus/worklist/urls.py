"""Staff UI of the Postkorb."""

from django.urls import path

from . import views

urlpatterns = [
    path("postkorb/", views.postkorb_ansicht, name="postkorb"),
    path("postkorb/aufgaben/<int:pk>/uebernehmen/", views.aufgabe_uebernehmen_ansicht, name="aufgabe_uebernehmen"),
    path("postkorb/aufgaben/<int:pk>/erledigt/", views.aufgabe_erledigen_ansicht, name="aufgabe_erledigen"),
]
