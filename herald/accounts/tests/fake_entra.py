"""A fake Microsoft Entra ID tenant for tests, served through ``responses`` (no network).

Response shapes follow Microsoft's documentation of the v2.0 endpoints: the JWKS document at
``/discovery/v2.0/keys``, the token endpoint's JSON and the ID token's claims. Like the real
service, the fake remembers each authorisation code's nonce and PKCE challenge and refuses a
token request whose ``code_verifier`` does not match.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from jwt.algorithms import RSAAlgorithm
from requests import PreparedRequest

TENANT_ID = "72f988bf-0000-4000-8000-2d7cd011db47"
CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e"
CLIENT_SECRET = "fake-client-secret-never-logged"
AUTHORITY = f"https://login.microsoftonline.com/{TENANT_ID}"
ISSUER = f"{AUTHORITY}/v2.0"
AUTHORIZE_URL = f"{AUTHORITY}/oauth2/v2.0/authorize"
TOKEN_URL = f"{AUTHORITY}/oauth2/v2.0/token"
JWKS_URL = f"{AUTHORITY}/discovery/v2.0/keys"
CALLBACK = "http://testserver/oidc/callback/"

# Generating RSA keys is slow; two are enough for every test (the tenant's and an impostor's).
SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KEY_ID = "nOo3ZDrODXEK1jKWhXslHR_KXEg"


def settings_for_entra() -> dict[str, Any]:
    """What config/settings.py derives from OIDC_RP_CLIENT_ID and OIDC_ENTRA_TENANT_ID."""
    return {
        "OIDC_ENABLED": True,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_ISSUER": ISSUER,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": AUTHORIZE_URL,
        "OIDC_OP_TOKEN_ENDPOINT": TOKEN_URL,
        "OIDC_OP_JWKS_ENDPOINT": JWKS_URL,
    }


@dataclass
class EntraAccount:
    """A person in the tenant. ``oid`` is stable; email and UPN can change."""

    email: str
    name: str = "Test Person"
    oid: str = field(default_factory=lambda: str(uuid.uuid4()))
    # Entra's ``sub`` is pairwise: a different opaque value for each application.
    sub: str = field(default_factory=lambda: secrets.token_urlsafe(32))


@dataclass
class _Grant:
    account: EntraAccount
    nonce: str
    code_challenge: str
    claims: dict[str, Any]
    key: rsa.RSAPrivateKey


class FakeEntra:
    def __init__(self, mock: responses.RequestsMock) -> None:
        self._grants: dict[str, _Grant] = {}
        self.token_requests: list[dict[str, str]] = []
        self.issued: list[dict[str, Any]] = []
        mock.add(responses.GET, JWKS_URL, json=self.jwks())
        mock.add_callback(responses.POST, TOKEN_URL, callback=self._token)

    @staticmethod
    def jwks() -> dict[str, Any]:
        public = json.loads(RSAAlgorithm.to_jwk(SIGNING_KEY.public_key()))
        key = {"kty": "RSA", "use": "sig", "kid": KEY_ID, "n": public["n"], "e": public["e"]}
        return {"keys": [{**key, "issuer": ISSUER}]}

    def authorize(
        self,
        authorize_location: str,
        account: EntraAccount,
        *,
        key: rsa.RSAPrivateKey = SIGNING_KEY,
        **claims: Any,
    ) -> str:
        """What Entra does after the person signs in: return ``?code=…&state=…``.

        ``claims`` override the ID token's (``None`` removes one), to forge a bad token.
        """
        params = {k: v[0] for k, v in parse_qs(urlsplit(authorize_location).query).items()}
        code = "0.AXkA" + secrets.token_urlsafe(40)
        self._grants[code] = _Grant(
            account=account,
            nonce=params.get("nonce", ""),
            code_challenge=params.get("code_challenge", ""),
            claims=claims,
            key=key,
        )
        return f"?code={code}&state={params['state']}&session_state={uuid.uuid4()}"

    def id_token_claims(self, grant: _Grant) -> dict[str, Any]:
        now = int(time.time())
        account = grant.account
        claims: dict[str, Any] = {
            "aud": CLIENT_ID,
            "iss": ISSUER,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "email": account.email,
            "name": account.name,
            "nonce": grant.nonce,
            "oid": account.oid,
            "preferred_username": account.email,
            "rh": "0.AXkAv4j5cvGGr0GRqy180BHbR3bN-cmmFK5Jl7xuumkUOR55AAA.",
            "sid": str(uuid.uuid4()),
            "sub": account.sub,
            "tid": TENANT_ID,
            "uti": secrets.token_urlsafe(16),
            "ver": "2.0",
        }
        claims.update(grant.claims)
        return {k: v for k, v in claims.items() if v is not None}

    def _token(self, request: PreparedRequest) -> tuple[int, dict[str, str], str]:
        form = {k: v[0] for k, v in parse_qs(str(request.body)).items()}
        self.token_requests.append(form)
        grant = self._grants.pop(form.get("code", ""), None)
        if grant is None or not self._client_and_verifier_ok(form, grant):
            error = {"error": "invalid_grant", "error_description": "AADSTS70008: bad grant."}
            return 400, {}, json.dumps(error)
        claims = self.id_token_claims(grant)
        self.issued.append(claims)
        id_token = jwt.encode(
            claims, grant.key, algorithm="RS256", headers={"kid": KEY_ID, "typ": "JWT"}
        )
        body = {
            "token_type": "Bearer",
            "scope": "email openid profile https://graph.microsoft.com/User.Read",
            "expires_in": 4107,
            "ext_expires_in": 4107,
            "access_token": "eyJ0eXAiOiJKV1QiLCJub25jZSI6Ij.fake-graph-access-token",
            "id_token": id_token,
        }
        return 200, {}, json.dumps(body)

    @staticmethod
    def _client_and_verifier_ok(form: dict[str, str], grant: _Grant) -> bool:
        digest = hashlib.sha256(form.get("code_verifier", "").encode("ascii")).digest()
        challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        return (
            form.get("grant_type") == "authorization_code"
            and form.get("client_id") == CLIENT_ID
            and form.get("client_secret") == CLIENT_SECRET
            and form.get("redirect_uri") == CALLBACK
            and challenge == grant.code_challenge
        )


def sign_in_with_entra(
    client: Client, entra: FakeEntra, account: EntraAccount, *, next_url: str = "", **claims: Any
) -> Any:
    """The whole browser journey: Herald → Entra → Herald's callback. Returns the last response."""
    start = client.get("/oidc/authenticate/", {"next": next_url} if next_url else {})
    assert start.status_code == 302
    assert start["Location"].startswith(AUTHORIZE_URL + "?")
    return client.get("/oidc/callback/" + entra.authorize(start["Location"], account, **claims))
