"""Forms of parenting support: the public sign-up and evaluation (shared bot guard), the catalogue's
filter, and the professionals' forms for offers, texts, groups, sessions, leaders and materials."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.core.calendar import STOCKHOLM
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area, Unit
from tillsammans.support.forms_public import EMAIL_ERRORS, PhoneField
from tillsammans.support.languages import CHOICES as LANGUAGE_CHOICES
from tillsammans.support.models import (
    AgeBand,
    MaterialKind,
    OfferKind,
    Programme,
    RemindBy,
    SignUp,
    StockKind,
)
from tillsammans.support.models_groups import LeaderStatus

SUB_GOAL = {"regex": r"^\d+(\.\d+)*$", "max_length": 20, "required": False,
            "error_messages": {"invalid": _("Write a sub-goal number such as 7.1.2.")}}
def date_input():
    return forms.DateInput(attrs={"type": "date"})


class ProfessionalSignUpForm(StyledMixin, forms.Form):
    """A professional signs a parent up, with the parent's agreement."""

    name = forms.CharField(label=_("The parent's name"), max_length=200)
    age_band = forms.ChoiceField(label=_("The children's age"), choices=AgeBand.choices, widget=forms.RadioSelect)
    remind_by = forms.ChoiceField(label=_("Confirmation and reminders by"), choices=RemindBy.choices,
                                  initial=RemindBy.EMAIL, widget=forms.RadioSelect)
    email = forms.EmailField(label=_("E-mail"), required=False, error_messages=EMAIL_ERRORS)
    phone = PhoneField(label=_("Mobile number"), required=False, max_length=30)
    language = forms.ChoiceField(label=_("Messages in"), choices=LANGUAGE_CHOICES, initial="sv")
    agreement = forms.BooleanField(label=_("The parent has agreed to be signed up and to get messages"),
                                   required=False)


class SendLinkForm(StyledMixin, forms.Form):
    email = forms.EmailField(label=_("The family's e-mail"), required=False, error_messages=EMAIL_ERRORS)
    phone = PhoneField(label=_("Or their mobile number"), required=False, max_length=30)
    language = forms.ChoiceField(label=_("Language of the link"), choices=LANGUAGE_CHOICES, initial="sv")


# Offers -------------------------------------------------------------------------------------------


class OfferForm(StyledMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OfferKind.choices)
    programme = forms.ModelChoiceField(label=_("Programme"), required=False, queryset=Programme.objects.none(),
                                       help_text=_("For a parent programme run as groups."))
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Unit.objects.none())
    areas = forms.ModelMultipleChoiceField(label=_("For families in"), queryset=Area.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)
    for_expecting = forms.BooleanField(label=_("For expecting parents"), required=False)
    age_from = forms.IntegerField(label=_("Children's age from (years)"), required=False, min_value=0, max_value=18)
    age_to = forms.IntegerField(label=_("Children's age to (years)"), required=False, min_value=0, max_value=18)
    spoken = forms.MultipleChoiceField(label=_("Held in"), choices=LANGUAGE_CHOICES, initial=["sv"],
                                       widget=forms.CheckboxSelectMultiple)
    free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    signup = forms.ChoiceField(label=_("How to sign up"), choices=SignUp.choices, initial=SignUp.CONTACT)
    signup_url = forms.URLField(label=_("Sign-up page"), required=False, assume_scheme="https")
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    contact_email = forms.EmailField(label=_("E-mail"), required=False, error_messages=EMAIL_ERRORS)
    street = forms.CharField(label=_("Street address"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=6)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    published = forms.BooleanField(label=_("Show in the public catalogue"), required=False)
    ends_on = forms.DateField(label=_("Offered until"), required=False, widget=date_input())
    sub_goal_number = forms.RegexField(label=_("Follows up sub-goal in the action plans"), **SUB_GOAL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(active=True)
        self.fields["provider"].queryset = Unit.objects.current().order_by("name")
        self.fields["areas"].queryset = Area.objects.current().order_by("name")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        areas, spoken = data.pop("areas"), data.pop("spoken")
        for key in ("signup_url", "contact_phone", "contact_email", "street", "postal_code", "city",
                    "sub_goal_number"):
            data[key] = data.get(key) or ""
        return {"areas": list(areas), "spoken": list(spoken), **data}

    @staticmethod
    def initial_for(offer) -> dict:
        return {"kind": offer.kind, "programme": offer.programme_id, "provider": offer.provider_id,
                "areas": list(offer.areas.all()), "for_expecting": offer.for_expecting, "age_from": offer.age_from,
                "age_to": offer.age_to, "spoken": [s.code for s in offer.spoken.all()], "free": offer.free,
                "signup": offer.signup, "signup_url": offer.signup_url, "contact_phone": offer.contact_phone,
                "contact_email": offer.contact_email, "street": offer.street, "postal_code": offer.postal_code,
                "city": offer.city, "published": offer.published, "ends_on": offer.ends_on,
                "sub_goal_number": offer.sub_goal_number}


class OfferTextForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("In short"), max_length=300,
                              help_text=_("One or two sentences shown in the list."))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    times = forms.CharField(label=_("When"), required=False, max_length=300,
                            help_text=_("E.g. Tuesdays 9–12, not during school holidays."))
    cost = forms.CharField(label=_("Cost"), required=False, max_length=200,
                           help_text=_("Only if it is not free."))
    signup_note = forms.CharField(label=_("How to sign up"), required=False, max_length=300)
    accessibility = forms.CharField(label=_("Accessibility"), required=False, max_length=300,
                                    help_text=_("E.g. step-free entrance, hearing loop, room for prams."))


class NewOfferForm(OfferForm):
    """A new offer with its Swedish text on the same page."""

    title = OfferTextForm.base_fields["title"]
    summary = OfferTextForm.base_fields["summary"]
    description = OfferTextForm.base_fields["description"]
    times = OfferTextForm.base_fields["times"]
    cost = OfferTextForm.base_fields["cost"]
    signup_note = OfferTextForm.base_fields["signup_note"]
    accessibility = OfferTextForm.base_fields["accessibility"]

    TEXT = ("title", "summary", "description", "times", "cost", "signup_note", "accessibility")

    def service_data(self) -> dict:
        data = super().service_data()
        return {k: v for k, v in data.items() if k not in self.TEXT} | {
            "text": {k: self.cleaned_data.get(k, "") for k in self.TEXT}}


# Groups and sessions ------------------------------------------------------------------------------


class GroupForm(StyledMixin, forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    offer = forms.ModelChoiceField(label=_("Shown on the offer"), queryset=None,
                                   help_text=_("Parents find the group and sign up on this offer's public page."))
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. ABC autumn 2025, Tuesday evenings."))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="sv")
    childcare = forms.BooleanField(label=_("Childcare during the sessions"), required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=200, initial=12)
    starts_on = forms.DateField(label=_("First day"), widget=date_input())
    ends_on = forms.DateField(label=_("Last day"), widget=date_input())
    place = forms.CharField(label=_("Place"), max_length=300)
    signup_open = forms.BooleanField(label=_("Open for sign-up"), required=False, initial=True)
    leaders = forms.ModelMultipleChoiceField(label=_("Leaders"), required=False, queryset=None,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        from tillsammans.support.models import GroupLeader, Offer

        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(active=True)
        self.fields["offer"].queryset = Offer.objects.filter(kind=OfferKind.PROGRAMME).prefetch_related("texts")
        self.fields["offer"].label_from_instance = _offer_label
        self.fields["area"].queryset = Area.objects.current().order_by("name")
        self.fields["leaders"].queryset = GroupLeader.objects.select_related("contact__unit")
        self.fields["leaders"].label_from_instance = lambda leader: f"{leader.contact.name} ({leader.contact.unit})"

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        return {"leaders": list(data.pop("leaders")), **data}

    @staticmethod
    def initial_for(group) -> dict:
        return {"programme": group.programme_id, "offer": group.offer_id, "name": group.name, "area": group.area_id,
                "language": group.language, "childcare": group.childcare, "capacity": group.capacity,
                "starts_on": group.starts_on, "ends_on": group.ends_on, "place": group.place,
                "signup_open": group.signup_open, "leaders": list(group.leaders.all())}


def _offer_label(offer) -> str:
    from tillsammans.support.selectors import text_for

    return text_for(offer, "sv").title


class SessionForm(StyledMixin, forms.Form):
    day = forms.DateField(label=_("Date"), widget=date_input())
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Place"), required=False, max_length=300,
                            help_text=_("Leave empty if it is the group's usual place."))
    theme = forms.CharField(label=_("Theme"), required=False, max_length=200)

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {"starts_at": datetime.combine(data["day"], data["start"], STOCKHOLM),
                "ends_at": datetime.combine(data["day"], data["end"], STOCKHOLM),
                "place": data.get("place", ""), "theme": data.get("theme", "")}

    @staticmethod
    def initial_for(session) -> dict:
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return {"day": start.date(), "start": start.time(), "end": end.time(), "place": session.place,
                "theme": session.theme}


# Programmes, leaders, materials -------------------------------------------------------------------


class ProgrammeForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    certification_required = forms.BooleanField(label=_("Group leaders must be certified"), required=False,
                                                initial=True)
    sub_goal_number = forms.RegexField(label=_("Follows up sub-goal in the action plans"), **SUB_GOAL,
                                       help_text=_("The plan's follow-up of that sub-goal then shows the "
                                                   "programme's groups and parents."))
    active = forms.BooleanField(label=_("Active (untick to end the programme)"), required=False, initial=True)


class LeaderForm(StyledMixin, forms.Form):
    contact = forms.ModelChoiceField(label=_("An existing contact"), required=False, queryset=None,
                                     help_text=_("Or leave empty and write a new person below."))
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    unit = forms.ModelChoiceField(label=_("Comes from the unit"), required=False, queryset=Unit.objects.none())
    email = forms.EmailField(label=_("Work e-mail"), required=False, error_messages=EMAIL_ERRORS)
    phone = forms.CharField(label=_("Work phone"), required=False, max_length=40)
    available_next_term = forms.BooleanField(label=_("Available next term"), required=False, initial=True)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        from tillsammans.accounts.models import Contact

        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = Contact.objects.filter(group_leader__isnull=True).select_related("unit")
        self.fields["unit"].queryset = Unit.objects.current().order_by("name")


class LeaderChangeForm(StyledMixin, forms.Form):
    available_next_term = forms.BooleanField(label=_("Available next term"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class LeaderProgrammeForm(StyledMixin, forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=LeaderStatus.choices)
    since = forms.DateField(label=_("Since"), widget=date_input(), initial=timezone.localdate)
    certified_on = forms.DateField(label=_("Certified on"), required=False, widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(active=True)


class MaterialForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sub_goal_number = forms.RegexField(label=_("Follows up sub-goal in the action plans"), **SUB_GOAL)
    active = forms.BooleanField(label=_("Active (untick to end the material)"), required=False, initial=True)


class StockForm(StyledMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("What happened"), choices=StockKind.choices, widget=forms.RadioSelect,
                             initial=StockKind.HANDED_OUT)
    quantity = forms.IntegerField(label=_("How many"), min_value=0, max_value=100000,
                                  help_text=_("For a stocktaking: the number counted."))
    on = forms.DateField(label=_("Date"), widget=date_input(), initial=timezone.localdate)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
