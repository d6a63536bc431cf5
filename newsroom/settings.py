"""Newsroom settings: one file, driven by the environment."""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from js_asset import static_lazy

from articles.embeds import FRAME_ORIGINS as EMBED_FRAME_ORIGINS

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no setting; only the usual spellings of 'yes' count as true."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_map(name: str) -> dict[str, str]:
    """Read `key=value,key=value`; an item without "=" keeps an empty value, for the system checks to report."""
    pairs = (item.partition("=") for item in env_list(name))
    return {key.strip(): value.strip() for key, _, value in pairs}


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(make run sets one for local development)."
        )
    SECRET_KEY = "development-only-key-not-for-production"  # noqa: S105 - debug only; refused in production above

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"

INSTALLED_APPS = [
    "newsroom.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "content_editor",
    "taggit",
    "reversion",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "newsroom.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Stored public pages are answered here, before sessions, CSRF, auth and templates (newsroom.pagecache).
    "newsroom.pagecache.PageCacheMiddleware",
    # Before anything that reads the body (CSRF reads the form): sizes are checked on the headers alone.
    "newsroom.request_limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "newsroom.admin_params.AdminParametersMiddleware",
    # Last, so it can turn a sign-in refused for too many failures into the "sign-in paused" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that answers nothing would otherwise hold each request until the system gives up (minutes).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "5"))
    )

# An optional read replica (PostgreSQL streaming replication): public pages read from it, everything else from
# the primary (newsroom/db_router.py). Tests use it as a mirror of the primary's test database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "5"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    # Before anything that reads: the request's reads may go to the replica only while it is a public read.
    MIDDLEWARE.insert(1, "newsroom.db_router.ReplicaReadsMiddleware")
# The longest the replica is expected to lag: a public page rendered within this time of a change to what it shows is
# kept by the page cache only this long (it may have been read before the change reached the replica).
NEWSROOM_REPLICA_LAG_SECONDS = float(os.environ.get("NEWSROOM_REPLICA_LAG_SECONDS", "5"))


def cache_from_url(url: str) -> dict:
    """One CACHES entry from an address: `locmem://`, `redis://host:port/db` (or `rediss://`), `dummy://`."""
    scheme = url.partition("://")[0].lower()
    if scheme in {"redis", "rediss"}:
        # Django's RedisCache with short timeouts; rate limits fall back to local memory while Redis is out of reach,
        # the page cache serves pages uncached meanwhile (newsroom.cache, newsroom.pagecache).
        return {"BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": "newsroom"}
    if scheme == "locmem":
        # One per process: `check --deploy` refuses it with more than one worker (newsroom.checks).
        return {
            "BACKEND": "newsroom.cache.LocalMemoryCache",
            "LOCATION": url.partition("://")[2] or "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL must start with locmem://, redis://, rediss:// or dummy://, not {url!r}.")


REDIS_URL = os.environ.get("REDIS_URL", "")
# REDIS_URL alone still means the Redis cache, as before CACHE_URL existed.
CACHE_URL = os.environ.get("CACHE_URL", "") or REDIS_URL or "locmem://"
CACHES = {"default": cache_from_url(CACHE_URL)}

# The page cache for anonymous readers (newsroom.pagecache): whole public pages, invalidated by what they show.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", True)
NEWSROOM_PAGE_CACHE_ALIAS = "default"
# The longest a stored page lives; changes invalidate it long before, this only returns the memory.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "3600"))
# This version of the site (e.g. the commit deployed): pages stored by another version are never served. Unset, the
# modification times of the code and templates stand in for it.
NEWSROOM_RELEASE = os.environ.get("NEWSROOM_RELEASE", "")
# Moments at which any page may change by itself: no stored page outlives the next one.
NEWSROOM_PAGE_CACHE_DEADLINES = ["articles.cachetags.next_publication"]
# Addresses that are never looked up: the admin, previews, comment endpoints, files.
NEWSROOM_PAGE_CACHE_BYPASS_PREFIXES = ["/admin/", "/preview/", "/comments/", "/media/", "/static/", "/healthz", "/readyz"]
# What a CDN in front may do with public pages: keep them this many seconds, serve them this much longer while it
# fetches a fresh copy. Browsers always ask again (max-age=0) and get a 304 when nothing changed.
NEWSROOM_CDN_MAX_AGE = int(os.environ.get("NEWSROOM_CDN_MAX_AGE", "60"))
NEWSROOM_CDN_STALE_SECONDS = int(os.environ.get("NEWSROOM_CDN_STALE_SECONDS", "30"))
# Told the tags of every invalidation (POST {"tags": [...]}, off the request path), so a CDN purges with the cache.
NEWSROOM_CDN_PURGE_URL = os.environ.get("NEWSROOM_CDN_PURGE_URL", "")

# A page that cannot reach the database answers 503 and asks browsers and crawlers to come back after this long.
NEWSROOM_RETRY_AFTER_SECONDS = int(os.environ.get("NEWSROOM_RETRY_AFTER_SECONDS", "10"))

# Sessions live in the database so that any app server can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The lockout check runs first, so a locked sign-in is refused before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Password guessing: after this many failed sign-ins for one account, or from one address, sign-in pauses there
# for the cool-off. Failures are kept in the database, so every app server sees the same count.
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NEWSROOM_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = "newsroom.signin.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "newsroom.signin.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.signin.locked_out"
AXES_HANDLER = "newsroom.signin.LoginAttemptHandler"
AXES_RESET_ON_SUCCESS = True
# Attempts while locked are refused without being counted, so the lock ends on time instead of being kept up.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# At an address an account signed in from within this many days, only its own failures from there lock it.
NEWSROOM_LOGIN_KNOWN_ADDRESS_DAYS = 30

# Two-factor sign-in: any staff member can turn it on in the admin. Switched on here (NEWSROOM_2FA_REQUIRED=1, as
# production should), editors and superusers must: with only a password they can reach nothing but the set-up page.
NEWSROOM_2FA_REQUIRED = env_bool("NEWSROOM_2FA_REQUIRED")
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# Nobody, superusers included, can read another person's secret in the admin: they can only delete a lost device.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The site serves uploads itself (newsroom.media); turn it off when nginx or a CDN serves MEDIA_URL.
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", True)

STORAGES = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
        # e.g. {"bucket_name": "newsroom-media"} for an S3-like backend: uploads and renditions follow it unchanged.
        "OPTIONS": json.loads(os.environ.get("DJANGO_FILE_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Tests render pages without running collectstatic first.
WHITENOISE_MANIFEST_STRICT = False

# Our own prose-editor extensions, loaded by the editors whose field names them (articles/richtext.py).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("js/prose_paste.js"), static_lazy("js/prose_label.js")],
        # They allow no tags of their own: one cleans what is pasted to the body's schema, one names the editor.
        "extensions": {"PasteCleanup": lambda config, allowlist: None, "FieldLabel": lambda config, allowlist: None},
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
        }
        if not DEBUG and "DJANGO_EMAIL_BACKEND" not in os.environ
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")

# Security headers; HTTPS-only settings are switched on together behind a TLS proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
HTTPS = env_bool("DJANGO_HTTPS")
# How many proxies (load balancer, TLS terminator) stand in front and append to X-Forwarded-For.
NEWSROOM_TRUSTED_PROXIES = int(os.environ.get("NEWSROOM_TRUSTED_PROXIES", "1" if HTTPS else "0"))
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "object-src": [CSP.NONE],
    # Players of the embed providers, loaded only when a reader asks (articles/embeds.py keeps the list).
    "frame-src": list(EMBED_FRAME_ORIGINS),
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Browser features the site never needs, refused to every page and anything embedded in it ("self" would allow one).
NEWSROOM_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "bluetooth", "browsing-topics", "camera", "display-capture", "geolocation",
        "gyroscope", "hid", "interest-cohort", "magnetometer", "microphone", "midi", "payment",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}

# Django's own `django` logger has a console handler of its own (in debug) and passes every line on to the root's:
# it gets ours instead and keeps its lines to itself, so each line prints once. `django.server` keeps its own.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"), "propagate": False},
    },
}

# The site's public identity, used in page titles, feeds and structured data.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
# Scheme and host readers reach the site at: mail is sent with no request to take them from, so its links use this.
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
NEWSROOM_PAGE_SIZE = 12
# Feeds list this many newest stories; a sitemap file holds at most this many addresses before an index splits it.
NEWSROOM_FEED_SIZE = 30
# Well under the protocol's 50,000: a file is made per request, and one of 50,000 addresses took seconds to render.
NEWSROOM_SITEMAP_LIMIT = 5_000
# The publication's name and language as Google News knows them.
NEWSROOM_NEWS_LANGUAGE = "en"

# Lead image limits: big enough for a front page, small enough to keep pages fast.
NEWSROOM_IMAGE_MAX_BYTES = 10 * 1024 * 1024
NEWSROOM_IMAGE_MIN_WIDTH = 400
# Read from the file's header before any decoding: a 24-megapixel camera photo fits, a small file claiming 40
# million pixels (hundreds of MB once decoded) does not. Pillow itself refuses anything over twice this.
NEWSROOM_IMAGE_MAX_PIXELS = 25_000_000
# Request bodies, refused on their declared length before they are read: admin pages that take a picture accept
# one at its limit plus room for the article's text; every other page (comments, search, sign-in) far less.
NEWSROOM_UPLOAD_REQUEST_MAX_BYTES = NEWSROOM_IMAGE_MAX_BYTES + 2 * 1024 * 1024
NEWSROOM_REQUEST_MAX_BYTES = 256 * 1024

# Autosave of the article being edited: sent after this many seconds of typing, refused above this size (the
# form's text without its files), and no longer offered, then deleted, after this many days.
NEWSROOM_AUTOSAVE_SECONDS = 30
NEWSROOM_AUTOSAVE_MAX_BYTES = 1024 * 1024
NEWSROOM_AUTOSAVE_DAYS = 14

# The quality gate's rules: rule id → "error", "warning" or "off", over each rule's own severity (`manage.py
# lint_article --list-rules` lists them). From the environment: NEWSROOM_QUALITY_RULES="missing-space=off,…".
NEWSROOM_QUALITY_RULES: dict[str, str] = env_map("NEWSROOM_QUALITY_RULES")

# Background work (notifications) runs off the request path: queued in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Reader comments. Section and article policies in the admin override the site's mode and closing.
COMMENTS_MODE = os.environ.get("NEWSROOM_COMMENTS_MODE", "open")
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS", "0")) or None
COMMENTS_MAX_DEPTH = 3
COMMENTS_PER_PAGE = 50
COMMENTS_MAX_LENGTH = 3000
COMMENTS_MIN_SECONDS = 3
COMMENTS_MAX_AGE_SECONDS = 2 * 60 * 60
# (comments, seconds) per address and per e-mail: one per 15 seconds, ten an hour.
COMMENTS_RATE_LIMITS = [(1, 15), (10, 60 * 60)]
COMMENTS_REPORTS_TO_HIDE = 3
COMMENTS_HOLD_LINKS = 2
COMMENTS_CHECKS = [
    "comments.checks.banned_commenter",
    "comments.checks.banned_words",
    "comments.checks.suspect_words",
    "comments.checks.too_many_links",
    "comments.checks.first_time_commenter",
    "comments.checks.learned_filter",
    "comments.checks.akismet",
]
COMMENTS_PRIVACY_NOTICE = os.environ.get("NEWSROOM_COMMENTS_PRIVACY_NOTICE", "This site checks comments for spam.")
COMMENTS_PRIVACY_LINK_TEXT = os.environ.get(
    "NEWSROOM_COMMENTS_PRIVACY_LINK_TEXT", "Learn how your comment data is processed."
)
COMMENTS_PRIVACY_URL = os.environ.get("NEWSROOM_COMMENTS_PRIVACY_URL", "/comments/privacy/")
# "each": a mail per held comment; "digest": one mail per interval listing what waits; "off".
COMMENTS_MODERATOR_NOTIFICATIONS = os.environ.get("NEWSROOM_MODERATOR_NOTIFICATIONS", "digest")
COMMENTS_DIGEST_MINUTES = 60
AKISMET_API_KEY = os.environ.get("AKISMET_API_KEY", "")
AKISMET_SITE_URL = os.environ.get("AKISMET_SITE_URL", "")
