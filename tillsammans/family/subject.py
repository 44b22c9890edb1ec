"""Who a family member is: a person identified by e-ID, held in the session, with no user account
and no membership (docs/adr/0016-family-subject.md). Staff policies never see them; family
policies see nobody else (``core.access.allowed``)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tillsammans.core import access, identity

SESSION_KEY = "family_member"
LAST_SEEN_KEY = "family_last_seen"
LANGUAGE_KEY = "family_language"

# The portal's languages: Swedish (the main one), English, Arabic (right to left), Somali.
LANGUAGES = [("sv", "Svenska"), ("en", "English"), ("ar", "العربية"), ("so", "Soomaali")]
RTL = {"ar"}

ROLE = "family"
BASIS_LABELS = {"guardian": _("Guardian"), "young_person": _("The young person themself")}


@dataclass(frozen=True)
class FamilyMember:
    """A guardian or young person logged in with e-ID."""

    number: str  # 12 digits, asserted by the e-ID broker in the ID token
    authenticated_at: int  # when the person last proved who they are (the ID token's auth_time)
    acr: str = ""
    issuer: str = ""

    @property
    def number_display(self) -> str:
        return identity.display(self.number)

    def fresh(self, now: float | None = None) -> bool:
        """Proved who they are recently enough to change a consent."""
        now = time.time() if now is None else now
        return now - self.authenticated_at <= settings.FAMILY_FRESH_LOGIN_SECONDS

    def audit_values(self) -> dict:
        """The access log's subject fields: the e-ID identity, never a staff account."""
        return {"user_id": None, "user_label": f"family:{self.number_display}", "membership_id": None,
                "role": ROLE, "unit_id": None, "unit_label": "", "authority_id": None}

    def as_session(self) -> dict:
        return {"number": self.number, "authenticated_at": self.authenticated_at, "acr": self.acr,
                "issuer": self.issuer}

    @classmethod
    def from_session(cls, data) -> FamilyMember | None:
        if not isinstance(data, dict) or not str(data.get("number", "")).isdigit():
            return None
        return cls(number=data["number"], authenticated_at=int(data.get("authenticated_at", 0)),
                   acr=str(data.get("acr", "")), issuer=str(data.get("issuer", "")))


def member_of(request) -> FamilyMember | None:
    return FamilyMember.from_session(request.session.get(SESSION_KEY))


def family_actor(request, base: access.Actor) -> access.Actor:
    """The staff actor if a staff person is logged in; else the family member, if any."""
    if base.is_authenticated:
        return base
    member = member_of(request)
    if member is None:
        return base
    return access.Actor(family=member, verified=True, client_ip=base.client_ip, request_id=base.request_id)


def label(number: str) -> str:
    return f"family:{identity.display(number)}"
