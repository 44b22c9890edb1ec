from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "tillsammans.planning"
    label = "planning"
    verbose_name = "Handlingsplaner"
