"""Texts the public pages (and the messages to parents) show that are written elsewhere: the base
layout, the shared form templates and public-form guard, the text-message number check, the
personal-data guard, the labels of this app's models and the errors of its services.

Listed here so that ``make messages`` puts them in the public pages' own English and Arabic
catalogues (``support/locale/{en,ar}``) without every other app's texts. A test renders every
public page in both languages and names any text the catalogues lack; add it here."""

from django.utils.translation import gettext_noop as _

SHARED = [
    # templates/base.html, includes/field.html, includes/form_errors.html, includes/pagination.html
    _("Skip to main content"), _("Accessibility statement"), _("Privacy notice"), _("required"),
    _("Please correct the following"), _("Pages"), _("Previous"), _("Next"),
    _("Page %(n)s of %(total)s"),
    # core/publicforms.py, core/sms.py, core/pii.py
    _("Leave this field empty"), _("The form was sent too quickly. Wait a moment and send it again."),
    _("Too many forms have been sent from this address. Try again in an hour."),
    _("Write a mobile number, e.g. 070-123 45 67."),
    _("Write this without personal data about children or families (found: %(what)s)."),
    _("a personal identity number"), _("a phone number"), _("a private e-mail address"),
    _("a first name together with what identifies a child"),
]

MODEL_LABELS = [
    # support/models.py: OfferKind, AgeBand, SignUp; models_groups.py: RemindBy
    _("Parent programme"), _("Open preschool"), _("Family centre"), _("Meeting place"),
    _("Individual parenting support"), _("Parent lecture"), _("Reading promotion"), _("Other support"),
    _("Expecting a child"), _("0–2 years"), _("3–5 years"), _("6–9 years"), _("10–12 years"), _("13–18 years"),
    _("Just come, no sign-up"), _("Contact the provider"), _("Sign up for a group on this page"),
    _("Sign up on the provider's page"), _("E-mail"), _("Text message"),
]

SERVICE_ERRORS = [
    # support/services_groups.py: what a parent can meet when signing up or answering
    _("Write your name."), _("Choose your children's age."), _("Write a mobile number for the text messages."),
    _("Write an e-mail address for the confirmation and the reminders."),
    _("Someone has already signed up for this group with this address or number."),
    _("The group is cancelled, so no one can sign up."), _("Sign-up for this group is closed."),
    _("The group has already ended."), _("You have already answered. Thank you!"),
    # support/services.py: the link a professional sends a family, in the family's language
    _("Here is the support we talked about: %(title)s %(url)s"), _("Support for parents: %(title)s"),
]

