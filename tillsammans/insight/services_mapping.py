"""Writes for the mapping of collaboration: forms, their success factors and challenges, documents."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillsammans.core import audit, pii
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.insight.models_mapping import (
    CollaborationDocument,
    CollaborationForm,
    CollaborationKind,
    Finding,
    FindingTag,
    Maturity,
)
from tillsammans.insight.models_surveys import TargetGroup
from tillsammans.organisations.models import Area, Unit

MAX_DOCUMENT = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "text/plain": ".txt",
}
MAGIC = {".pdf": b"%PDF", ".docx": b"PK", ".xlsx": b"PK", ".odt": b"PK"}


def _check(*, name: str, kind: str, description: str, units: list, target_groups: list[str], since: int | None,
           maturity: int) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the collaboration a name.")]
    if kind not in CollaborationKind.values:
        errors["kind"] = [_("Choose a kind.")]
    if not units:
        errors["units"] = [_("Choose at least one participating unit.")]
    if set(target_groups) - set(TargetGroup.values):
        errors["target_groups"] = [_("Choose among the target groups.")]
    if since is not None and not 1950 <= since <= timezone.localdate().year:
        errors["since"] = [_("Give a year between 1950 and this year.")]
    if maturity not in Maturity.values:
        errors["maturity"] = [_("Choose a maturity.")]
    try:
        pii.validate_text(description)
    except ValidationError as exc:
        errors["description"] = exc.messages
    if errors:
        raise ValidationError(errors)


def form_create(*, actor: Actor, name: str, kind: str, description: str = "", units: Iterable[Unit],
                areas: Iterable[Area] = (), target_groups: list[str] = (), since: int | None = None,
                maturity: int = Maturity.STARTED) -> CollaborationForm:
    units, areas, target_groups = list(units), list(areas), list(target_groups)
    _check(name=name, kind=kind, description=description, units=units, target_groups=target_groups, since=since,
           maturity=maturity)
    with transaction.atomic():
        form = CollaborationForm.objects.create(name=name.strip(), kind=kind, description=description.strip(),
                                                target_groups=target_groups, since=since, maturity=maturity,
                                                owner=actor.membership)
        form.units.set(units)
        form.areas.set(areas)
        audit.record(actor, AuditAction.CREATE, form)
    return form


def form_change(*, actor: Actor, form: CollaborationForm, name: str, kind: str, description: str = "",
                units: Iterable[Unit], areas: Iterable[Area] = (), target_groups: list[str] = (),
                since: int | None = None, maturity: int = Maturity.STARTED) -> CollaborationForm:
    units, areas, target_groups = list(units), list(areas), list(target_groups)
    _check(name=name, kind=kind, description=description, units=units, target_groups=target_groups, since=since,
           maturity=maturity)
    with transaction.atomic():
        form.name, form.kind, form.description = name.strip(), kind, description.strip()
        form.target_groups, form.since, form.maturity = target_groups, since, maturity
        form.save()
        form.units.set(units)
        form.areas.set(areas)
        audit.record(actor, AuditAction.UPDATE, form)
    return form


def form_delete(*, actor: Actor, form: CollaborationForm) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETE, form)
        form.delete()


def finding_add(*, actor: Actor, form: CollaborationForm, kind: str, tag: str, text: str) -> Finding:
    errors: dict[str, list[str]] = {}
    if kind not in Finding.Kind.values:
        errors["kind"] = [_("Choose success factor or challenge.")]
    if tag not in FindingTag.values:
        errors["tag"] = [_("Choose a theme.")]
    if not text.strip():
        errors["text"] = [_("Describe it in a sentence or two.")]
    try:
        pii.validate_text(text)
    except ValidationError as exc:
        errors["text"] = exc.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        finding = Finding.objects.create(form=form, kind=kind, tag=tag, text=text.strip())
        audit.record(actor, AuditAction.UPDATE, form, detail={"finding": finding.pk})
    return finding


def finding_remove(*, actor: Actor, finding: Finding) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.UPDATE, finding.form, detail={"finding_removed": finding.pk})
        finding.delete()


def document_add(*, actor: Actor, form: CollaborationForm, title: str, filename: str, content_type: str,
                 content: bytes) -> CollaborationDocument:
    errors: dict[str, list[str]] = {}
    suffix = DOCUMENT_TYPES.get(content_type)
    if not title.strip():
        errors["title"] = [_("Give the document a title.")]
    if suffix is None or not filename.lower().endswith(suffix):
        errors["file"] = [_("Upload a PDF, Word, Excel, OpenDocument or text file.")]
    elif not content.startswith(MAGIC.get(suffix, b"")):
        errors["file"] = [_("The file's content is not what its name says.")]
    if len(content) > MAX_DOCUMENT:
        errors["file"] = [_("The file is larger than 10 MB.")]
    if not content:
        errors["file"] = [_("The file is empty.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = CollaborationDocument.objects.create(
            form=form, title=title.strip(), filename=filename.rsplit("/", 1)[-1][:200], content_type=content_type,
            content=content, size=len(content))
        audit.record(actor, AuditAction.UPDATE, form, detail={"document": document.pk})
    return document


def document_remove(*, actor: Actor, document: CollaborationDocument) -> None:
    with transaction.atomic():
        audit.record(actor, AuditAction.UPDATE, document.form, detail={"document_removed": document.pk})
        document.delete()
