from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "sozialhaus.claims"
    label = "claims"
    verbose_name = "Forderungen"
