"""Admin for people. Role grants go through the service so that they are audited as grants."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OTPTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillsammans.accounts.models import Contact, Membership, User
from tillsammans.accounts.services import membership_grant
from tillsammans.core.admin import PolicyModelAdmin, site


@admin.register(User, site=site)
class UserAdmin(PolicyModelAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "hsa_id"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "phone", "title", "hsa_id")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []
    list_filter = ["is_active"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Opening a person's account is access to personal data: logged like any other.
        from django.db import transaction

        from tillsammans.core import audit
        from tillsammans.core.models import AuditAction

        with transaction.atomic():
            user = self.get_object(request, object_id)
            if user is not None and request.method == "GET":
                audit.record(request.actor, AuditAction.READ, user, person=user,
                             detail={"via": "admin"})
            return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Membership, site=site)
class MembershipAdmin(PolicyModelAdmin):
    list_display = ["user", "role", "unit", "valid_from", "valid_to"]
    list_filter = ["role"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__last_name", "user__username", "unit__name"]
    raw_id_fields = ["user", "unit"]
    filter_horizontal = ["areas"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new membership is a role grant: through the service, audited as GRANT.
        created = membership_grant(
            actor=request.actor, user=obj.user, unit=obj.unit, role=obj.role,
            function=obj.function, valid_from=obj.valid_from, valid_to=obj.valid_to,
            areas=list(form.cleaned_data.get("areas") or []))
        obj.pk = created.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)


@admin.register(Contact, site=site)
class ContactAdmin(PolicyModelAdmin):
    list_display = ["name", "role_title", "unit", "user"]
    list_select_related = ["unit", "user"]
    search_fields = ["name", "unit__name"]
    raw_id_fields = ["unit", "user"]


@admin.register(TOTPDevice, site=site)
class TOTPDeviceAdmin(PolicyModelAdmin, OTPTOTPDeviceAdmin):
    pass
