from django.core.management.base import BaseCommand, CommandError

from tillsammans.core import audit


class Command(BaseCommand):
    help = "Verify the access log's HMAC chain and checkpoints; name the first broken place."

    def handle(self, *args, **options):
        result = audit.verify()
        if not result.ok:
            raise CommandError(f"Access log broken at event {result.seq}: {result.problem} "
                               f"({result.checked} events verified before it).")
        self.stdout.write(self.style.SUCCESS(f"OK: {result.checked} events verified."))
