"""The unsubscribe page speaks the recipient's language, whatever the browser says; links in
emails, calendar files and on pages use the address the portal runs at (SITE_URL)."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from notifications import services
from notifications.enums import Preference
from notifications.models import Delivery, NotificationSettings
from tests.factories import ActivityFactory, MembershipFactory, RegistrationFactory, UserFactory
from tests.utils import attachment

SITE = "http://lab.example.test:8123"
ROOT = Path(__file__).resolve().parents[2]


def _person(language):
    return MembershipFactory(user=UserFactory(language=language)).user


def _french(text: str) -> str:
    with translation.override("fr"):
        return gettext(text)


@pytest.mark.django_db
def test_unsubscribe_page_opens_in_the_recipients_language_not_the_browsers(client):
    person = _person("fr")
    token = services.unsubscribe_token(person, Preference.REMINDERS)
    client.cookies["django_language"] = "es"

    page = client.get(f"/notifications/unsubscribe/{token}/", HTTP_ACCEPT_LANGUAGE="es")

    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="fr">' in html
    assert _french("Stop these emails") in html
    assert page["Content-Language"] == "fr"


@pytest.mark.django_db
def test_unsubscribe_confirmation_is_in_the_recipients_language(client):
    person = _person("fr")
    token = services.unsubscribe_token(person, Preference.REMINDERS)

    page = client.post(f"/notifications/unsubscribe/{token}/", HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    assert '<html lang="fr">' in page.content.decode()
    assert Preference.REMINDERS in NotificationSettings.objects.get(user=person).disabled


def test_settings_read_site_url_from_the_environment():
    env = {**os.environ, "SITE_URL": SITE, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    out = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.strip() == SITE


def test_scripts_run_follows_host_and_port_unless_site_url_is_set():
    script = (ROOT / "scripts" / "run").read_text()
    assert "export SITE_URL=${SITE_URL:-http://$HOST:$PORT}" in script
    assert script.index("export SITE_URL") < script.index("manage.py migrate")


@pytest.mark.django_db
@override_settings(SITE_URL=SITE)
def test_share_link_on_the_activity_page_uses_site_url(client):
    person = _person("en")
    activity = ActivityFactory()
    client.force_login(person)

    page = client.get(f"/en/activities/{activity.pk}/")

    assert page.status_code == 200
    assert f'value="{SITE}/en/activities/{activity.pk}/"' in page.content.decode()


@pytest.mark.django_db
@override_settings(SITE_URL=SITE)
def test_email_links_and_calendar_file_use_site_url():
    person = _person("es")
    registration = RegistrationFactory(user=person, activity=ActivityFactory())
    delivery = Delivery.objects.create(
        key="site-url",
        kind="reminder",
        user=person,
        activity=registration.activity,
        registration=registration,
        due_at=timezone.now() - datetime.timedelta(minutes=1),
    )

    message = services.render(delivery)

    assert f"{SITE}/es/activities/{registration.activity.pk}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/")
    assert "127.0.0.1:8000" not in message.body
    ics = attachment(message)[1].decode().replace("\r\n ", "")
    assert SITE in ics
    assert "127.0.0.1:8000" not in ics
