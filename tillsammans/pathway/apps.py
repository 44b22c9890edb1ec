from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwayConfig(AppConfig):
    name = "tillsammans.pathway"
    verbose_name = _("Pathway from worry to joint support")
