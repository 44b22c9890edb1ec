"""Admin for people. Role grants go through the service so that they are audited as grants."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.accounts.models import AuthenticatorDevice, Contact, Membership, OtpEnrolment, User
from tillsammans.accounts.services import membership_end, membership_grant
from tillsammans.accounts.services_otp import EnrolmentError, second_factor_reset
from tillsammans.core import audit
from tillsammans.core.admin import PolicyModelAdmin, site
from tillsammans.core.models import AuditAction


def _reset(modeladmin, request, users) -> None:
    done = 0
    for user in users:
        try:
            second_factor_reset(actor=request.actor, user=user)
            done += 1
        except EnrolmentError as exc:
            modeladmin.message_user(request, f"{user}: {exc}", messages.ERROR)
    if done:
        modeladmin.message_user(request, _(
            "The second factor was reset for %(n)s person(s). Each gets an e-mail with a link to "
            "set up a new authenticator.") % {"n": done}, messages.SUCCESS)


@admin.action(description=gettext_lazy("Reset second factor (the person sets up a new one)"))
def reset_second_factor(modeladmin, request, queryset):
    _reset(modeladmin, request, list(queryset))


@admin.register(User, site=site)
class UserAdmin(PolicyModelAdmin, DjangoUserAdmin):
    actions = [reset_second_factor]
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


@admin.action(description=gettext_lazy("End the chosen memberships today (never deleted)"))
def end_memberships(modeladmin, request, queryset):
    ended = 0
    for membership in queryset.select_related("user", "unit"):
        if membership.is_current():
            membership_end(actor=request.actor, membership=membership)
            ended += 1
    modeladmin.message_user(request, _("%(n)s memberships were ended today.") % {"n": ended}, messages.SUCCESS)


@admin.register(Membership, site=site)
class MembershipAdmin(PolicyModelAdmin):
    actions = [end_memberships]
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


@admin.action(description=gettext_lazy("Reset second factor (the person sets up a new one)"))
def reset_device_owner(modeladmin, request, queryset):
    _reset(modeladmin, request, list(User.objects.filter(pk__in=queryset.values("user_id"))))


@admin.register(AuthenticatorDevice, site=site)
class AuthenticatorDeviceAdmin(PolicyModelAdmin):
    """Devices can be seen and reset, never read, added or changed: the secret stays with the
    person who enrolled it (no impersonation by administrators)."""

    list_display = ["person", "app_name", "confirmed_app", "added", "last_used"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    search_help_text = gettext_lazy("Search by the person's name, user name or e-mail address.")
    fields = list_display
    readonly_fields = fields
    actions = [reset_device_owner]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("person"), ordering="user__last_name")
    def person(self, device):
        return device.user

    @admin.display(description=gettext_lazy("name of the app"), ordering="name")
    def app_name(self, device):
        return device.name

    @admin.display(description=gettext_lazy("confirmed"), boolean=True, ordering="confirmed")
    def confirmed_app(self, device):
        return device.confirmed

    @admin.display(description=gettext_lazy("added"), ordering="created_at")
    def added(self, device):
        return device.created_at or "–"

    @admin.display(description=gettext_lazy("last used"), ordering="last_used_at")
    def last_used(self, device):
        return device.last_used_at or "–"


@admin.register(OtpEnrolment, site=site)
class OtpEnrolmentAdmin(PolicyModelAdmin):
    list_display = ["user", "created_at", "expires_at", "used_at", "created_by"]
    list_select_related = ["user", "created_by"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
