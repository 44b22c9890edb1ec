from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "tillsammans.networks"
    label = "networks"
    verbose_name = "Nätverk"
