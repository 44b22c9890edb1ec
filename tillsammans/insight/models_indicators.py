"""Indicators (nyckeltal) with a unit, a good direction and a source; one value per area and year,
entered by form, imported from CSV, fetched from Kolada or computed from the system's own data;
targets linked to action-plan sub-goals."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")
    NEITHER = "", _("Neither")


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered or imported")
    KOLADA = "kolada", _("Kolada")
    COMPUTED = "computed", _("Computed in Tillsammans")


class Indicator(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("E.g. %, number, days, per 1 000 children."))
    good = models.CharField(_("good direction"), max_length=4, choices=Direction.choices, blank=True,
                            default=Direction.UP)
    source = models.CharField(_("source"), max_length=10, choices=IndicatorSource.choices,
                              default=IndicatorSource.MANUAL)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=1)
    about_people = models.BooleanField(
        _("counts people"), default=False,
        help_text=_("Values computed over fewer than five people are shown as <5."))
    kolada_kpi = models.CharField(_("Kolada key figure (KPI id)"), max_length=20, blank=True)
    measure_code = models.CharField(_("computed measure"), max_length=60, blank=True)
    on_dashboard = models.BooleanField(_("shown on the dashboards"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ValueSource(models.TextChoices):
    FORM = "form", _("Entered")
    CSV = "csv", _("Imported from CSV")
    KOLADA = "kolada", _("Kolada")
    COMPUTED = "computed", _("Computed")


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values",
                                  verbose_name=_("indicator"))
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    n = models.PositiveIntegerField(_("number of people behind the value"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=ValueSource.choices, default=ValueSource.FORM)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "area", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "area", "year"], name="indicatorvalue_unique")]
        indexes = [models.Index(fields=["area", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area} {self.year}: {self.value}"


class IndicatorTarget(models.Model):
    """A target value for a year, for one area or every area, following up an action-plan sub-goal."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("indicator"))
    sub_goal = models.ForeignKey("planning.SubGoal", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("sub-goal it follows up"))
    area = models.ForeignKey("organisations.Area", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("area (empty: every area)"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=3)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "area", "year"], name="indicatortarget_unique")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class KoladaFetch(models.Model):
    """One attempt to fetch an indicator's values from Kolada: what came and, if nothing was saved, why."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="kolada_fetches",
                                  verbose_name=_("indicator"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    ok = models.BooleanField(_("saved"), default=False)
    saved = models.PositiveIntegerField(_("values saved"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Kolada fetch")
        verbose_name_plural = _("Kolada fetches")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.at:%Y-%m-%d}"
