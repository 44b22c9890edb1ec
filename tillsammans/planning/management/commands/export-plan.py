from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.planning.exports import CONTENT_TYPES, export
from tillsammans.planning.models import ActionPlan


def _by_id_or_name(plans, field: str, value: str):
    return plans.filter(**{f"{field}_id": int(value)}) if value.isdigit() else plans.filter(**{f"{field}__name": value})


class Command(BaseCommand):
    help = "Export an area's action plan (--area and --year) or a development project's plan (--project) " \
           "as PDF, DOCX or XLSX."

    def add_arguments(self, parser):
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--area", help="The area's name or id.")
        owner.add_argument("--project", help="The development project's name or id.")
        parser.add_argument("--year", type=int, help="The plan's year (with --area).")
        parser.add_argument("--format", required=True, choices=sorted(CONTENT_TYPES))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, area, project, year, format, output, **options):
        plans = ActionPlan.objects.select_related("area", "project", "template__agreement__receiver")
        if project:
            plan = _by_id_or_name(plans, "project", project).first()
            if plan is None:
                raise CommandError(f"Inget utvecklingsprojekt med en plan: {project}.")
        else:
            if year is None:
                raise CommandError("Ange --year tillsammans med --area.")
            plan = _by_id_or_name(plans.filter(template__year=year), "area", area).first()
            if plan is None:
                raise CommandError(f"Ingen handlingsplan för {area} {year}.")
        with transaction.atomic():
            output.write_bytes(export(plan, format))
            audit.record(Actor.for_system("export-plan"), AuditAction.EXPORT, plan, detail={"format": format})
        self.stdout.write(self.style.SUCCESS(f"{output} ({output.stat().st_size} byte)"))
