"""Feedback on accessibility from the statement page (DIGG's model: a way to tell the operator
about a problem or to ask for content in an accessible form). Sent by e-mail to the installation's
system administrators, or to the addresses in ``ACCESSIBILITY_FEEDBACK_EMAILS``."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core.mail import send_once
from tillsammans.core.publicforms import BotGuardForm
from tillsammans.organisations.forms import StyledMixin


class FeedbackForm(StyledMixin, BotGuardForm):
    page = forms.CharField(label=gettext_lazy("Which page or document is it about?"),
                           max_length=300, required=False,
                           help_text=gettext_lazy("An address or a description is enough."))
    message = forms.CharField(label=gettext_lazy("What does not work for you?"), max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=gettext_lazy("Do not write anything about a child or a "
                                                     "family here."))
    email = forms.EmailField(label=gettext_lazy("Your e-mail address, if you want an answer"),
                             required=False)


def feedback_recipients() -> list[str]:
    """Configured addresses, or the e-mail of every current system administrator."""
    configured = list(getattr(settings, "ACCESSIBILITY_FEEDBACK_EMAILS", []) or [])
    if configured:
        return configured
    from tillsammans.accounts.models import Membership
    from tillsammans.accounts.roles import Role

    emails = (Membership.objects.current().filter(role=Role.SYSTEM_ADMIN)
              .exclude(user__email="").values_list("user__email", flat=True))
    return sorted(set(emails))


def feedback_send(*, page: str, message: str, email: str = "") -> bool:
    """Send the feedback once; False if nobody can receive it (no address configured)."""
    recipients = feedback_recipients()
    if not recipients:
        return False
    now = timezone.now()
    digest = hashlib.sha256(f"{page}\n{message}\n{email}".encode()).hexdigest()[:16]
    body = "\n\n".join([
        _("Feedback on accessibility, sent from the accessibility statement."),
        _("Page or document: %(page)s") % {"page": page.strip() or "–"},
        _("Message:\n%(message)s") % {"message": message.strip()},
        _("Answer to: %(email)s") % {"email": email.strip() or _("no address given")},
    ])
    send_once(key=f"a11y-feedback:{now:%Y%m%d%H%M}:{digest}", to=recipients,
              subject=_("Feedback on accessibility in Tillsammans"), body=body,
              reply_to=[email] if email else [])
    return True
