"""Production settings: the deployment check script and the OIDC settings read from the environment.

These run config.settings in a fresh interpreter, because the test settings are the development
ones and settings are read once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SECRET_KEY": "k" * 20 + "-throwaway-test-key-" + "z" * 20,
    "ALLOWED_HOSTS": "herald.example.gov.uk",
    "DATABASE_URL": "postgres://herald:unused@db.invalid:5432/herald",
}
PRINT_OIDC = (
    "import json, config.settings as s; print(json.dumps({k: getattr(s, k) for k in dir(s) "
    "if k.startswith('OIDC_') or k in ('SESSION_COOKIE_AGE', 'SECURE_HSTS_INCLUDE_SUBDOMAINS')}))"
)


def _settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-c", PRINT_OIDC],
        cwd=ROOT,
        env={**PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_script_passes_on_production_like_settings() -> None:
    result = subprocess.run(  # noqa: S603 - our own script
        [str(ROOT / "scripts" / "check-deploy")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "check-deploy: passed" in result.stdout


def test_entra_tenant_fills_in_the_endpoints_and_the_issuer() -> None:
    tenant = "72f988bf-0000-4000-8000-2d7cd011db47"
    result = _settings_with(
        OIDC_RP_CLIENT_ID="client", OIDC_RP_CLIENT_SECRET="secret", OIDC_ENTRA_TENANT_ID=tenant
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    base = f"https://login.microsoftonline.com/{tenant}"
    assert found["OIDC_ENABLED"] is True
    assert found["OIDC_ISSUER"] == f"{base}/v2.0"
    assert found["OIDC_OP_AUTHORIZATION_ENDPOINT"] == f"{base}/oauth2/v2.0/authorize"
    assert found["OIDC_OP_TOKEN_ENDPOINT"] == f"{base}/oauth2/v2.0/token"
    assert found["OIDC_OP_JWKS_ENDPOINT"] == f"{base}/discovery/v2.0/keys"
    assert found["OIDC_USE_NONCE"] is True
    assert found["OIDC_USE_PKCE"] is True
    assert found["OIDC_CREATE_USER"] is False
    assert found["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert found["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_oidc_is_off_without_a_client_id() -> None:
    result = _settings_with()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["OIDC_ENABLED"] is False


def test_half_configured_oidc_stops_herald_starting() -> None:
    result = _settings_with(OIDC_RP_CLIENT_ID="client", OIDC_RP_CLIENT_SECRET="secret")
    assert result.returncode != 0
    assert "OIDC_ENTRA_TENANT_ID" in result.stderr
