from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "sozialhaus.records"
    label = "records"
    verbose_name = "E-Akte"
