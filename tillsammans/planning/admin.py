"""Agreements, templates, visions and adoptions for system administrators."""

from django.contrib import admin

from tillsammans.core import access
from tillsammans.core.admin import ADMIN_POLICY, PolicyModelAdmin, site
from tillsammans.planning.models import Adoption, Agreement, Funder, GoalArea, SubGoal, Template, Vision


class PolicyInline(admin.TabularInline):
    """Inline rows ask the same access engine as their page (Django's own permissions are unused,
    so without this the inlines were missing for system administrators)."""

    extra = 0

    def _allowed(self, request, obj=None) -> bool:
        return access.allowed(request.actor, ADMIN_POLICY, obj)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)


class FunderInline(PolicyInline):
    model = Funder


@admin.register(Agreement, site=site)
class AgreementAdmin(PolicyModelAdmin):
    list_display = ["name", "valid_from", "valid_to"]
    filter_horizontal = ["parties"]
    inlines = [FunderInline]


class SubGoalInline(PolicyInline):
    model = SubGoal


@admin.register(GoalArea, site=site)
class GoalAreaAdmin(PolicyModelAdmin):
    list_display = ["number", "title", "template"]
    inlines = [SubGoalInline]


@admin.register(Template, site=site)
class TemplateAdmin(PolicyModelAdmin):
    list_display = ["agreement", "year"]


class AdoptionInline(PolicyInline):
    model = Adoption


@admin.register(Vision, site=site)
class VisionAdmin(PolicyModelAdmin):
    list_display = ["name", "kind"]
    inlines = [AdoptionInline]
