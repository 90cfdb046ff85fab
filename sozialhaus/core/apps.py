from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sozialhaus.core"
    label = "core"
    verbose_name = "Organisation und Zugriff"
