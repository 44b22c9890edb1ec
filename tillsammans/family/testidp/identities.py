"""Fictional test identities: a stand-in user row per personal identity number picked, because the
OIDC provider library ties its grants to a user. Such a row has no password, no second factor and no
membership: it can never log in to Tillsammans itself (docs/adr/0017)."""

from __future__ import annotations

from django.utils import timezone

PREFIX = "test-e-id-"


def user_for(number: str, *, touch: bool = False):
    from tillsammans.accounts.models import User

    user, created = User.objects.get_or_create(username=f"{PREFIX}{number}",
                                               defaults={"first_name": "Testidentitet", "is_active": True})
    if created:
        user.set_unusable_password()
    if touch or created:
        user.last_login = timezone.now()  # the ID token's auth_time: when the person proved who they are
        user.save()
    return user


def number_of(user) -> str:
    name = getattr(user, "username", "") or ""
    return name[len(PREFIX):] if name.startswith(PREFIX) else ""


def ensure_client(redirect_uris: list[str]):
    """The family login's client at the test provider (confidential, code flow, RS256, PKCE)."""
    from django.conf import settings
    from oauth2_provider.models import get_application_model

    Application = get_application_model()
    application = Application.objects.filter(client_id=settings.FAMILY_OIDC_CLIENT_ID).first()
    uris = " ".join(sorted(set(redirect_uris)))
    if application is None:
        application = Application(client_id=settings.FAMILY_OIDC_CLIENT_ID,
                                  client_secret=settings.FAMILY_OIDC_CLIENT_SECRET,
                                  client_type=Application.CLIENT_CONFIDENTIAL,
                                  authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                                  algorithm=Application.RS256_ALGORITHM, name="Tillsammans familj (test)",
                                  skip_authorization=True, redirect_uris=uris)
        application.save()
    elif set(application.redirect_uris.split()) != set(redirect_uris):
        application.redirect_uris = " ".join(sorted(set(application.redirect_uris.split()) | set(redirect_uris)))
        application.save(update_fields=["redirect_uris"])
    return application
