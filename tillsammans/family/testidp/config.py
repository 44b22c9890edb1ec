"""Settings of the test identity provider (demo and tests only; production refuses it)."""

from __future__ import annotations

from pathlib import Path

CLIENT_ID = "tillsammans-familj-test"
CLIENT_SECRET = "fiktiv-hemlighet-for-test-e-legitimationen"  # the demo's own client, fictional
PATH = "/test-e-id"
IDENTITY_SCOPE = "https://id.oidc.se/scope/naturalPersonNumber"


def _private_key(var_dir: Path) -> str:
    """An RS256 key kept in var/ (generated once): the ID tokens' signature."""
    path = Path(var_dir) / "test-e-id-rs256.pem"
    if not path.exists():
        import os
        import tempfile

        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        # Written aside and moved in whole: test workers start at once and must never read half a key.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".test-e-id-")
        with os.fdopen(handle, "wb") as out:
            out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    return path.read_text()


def configure(var_dir: Path, site_url: str) -> dict:
    issuer = site_url + PATH
    return {
        "OAUTH2_PROVIDER": {
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": _private_key(var_dir),
            "OIDC_ISS_ENDPOINT": issuer,
            "PKCE_REQUIRED": True,
            "SCOPES": {"openid": "OpenID Connect", IDENTITY_SCOPE: "Personnummer"},
            "DEFAULT_SCOPES": ["openid"],
            "OAUTH2_VALIDATOR_CLASS": "tillsammans.family.testidp.validator.TestIdpValidator",
            "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],
            "ID_TOKEN_EXPIRE_SECONDS": 300,
            "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
        },
        "FAMILY_OIDC_ENABLED": True,
        "FAMILY_OIDC_ISSUER": issuer,
        "FAMILY_OIDC_AUTHORIZATION_ENDPOINT": f"{issuer}/authorize/",
        "FAMILY_OIDC_TOKEN_ENDPOINT": f"{issuer}/token/",
        "FAMILY_OIDC_JWKS_ENDPOINT": f"{issuer}/jwks/",
        "FAMILY_OIDC_CLIENT_ID": CLIENT_ID,
        "FAMILY_OIDC_CLIENT_SECRET": CLIENT_SECRET,
    }
