"""Forms for newsletters: composing (staff) and subscribing (public, guarded against bots)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.core.publicforms import BotGuardForm
from tillsammans.events.models import Event
from tillsammans.insight.models_indicators import Indicator
from tillsammans.insight.models_newsletters import Newsletter
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area
from tillsammans.planning.models import Adoption


class NewsletterForm(StyledMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    events = forms.ModelMultipleChoiceField(label=_("Coming events"), queryset=Event.objects.none(), required=False,
                                            widget=forms.CheckboxSelectMultiple)
    indicators = forms.ModelMultipleChoiceField(label=_("Indicator changes"), queryset=Indicator.objects.none(),
                                                required=False, widget=forms.CheckboxSelectMultiple)
    area = forms.ModelChoiceField(label=_("Area whose indicators are shown"), queryset=Area.objects.none(),
                                  required=False, help_text=_("Empty: the county."))
    adoptions = forms.ModelMultipleChoiceField(label=_("Adoptions of a shared vision"), required=False,
                                               queryset=Adoption.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        coming = Event.objects.filter(starts_at__gte=now, starts_at__lt=now + timedelta(days=120), cancelled=False)
        self.fields["events"].queryset = Event.objects.filter(
            pk__in=list(coming.order_by("starts_at").values_list("pk", flat=True)[:30])).order_by("starts_at")
        self.fields["events"].label_from_instance = lambda e: f"{timezone.localtime(e.starts_at):%Y-%m-%d} {e.title}"
        self.fields["indicators"].queryset = Indicator.objects.order_by("name")
        self.fields["area"].queryset = Area.objects.current().filter(
            kind__in=["county", "municipality", "district"]).order_by("kind", "name")
        latest = list(Adoption.objects.order_by("-decided_on").values_list("pk", flat=True)[:30])
        self.fields["adoptions"].queryset = Adoption.objects.filter(pk__in=latest).select_related(
            "vision", "committee__principal").order_by("-decided_on")
        self.fields["adoptions"].label_from_instance = lambda a: (
            f"{a.decided_on:%Y-%m-%d} {a.committee.principal.name}, {a.committee.name}: {a.vision.name}")
        for name in ("events", "indicators", "adoptions"):
            self.fields[name].widget.attrs.pop("class", None)

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {"subject": data["subject"], "body": data["body"], "events": list(data.get("events") or []),
                "indicators": list(data.get("indicators") or []), "adoptions": list(data.get("adoptions") or []),
                "area": data.get("area")}

    @staticmethod
    def initial_for(newsletter: Newsletter) -> dict:
        return {"subject": newsletter.subject, "body": newsletter.body, "events": list(newsletter.events.all()),
                "indicators": list(newsletter.indicators.all()), "adoptions": list(newsletter.adoptions.all()),
                "area": newsletter.area}


class SubscribeForm(BotGuardForm):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "ds-input"}))
