"""Settings for the LCP benchmark's production-like portal: the real settings, with pages
compressed as Caddy's `encode zstd gzip` (deploy/Caddyfile) compresses them in production.
gunicorn alone would send HTML uncompressed and make every page look slower than it is."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *MIDDLEWARE]
