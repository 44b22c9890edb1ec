from django.core.management.base import BaseCommand, CommandError

from tillsammans.core import audit


class Command(BaseCommand):
    help = ("Verify the access log's HMAC chain and checkpoints, and compare them with the "
            "checkpoints kept outside the database; name the first broken place.")

    def add_arguments(self, parser):
        parser.add_argument("--anchor", help="An anchor file to check against (a copy from syslog "
                            "or the auditors' mail works too); AUDIT_ANCHOR_FILE by default.")
        parser.add_argument("--no-anchor", action="store_true",
                            help="Check the database alone (not recommended).")

    def handle(self, *args, **options):
        kwargs = {}
        if options["no_anchor"]:
            kwargs["anchor"] = None
        elif options["anchor"]:
            kwargs["anchor"] = options["anchor"]
        result = audit.verify(**kwargs)
        if not result.ok:
            where = f" at event {result.seq}" if result.seq is not None else ""
            raise CommandError(f"Access log broken{where}: {result.problem} "
                               f"({result.checked} events verified before it).")
        self.stdout.write(self.style.SUCCESS(
            f"OK: {result.checked} events verified; {result.anchored} checkpoints confirmed "
            f"outside the database; {result.unanchored_tail} newest events not yet anchored."))
        if result.key_changes:
            self.stdout.write(f"Key rotations at events: {', '.join(map(str, result.key_changes))}.")
