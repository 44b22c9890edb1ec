"""Managed catalogues of the networks app for system administrators: themes and school terms."""

from django.contrib import admin

from tillsammans.core.admin import PolicyModelAdmin, site
from tillsammans.networks.models import SchoolTerm, Theme


@admin.register(Theme, site=site)
class ThemeAdmin(PolicyModelAdmin):
    list_display = ["name", "active"]
    list_editable = ["active"]


@admin.register(SchoolTerm, site=site)
class SchoolTermAdmin(PolicyModelAdmin):
    list_display = ["municipality", "kind", "year", "start", "end"]
    list_filter = ["municipality", "year"]
