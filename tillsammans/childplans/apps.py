from django.apps import AppConfig


class ChildplansConfig(AppConfig):
    name = "tillsammans.childplans"
    label = "childplans"
    verbose_name = "Samordnade planer"
