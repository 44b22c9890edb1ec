"""Writes about the catalogue: offers and their texts per language, sending a family the link,
programmes, materials and stock. Groups, sessions and sign-ups are in ``services_groups``."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.core.sms import normalise_phone
from tillsammans.core.tasks import queue_mail, queue_text
from tillsammans.core.text import fold
from tillsammans.organisations.validators import validate_postal_code
from tillsammans.support import languages, selectors
from tillsammans.support.models import (
    Material,
    Offer,
    OfferText,
    Programme,
    SignUp,
    SpokenLanguage,
    StockEntry,
    StockKind,
)


def guard(values: dict[str, str]) -> dict[str, list[str]]:
    """The shared personal-data guard on structural free text, field by field, before saving."""
    errors = {}
    for name, text in values.items():
        try:
            pii.validate_text(text)
        except ValidationError as exc:
            errors[name] = exc.messages
    return errors


OFFER_FIELDS = ("kind", "programme", "provider", "for_expecting", "age_from", "age_to", "free", "signup",
                "signup_url", "contact_phone", "contact_email", "street", "postal_code", "city", "published",
                "ends_on", "sub_goal_number")
TEXT_FIELDS = ("title", "summary", "description", "times", "cost", "signup_note", "accessibility")


def _check_offer(data: dict, areas, spoken) -> None:
    errors: dict[str, list[str] | str] = {}
    age_from, age_to = data.get("age_from"), data.get("age_to")
    for key in ("age_from", "age_to"):
        if data.get(key) is not None and not 0 <= data[key] <= 18:
            errors[key] = _("Give an age from 0 to 18 years.")
    if age_from is not None and age_to is not None and age_to < age_from:
        errors["age_to"] = _("The highest age must not be lower than the lowest.")
    if age_from is None and age_to is None and not data.get("for_expecting"):
        errors["age_from"] = _("Say which children's ages the offer is for, or that it is for expecting parents.")
    if data.get("signup") == SignUp.LINK and not data.get("signup_url"):
        errors["signup_url"] = _("Give the address of the page where parents sign up.")
    if data.get("signup") == SignUp.CONTACT and not (data.get("contact_phone") or data.get("contact_email")):
        errors["contact_phone"] = _("Give a phone number or an e-mail address that parents can contact.")
    if data.get("postal_code"):
        try:
            validate_postal_code(data["postal_code"])
        except ValidationError as exc:
            errors["postal_code"] = exc.messages
    if not list(areas):
        errors["areas"] = _("Choose at least one area where the offer is for families.")
    if not list(spoken):
        errors["spoken"] = _("Choose at least one language the offer is held in.")
    if errors:
        raise ValidationError(errors)


def _check_text(language: str, text: dict) -> None:
    errors = guard({k: text.get(k, "") for k in TEXT_FIELDS})
    if language not in languages.BY_CODE:
        errors["language"] = _("Choose a language from the list.")
    if not (text.get("title") or "").strip():
        errors["title"] = _("Give the offer a title.")
    if not (text.get("summary") or "").strip():
        errors["summary"] = _("Say in one or two sentences what the offer is.")
    if errors:
        raise ValidationError(errors)


def _set_text(offer: Offer, language: str, text: dict) -> OfferText:
    values = {k: (text.get(k) or "").strip() for k in TEXT_FIELDS}
    values["folded"] = fold(f"{values['title']} {values['summary']}")[:600]
    row, _created = OfferText.objects.update_or_create(offer=offer, language=language, defaults=values)
    return row


def offer_create(*, actor: Actor, areas, spoken, text: dict, **data) -> Offer:
    """A new offer with its Swedish text (further languages with ``offer_text_save``)."""
    _check_offer(data, areas, spoken)
    _check_text("sv", text)
    with transaction.atomic():
        offer = Offer.objects.create(created_by=actor.membership,
                                     **{k: v for k, v in data.items() if k in OFFER_FIELDS})
        offer.areas.set(areas)
        SpokenLanguage.objects.bulk_create([SpokenLanguage(offer=offer, code=code) for code in dict.fromkeys(spoken)])
        _set_text(offer, "sv", text)
        audit.record(actor, AuditAction.CREATE, offer)
    return offer


def offer_change(*, actor: Actor, offer: Offer, areas, spoken, **data) -> Offer:
    _check_offer(data, areas, spoken)
    with transaction.atomic():
        changed = [k for k, v in data.items() if k in OFFER_FIELDS and getattr(offer, k) != v]
        for key in changed:
            setattr(offer, key, data[key])
        offer.save()
        offer.areas.set(areas)
        offer.spoken.exclude(code__in=spoken).delete()
        have = set(offer.spoken.values_list("code", flat=True))
        SpokenLanguage.objects.bulk_create([SpokenLanguage(offer=offer, code=code)
                                            for code in dict.fromkeys(spoken) if code not in have])
        audit.record(actor, AuditAction.UPDATE, offer, detail={"changed": sorted(changed)})
    return offer


def offer_publish(*, actor: Actor, offer: Offer, published: bool, today: date | None = None) -> Offer:
    """Show the offer in the public catalogue, or take it out (an end date passed is cleared)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        offer.published = published
        if published and offer.ends_on and offer.ends_on < today:
            offer.ends_on = None
        offer.save(update_fields=["published", "ends_on", "changed_at"])
        audit.record(actor, AuditAction.UPDATE, offer, detail={"published": published})
    return offer


def offer_text_save(*, actor: Actor, offer: Offer, language: str, **text) -> OfferText:
    _check_text(language, text)
    with transaction.atomic():
        row = _set_text(offer, language, text)
        audit.record(actor, AuditAction.UPDATE, offer, detail={"text": language})
    return row


def offer_text_remove(*, actor: Actor, offer_text: OfferText) -> None:
    if offer_text.language == languages.DEFAULT:
        raise ValidationError(_("The Swedish text cannot be removed: every offer has one."))
    with transaction.atomic():
        audit.record(actor, AuditAction.UPDATE, offer_text.offer, detail={"text_removed": offer_text.language})
        offer_text.delete()


def offer_end(*, actor: Actor, offer: Offer, today: date | None = None) -> Offer:
    """Take the offer out of the public catalogue (it can be published again by changing it)."""
    today = today or timezone.localdate()
    if offer.groups.filter(cancelled=False, ends_on__gte=today).exists():
        raise ValidationError(_("The offer has groups that have not ended. Cancel them first, or let them end."))
    with transaction.atomic():
        offer.published = False
        offer.ends_on = today
        offer.save(update_fields=["published", "ends_on", "changed_at"])
        audit.record(actor, AuditAction.UPDATE, offer, detail={"ended": today.isoformat()})
    return offer


def offer_send_link(*, actor: Actor, offer: Offer, email: str = "", phone: str = "", language: str = "sv") -> str:
    """Send a family the offer's public link by e-mail or text message. The address is used once and
    not kept: the log says only that a link was sent, and how."""
    if not email and not phone:
        raise ValidationError({"email": _("Give an e-mail address or a mobile number.")})
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from None
    language = language if language in languages.BY_CODE else languages.DEFAULT
    url = f"{settings.SITE_URL}{reverse('support_public:offer', args=[offer.pk])}?sprak={language}"
    from tillsammans.support.selectors import text_for

    title = text_for(offer, language).title
    key = f"support:offer:{offer.pk}:link:{timezone.now().timestamp()}"
    with translation.override(languages.interface_for(language)):
        body = _("Here is the support we talked about: %(title)s %(url)s") % {"title": title, "url": url}
        subject = _("Support for parents: %(title)s") % {"title": title}
    with transaction.atomic():
        if email:
            queue_mail(key=key + ":mail", to=[email], subject=subject, body=body)
        if phone:
            queue_text(key=key + ":sms", to=phone, body=body)
        audit.record(actor, AuditAction.DISCLOSE, offer,
                     detail={"link_sent_by": [w for w, v in (("email", email), ("sms", phone)) if v]})
    return url


# Programmes --------------------------------------------------------------------------------------


def programme_save(*, actor: Actor, programme: Programme | None = None, name: str, description: str = "",
                   certification_required: bool = True, sub_goal_number: str = "", active: bool = True) -> Programme:
    errors = guard({"name": name, "description": description})
    if not name.strip():
        errors["name"] = _("Give the programme a name.")
    elif Programme.objects.filter(name__iexact=name.strip()).exclude(pk=getattr(programme, "pk", None)).exists():
        errors["name"] = _("There is already a programme with this name.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = AuditAction.UPDATE if programme else AuditAction.CREATE
        programme = programme or Programme()
        programme.name, programme.description = name.strip(), description.strip()
        programme.certification_required, programme.sub_goal_number = certification_required, sub_goal_number.strip()
        programme.active = active
        programme.save()
        audit.record(actor, action, programme)
    return programme


# Materials and stock -----------------------------------------------------------------------------


def material_save(*, actor: Actor, material: Material | None = None, name: str, kind: str, description: str = "",
                  sub_goal_number: str = "", active: bool = True) -> Material:
    errors = guard({"name": name, "description": description})
    if not name.strip():
        errors["name"] = _("Give the material a name.")
    elif Material.objects.filter(name__iexact=name.strip()).exclude(pk=getattr(material, "pk", None)).exists():
        errors["name"] = _("There is already a material with this name.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        action = AuditAction.UPDATE if material else AuditAction.CREATE
        material = material or Material()
        material.name, material.kind, material.description = name.strip(), kind, description.strip()
        material.sub_goal_number, material.active = sub_goal_number.strip(), active
        material.save()
        audit.record(actor, action, material)
    return material


def stock_record(*, actor: Actor, material: Material, unit, kind: str, quantity: int,
                 on: date | None = None) -> StockEntry:
    """Received adds, handed out takes away (never below zero), a stocktaking sets the counted
    number (``quantity`` is what was counted)."""
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if quantity < 0 or (quantity == 0 and kind != StockKind.CORRECTION):
        raise ValidationError({"quantity": _("Give a number above zero.")})
    with transaction.atomic():
        Material.objects.select_for_update().get(pk=material.pk)
        current = selectors.stock_of(material, unit)
        if kind == StockKind.RECEIVED:
            change = quantity
        elif kind == StockKind.HANDED_OUT:
            if quantity > current:
                raise ValidationError({"quantity": _("Only %(n)s are in stock at the unit.") % {"n": current}})
            change = -quantity
        else:
            change = quantity - current
        entry = StockEntry.objects.create(material=material, unit=unit, kind=kind, change=change, on=on,
                                          recorded_by=actor.membership)
        audit.record(actor, AuditAction.CREATE, entry)
    return entry


def stock_entry_remove(*, actor: Actor, entry: StockEntry) -> None:
    """Undo an entry made by mistake (the stock must not go below zero by it)."""
    with transaction.atomic():
        Material.objects.select_for_update().get(pk=entry.material_id)
        if selectors.stock_of(entry.material, entry.unit) - entry.change < 0:
            raise ValidationError(_("Removing this entry would leave less than nothing in stock."))
        audit.record(actor, AuditAction.DELETE, entry)
        entry.delete()
