from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tillsammans.core import audit
from tillsammans.core.access import Actor
from tillsammans.core.models import AuditAction
from tillsammans.planning.exports import CONTENT_TYPES, export
from tillsammans.planning.models import ActionPlan


class Command(BaseCommand):
    help = "Export an action plan as PDF, DOCX or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="The area's name or id.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", required=True, choices=sorted(CONTENT_TYPES))
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, area, year, format, output, **options):
        plans = ActionPlan.objects.filter(template__year=year)
        plans = plans.filter(area_id=int(area)) if area.isdigit() else plans.filter(area__name=area)
        plan = plans.select_related("area", "template__agreement").first()
        if plan is None:
            raise CommandError(f"Ingen handlingsplan för {area} {year}.")
        output.write_bytes(export(plan, format))
        audit.record(Actor.for_system("export-plan"), AuditAction.EXPORT, plan, detail={"format": format})
        self.stdout.write(self.style.SUCCESS(f"{output} ({output.stat().st_size} byte)"))
