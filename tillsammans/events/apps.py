from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tillsammans.events"
    label = "events"
    verbose_name = "Evenemang och kompetens"
