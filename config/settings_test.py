"""Test settings: the real settings with the few overrides that make tests fast and isolated."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-use-0123456789")
# A fixed key that seals waiting feedback answers in tests (and in workers the tests start).
os.environ.setdefault("FEEDBACK_SEALING_KEYS", "mWepM26OWlYtbB0maO0DhjyuBEdeKU9uGD1tYNoQDiE=")

from config.settings import *  # noqa: F403
from config.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests that need a real worker start one; everything else runs tasks in the test process.
CELERY_TASK_ALWAYS_EAGER = True
# Each test clears this cache, so rate limits from one test never leak into another.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Serve static files from the source folders, as in development; no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
