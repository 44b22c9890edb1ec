from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwayConfig(AppConfig):
    name = "tillsammans.pathway"
    verbose_name = _("Pathway from worry to joint support")

    def ready(self) -> None:
        from django.apps import apps

        if apps.is_installed("tillsammans.concerns"):
            from tillsammans.pathway import prefill  # noqa: F401 - registers ?oro= and ?arende=
