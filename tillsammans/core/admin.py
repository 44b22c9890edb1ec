"""The Django admin, for system administrators only, through the same access engine."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tillsammans.core import access, audit
from tillsammans.core.models import AuditAction

ADMIN_POLICY = "core.system_admin"


def _swedish_boolean_icon(value):
    """Django's yes/no icon with its text alternative in Swedish (Django writes alt="True")."""
    icon, text = {True: ("yes", _("Yes")), False: ("no", _("No"))}.get(value, ("unknown", _("Unknown")))
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


# Every admin list and read-only field looks this function up here when it draws a boolean.
admin_list._boolean_icon = _swedish_boolean_icon


class TillsammansAdminSite(admin.AdminSite):
    site_header = "Tillsammans – administration"
    site_title = "Tillsammans"
    index_title = "Systemförvaltning"

    def has_permission(self, request) -> bool:
        return access.allowed(request.actor, ADMIN_POLICY)

    def login(self, request, extra_context=None):
        return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")

    def get_urls(self):
        return access.mark_patterns(super().get_urls(), ADMIN_POLICY)


site = TillsammansAdminSite(name="admin")


def _label_row(form, row: str) -> None:
    """Each visible input of a table row is labelled with its column and its row (1.3.1)."""
    for field in form.fields.values():
        if not field.widget.is_hidden:
            # a related-object wrapper draws its inner widget with the inner widget's own attrs
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs = {**widget.attrs, "aria-label": f"{field.label}: {row}"}


class LabelledSplitDateTime(AdminSplitDateTime):
    """Date and time inputs, each with its own label (Django's has text beside them)."""

    template_name = "core/admin/split_datetime.html"


class PolicyModelAdmin(admin.ModelAdmin):
    """Every admin page asks the access engine, and every change is written to the audit chain."""

    policy_name = ADMIN_POLICY
    formfield_overrides = {models.DateTimeField: {"widget": LabelledSplitDateTime}}

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # The two-box selector is drawn by script with unlabelled parts; a plain labelled
        # multiple select works with the keyboard, screen readers and the strict CSP.
        self.filter_horizontal = ()
        self.filter_vertical = ()

    def get_changelist_formset(self, request, **kwargs):
        """Each editable input in the list is labelled with its column and its row (1.3.1)."""
        formset = super().get_changelist_formset(request, **kwargs)

        class LabelledFormSet(formset):
            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                _label_row(form, str(form.instance))
                return form

        return LabelledFormSet

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        """Inline table rows get the same labels as editable lists."""
        for formset in formsets:
            for number, form in enumerate(formset.forms, start=1):
                row = (str(form.instance) if form.instance.pk
                       else _("new row %(number)s") % {"number": number})
                _label_row(form, row)
        return super().get_inline_formsets(request, formsets, inline_instances, obj)

    def _allowed(self, request, obj=None) -> bool:
        return access.allowed(request.actor, self.policy_name, obj)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def _audit(self, request, obj, action, message="") -> None:
        audit.record(request.actor, action, obj,
                     person=obj if obj._meta.label == "accounts.User" else None,
                     detail={"via": "admin", "change": str(message)[:500]})

    def log_addition(self, request, obj, message):
        self._audit(request, obj, AuditAction.CREATE, message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, AuditAction.UPDATE, message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, AuditAction.DELETE)
        return super().log_deletions(request, queryset)


__all__ = ["ADDITION", "CHANGE", "DELETION", "PolicyModelAdmin", "site"]
