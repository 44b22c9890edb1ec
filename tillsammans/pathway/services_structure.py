"""Writes to the municipality's pathway (structural, guarded): every change is a version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.pathway.models_structure import Pathway, PathwayLevel, PathwayVersion

# The levels a new pathway starts from (BTI's levels 0–3); the coordinator rewrites them.
DEFAULT_LEVELS = [
    (0, "Nivå 0: Oro eller undring", "Du ser, hör eller får veta något som gör dig orolig för ett barn.",
     "Skriv ner vad du har sett och hört\nPrata med barnet utifrån ålder och mognad\n"
     "Prata med vårdnadshavarna\nBesluta inom 14 dagar hur ni går vidare", "Samtalsstöd för oro", 14),
    (1, "Nivå 1: Insatser i den egna verksamheten",
     "Verksamheten gör en plan tillsammans med familjen och följer upp den i stafettloggen.",
     "Samtycke från vårdnadshavarna\nKom överens om åtgärder med ansvarig och datum för utvärdering\n"
     "Utvärdera på utsatt datum", "Stafettlogg\nVälbefinnandehjulet", None),
    (2, "Nivå 2: Tillsammans med andra verksamheter",
     "Verksamheten tar ärendet till det gemensamma forumet (En dörr in, resursteam) med samtycke.",
     "Samtycke som namnger forumets enheter\nAnmäl ärendet till nästa möte\nForumet beslutar vem som gör vad",
     "Ärende till forum\nSIP", None),
    (3, "Nivå 3: Socialtjänsten",
     "Oro för att ett barn far illa anmäls genast till socialtjänsten. Anmälningsplikten är personlig.",
     "Gör en orosanmälan\nInformera vårdnadshavarna om det inte skadar barnet", "Orosanmälan", None),
]


def _snapshot(pathway: Pathway) -> dict:
    return {"namn": pathway.name, "inledning": pathway.intro, "beslut_dagar": pathway.decision_days,
            "nivaer": [{"niva": level.number, "rubrik": level.title, "beskrivning": level.description,
                        "steg": level.step_list, "verktyg": level.tool_list, "dagar": level.deadline_days,
                        "kontakter": sorted(f"{m.user.get_full_name()}, {m.unit.name}" for m in level.contacts.all())
                        + sorted(f"{c.name}, {c.unit.name}" for c in level.contact_persons.all())}
                       for level in pathway.levels.prefetch_related("contacts__user", "contacts__unit",
                                                                    "contact_persons__unit")]}


def _version(actor: Actor, pathway: Pathway, note: str, bump: bool = True) -> PathwayVersion:
    if bump:
        pathway.version += 1
        pathway.updated_by = actor.membership
        pathway.save(update_fields=["version", "updated_by", "updated_at"])
    return PathwayVersion.objects.create(pathway=pathway, number=pathway.version, snapshot=_snapshot(pathway),
                                         note=note, created_by=actor.membership)


def _guarded(errors: dict, **texts) -> None:
    for name, text in texts.items():
        try:
            pii.validate_text(text)
        except ValidationError as exc:
            errors[name] = exc.messages


def pathway_create(*, actor: Actor, principal, name: str, intro: str = "", decision_days: int = 14,
                   tell_within_days: int = 5) -> Pathway:
    """A municipality's pathway, started from the four levels of the model."""
    errors: dict = {}
    if not name.strip():
        errors["name"] = _("Give the pathway a name.")
    if Pathway.objects.filter(principal=principal).exists():
        errors["principal"] = _("The municipality already has a pathway; change it instead.")
    if not 1 <= decision_days <= 90:
        errors["decision_days"] = _("Between 1 and 90 days.")
    _guarded(errors, intro=intro, name=name)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pathway = Pathway.objects.create(principal=principal, name=name.strip(), intro=intro.strip(),
                                         decision_days=decision_days, tell_within_days=tell_within_days,
                                         updated_by=actor.membership)
        PathwayLevel.objects.bulk_create([
            PathwayLevel(pathway=pathway, number=n, title=t, description=d, steps=s, tools=tl,
                         deadline_days=decision_days if days else None)
            for n, t, d, s, tl, days in DEFAULT_LEVELS])
        audit.record(actor, AuditAction.CREATE, pathway)
        _version(actor, pathway, _("Pathway created"), bump=False)
    return pathway


def pathway_update(*, actor: Actor, pathway: Pathway, name: str, intro: str, decision_days: int,
                   tell_within_days: int) -> Pathway:
    errors: dict = {}
    if not name.strip():
        errors["name"] = _("Give the pathway a name.")
    if not 1 <= decision_days <= 90:
        errors["decision_days"] = _("Between 1 and 90 days.")
    if not 1 <= tell_within_days <= 60:
        errors["tell_within_days"] = _("Between 1 and 60 days.")
    _guarded(errors, intro=intro, name=name)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pathway.name, pathway.intro = name.strip(), intro.strip()
        pathway.decision_days, pathway.tell_within_days = decision_days, tell_within_days
        pathway.save()
        audit.record(actor, AuditAction.UPDATE, pathway)
        _version(actor, pathway, _("The pathway's introduction and deadlines changed"))
    return pathway


def level_update(*, actor: Actor, level: PathwayLevel, title: str, description: str, steps: str, tools: str,
                 deadline_days: int | None, contacts=(), contact_persons=()) -> PathwayLevel:
    """Change one level; its contacts are picked from the directory (people and contacts without login)."""
    errors: dict = {}
    if not title.strip():
        errors["title"] = _("Give the level a title.")
    if deadline_days is not None and not 1 <= deadline_days <= 365:
        errors["deadline_days"] = _("Between 1 and 365 days.")
    _guarded(errors, title=title, description=description, steps=steps, tools=tools)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        level.title, level.description = title.strip(), description.strip()
        level.steps, level.tools, level.deadline_days = steps.strip(), tools.strip(), deadline_days
        level.save()
        level.contacts.set(contacts)
        level.contact_persons.set(contact_persons)
        audit.record(actor, AuditAction.UPDATE, level)
        _version(actor, level.pathway, _("Level %(n)s changed") % {"n": level.number})
    return level
