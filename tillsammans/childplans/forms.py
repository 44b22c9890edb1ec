from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tillsammans.accounts.models import Membership
from tillsammans.childplans.models import (
    ConsentForm,
    ConsentGiver,
    InformationCategory,
    LegalGround,
    Objection,
    PlanStatus,
)
from tillsammans.core import identity
from tillsammans.core.widgets import InlineRenderer
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Principal, Unit


class NumberField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        try:
            return identity.normalise(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


class SearchForm(StyledMixin, forms.Form):
    personal_number = NumberField(label=_("Personal identity number"), max_length=20,
                                  help_text=_("The full number, YYYYMMDD-NNNN."))


class PlanListForm(StyledMixin, forms.Form):
    """The plan list's search: a name, a personal identity number or a plan number; a status. Its
    input and select are written out in Python (core.widgets), as on every request of the list."""

    default_renderer = InlineRenderer

    q = forms.CharField(label=_("Search"), max_length=100, required=False,
                        help_text=_("The beginning of a first or last name, the full personal identity "
                                    "number or the plan's number."))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *PlanStatus.choices])

    def clean(self):
        data = super().clean()
        page = self.data.get("page", "1")
        if not page.isdigit() or int(page) < 1:
            raise forms.ValidationError(_("The page number must be a whole number from 1."))
        return data


class StartForm(StyledMixin, forms.Form):
    personal_number = NumberField(label=_("Personal identity number"), max_length=20)
    first_name = forms.CharField(label=_("First name"), max_length=100,
                                 error_messages={"required": _("Give the child's first name.")})
    last_name = forms.CharField(label=_("Last name"), max_length=100,
                                error_messages={"required": _("Give the child's last name.")})
    protected_identity = forms.BooleanField(label=_("Protected identity"), required=False)
    reason = forms.CharField(label=_("Why a coordinated plan is needed"), widget=forms.Textarea(
        attrs={"rows": 3}), required=False)


class GuardianForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    has_custody = forms.BooleanField(label=_("Has custody"), required=False, initial=True)
    protected_identity = forms.BooleanField(
        label=_("The guardian has protected identity"), required=False,
        help_text=_("Skyddade personuppgifter: only the SIP coordinator sees the name and contact "
                    "details; the address is shown to nobody."))
    personal_number = forms.CharField(label=_("Personal identity number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


def _guardian_label(plan=None, child=None, basis: str = "lead"):
    """Guardians in a choice list: through the one display function (the lead's view of a page, or
    the viewer's own basis on a pathway page)."""
    child = plan.child if plan is not None else child
    return lambda g: identity.shown(g, basis=basis, child=child).label


class ConsentRecordForm(StyledMixin, forms.Form):
    receiving_units = forms.ModelMultipleChoiceField(
        label=_("Receiving units"), queryset=Unit.objects.none(),
        help_text=_("Name each unit; a consent for all authorities is not possible."),
        error_messages={"required": _("Name at least one receiving unit. A consent for all "
                                      "authorities is not possible.")},
        widget=forms.SelectMultiple(attrs={"size": 8}))
    categories = forms.ModelMultipleChoiceField(label=_("Categories of information"),
                                                queryset=InformationCategory.objects.all(),
                                                widget=forms.CheckboxSelectMultiple)
    given_by = forms.ChoiceField(label=_("Who gives the consent"), choices=ConsentGiver.choices,
                                 initial=ConsentGiver.GUARDIANS, widget=forms.RadioSelect,
                                 help_text=_("From 15 the young person may consent themselves where the law "
                                             "allows it; record how they were heard."))
    guardians = forms.ModelMultipleChoiceField(label=_("Guardians who give their consent"), required=False,
                                               queryset=None, widget=forms.CheckboxSelectMultiple)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Valid to"), widget=forms.DateInput(attrs={"type": "date"}))
    consent_form = forms.ChoiceField(label=_("Form"), choices=ConsentForm.choices)
    child_view = forms.CharField(label=_("The child's own view"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    child_heard_how = forms.CharField(label=_("How the child was heard"), required=False, max_length=300)

    def __init__(self, *args, plan=None, child=None, basis: str = "lead", **kwargs):
        super().__init__(*args, **kwargs)
        child = plan.child if plan is not None else child
        self.fields["receiving_units"].queryset = Unit.objects.current().select_related(
            "unit_type").order_by("name")
        self.fields["guardians"].queryset = child.guardians.all()
        self.fields["guardians"].label_from_instance = _guardian_label(child=child, basis=basis)


class WithdrawForm(StyledMixin, forms.Form):
    guardian = forms.ModelChoiceField(label=_("Who withdraws"), queryset=None, required=False,
                                      empty_label=_("The young person themselves (their own consent)"))
    units = forms.ModelMultipleChoiceField(label=_("Withdrawn for"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, consent, basis: str = "lead", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = consent.child.guardians.all()
        self.fields["guardian"].label_from_instance = _guardian_label(child=consent.child, basis=basis)
        self.fields["units"].queryset = consent.receiving_units.all()


class ParticipantForm(StyledMixin, forms.Form):
    membership = forms.ModelChoiceField(label=_("Person"), queryset=None)

    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.current().filter(
            unit_id__in=unit_ids).select_related("user", "unit").order_by("unit__name", "user__last_name")
        self.fields["membership"].label_from_instance = (
            lambda m: f"{m.user.get_full_name()}, {m.function or m.get_role_display()} – {m.unit.name}")


class EmergencyForm(StyledMixin, forms.Form):
    """Number, ground and reason first: the whole form is validated before any look-up."""

    personal_number = NumberField(label=_("Personal identity number"), max_length=20)
    legal_ground = forms.ChoiceField(label=_("Legal ground"), choices=[("", "–"), *LegalGround.choices],
                                     error_messages={"required": _("Choose the legal ground.")})
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), min_length=20,
        help_text=_("Written to the access log. The plan's SIP coordinator and the log auditors are told "
                    "at once, and a second person must confirm the access."),
        error_messages={"required": _("Write the reason in at least a full sentence (20 characters)."),
                        "min_length": _("Write the reason in at least a full sentence (20 characters).")})


class EmergencyConfirmForm(StyledMixin, forms.Form):
    note = forms.CharField(label=_("Your assessment"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Was the emergency access justified? Written to the access log."),
                           error_messages={"required": _("Write your assessment of the emergency access.")})


class PlanUpdateForm(StyledMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    lead_principal = forms.ModelChoiceField(label=_("Principal with overall responsibility"),
                                            queryset=Principal.objects.current(), required=False)
    closed_reason = forms.CharField(label=_("Reason for closing"), max_length=300, required=False)
    childs_view = forms.CharField(label=_("What is important to the child"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    guardians_view = forms.CharField(label=_("The guardians' views"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_date = forms.DateField(label=_("Follow-up date"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))


def _indicator_field(label):
    from tillsammans.childplans import wellbeing

    return forms.MultipleChoiceField(label=label, required=False, widget=forms.CheckboxSelectMultiple,
                                     choices=[(c, lab) for c, lab, _sv in wellbeing.INDICATORS])


class GoalForm(StyledMixin, forms.Form):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("A goal that can be evaluated; in the child's words where possible."))
    childs_own = forms.BooleanField(label=_("The child's own goal"), required=False)
    indicators = _indicator_field(_("Wellbeing indicators"))


class InterventionForm(StyledMixin, forms.Form):
    from tillsammans.childplans.models import InterventionStatus

    description = forms.CharField(label=_("Intervention"), widget=forms.Textarea(attrs={"rows": 2}))
    principal = forms.ModelChoiceField(label=_("Provided by principal"), required=False,
                                       queryset=Principal.objects.current())
    unit = forms.ModelChoiceField(label=_("Responsible unit"), required=False,
                                  queryset=Unit.objects.current().order_by("name"))
    other_actor = forms.CharField(label=_("Or provided by others (civil society, …)"), required=False)
    responsible_membership = forms.ModelChoiceField(
        label=_("Responsible person among the participants"), queryset=Membership.objects.none(),
        required=False)
    responsible_person = forms.CharField(label=_("Or responsible person outside the plan"), required=False,
                                         help_text=_("Free text, for someone who does not take part."))
    start = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=InterventionStatus.choices)
    indicators = _indicator_field(_("Wellbeing indicators"))

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            field = self.fields["responsible_membership"]
            field.queryset = Membership.objects.filter(
                plan_participations__plan=plan, plan_participations__removed_at__isnull=True
            ).select_related("user", "unit").order_by("unit__name", "user__last_name")
            field.label_from_instance = (
                lambda m: f"{m.user.get_full_name()}, {m.function or m.get_role_display()} – {m.unit.name}")


class AssessmentForm(StyledMixin, forms.Form):
    from tillsammans.childplans.models import WellbeingAssessment

    by = forms.ChoiceField(label=_("Rated by"), choices=WellbeingAssessment.By.choices)
    assessed_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=_("Today or earlier."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from tillsammans.childplans import wellbeing

        scale = [("", "–"), *[(str(n), str(n)) for n in wellbeing.SCALE]]
        for code, label, _sv in wellbeing.INDICATORS:
            self.fields[code] = forms.TypedChoiceField(
                label=label, choices=scale, coerce=int,
                help_text=_("1 = great concern, 5 = doing well."),
                widget=forms.Select(attrs={"class": "ds-input"}))


class MeetingForm(StyledMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"), input_formats=["%Y-%m-%dT%H:%M",
                                                                                    "%Y-%m-%d %H:%M"])
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"), input_formats=["%Y-%m-%dT%H:%M",
                                                                                    "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Place or video link"), max_length=300)
    book_anyway = forms.BooleanField(label=_("Book anyway, even though someone is already booked then"),
                                     required=False)

    def booking(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("starts_at", "ends_at", "place")}


class YoungRequestForm(StyledMixin, forms.Form):
    """Filled in by a professional together with the young person (15 or older)."""

    personal_number = NumberField(label=_("The young person's personal identity number"), max_length=20)
    first_name = forms.CharField(label=_("First name"), max_length=100,
                                 error_messages={"required": _("Give the young person's first name.")})
    last_name = forms.CharField(label=_("Last name"), max_length=100,
                                error_messages={"required": _("Give the young person's last name.")})
    protected_identity = forms.BooleanField(label=_("Protected identity"), required=False)
    own_words = forms.CharField(
        label=_("What the young person asks for, in their own words"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what the young person asks for, in their own words.")})
    heard_how = forms.CharField(label=_("How the young person was heard"), max_length=300,
                                error_messages={"required": _("Say how the young person was heard.")})
    without_guardians = forms.BooleanField(
        label=_("The young person does not want the guardians involved now"), required=False)
    lead = forms.ModelChoiceField(label=_("SIP coordinator the request goes to"), queryset=None,
                                  error_messages={"required": _("Choose the SIP coordinator the request goes to.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from tillsammans.accounts.roles import Role

        self.fields["lead"].queryset = Membership.objects.current().filter(role=Role.SIP_LEAD).select_related(
            "user", "unit").order_by("unit__name", "user__last_name")
        self.fields["lead"].label_from_instance = lambda m: f"{m.user.get_full_name()} – {m.unit.name}"


class ObjectionForm(StyledMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("The young person objects to"), queryset=None, required=False,
                                  empty_label=_("the plan being activated"))
    words = forms.CharField(label=_("The objection in the young person's words"),
                            widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": _("Write the objection in the young person's words.")})
    heard_how = forms.CharField(label=_("How the young person was heard"), max_length=300,
                                error_messages={"required": _("Say how the young person was heard.")})

    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=unit_ids).order_by("name")


class ObjectionDecisionForm(StyledMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Objection.Decision.choices, widget=forms.RadioSelect,
                                 error_messages={"required": _("Choose a decision.")})
    reason = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}), min_length=20,
        help_text=_("Weigh the young person's view by age and maturity against the question; the reasons "
                    "are shown in the plan and the log review."),
        error_messages={"required": _("Give the reasons for the decision in at least a full sentence "
                                      "(20 characters)."),
                        "min_length": _("Give the reasons for the decision in at least a full sentence "
                                        "(20 characters).")})


class MeetingRecordForm(StyledMixin, forms.Form):
    attended = forms.ModelMultipleChoiceField(label=_("Professionals who attended"), queryset=None,
                                              required=False, widget=forms.CheckboxSelectMultiple)
    child_attended = forms.BooleanField(label=_("The child attended"), required=False)
    guardians_attended = forms.ModelMultipleChoiceField(label=_("Guardians who attended"), queryset=None,
                                                        required=False, widget=forms.CheckboxSelectMultiple)
    others_attended = forms.CharField(label=_("Others who attended (interpreter, support person …)"),
                                      max_length=300, required=False)
    agreed = forms.CharField(label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": _("Write what was agreed.")})
    next_meeting = forms.DateField(label=_("Next meeting"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from tillsammans.childplans.meeting_records import guardian_label

        plan = meeting.plan
        self.fields["attended"].queryset = Membership.objects.filter(
            pk__in=meeting.invitations.values("membership_id")).select_related("user", "unit").order_by(
            "unit__name")
        self.fields["attended"].label_from_instance = lambda m: f"{m.user.get_full_name()} – {m.unit.name}"
        self.fields["guardians_attended"].queryset = plan.child.guardians.all()
        self.fields["guardians_attended"].label_from_instance = guardian_label(plan)


class FamilyInvitationForm(StyledMixin, forms.Form):
    recipients = forms.MultipleChoiceField(label=_("Invite"), widget=forms.CheckboxSelectMultiple,
                                           error_messages={"required": _("Choose who to invite.")})

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from tillsammans.childplans.meeting_records import family_recipients
        from tillsammans.core import identity

        guardians = {f"guardian-{g.pk}": g for g in plan.child.guardians.all()}
        choices = []
        for key, _email in family_recipients(plan):
            person = guardians.get(key) or plan.child
            choices.append((key, identity.shown(person, basis="lead", child=plan.child).label))
        self.fields["recipients"].choices = choices
        self.fields["recipients"].help_text = _(
            "Each gets their own e-mail with the time and place; no names and no other addresses.")
