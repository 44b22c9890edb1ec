"""People: user accounts, memberships (person × unit × role) and contacts without a login."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillsammans.accounts.roles import Role
from tillsammans.core.text import fold


class TillsammansUserManager(UserManager):
    def create_user(self, username, email=None, password=None, **extra_fields):
        return super().create_user(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who can log in. Holds no rights of its own: see Membership."""

    hsa_id = models.CharField(_("HSA-id"), max_length=64, unique=True, null=True, blank=True)
    phone = models.CharField(_("work phone"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=120, blank=True)
    name_folded = models.CharField(_("name for search"), max_length=300, editable=False, db_index=True, default="")
    last_membership = models.ForeignKey("accounts.Membership", on_delete=models.SET_NULL, null=True, blank=True,
                                        editable=False, related_name="+", verbose_name=_("role last acted in"))

    objects = TillsammansUserManager()

    # Personal-data classification (DESIGN.md rule 5).
    PERSONAL_DATA = {
        "personal": ["first_name", "last_name", "email", "phone", "hsa_id", "title"],
        "sensitive": [],
        "retention": "until_account_removed_plus_2_years",
        "archived": False,
    }

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        self.name_folded = fold(f"{self.first_name} {self.last_name} {self.email}")
        super().save(*args, **kwargs)


class MembershipQuerySet(models.QuerySet):
    def current(self, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class Membership(models.Model):
    """A person's assignment: person × unit × role, valid from/to, with an area scope."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships",
                             verbose_name=_("person"))
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT,
                             related_name="memberships", verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, db_index=True)
    function = models.CharField(_("function"), max_length=120, blank=True,
                                help_text=_("E.g. school counsellor, BVC nurse."))
    areas = models.ManyToManyField("organisations.Area", blank=True, related_name="memberships",
                                   verbose_name=_("areas"),
                                   help_text=_("For coordinators: the areas they work in."))
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    listed_in_directory = models.BooleanField(_("listed in the directory"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    function_folded = models.CharField(_("function for search"), max_length=120, editable=False, default="",
                                       db_index=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__last_name", "role"]
        indexes = [models.Index(fields=["unit", "role"]), models.Index(fields=["valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.unit}"

    def save(self, *args, **kwargs):
        self.function_folded = fold(self.function)
        super().save(*args, **kwargs)

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)


class Contact(models.Model):
    """A contact person without a login (library, dental clinic, police, civil society)."""

    name = models.CharField(_("name"), max_length=200)
    role_title = models.CharField(_("role or title"), max_length=120, blank=True)
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT,
                             related_name="contacts", verbose_name=_("unit"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    note = models.CharField(_("how to reach"), max_length=300, blank=True)
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="contacts", verbose_name=_("linked user"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    name_folded = models.CharField(_("name for search"), max_length=300, editable=False, db_index=True, default="")

    PERSONAL_DATA = {
        "personal": ["name", "email", "phone"],
        "sensitive": [],
        "retention": "until_removed",
        "archived": False,
    }

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(f"{self.name} {self.role_title}")
        super().save(*args, **kwargs)


class AuthenticatorDevice(TOTPDevice):
    """The second factor as the admin names it: an authenticator app's key (django-otp's TOTP device)."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")


class OtpEnrolment(models.Model):
    """A one-time right to set up a new authenticator, given when an administrator resets a
    person's second factor. The link goes to the person's own e-mail; only a hash is kept, and
    nobody but the person ever sees the new secret (ADR 0006)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="otp_enrolments",
                             verbose_name=_("user"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("reset by"))

    class Meta:
        verbose_name = _("second-factor enrolment")
        verbose_name_plural = _("second-factor enrolments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
