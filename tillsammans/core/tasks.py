"""Background tasks of the core app (django-tasks with its database backend)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.db import transaction
from django_tasks import task

from tillsammans.core import audit, mail, sms
from tillsammans.core.scheduler import daily, periodic


@task()
def send_mail_task(key: str, to: list[str], subject: str, body: str,
                   attachments: list[list[str]] | None = None, calendar: list[str] | None = None,
                   headers: dict[str, str] | None = None) -> str:
    """Send one e-mail at most once. Attachments are [filename, text content, mimetype]; calendar is
    [ics text, method] for a meeting request; headers are extra message headers (see ``mail.send_once``)."""
    row = mail.send_once(key=key, to=to, subject=subject, body=body,
                         attachments=[tuple(a) for a in attachments or []], calendar=tuple(calendar or ()),
                         headers=headers)
    return row.status


def queue_mail(*, key: str, to: list[str], subject: str, body: str,
               attachments: list[list[str]] | None = None, calendar: list[str] | None = None,
               run_after=None, headers: dict[str, str] | None = None) -> None:
    """Enqueue an e-mail once the current transaction has committed."""
    def enqueue():
        target = send_mail_task.using(run_after=run_after) if run_after else send_mail_task
        kwargs = {"calendar": calendar} if calendar else {}
        if headers:
            kwargs["headers"] = headers
        target.enqueue(key=key, to=to, subject=subject, body=body, attachments=attachments, **kwargs)

    transaction.on_commit(enqueue)


@task()
def send_text_task(key: str, to: str, body: str) -> str:
    """Send one text message at most once (see ``sms.send_once``)."""
    return sms.send_once(key=key, to=to, body=body).status


def queue_text(*, key: str, to: str, body: str, run_after=None) -> None:
    """Enqueue a text message once the current transaction has committed."""
    def enqueue():
        target = send_text_task.using(run_after=run_after) if run_after else send_text_task
        target.enqueue(key=key, to=to, body=body)

    transaction.on_commit(enqueue)


@periodic("audit-checkpoint", every=timedelta(minutes=15))
@task()
def audit_checkpoint_task() -> int | None:
    checkpoint = audit.checkpoint_now()
    return checkpoint.seq if checkpoint else None


@daily("audit-partitions", at=time(2, 30))
@task()
def audit_partitions_task() -> list[str]:
    """PostgreSQL: make the coming months' partitions of the access log; with AUDIT_RETENTION_MONTHS,
    drop the months older than that (docs/deployment.md). Nothing on SQLite."""
    from django.conf import settings

    from tillsammans.core import audit_partitions

    done = audit_partitions.ensure_months(ahead=3)
    if settings.AUDIT_RETENTION_MONTHS:
        today = audit_partitions.Month.of(datetime.now(UTC).date())
        done += audit_partitions.drop_months_before(today.shifted(-settings.AUDIT_RETENTION_MONTHS).start)
    return done
