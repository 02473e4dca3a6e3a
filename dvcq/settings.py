"""Django settings for DVCQ.

Every setting an operator may change comes from the environment, with a default that works
on a developer's machine (SQLite under ``data/``, console e-mail, DEBUG on). The full list
is in ``.env.example``.
"""

import contextlib
import os
from pathlib import Path

import dj_database_url

from dvcq.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DVCQ_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "dvcq",
    "units",
    "accounts",
    "audit",
    "committee",
    "documents",
    "programs",
    "outgoing",
    "followup",
    "meetings",
    "activities",
    "reminders",
    "jobs",
    "citizens",
    "inspections",
    "brightspots",
    "reports",
    "search",
    "api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "backups",
    "synthetic",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dvcq.dbdown.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dvcq.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dvcq.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dvcq.urls"
WSGI_APPLICATION = "dvcq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'dvcq.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        _database_file = Path(DATABASES["default"]["NAME"])
        _database_file.parent.mkdir(parents=True, exist_ok=True)
        # Readable by the service account only: the file holds live sessions and sealed
        # identities, like a backup (SQLite gives its -wal and -shm files the same mode).
        os.close(os.open(_database_file, os.O_CREAT | os.O_WRONLY, 0o600))
        with contextlib.suppress(PermissionError):
            _database_file.chmod(0o600)
    # WAL lets readers go on while one writer commits; a short busy wait instead of
    # "database is locked" when two requests write at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "programs:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Production hashing: PBKDF2 (Django's default, ~0.5 s a password on purpose). The test
# settings (``dvcq.settings_test``) swap in a fast hasher; a test checks this list.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["dvcq.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "node_modules" / "htmx.org" / "dist"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Evidence files live outside any URL space and are only handed out by a view that
# checks the user's permission.
EVIDENCE_ROOT = Path(env_str("DVCQ_EVIDENCE_ROOT", str(DATA_DIR / "evidence")))
# Every uploaded file goes through STORAGES["evidence"] (``dvcq.storage``): the folder above,
# or a private S3-compatible bucket when DVCQ_S3_BUCKET is set (docs/operations.md).
S3_BUCKET = env_str("DVCQ_S3_BUCKET", "")
STORAGES["evidence"] = (
    {
        "BACKEND": "dvcq.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "location": env_str("DVCQ_S3_PREFIX", ""),
            "endpoint_url": env_str("DVCQ_S3_ENDPOINT", "") or None,
            "region_name": env_str("DVCQ_S3_REGION", "") or None,
            "addressing_style": env_str("DVCQ_S3_ADDRESSING_STYLE", "") or None,
            "access_key": env_str("DVCQ_S3_ACCESS_KEY", "") or None,
            "secret_key": env_str("DVCQ_S3_SECRET_KEY", "") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "dvcq.storage.EvidenceStorage"}
)
EVIDENCE_MAX_BYTES = env_int("DVCQ_EVIDENCE_MAX_MB", 10) * 1024 * 1024
IMPORT_MAX_BYTES = env_int("DVCQ_IMPORT_MAX_MB", 5) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# E-mail: the environment keeps Django's familiar EMAIL_* names; Django 6.1 wants them in
# MAILERS. The console backend (the default) prints mail instead of sending it.
_EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 30),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "dvcq@localhost")
# With DEBUG off, a backend that sends nothing is a system check error (dvcq.E010, see
# dvcq/checks.py). Benchmarks and load tests, which send no mail, name it here to silence it.
SILENCED_SYSTEM_CHECKS = env_list("DVCQ_SILENCED_CHECKS", "")

# Denouncers' identities are encrypted at rest with this key (Fernet, urlsafe base64 of 32
# bytes). Set it in production and keep it out of database backups; the public demo key is
# the default only with DEBUG on (``dvcq.checks`` refuses to run without a key of its own).
# While ``dvcq rotate-identity-key`` runs, the retired key(s) go in DVCQ_IDENTITY_KEY_OLD.
DVCQ_IDENTITY_KEY = env_str(
    "DVCQ_IDENTITY_KEY", "ZGVtby1vbmx5LWtleS1kby1ub3QtdXNlLWluLXByb2Q=" if DEBUG else ""
)
DVCQ_IDENTITY_KEY_OLD = env_list("DVCQ_IDENTITY_KEY_OLD", "")

# Background jobs: the database queue by default (no extra server); a Redis URL for scale-out.
DVCQ_QUEUE_URL = env_str("DVCQ_QUEUE_URL", "")
DVCQ_SITE_URL = env_str("DVCQ_SITE_URL", "http://127.0.0.1:8000")
DVCQ_REMINDER_HOUR = env_int("DVCQ_REMINDER_HOUR", 7)  # the daily reminder pass, Vietnam time

# Cache and sessions: per-process memory and the database by default. With several app
# servers, DVCQ_CACHE_URL=redis://... gives them one cache, and sessions read through it
# (cached_db: still written to the database, so a Redis restart logs nobody out).
DVCQ_CACHE_URL = env_str("DVCQ_CACHE_URL", "")
if DVCQ_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DVCQ_CACHE_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The REST API (/api/v1/, app ``api``): bearer tokens only, JSON errors, limit/offset pages,
# a request budget per token (DVCQ_API_RATE, e.g. "600/hour").
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.BoundedLimitOffsetPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": env_str("DVCQ_API_RATE", "600/hour")},
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DVCQ API",
    "DESCRIPTION": "API của DVCQ (Dân vận chính quyền), phiên bản 1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "TaskStatusEnum": "programs.models.TaskStatus",
        "SettableTaskStatusEnum": "api.serializers.SETTABLE_CHOICES",
        "ProgramStatusEnum": "programs.models.ProgramStatus",
        "PetitionStatusEnum": "citizens.models.Status",
        "ReportStatusEnum": "reports.models.ReportStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Security (issue 7 §3; docs/decisions/0016-security.md, docs/operations.md) -----------
# Production (DEBUG off) defaults are the strict ones; behind a TLS-terminating proxy set
# SECURE_PROXY_SSL=true so Django trusts its X-Forwarded-Proto header.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "dvcq.views.csrf_failure"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("SECURE_PROXY_SSL", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script anywhere: scripts come only from our own static files.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Login lockout (django-axes): AXES_FAILURE_LIMIT failures for one username from one address
# lock that pair out for AXES_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The back office never shows a user's TOTP secret or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_VERBOSE = False
# Password spraying (accounts.spraying): this many failures for one username from any
# addresses within the window hold the account until the window ends.
DVCQ_LOGIN_ACCOUNT_LIMIT = env_int("DVCQ_LOGIN_ACCOUNT_LIMIT", 20)
DVCQ_LOGIN_ACCOUNT_WINDOW_MINUTES = env_int("DVCQ_LOGIN_ACCOUNT_WINDOW_MINUTES", 60)
# Second factor (TOTP, django-otp): required for administrators and petition handlers.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "DVCQ")
DVCQ_REQUIRE_2FA = env_bool("DVCQ_REQUIRE_2FA", True)
# --- end of security block -----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # axes logs every login and logout at INFO; failures and lockouts are warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
