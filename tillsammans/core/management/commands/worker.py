"""``tillsammans worker``: runs background tasks and the periodic scheduler in one process."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from tillsammans.core import audit, scheduler

logger = logging.getLogger("tillsammans.worker")


def run_sequencer(stop: threading.Event) -> None:
    """Chain the access log's sealed events every AUDIT_SEQUENCER_MS (ADR 0022) until stopped."""
    try:
        while not stop.is_set():
            close_old_connections()
            try:
                audit.sequence()
            except Exception:  # noqa: BLE001 - the sequencer must survive a failed round
                logger.exception("Access log sequencer round failed")
            stop.wait(settings.AUDIT_SEQUENCER_MS / 1000)
    finally:
        connection.close()


class Command(BaseCommand):
    help = "Run background tasks and scheduled reminders (stop with Ctrl+C or SIGTERM)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds to wait between polls when the queue is empty.")
        parser.add_argument("--max-tasks", type=int, default=None,
                            help="Stop after this many tasks (for tests).")
        parser.add_argument("--no-scheduler", action="store_true",
                            help="Run tasks only; do not enqueue periodic jobs.")

    def handle(self, *args, **options):
        scheduler.autodiscover()
        stop = threading.Event()
        thread = None
        if not options["no_scheduler"]:
            thread = threading.Thread(target=self._schedule, args=(stop,), daemon=True,
                                      name="scheduler")
            thread.start()
        sequencer = None
        if settings.AUDIT_CHAIN == "sequencer":
            sequencer = threading.Thread(target=run_sequencer, args=(stop,), daemon=True, name="audit-sequencer")
            sequencer.start()
        worker = Worker(
            queue_names=["*"], interval=options["interval"], batch=False,
            backend_name="default", startup_delay=False, max_tasks=options["max_tasks"],
            worker_id=get_random_string(16), excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write(f"Worker started ({len(scheduler.JOBS)} periodic jobs).")
        try:
            worker.run()
        finally:
            stop.set()
            for running in (thread, sequencer):
                if running:
                    running.join(timeout=5)
            self.stdout.write("Worker stopped.")

    def _schedule(self, stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                close_old_connections()
                try:
                    scheduler.tick()
                except Exception:  # noqa: BLE001 - the scheduler must survive a bad tick
                    logger.exception("Scheduler tick failed")
                stop.wait(settings.SCHEDULER_TICK_SECONDS)
        finally:
            connection.close()
