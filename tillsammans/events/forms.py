from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.accounts.roles import Role
from tillsammans.core.calendar import STOCKHOLM
from tillsammans.core.publicforms import BotGuardForm
from tillsammans.events.models import Course, EventKind, EventSeries
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area, Unit

AUDIENCE_ROLES = [(r.value, r.label) for r in Role if r not in (Role.SYSTEM_ADMIN, Role.AUDITOR)]


class EventForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    series = forms.ModelChoiceField(label=_("Part of a series"), queryset=EventSeries.objects.none(),
                                    required=False)
    presenting_unit = forms.ModelChoiceField(label=_("Presenting unit"), required=False,
                                             queryset=Unit.objects.none(),
                                             help_text=_("In a breakfast series: the agency presenting itself."))
    course = forms.ModelChoiceField(label=_("Attending completes the course"), required=False,
                                    queryset=Course.objects.filter(active=True))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    accessibility = forms.CharField(label=_("Accessibility at the place"), max_length=300, required=False,
                                    help_text=_("E.g. step-free entrance, hearing loop, accessible toilet."))
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)
    deadline = forms.DateField(label=_("Last day to register"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    open_to_guests = forms.BooleanField(label=_("Open to external guests (public registration form)"),
                                        required=False)
    audience_roles = forms.MultipleChoiceField(label=_("Audience (roles)"), choices=AUDIENCE_ROLES, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    audience_areas = forms.ModelMultipleChoiceField(label=_("Audience (areas)"), required=False,
                                                    queryset=Area.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        membership = getattr(actor, "membership", None)
        self.fields["series"].queryset = EventSeries.objects.filter(organisers=membership) if membership \
            else EventSeries.objects.none()
        self.fields["presenting_unit"].queryset = Unit.objects.current().order_by("name")
        self.fields["audience_areas"].queryset = Area.objects.current().filter(
            kind__in=["municipality", "district"]).order_by("name")

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            data["starts_at"] = datetime.combine(day, start, STOCKHOLM)
            data["ends_at"] = datetime.combine(day, end, STOCKHOLM)
        if data.get("deadline"):
            data["registration_deadline"] = datetime.combine(data["deadline"], time(23, 59), STOCKHOLM)
        else:
            data["registration_deadline"] = None
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        keys = ("title", "kind", "series", "presenting_unit", "course", "description", "starts_at", "ends_at",
                "place", "accessibility", "video_link", "capacity", "registration_deadline", "open_to_guests",
                "audience_roles")
        return {k: data.get(k) if data.get(k) is not None else "" for k in keys} | {
            "series": data.get("series"), "presenting_unit": data.get("presenting_unit"),
            "course": data.get("course"), "registration_deadline": data.get("registration_deadline"),
            "audience_roles": list(data.get("audience_roles") or [])}

    @staticmethod
    def initial_for(event) -> dict:
        start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        return {"title": event.title, "kind": event.kind, "series": event.series_id,
                "presenting_unit": event.presenting_unit_id, "course": event.course_id,
                "description": event.description, "day": start.date(), "start": start.time(), "end": end.time(),
                "place": event.place, "accessibility": event.accessibility, "video_link": event.video_link,
                "capacity": event.capacity, "open_to_guests": event.open_to_guests,
                "deadline": timezone.localtime(event.registration_deadline).date()
                if event.registration_deadline else None,
                "audience_roles": event.audience_roles, "audience_areas": list(event.audience_areas.all())}


class SeriesForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices, initial=EventKind.BREAKFAST)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class GuestForm(StyledMixin, BotGuardForm):
    """The public registration form (bots are kept out by the shared public-form guard)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), error_messages={"invalid": _("Write a whole e-mail address, "
                                                                             "e.g. namn@exempel.se.")})
    dietary = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)


class WalkInForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


RATING = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(StyledMixin, forms.Form):
    rating = forms.TypedChoiceField(label=_("Overall, how was the event? (1 = poor, 5 = very good)"),
                                    choices=RATING, coerce=int, widget=forms.RadioSelect)
    useful = forms.TypedChoiceField(label=_("How useful is it in your work? (1 = not at all, 5 = very)"),
                                    choices=RATING, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Anything else? (optional)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class CourseForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    validity_years = forms.IntegerField(label=_("Valid for (years)"), required=False, min_value=1, max_value=20,
                                        help_text=_("Leave empty if the course never needs to be refreshed."))
    sub_goal_number = forms.RegexField(
        label=_("Follows up sub-goal in the action plans"), required=False, max_length=20,
        regex=r"^\d+(\.\d+)*$", error_messages={"invalid": _("Write a sub-goal number such as 7.3.1.")},
        help_text=_("The plan's follow-up of that sub-goal then shows this course's coverage."))
    active = forms.BooleanField(label=_("Offered and required (untick to end the course)"), required=False,
                                initial=True)


class RequirementForm(StyledMixin, forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.filter(active=True))
    role = forms.ChoiceField(label=_("Role"), choices=AUDIENCE_ROLES)
    area = forms.ModelChoiceField(label=_("Area"), required=False, queryset=Area.objects.none(),
                                  empty_label=_("Everywhere"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.current().order_by("name")


class CompletionForm(StyledMixin, forms.Form):
    email = forms.EmailField(label=_("The person's work e-mail"))
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.filter(active=True))
    completed_on = forms.DateField(label=_("Completed on"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(label=_("Evidence"), max_length=300,
                               help_text=_("E.g. a certificate from the course provider."))
