"""Forms of the pathway. Consent is asked with childplans' own consent form, narrowed to what the
purpose leaves open (the receiving units follow from the purpose)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillsammans.accounts.models import Contact, Membership
from tillsammans.childplans import wellbeing
from tillsammans.childplans.forms import ConsentRecordForm, NumberField
from tillsammans.networks.models import Network, NetworkKind
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Principal, Unit
from tillsammans.pathway.models import ForumDecision, MeasureStatus, WorryDecision
from tillsammans.pathway.services_handover import RECEIVING_ROLES

DATE = forms.DateInput(attrs={"type": "date"})
NEEDS = [(code, label) for code, label, _sv in wellbeing.INDICATORS]


def person_label(m: Membership) -> str:
    return f"{m.user.get_full_name()}, {m.function or m.get_role_display()} – {m.unit.name}"


def people(queryset):
    return queryset.select_related("user", "unit").order_by("user__last_name", "user__first_name")


class PathwayForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    intro = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("Who the pathway is for and how to use it. No personal data."))
    decision_days = forms.IntegerField(label=_("Days from a worry to a decision"), min_value=1, max_value=90,
                                       initial=14)
    tell_within_days = forms.IntegerField(label=_("Days within which a forum's decision is told"), min_value=1,
                                          max_value=60, initial=5)


class PathwayCreateForm(PathwayForm):
    principal = forms.ModelChoiceField(label=_("Municipality"), queryset=Principal.objects.none())

    def __init__(self, *args, principals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principal"].queryset = principals
        self.order_fields(["principal"])


class LevelForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("What the level means"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    steps = forms.CharField(label=_("Steps"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("One step per line."))
    tools = forms.CharField(label=_("Tools and material"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("One per line."))
    deadline_days = forms.IntegerField(label=_("Deadline in days"), required=False, min_value=1, max_value=365)
    contacts = forms.ModelMultipleChoiceField(label=_("Contacts with a login"), required=False, queryset=None,
                                              widget=forms.SelectMultiple(attrs={"size": 8}),
                                              help_text=_("From the directory: who to ask at this level."))
    contact_persons = forms.ModelMultipleChoiceField(label=_("Contacts without a login"), required=False,
                                                     queryset=None, widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, principal, **kwargs):
        super().__init__(*args, **kwargs)
        # The municipality's own people and everyone working in a unit that lies in its areas (a
        # region's BVC, the police, a library): the pathway's partners, from the directory.
        in_area = Membership.objects.filter(unit__area_links__area__principal=principal).values("pk")
        self.fields["contacts"].queryset = people(Membership.objects.current().filter(
            Q(unit__authority__principal=principal) | Q(pk__in=in_area), listed_in_directory=True))
        self.fields["contacts"].label_from_instance = person_label
        self.fields["contact_persons"].queryset = Contact.objects.filter(valid_to__isnull=True).select_related(
            "unit").order_by("name")
        self.fields["contact_persons"].label_from_instance = lambda c: f"{c.name}, {c.role_title} – {c.unit.name}"


class WorryEditForm(StyledMixin, forms.Form):
    seen_heard = forms.CharField(label=_("What was seen and heard"), widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("What, when, and whether you saw it, heard it or were told."))
    needs = forms.MultipleChoiceField(label=_("Kind of need"), choices=NEEDS, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("The wellbeing indicators the worry is about."))
    guardians_talk = forms.CharField(label=_("The talk with the guardians"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    guardians_talked_on = forms.DateField(label=_("Talked with the guardians on"), required=False, widget=DATE)
    childs_view = forms.CharField(label=_("The child's own view"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Required from 15: the young person's own words."))


class WorryForm(WorryEditForm):
    personal_number = NumberField(label=_("Personal identity number"), max_length=20)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    protected_identity = forms.BooleanField(label=_("Protected identity"), required=False)
    arose_on = forms.DateField(label=_("The worry arose on"), widget=DATE)

    field_order = ["personal_number", "first_name", "last_name", "protected_identity", "arose_on", "seen_heard"]


class DecideForm(StyledMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=WorryDecision.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required for “no further action”."))


class PathwayConsentForm(ConsentRecordForm):
    """childplans' consent form without the fields the purpose decides (units, dates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("receiving_units", "valid_from", "valid_to", "consent_form"):
            del self.fields[name]


class LogOpenForm(PathwayConsentForm):
    family_contact = forms.ModelChoiceField(label=_("Contact for the family"), queryset=None)
    team = forms.ModelMultipleChoiceField(label=_("People in the unit who see the log"), required=False,
                                          queryset=None, widget=forms.CheckboxSelectMultiple,
                                          help_text=_("Only the people named here see it; you are named yourself."))

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        staff = people(Membership.objects.current().filter(unit=unit, role__in=RECEIVING_ROLES))
        for name in ("family_contact", "team"):
            self.fields[name].queryset = staff
            self.fields[name].label_from_instance = person_label


class MemberForm(StyledMixin, forms.Form):
    membership = forms.ModelChoiceField(label=_("Person"), queryset=None)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = people(Membership.objects.current().filter(unit=unit,
                                                                                         role__in=RECEIVING_ROLES))
        self.fields["membership"].label_from_instance = person_label


class MeasureForm(StyledMixin, forms.Form):
    description = forms.CharField(label=_("Measure"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelChoiceField(label=_("Responsible for the measure"), queryset=None)
    evaluate_on = forms.DateField(label=_("Evaluate on"), widget=DATE)
    agreed_with_guardians = forms.BooleanField(label=_("Agreed with the guardians"), required=False, initial=True)

    def __init__(self, *args, log, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = people(Membership.objects.filter(
            relay_logs__log=log, relay_logs__removed_at__isnull=True))
        self.fields["responsible"].label_from_instance = person_label


class EvaluationForm(StyledMixin, forms.Form):
    outcome = forms.CharField(label=_("How it went"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("The measure"), choices=MeasureStatus.choices, widget=forms.RadioSelect)
    next_evaluation = forms.DateField(label=_("Next evaluation"), required=False, widget=DATE,
                                      help_text=_("For a measure that goes on."))


class RequestForm(PathwayConsentForm):
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Network.objects.none())
    question = forms.CharField(label=_("What the unit asks of the forum"), widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Shown to the forum also without consent: write it without names, "
                                           "numbers or other personal data."))
    named = forms.BooleanField(label=_("The guardians consent to the forum seeing the child"), required=False,
                               help_text=_("The consent names every unit of the forum. Without it the forum sees "
                                           "only age, area, kind of need and the question."))

    field_order = ["forum", "question", "named", "given_by", "guardians", "categories", "child_view",
                   "child_heard_how"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = Network.objects.filter(kind=NetworkKind.FORUM, valid_to__isnull=True)
        self.fields["categories"].required = False
        self.order_fields(self.field_order)


class HandoverForm(PathwayConsentForm):
    recipient = forms.ModelChoiceField(label=_("Recipient in the receiving unit"), queryset=None,
                                       required=False)
    note = forms.CharField(label=_("What the receiving unit should know"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["recipient", "note", "given_by", "guardians", "categories", "child_view", "child_heard_how"]

    def __init__(self, *args, to_unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = people(Membership.objects.current().filter(
            unit=to_unit, role__in=RECEIVING_ROLES))
        self.fields["recipient"].label_from_instance = person_label
        self.order_fields(self.field_order)


class UnitChoiceForm(StyledMixin, forms.Form):
    enhet = forms.ModelChoiceField(label=_("Receiving unit"), queryset=Unit.objects.none())

    def __init__(self, *args, exclude, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = Unit.objects.current().exclude(pk=exclude).order_by("name")


class RequestDecideForm(StyledMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ForumDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    lead = forms.ModelChoiceField(label=_("SIP coordinator who leads the plan"), required=False, queryset=None)
    service_contact = forms.ModelChoiceField(label=_("Contact in the service that gives the support"),
                                             required=False, queryset=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        staff = people(Membership.objects.current().filter(unit_id__in=units))
        self.fields["lead"].queryset = staff.filter(role="sip_lead")
        self.fields["service_contact"].queryset = staff.exclude(role__in=["system_admin", "auditor", "receiver"])
        for name in ("lead", "service_contact"):
            self.fields[name].label_from_instance = person_label


class ReasonForm(StyledMixin, forms.Form):
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
