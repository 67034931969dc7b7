"""Tongwen settings: everything that varies between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from tongwen.config import env

BASE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BASE_DIR.parent.parent

PROFILE = env.env_choice("TONGWEN_PROFILE", "development", {"development", "production"})
PRODUCTION = PROFILE == "production"
DATA_DIR = env.data_dir("TONGWEN_DATA_DIR", str(REPO_DIR / "var"))
SECRET_KEY = env.secret_key("TONGWEN_SECRET_KEY", DATA_DIR)
DEBUG = env.env_bool("TONGWEN_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env.env_list(
    "TONGWEN_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)

INSTALLED_APPS = [
    "tongwen.config.admin.TongwenAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "tongwen.common",
    "tongwen.accounts",
    "tongwen.institutions",
    "tongwen.agreements",
    "tongwen.catalog",
    "tongwen.programs",
    "tongwen.search",
    "tongwen.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tongwen.config.urls"
WSGI_APPLICATION = "tongwen.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'tongwen.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env.env_str("TONGWEN_DATABASE_URL", _default_db),
        # Opening a connection costs more than a small query; keep it per worker thread.
        conn_max_age=env.env_int("TONGWEN_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a write is in progress; IMMEDIATE avoids
    # "database is locked" upgrades inside write transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:workspace"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [
    # Front-end packages come from npm at setup; nothing third-party lives in the repo.
    ("vendor/chart.js", REPO_DIR / "node_modules" / "chart.js" / "dist"),
    ("vendor/mirador", REPO_DIR / "node_modules" / "mirador" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tongwen.common.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tongwen API",
    "DESCRIPTION": "Institutions, people, agreements, commitments, initiatives and indicators.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "tongwen.common.dates.DatePrecision",
        "AgreementKindEnum": "tongwen.agreements.models.Agreement.Kind",
        "AgreementStatusEnum": "tongwen.agreements.models.Agreement.Status",
        "InitiativeStatusEnum": "tongwen.agreements.models.Initiative.Status",
        "InstitutionKindEnum": "tongwen.institutions.models.Institution.Kind",
        "ResourceKindEnum": "tongwen.catalog.models.Resource.Kind",
        "ResourceVisibilityEnum": "tongwen.catalog.models.Resource.Visibility",
        "RightsEnum": "tongwen.catalog.models.Rights",
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The shared collection. Image masters and IIIF derivatives live under the data directory.
TONGWEN_IMAGE_ROOT = DATA_DIR / "images"
TONGWEN_IIIF_CACHE_ROOT = DATA_DIR / "iiif-cache"
TONGWEN_IIIF_CACHE_MAX_BYTES = env.env_int("TONGWEN_IIIF_CACHE_MB", 2048, minimum=16) * 2**20
# "auto" uses libvips when it loads and Pillow otherwise; either can be forced.
TONGWEN_IIIF_BACKEND = env.env_choice("TONGWEN_IIIF_BACKEND", "auto", {"auto", "vips", "pillow"})
# Longest edge served to users who may view but not download full resolution.
TONGWEN_IIIF_PREVIEW_MAX = env.env_int("TONGWEN_IIIF_PREVIEW_MAX", 1200, minimum=64)
# Upload limits against oversized files and decompression bombs.
TONGWEN_UPLOAD_MAX_BYTES = env.env_int("TONGWEN_UPLOAD_MAX_MB", 300, minimum=1) * 2**20
TONGWEN_IMAGE_MAX_PIXELS = env.env_int("TONGWEN_IMAGE_MAX_MEGAPIXELS", 400, minimum=1) * 10**6
TONGWEN_IMPORT_MAX_ROWS = env.env_int("TONGWEN_IMPORT_MAX_ROWS", 100_000, minimum=1)

# OAI-PMH provider identity and paging.
TONGWEN_OAI_REPOSITORY_NAME = env.env_str(
    "TONGWEN_OAI_REPOSITORY_NAME", "Tongwen shared collection"
)
TONGWEN_OAI_NAMESPACE = env.env_str("TONGWEN_OAI_NAMESPACE", "tongwen.local")
TONGWEN_OAI_ADMIN_EMAIL = env.env_str("TONGWEN_OAI_ADMIN_EMAIL", "oai-admin@tongwen.invalid")
TONGWEN_OAI_PAGE_SIZE = env.env_int("TONGWEN_OAI_PAGE_SIZE", 200, minimum=1, maximum=5000)
# Harvester: limits on what a partner may send us.
TONGWEN_HARVEST_MAX_RESPONSE_BYTES = env.env_int("TONGWEN_HARVEST_MAX_RESPONSE_MB", 64) * 2**20
TONGWEN_HARVEST_TIMEOUT = env.env_int("TONGWEN_HARVEST_TIMEOUT", 60, minimum=1)
TONGWEN_HARVEST_RETRIES = env.env_int("TONGWEN_HARVEST_RETRIES", 4)

# Search (decision 0007): the embedded Tantivy index lives under the data directory.
TONGWEN_SEARCH_BACKEND = env.env_choice("TONGWEN_SEARCH_BACKEND", "tantivy", {"tantivy"})
TONGWEN_SEARCH_DIR = DATA_DIR / "search"
TONGWEN_SEARCH_WRITER_MB = env.env_int("TONGWEN_SEARCH_WRITER_MB", 64, minimum=16)
TONGWEN_SEARCH_PAGE_SIZE = env.env_int("TONGWEN_SEARCH_PAGE_SIZE", 20, minimum=1, maximum=100)

# Mail (registration confirmations). The platform runs offline: by default messages are
# written as files under the data directory; set TONGWEN_EMAIL=smtp and the host to send them.
_email = env.env_choice("TONGWEN_EMAIL", "file", {"file", "smtp", "console"})
_email_module = "filebased" if _email == "file" else _email
EMAIL_BACKEND = f"django.core.mail.backends.{_email_module}.EmailBackend"
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_HOST = env.env_str("TONGWEN_EMAIL_HOST", "localhost")
EMAIL_PORT = env.env_int("TONGWEN_EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.env_str("TONGWEN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env.env_str("TONGWEN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env.env_bool("TONGWEN_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env.env_str("TONGWEN_EMAIL_FROM", "tongwen@tongwen.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.env_choice("TONGWEN_LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"}),
    },
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.env_bool("TONGWEN_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.env_int("TONGWEN_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
