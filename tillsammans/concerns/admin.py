"""The intake's settings per municipality, for system administrators (no report is in the admin); each
municipality's intake changes its own on the page ``concerns:settings``."""

from django.contrib import admin

from tillsammans.concerns.models import IntakeSettings
from tillsammans.core.admin import PolicyModelAdmin, site


@admin.register(IntakeSettings, site=site)
class IntakeSettingsAdmin(PolicyModelAdmin):
    list_display = ["municipality", "show_sip", "intake_email"]
