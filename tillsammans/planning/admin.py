"""Agreements, templates, visions and adoptions for system administrators."""

from django.contrib import admin

from tillsammans.core.admin import PolicyModelAdmin, site
from tillsammans.planning.models import Adoption, Agreement, Funder, GoalArea, SubGoal, Template, Vision


class FunderInline(admin.TabularInline):
    model = Funder
    extra = 0


@admin.register(Agreement, site=site)
class AgreementAdmin(PolicyModelAdmin):
    list_display = ["name", "valid_from", "valid_to"]
    filter_horizontal = ["parties"]
    inlines = [FunderInline]


class SubGoalInline(admin.TabularInline):
    model = SubGoal
    extra = 0


@admin.register(GoalArea, site=site)
class GoalAreaAdmin(PolicyModelAdmin):
    list_display = ["number", "title", "template"]
    inlines = [SubGoalInline]


@admin.register(Template, site=site)
class TemplateAdmin(PolicyModelAdmin):
    list_display = ["agreement", "year"]


class AdoptionInline(admin.TabularInline):
    model = Adoption
    extra = 0


@admin.register(Vision, site=site)
class VisionAdmin(PolicyModelAdmin):
    list_display = ["name", "kind"]
    inlines = [AdoptionInline]
