from django.apps import AppConfig


class LogreviewConfig(AppConfig):
    name = "tillsammans.logreview"
    label = "logreview"
    verbose_name = "Loggkontroll"
