from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sozialhaus.cases"
    label = "cases"
    verbose_name = "Anträge und Entscheidungen"
