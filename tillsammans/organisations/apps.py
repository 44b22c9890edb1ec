from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tillsammans.organisations"
    label = "organisations"
    verbose_name = "Organisationer"
