from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "sozialhaus.payments"
    label = "payments"
    verbose_name = "Zahlungen"
