import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from tillsammans.core.access import Actor
from tillsammans.organisations.importing import decode, import_units


class Command(BaseCommand):
    help = "Import units from a CSV file: all or nothing; every bad line is reported."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file, save nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        translation.activate("sv")
        try:
            text = decode(file.read_bytes())
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        bar = tqdm(total=0, unit="enheter", file=sys.stderr, disable=None)

        def progress(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        result = import_units(actor=Actor.for_system("import-units"), text=text,
                              dry_run=dry_run, progress=progress)
        bar.close()
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} fel – ingenting sparades.")
        verb = "Kontrollerad" if dry_run else "Klart"
        self.stdout.write(self.style.SUCCESS(
            f"{verb}: {result.created} nya, {result.updated} ändrade, {result.unchanged} oförändrade."))
