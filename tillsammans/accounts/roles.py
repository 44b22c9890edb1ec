"""The roles of DESIGN.md. Rights come only through a membership holding one of these."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    COORDINATOR = "coordinator", _("Coordinator / process leader")
    MANAGER = "manager", _("Manager / head teacher")
    STAFF = "staff", _("Professional")
    SIP_LEAD = "sip_lead", _("SIP coordinator")
    INTAKE = "intake", _("Social services intake")
    AUDITOR = "auditor", _("Log auditor")
    RECEIVER = "receiver", _("Action plan receiver")


AREA_SCOPED_ROLES = {Role.COORDINATOR}
