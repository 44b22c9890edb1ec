"""The clocks of a report (law-and-practice.md §3.4, deadlines in ``data/rules.json``).

* Protection assessment: 24 hours after receipt, whatever the weekday or holiday – counted in
  real hours (a report received Friday 16:00 is due Saturday 16:00).
* Decision whether to open an investigation: 14 calendar days after the day of receipt,
  weekends and holidays included; later only with a recorded reason (an extension).
* Feedback to a professional reporter: within ``feedback_days`` after the decision.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from tillsammans.concerns.legal import rules


def assessment_due(received_at: datetime) -> datetime:
    return received_at + timedelta(hours=rules().assessment_hours)


def decision_due(received_at: datetime) -> date:
    return timezone.localtime(received_at).date() + timedelta(days=rules().decision_days)


def feedback_due(decided_at: datetime) -> date:
    return timezone.localtime(decided_at).date() + timedelta(days=rules().feedback_days)
