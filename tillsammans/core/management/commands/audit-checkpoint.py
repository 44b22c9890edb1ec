from django.core.management.base import BaseCommand

from tillsammans.core import audit


class Command(BaseCommand):
    help = "Sign the access log's current head as a checkpoint."

    def handle(self, *args, **options):
        checkpoint = audit.checkpoint_now()
        if checkpoint is None:
            self.stdout.write("Nothing new to sign.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Checkpoint at event {checkpoint.seq}."))
