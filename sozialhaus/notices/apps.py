from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "sozialhaus.notices"
    label = "notices"
    verbose_name = "Bescheide"
