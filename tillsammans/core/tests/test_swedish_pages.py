"""Every page each demo login reaches, and every e-mail the demo sends, speaks Swedish: no English
words, no codes from the database or the program (role codes, app_label.model, "emergency",
None/True/False), and never a server error."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tillsammans.accounts.models import Membership
from tillsammans.demo.builder import build
from tillsammans.testing.clients import client_for
from tillsammans.testing.crawl import crawl, visible_text
from tillsammans.testing.sip import run_queued_tasks

APPS = "core|accounts|organisations|childplans|logreview|networks|planning|otp_totp|auth|admin|sessions"
TELLTALES = [
    (re.compile(r"\b(system_admin|sip_lead|coordinator|manager|intake|auditor|receiver|staff)\b"), "role code"),
    (re.compile(rf"\b({APPS})\.[a-z_]+\b"), "app_label.model"),
    (re.compile(r"\b(emergency|osl_10_2|osl_10_28|child_health|principal_area|sub_area|not_started|followed_up)\b"),
     "stored code"),
    (re.compile(r"\b(None|True|False|nan)\b"), "Python value"),
    (re.compile(r"\b(system:[a-z-]+)"), "system actor code"),
    (re.compile(r"(?<![\w-])(the|and|with|of|for|from|this|your|please|Yes|No|Add|Change|Delete|Save|Search|Submit|Cancel|"
                r"Edit|Remove|Back|Next|Previous|Home|History|Filter|Select|Draft|Approved|Submitted|Templates?|"
                r"Goal areas?|Sub-goals?|devices?|Identity|Timestamps|Configuration|Throttling|Log out|View site|"
                r"Welcome|Page)(?![\w-])"), "English word"),
    (re.compile(r"\d\.\d+ (mot|tkr|%|timmar|årsarbetare)"), "decimal point in Swedish text"),
]


def problems_in(text: str) -> list[str]:
    found = []
    text = re.sub(r"\S+@\S+|https?://\S+", " ", text)  # addresses are not words
    for line in text.splitlines():
        for pattern, kind in TELLTALES:
            match = pattern.search(line)
            if match:
                found.append(f"{kind}: {match.group(0)!r} in {line[:120]!r}")
    return found


def test_the_scanner_finds_what_it_should():
    assert problems_in("Roll: sip_lead")
    assert problems_in("childplans.coordinatedplan 10")
    assert problems_in("Rättslig grund: emergency")
    assert problems_in("Goal areas")
    assert problems_in("3.5 mot 4.5")
    assert not problems_in("Målområden\nSIP-samordnare\n3,5 mot 4,5\nNödåtkomst")
    # text marked as another language (a survey's English version) is that language by design
    assert visible_text('<p>Fråga</p><textarea lang="en">Where do you look for support?</textarea>') == "Fråga"


@pytest.mark.django_db
def test_every_page_each_demo_login_reaches_is_swedish():
    demo = build()
    report: dict[str, list[str]] = {}
    pages = 0
    for user in demo.logins:
        for membership in Membership.objects.filter(user=user).select_related("unit"):
            client = client_for(membership)
            for page in crawl(client, per_pattern=2, limit=250):
                assert page.status != 500, page.url
                if not page.html:
                    continue
                pages += 1
                for problem in problems_in(visible_text(page.html)):
                    report.setdefault(f"{membership.role} {page.url}", []).append(problem)
    assert pages > 100
    # The e-mails the demo's journeys sent (invitations, reminders): subject, text and HTML part.
    run_queued_tasks()
    for message in mail.outbox:
        parts = [message.subject, message.body] + [visible_text(content) for content, kind in
                                                  getattr(message, "alternatives", []) if kind == "text/html"]
        for problem in problems_in("\n".join(parts)):
            report.setdefault(f"e-mail {message.subject!r}", []).append(problem)
    assert not report, "\n".join(f"{where}: {p}" for where, found in report.items() for p in found[:3])
