from django.core.management.base import BaseCommand
from django.utils import translation

from tillsammans.demo.builder import build, login_table


class Command(BaseCommand):
    help = "Build the fictional demo municipality (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        translation.activate("sv")
        demo = build()
        self.stdout.write(self.style.SUCCESS(
            f"Demokommunen Ekmora är klar: {len(demo.units)} enheter, "
            f"{len(demo.districts)} stadsområden."))
        self.stdout.write(login_table(demo))
        from tillsammans.family.demo import login_help

        self.stdout.write(login_help())
