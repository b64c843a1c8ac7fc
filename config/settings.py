"""Settings for the Learning Lab portal.

Everything that differs between a laptop and production comes from the environment (or a `.env`
file next to `manage.py`); see the configuration table in README.md.
"""

import base64
from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true on a development machine).")
    SECRET_KEY = "development-only-insecure-key-never-use-in-production"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
SITE_ID = 1
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The release's name (e.g. the image tag or commit): cached pages of another release are never
# served (core.content_cache). Empty: a fingerprint of the code and templates is used.
RELEASE = env.str("RELEASE", default="")

# --- Applications -----------------------------------------------------------------------------

DJANGO_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
]
THIRD_PARTY_APPS = [
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "csp",
]
LOCAL_APPS = [
    "core",
    "accounts",
    "partners",
    "activities",
    "feedback",
    "workinggroup",
    "learning",
    "resources",
    "stories",
    "campaigns",
    "convenings",
    "people",
    "regions",
    "mentoring",
    "notifications",
    "portal",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Authentication before locale: a signed-in person's preferred language wins over the browser's.
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PreferredLanguageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.FormErrorStatusMiddleware",
    # A domain refusal (ApplicationError) that leaves a view becomes the translated 4xx page.
    "core.refusals.RefusalMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and allauth: staff without a second factor may only set one up.
    "accounts.middleware.StaffMFARequiredMiddleware",
    "core.middleware.TimezoneMiddleware",
    # DEBUG only: the community page instead of the technical "not found" for visitors.
    "core.signed_out.DebugCommunityPageMiddleware",
    # After a first visit's inline stylesheet: the cookie that links the (now cached) file.
    "core.stylesheet.StylesheetCookieMiddleware",
]

# --- Database ---------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits live here: shared Redis in production) -------------------------------

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, reusing its Redis client objects (see core/redis_cache.py).
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "learninglab",
        }
    }
    # Sessions read from the shared cache, written to both: the database stays the record, and
    # a signed-in page no longer waits for a database read of its session.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication ---------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"

# Closed by default: the Learning Lab is a community and staff invite people.
OPEN_SIGNUP = env.bool("OPEN_SIGNUP", default=False)
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Learning Lab] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's rate limits, stated here so an operator sees them: at most 5 failed logins per
# account in 5 minutes (and 10 per minute per address), 5 password reset requests per minute
# per email and 20 per address.
# (bandit mistakes the "password" keys for passwords: these are rates.)
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105
    "reset_password_from_key": "20/m/ip",  # nosec B105
    "signup": "20/m/ip",
    "change_password": "5/m/user",  # nosec B105
    "manage_email": "10/m/user",
}
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes, open
# to everyone and required of staff and superusers (accounts.middleware). One time step of
# tolerance either side: phones' clocks drift, and a code typed on a slow connection arrives late.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Learning Lab"
MFA_TOTP_TOLERANCE = 1
# Behind a reverse proxy the client address is in X-Forwarded-For; trust only that many hops.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIMEZONE_COOKIE_NAME = "tz"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# Content written in one language is shown rather than nothing, in this order of preference.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": MODELTRANSLATION_LANGUAGES,
    "es": ("fr", "en"),
    "fr": ("es", "en"),
}
# modeltranslation reads this unprefixed name; its default is a Google CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

COUNTRIES_FIRST_REPEAT = False

# --- Templates, static files, forms -----------------------------------------------------------

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "core.context_processors.portal",
                "portal.context_processors.navigation",
            ],
        },
    }
]
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploads (logos) go through Django's storage API: S3-compatible storage when a bucket is
# configured, else local disk (shared by every web container through a volume in compose).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LOGO_MAX_BYTES = env.int("LOGO_MAX_BYTES", default=2_000_000)
MATERIAL_MAX_BYTES = env.int("MATERIAL_MAX_BYTES", default=25_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5_000_000

# --- Email ------------------------------------------------------------------------------------

# Development prints every email in the terminal that runs the worker; production sets EMAIL_URL.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):
    # filemail:///var/mail means the absolute path /var/mail.
    EMAIL_FILE_PATH = "/" + EMAIL_CONFIG["EMAIL_FILE_PATH"].lstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Learning Lab <noreply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Celery -----------------------------------------------------------------------------------

# With no broker server, a real worker still runs: kombu's filesystem transport under var/.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
BROKER_DIR = Path(env.str("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "out"),
        "data_folder_out": str(BROKER_DIR / "out"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
        "control_folder": str(BROKER_DIR / "control"),
    }
else:
    # Longer than any task's time limit or retry delay, so nothing is redelivered while it runs.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery's Django fixup closes the database connection around every task unless told to reuse
# it: a new PostgreSQL connection per email would cost more than sending it.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "dispatch-due-notifications": {
        "task": "notifications.dispatch",
        "schedule": env.int("NOTIFICATIONS_DISPATCH_SECONDS", default=60),
    },
    "clear-expired-sessions": {
        "task": "core.clear_expired_sessions",
        "schedule": 6 * 60 * 60,
    },
    "feedback-move-pending-answers": {
        "task": "feedback.move_pending",
        "schedule": 15 * 60,
    },
    "feedback-survey-notices": {
        "task": "feedback.send_notices",
        "schedule": 60 * 60,
    },
    "complete-finished-activities": {
        "task": "activities.complete_finished",
        "schedule": 15 * 60,
    },
    # --- The Working Group decides (issue 16) ---
    "workinggroup-close-due-decisions": {
        "task": "workinggroup.close_due_decisions",
        "schedule": 5 * 60,
    },
}

# --- Notifications ---------------------------------------------------------------------------

# Minutes before an activity at which reminders go out (each person picks among these).
REMINDER_OFFSETS_MINUTES = env.list("REMINDER_OFFSETS_MINUTES", cast=int, default=[1440, 60])
NOTIFICATIONS_DISPATCH_SECONDS = env.int("NOTIFICATIONS_DISPATCH_SECONDS", default=60)
# A claimed delivery not sent within this many seconds goes back to pending.
NOTIFICATIONS_LEASE_SECONDS = env.int("NOTIFICATIONS_LEASE_SECONDS", default=300)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_BATCH = env.int("NOTIFICATIONS_BATCH", default=1000)

# --- Anonymous feedback ---------------------------------------------------------------------

# Results are shown only from this many answers, and move in batches of at least as many.
FEEDBACK_MIN_RESPONSES = max(env.int("FEEDBACK_MIN_RESPONSES", default=5), 3)
# Waiting answers are sealed with these keys, kept out of the database so that a copy of it
# cannot read them: comma-separated base64 private keys (`manage.py feedback_keygen`). The first
# seals, all open (rotation: docs/anonymity.md). Invalid keys stop the start here; a missing key
# is an error of `check --deploy` (not here: the image is built without secrets) and refuses
# answers rather than store them unsealed.
FEEDBACK_SEALING_KEYS = env.list("FEEDBACK_SEALING_KEYS", default=[])
for _sealing_key in FEEDBACK_SEALING_KEYS:
    try:
        if len(base64.b64decode(_sealing_key, validate=True)) != 32:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(
            "FEEDBACK_SEALING_KEYS holds a value that is not a base64 key of 32 bytes."
        ) from None

# --- Security ---------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # A first visit gets the stylesheet inline (core/stylesheet.py), allowed by its nonce.
        "style-src": ["'self'", NONCE],
        # Bootstrap draws form controls with data: SVGs.
        "img-src": ["'self'", "data:", *env.list("MEDIA_ORIGIN", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging (stdout only: the process manager collects it) -----------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
# Calendar feeds, invitations, password resets, email confirmations and unsubscribe links carry
# a secret in their path: core.logredact rewrites it in every record (messages, arguments and
# the attached request) before a handler writes it or mails it. gunicorn's access log has the
# same rewriting (config/gunicorn.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_secrets": {"()": "core.logredact.RedactSecretsFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
            "filters": ["redact_secrets"],
        },
        # Django's error emails to ADMIN_EMAILS, as by default, but redacted.
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "redact_secrets"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
        # Filters on the loggers that print request paths apply before any handler sees the
        # record (caplog, mail, stdout alike).
        "django.request": {"filters": ["redact_secrets"]},
        "django.server": {
            "handlers": ["stdout"],
            "filters": ["redact_secrets"],
            "propagate": False,
        },
        "django.db.backends": {"level": "WARNING"},
        "celery": {"level": LOG_LEVEL},
    },
}
# Error reports hide variables named like secrets and redact secret addresses (core.logredact).
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.logredact.SecretsExceptionReporterFilter"

ADMINS = [("Operators", a) for a in env.list("ADMIN_EMAILS", default=[])]
