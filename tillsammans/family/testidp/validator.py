"""The test identity provider's claims, as an e-ID broker following the Swedish OIDC profile sends them."""

from __future__ import annotations

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

from tillsammans.family.testidp.config import IDENTITY_SCOPE

LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


class TestIdpValidator(OAuth2Validator):
    @property
    def oidc_claim_scope(self):
        return {"sub": "openid", "acr": "openid", settings.FAMILY_OIDC_IDENTITY_CLAIM: IDENTITY_SCOPE}

    def get_additional_claims(self, request):
        from tillsammans.family.testidp.identities import number_of

        return {settings.FAMILY_OIDC_IDENTITY_CLAIM: number_of(request.user), "acr": LOA3}
