"""Min översikt: a coordinator's surveys that are open or not yet opened, and newsletter drafts."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor
from tillsammans.core.overview import LIMIT, Item, Section, section
from tillsammans.insight.models_newsletters import Newsletter
from tillsammans.insight.selectors_surveys import surveys_for


@section(60)
def surveys_and_newsletters(actor: Actor) -> Section | None:
    if not actor.has_role(Role.COORDINATOR):
        return None
    surveys = list(surveys_for(actor).filter(status__in=["draft", "open"])[:LIMIT + 1])
    drafts = list(Newsletter.objects.filter(status=Newsletter.Status.DRAFT, owner=actor.membership)
                  .order_by("-created_at")[:LIMIT])
    items = [Item(survey.title, reverse("insight:survey", args=[survey.pk]),
                  note=_("%(status)s, %(n)s answers") % {"status": survey.get_status_display(),
                                                          "n": survey.answer_count})
             for survey in surveys[:LIMIT]]
    items += [Item(newsletter.subject, reverse("insight:newsletter", args=[newsletter.pk]),
                   note=_("Newsletter draft")) for newsletter in drafts][:LIMIT - len(items)]
    if not items:
        return None
    return Section("insight", _("Surveys and newsletters"), items, more=max(len(surveys) - LIMIT, 0),
                   more_url=reverse("insight:survey_list"))
