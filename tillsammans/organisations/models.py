"""Principals, authorities (secrecy domains), units as a tree, unit types and areas."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.core.text import fold
from tillsammans.organisations import validators


class CurrentQuerySet(models.QuerySet):
    """Rows without an end date in the past. Nothing is deleted by reorganisation."""

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class PrincipalKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    PRIVATE = "private", _("Private provider")
    NONPROFIT = "nonprofit", _("Non-profit organisation")
    STATE = "state", _("State agency")


class Principal(models.Model):
    """A huvudman: municipality, region, private provider, non-profit or state agency."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PrincipalKind.choices)
    org_number = models.CharField(_("organisation number"), max_length=11, unique=True, null=True,
                                  blank=True, validators=[validators.validate_org_number])
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("principal")
        verbose_name_plural = _("principals")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AuthorityKind(models.TextChoices):
    COMMITTEE = "committee", _("Committee")
    CARE_PROVIDER = "care_provider", _("Care provider")
    BOARD = "board", _("Board")
    AGENCY = "agency", _("Agency")


class Authority(models.Model):
    """A committee or a region's care provider: a separate secrecy domain inside a principal."""

    principal = models.ForeignKey(Principal, on_delete=models.PROTECT, related_name="authorities",
                                  verbose_name=_("principal"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AuthorityKind.choices,
                            default=AuthorityKind.COMMITTEE)
    secrecy_domain = models.CharField(_("secrecy domain"), max_length=120, blank=True,
                                      help_text=_("E.g. OSL 26 kap. for social services."))
    hsa_id = models.CharField(_("HSA-id"), max_length=64, unique=True, null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["principal__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["principal", "name"], name="authority_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.principal})"


class UnitType(models.Model):
    """A managed catalogue: förskola, BVC, socialtjänst, bibliotek, … (more can be added)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    sort_order = models.PositiveIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit type")
        verbose_name_plural = _("unit types")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class AreaKind(models.TextChoices):
    COUNTY = "county", _("County")
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("City district")
    SUB_AREA = "sub_area", _("Sub-area")
    PRINCIPAL_AREA = "principal_area", _("Principal area")


class Area(models.Model):
    """An area in a tree (municipality → city district → sub-area), with an optional boundary."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("part of"))
    principal = models.ForeignKey(Principal, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="areas", verbose_name=_("municipality"))
    code = models.CharField(_("code"), max_length=40, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True,
                                validators=[validators.validate_geojson_boundary])
    description = models.TextField(_("about the area"), blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    name_folded = models.CharField(_("name for search"), max_length=200, editable=False, db_index=True, default="")

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="area_unique_name_in_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Unit(models.Model):
    """A unit (one preschool, one BVC, …) or an administration, in a tree under an authority."""

    name = models.CharField(_("name"), max_length=200)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="units",
                                  verbose_name=_("authority"))
    unit_type = models.ForeignKey(UnitType, on_delete=models.PROTECT, related_name="units",
                                  verbose_name=_("unit type"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("part of"))
    org_number = models.CharField(_("organisation number"), max_length=11, null=True, blank=True,
                                  validators=[validators.validate_org_number])
    hsa_id = models.CharField(_("HSA-id"), max_length=64, unique=True, null=True, blank=True,
                              validators=[validators.validate_hsa_id])
    code = models.CharField(_("unit code"), max_length=40, unique=True, null=True, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True,
                                   validators=[validators.validate_postal_code])
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what we do"), blank=True)
    areas = models.ManyToManyField(Area, through="UnitArea", related_name="units", blank=True,
                                   verbose_name=_("areas"))
    served_areas = models.ManyToManyField(Area, related_name="serving_units", blank=True,
                                          verbose_name=_("serves areas"))
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    name_folded = models.CharField(_("name for search"), max_length=200, editable=False, db_index=True, default="")

    objects = CurrentQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["unit_type", "name"]),
            models.Index(fields=["org_number"]),
            models.Index(fields=["valid_to"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(f"{self.name} {self.city} {self.unit_type.name}")[:200]
        super().save(*args, **kwargs)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class UnitArea(models.Model):
    """A unit lies inside an area: computed from the unit's point and the area's boundary."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="area_links", verbose_name=_("unit"))
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="unit_links", verbose_name=_("area"))

    class Meta:
        verbose_name = _("unit in area")
        verbose_name_plural = _("units in areas")
        constraints = [models.UniqueConstraint(fields=["unit", "area"], name="unitarea_unique")]
        indexes = [models.Index(fields=["area", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit_id} in {self.area_id}"
