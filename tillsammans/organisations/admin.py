"""Admin for organisations: the custom site, the access engine, audited, area links recomputed."""

from django.contrib import admin

from tillsammans.core.admin import PolicyModelAdmin, site
from tillsammans.organisations.models import Area, Authority, Principal, Unit, UnitType
from tillsammans.organisations.services import recompute_area_units, recompute_unit_areas


@admin.register(Principal, site=site)
class PrincipalAdmin(PolicyModelAdmin):
    list_display = ["name", "kind", "org_number", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]


@admin.register(Authority, site=site)
class AuthorityAdmin(PolicyModelAdmin):
    list_display = ["name", "principal", "kind", "secrecy_domain"]
    list_filter = ["kind", "principal"]
    list_select_related = ["principal"]
    search_fields = ["name"]


@admin.register(UnitType, site=site)
class UnitTypeAdmin(PolicyModelAdmin):
    list_display = ["name", "code", "sort_order", "active"]
    list_editable = ["sort_order", "active"]


@admin.register(Area, site=site)
class AreaAdmin(PolicyModelAdmin):
    list_display = ["name", "kind", "parent", "valid_to"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        recompute_area_units(obj)


@admin.register(Unit, site=site)
class UnitAdmin(PolicyModelAdmin):
    list_display = ["name", "unit_type", "authority", "code", "valid_to"]
    list_filter = ["unit_type", "authority__principal"]
    list_select_related = ["unit_type", "authority"]
    search_fields = ["name", "code", "hsa_id", "org_number"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["served_areas"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        recompute_unit_areas(obj)
