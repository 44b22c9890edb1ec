"""Admin for people. Role grants go through the service so that they are audited as grants."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OTPTOTPDeviceAdmin

from tillsammans.accounts.models import AuthenticatorDevice, Contact, Membership, User
from tillsammans.accounts.services import membership_grant
from tillsammans.core import audit
from tillsammans.core.admin import PolicyModelAdmin, site
from tillsammans.core.models import AuditAction


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


class AuthenticatorDeviceForm(forms.ModelForm):
    class Meta:
        model = AuthenticatorDevice
        fields = ["user", "name", "confirmed", "key", "step", "t0", "digits", "tolerance", "drift"]
        labels = {
            "user": _("person"), "name": _("name of the app"), "confirmed": _("confirmed"),
            "key": _("secret key"), "step": _("time step (seconds)"), "t0": _("start time (Unix time)"),
            "digits": _("number of digits"), "tolerance": _("tolerance (time steps)"),
            "drift": _("known drift (time steps)"),
        }
        help_texts = {
            "name": _("What the person calls the app, e.g. the phone's name."),
            "confirmed": _("A confirmed app can be used to log in."),
            "key": _("Made for you when the app is added; shown once as a QR code."),
            "user": "", "step": "", "t0": "", "digits": "", "tolerance": "", "drift": "",
        }


@admin.register(AuthenticatorDevice, site=site)
class AuthenticatorDeviceAdmin(PolicyModelAdmin, OTPTOTPDeviceAdmin):
    """django-otp's own admin (with its QR code page) with Swedish names for everything shown."""

    form = AuthenticatorDeviceForm
    search_help_text = _("Search by the person's user name or e-mail address.")
    list_display = ["user", "name", "created", "last_used", "confirmed_app"]
    list_filter = ["confirmed"]

    def get_list_display(self, request):
        return list(self.list_display)

    def get_fieldsets(self, request, obj=None):
        config = ["step", "t0", "digits", "tolerance"] if obj else ["key", "step", "t0", "digits", "tolerance"]
        fieldsets = [
            (_("Person and app"), {"fields": ["user", "name", "confirmed"]}),
            (_("Used"), {"fields": ["created", "last_used"]}),
            (_("Settings"), {"fields": config, "classes": ["collapse"]}),
        ]
        if obj:
            fieldsets.append((_("Set up the app"), {"fields": ["qrcode_link"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return ["created", "last_used", "qrcode_link"]

    @admin.display(description=_("added"), ordering="created_at")
    def created(self, device):
        return device.created_at or "–"

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, device):
        return device.last_used_at or "–"

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed")
    def confirmed_app(self, device):
        return device.confirmed

    @admin.display(description=_("QR code"))
    def qrcode_link(self, device):
        return super().qrcode_link(device)
