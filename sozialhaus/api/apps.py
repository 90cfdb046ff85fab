from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sozialhaus.api"
    label = "api"
    verbose_name = "REST-API"
