from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "tillsammans.concerns"
    label = "concerns"
    verbose_name = "Orosanmälningar"
