from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tillsammans.api"
    label = "api"
    verbose_name = "API"
