"""What an operator relies on: a production configuration that passes Django's deployment checks,
no missing migrations, complete translations, health checks, and the services CI promises."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from core.management.commands.build_translations import catalogue_problems, project_catalogues
from tests.utils import services_required

BASE_DIR = Path(settings.BASE_DIR)

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-with-plenty-of-entropy-4f9a8c7d6e5b4a39",
    "ALLOWED_HOSTS": "lab.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://lab.example.org",
    "SITE_URL": "https://lab.example.org",
    "DATABASE_URL": "sqlite:////tmp/learninglab-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "DEFAULT_FROM_EMAIL": "Learning Lab <lab@example.org>",
    "TRUSTED_PROXY_COUNT": "1",
}


def _manage(*args, env):
    clean_env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_are_hardened():
    env = {**PRODUCTION_ENV}
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.CACHES['default']['BACKEND'],"
        " s.CELERY_BROKER_URL, s.EMAIL_HOST, s.DEBUG, s.SESSION_ENGINE]))"
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}

    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        '[true, true, true, 31536000, ["HTTP_X_FORWARDED_PROTO", "https"], '
        '"core.redis_cache.RedisCache", "redis://127.0.0.1:6379/0", '
        '"smtp.example.org", false, "django.contrib.sessions.backends.cached_db"]'
    )


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_translation_catalogues_are_complete():
    catalogues = project_catalogues()
    problems = {str(path): catalogue_problems(path) for path in catalogues}

    assert {path.parent.parent.name for path in catalogues} == {"es", "fr"}
    assert problems == {str(path): [] for path in catalogues}


@pytest.mark.django_db
def test_health_check_answers_without_host_or_https(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_ci_runs_on_postgresql_when_services_are_required():
    if not services_required():
        pytest.skip("only meaningful when REQUIRE_SERVICES=1")
    assert os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    assert connection.vendor == "postgresql"


def test_rate_limit_counters_are_shared_through_redis():
    """Two web processes with REDIS_URL see one rate-limit counter, so --scale web=3 holds."""
    from django.core.cache.backends.redis import RedisCache

    from tests.core.test_celery import _redis_available
    from tests.utils import require_service

    redis_url = os.environ.get("REDIS_URL", "")
    require_service(_redis_available(redis_url), "REDIS_URL is not set or Redis does not answer")
    first = RedisCache(redis_url, {"KEY_PREFIX": "learninglab-test"})
    second = RedisCache(redis_url, {"KEY_PREFIX": "learninglab-test"})
    key = f"rl:{os.getpid()}"
    first.delete(key)

    first.set(key, 1, 30)
    second.incr(key)

    assert first.get(key) == 2
    first.delete(key)


def test_collectstatic_builds_compressed_hashed_files(tmp_path):
    """What the Docker build does: every static reference resolves, and whitenoise gets
    pre-compressed, content-hashed files to serve with far-future caching."""
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "static")}

    result = _manage("collectstatic", "--noinput", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["vendor/bootstrap/bootstrap.min.css"]
    assert hashed_css != "vendor/bootstrap/bootstrap.min.css"
    assert (tmp_path / "static" / f"{hashed_css}.gz").exists()
    assert "css/site.css" in manifest["paths"]
    assert "js/timezone.js" in manifest["paths"]
