"""The Celery wiring, proved on a real worker process: on the embedded filesystem broker that the
laptop run uses, and on Redis when REDIS_URL is set (CI)."""

import email
import email.policy
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from kombu import Connection

from config.celery import app
from core.services import email_payload, render_email
from core.tasks import send_email_task
from tests.utils import require_service, translated

BASE_DIR = Path(settings.BASE_DIR)


def _redis_available(url: str) -> bool:
    if not url:
        return False
    try:
        with Connection(url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
    except Exception:
        return False
    return True


class Worker:
    """A `celery worker` subprocess on its own queue, writing emails into a folder."""

    def __init__(self, tmp_path: Path, broker_url: str):
        self.queue = f"test-{uuid.uuid4().hex[:12]}"
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        self.broker_url = broker_url
        self.broker_dir = tmp_path / "broker"
        self.transport_options = {}
        if broker_url.startswith("filesystem://"):
            for sub in ("out", "processed", "control"):
                (self.broker_dir / sub).mkdir(parents=True)
            self.transport_options = {
                "data_folder_in": str(self.broker_dir / "out"),
                "data_folder_out": str(self.broker_dir / "out"),
                "processed_folder": str(self.broker_dir / "processed"),
                "store_processed": False,
                "control_folder": str(self.broker_dir / "control"),
            }
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": "worker-test-secret-key-0123456789-abcdefghijklmnop",
            "DEBUG": "false",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_BROKER_DIR": str(self.broker_dir),
            "EMAIL_URL": f"filemail://{self.mail_dir}",
        }
        self.log = open(tmp_path / "worker.log", "w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                self.queue,
                "-n",
                f"{self.queue}@%h",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def send(self, **kwargs) -> None:
        with Connection(self.broker_url, transport_options=self.transport_options) as conn:
            send_email_task.apply_async(kwargs=kwargs, queue=self.queue, connection=conn)

    def wait_for_mail(self, timeout: float = 60) -> bytes:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            files = [p for p in self.mail_dir.iterdir() if p.stat().st_size]
            if files:
                time.sleep(0.2)  # let the backend finish the file
                return files[0].read_bytes()
            if self.process.poll() is not None:
                break
            time.sleep(0.25)
        self.log.seek(0)
        pytest.fail(f"no email from the worker within {timeout}s; worker log:\n{self.log.read()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture
def eager_off(monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)


def _invitation_payload():
    message = render_email(
        template_prefix="accounts/email/invitation",
        to="fatou@example.org",
        language="fr",
        context={
            "inviter": "Grace",
            "invitation_url": "http://127.0.0.1:8000/fr/accounts/invitation/abc/",
            "valid_days": 14,
        },
    )
    return email_payload(message)


def _check_mail(content: bytes) -> None:
    message = email.message_from_bytes(content, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == "fatou@example.org"
    assert message["Subject"].endswith(
        translated("fr", "You are invited to the Learning Lab portal")
    )
    assert translated("fr", "Create your account with this link:") in body
    assert "http://127.0.0.1:8000/fr/accounts/invitation/abc/" in body


def _send_through_worker(tmp_path: Path, broker_url: str) -> bytes:
    worker = Worker(tmp_path, broker_url)
    try:
        worker.send(**_invitation_payload())
        return worker.wait_for_mail()
    finally:
        worker.stop()


@pytest.mark.services
def test_email_task_runs_on_a_real_worker_with_the_filesystem_broker(tmp_path, eager_off):
    content = _send_through_worker(tmp_path, "filesystem://")

    _check_mail(content)


@pytest.mark.services
def test_email_task_runs_on_a_real_worker_with_redis(tmp_path, eager_off):
    redis_url = os.environ.get("REDIS_URL", "")
    require_service(_redis_available(redis_url), "REDIS_URL is not set or Redis does not answer")
    content = _send_through_worker(tmp_path, redis_url)

    _check_mail(content)


def test_beat_schedule_names_only_registered_tasks():
    app.loader.import_default_modules()

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled
    assert scheduled <= set(app.tasks)


def test_tasks_are_acknowledged_late_with_one_prefetch():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_serializer == "json"
    assert app.conf.task_time_limit == 300
