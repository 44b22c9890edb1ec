from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tillsammans.core"
    label = "core"
    verbose_name = "Kärna"

    def ready(self) -> None:
        from tillsammans.core import access

        access.autodiscover_policies()
