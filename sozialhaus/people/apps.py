from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sozialhaus.people"
    label = "people"
    verbose_name = "Personen und Bedarfsgemeinschaften"
