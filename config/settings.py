"""Herald's one settings module. Everything deployment-specific comes from the environment.

Defaults are the secure ones; the embedded development mode (``HERALD_DEV=true``, set by
``scripts/dev``) relaxes only what a laptop needs (plain HTTP, a generated secret key).
Business configuration — approval rules, rule packs, unit costs — lives in the database.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEV = env_bool("HERALD_DEV", default=False)
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEV:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set outside HERALD_DEV")
    SECRET_KEY = "herald-dev-only-" + "x" * 50

# Keys for secrets stored in the database (channel credentials): comma-separated Fernet keys,
# newest first, so a key can be rotated (old rows still decrypt, new writes use the first).
# Unset, one key is derived from SECRET_KEY; production should set its own (or ..._FILE).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEV else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEV else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "mozilla_django_oidc",
    "django_tasks_db",
    "herald.core",
    "herald.accounts",
    "herald.councils",
    "herald.people",
    "herald.audit",
    "herald.api",
    # Contexts above the tenancy, lower layers first: each context's demo data loads in this order.
    "herald.standards",
    "herald.learning",
    "herald.network",
    "herald.estate",
    "herald.channels",
    "herald.publishing",
    "herald.listening",
    "herald.inbox",
    "herald.programme",
    "herald.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "herald.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "herald.councils.middleware.CouncilMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "herald" / "core" / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "autoescape": True,
            "context_processors": ["django.template.context_processors.csp"],
        },
    },
    {
        # Django's admin and the REST framework's browsable pages still use Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]
FORM_RENDERER = "herald.core.forms.GovukFormRenderer"

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'herald.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server, the task worker and the scheduler share one file safely.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "herald.accounts.backends.ThrottledModelBackend",
    "herald.accounts.oidc.HeraldOIDCBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling: this many failures per username or per IP inside the window locks it out.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)

# OpenID Connect (Microsoft Entra ID or any standard provider). Off unless a client id is set.
# OIDC_ENTRA_TENANT_ID fills in the Entra v2.0 endpoints; other providers set each OIDC_OP_* URL.
OIDC_ENABLED = bool(env_str("OIDC_RP_CLIENT_ID"))
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "Microsoft Entra ID")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
_entra_tenant = env_str("OIDC_ENTRA_TENANT_ID")
_entra = f"https://login.microsoftonline.com/{_entra_tenant}" if _entra_tenant else ""
# The ID token's "iss" must equal this exactly (Entra: one tenant, so one issuer).
OIDC_ISSUER = env_str("OIDC_ISSUER", f"{_entra}/v2.0" if _entra else "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "OIDC_OP_AUTHORIZATION_ENDPOINT", f"{_entra}/oauth2/v2.0/authorize" if _entra else ""
)
OIDC_OP_TOKEN_ENDPOINT = env_str(
    "OIDC_OP_TOKEN_ENDPOINT", f"{_entra}/oauth2/v2.0/token" if _entra else ""
)
OIDC_OP_JWKS_ENDPOINT = env_str(
    "OIDC_OP_JWKS_ENDPOINT", f"{_entra}/discovery/v2.0/keys" if _entra else ""
)
# Herald reads who someone is from the signed, validated ID token and never calls userinfo:
# Entra's (on Microsoft Graph) lacks oid and preferred_username. The library insists it is set.
OIDC_OP_USER_ENDPOINT = ""
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True  # S256; Entra supports it for confidential clients too
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_CREATE_USER = False  # staff must exist in Herald (from the HR import) before they can sign in
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False
OIDC_AUTHENTICATE_CLASS = "herald.accounts.oidc.HeraldOIDCAuthenticationRequestView"
OIDC_CALLBACK_CLASS = "herald.accounts.oidc.HeraldOIDCCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
_oidc_required = [
    OIDC_RP_CLIENT_SECRET,
    OIDC_ISSUER,
    OIDC_OP_AUTHORIZATION_ENDPOINT,
    OIDC_OP_TOKEN_ENDPOINT,
    OIDC_OP_JWKS_ENDPOINT,
]
if OIDC_ENABLED and not all(_oidc_required):
    raise ImproperlyConfigured(
        "OIDC_RP_CLIENT_ID is set, so OIDC_RP_CLIENT_SECRET and either OIDC_ENTRA_TENANT_ID or "
        "OIDC_ISSUER and every OIDC_OP_*_ENDPOINT must be set too"
    )

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEV
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEV

# Security: secure by default, relaxed only for the plain-HTTP development server.
SECURE = not DEV and env_bool("SECURE", default=True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0)
# Herald has its own host name (herald.<council>.gov.uk), so this covers only names below it.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE)
# Preloading is a decision for whoever owns the council's registrable domain, not for Herald;
# so it is opt-in and Django's reminder about it (security.W021) is silenced below.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "herald.core.error_pages.csrf_failure"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # a working day, then sign in again
# Lax, not Strict: the identity provider's redirect back to /oidc/callback/ is a cross-site
# navigation that must carry the session holding the OIDC state, nonce and PKCE verifier.
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The nonce admits only the one <style> that sets the council's brand colour.
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF, *([OIDC_OP_AUTHORIZATION_ENDPOINT] if OIDC_ENABLED else [])],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "herald_cache",
    }
}
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Sessions read from Redis and written through to the database, so a Redis restart signs
    # nobody out and a request costs no session query.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

# Background work: django.tasks everywhere in application code. The embedded default keeps
# tasks as database rows (no broker); TASK_BACKEND=celery hands them to Celery on Redis.
TASK_BACKEND = env_str("TASK_BACKEND", "database")
if TASK_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASK_BACKEND == "celery":
    TASKS = {"default": {"BACKEND": "herald.core.tasks_celery.CeleryBackend"}}
else:
    raise ImproperlyConfigured(f"TASK_BACKEND must be 'database' or 'celery', not {TASK_BACKEND!r}")
# Read by config/celery.py (herald.core.tasks_celery.create_celery_app); Redis only.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
# `herald run_scheduler` sweeps the PeriodicJob table this often (one cheap indexed query).
SCHEDULER_INTERVAL_SECONDS = env_int("SCHEDULER_INTERVAL_SECONDS", 5)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["herald.api.auth.CouncilTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["herald.api.permissions.HasCouncilToken"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "herald.api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "herald.api.errors.exception_handler",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Herald API",
    "DESCRIPTION": "Herald's REST API. Every token belongs to one council and one role.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

_mail_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEV
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _mail_backend,
        "OPTIONS": (
            {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
            }
            if _mail_backend.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "herald@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "herald.core.logging.JsonFormatter"}},
    "filters": {"request_id": {"()": "herald.core.logging.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
