"""Real Celery workers and beats as subprocesses, for tests and benchmarks on real services."""

import email
import email.policy
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)


def database_url() -> str:
    """The URL of the database this process is using (the test database under pytest)."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        raise RuntimeError("subprocess workers need a shared PostgreSQL database")
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        f"/{db['NAME']}"
    )


class Cluster:
    """Workers and beats sharing one broker queue, one database and one mail folder."""

    def __init__(self, tmp_path: Path, broker_url: str, **extra_env):
        self.tmp_path = tmp_path
        self.queue = f"test-{uuid.uuid4().hex[:10]}"
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": "cluster-test-secret-key-0123456789-abcdefghijklmnopqrs",
            "DEBUG": "false",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "REDIS_URL": broker_url,
            "CELERY_QUEUE": self.queue,
            "EMAIL_URL": f"filemail://{self.mail_dir}",
            "SITE_URL": settings.SITE_URL,
            "NOTIFICATIONS_DISPATCH_SECONDS": "1",
            "LOG_LEVEL": os.environ.get("CLUSTER_LOG_LEVEL", "WARNING").upper(),
            **{key: str(value) for key, value in extra_env.items()},
        }
        self.processes: dict[str, subprocess.Popen] = {}

    def _start(self, name: str, args: list[str]) -> None:
        log = open(self.tmp_path / f"{name}.log", "a")  # noqa: SIM115 - closed in stop()
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *args],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def worker(self, name: str, concurrency: int = 4, pool: str = "threads") -> None:
        # Threads by default: one process, so SIGKILL stops everything it was doing at once.
        self._start(
            name,
            [
                "worker",
                "-Q",
                self.queue,
                "-n",
                f"{name}-{self.queue}@%h",
                f"--pool={pool}",
                f"--concurrency={concurrency}",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "warning",
            ],
        )

    def beat(self, name: str) -> None:
        self._start(
            name,
            ["beat", "-l", "warning", f"--schedule={self.tmp_path / (name + '.schedule')}"],
        )

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text()[-3000:]}" for path in self.tmp_path.glob("*.log")
        )

    def messages(self) -> list[email.message.EmailMessage]:
        """Every email written to the mail folder so far."""
        found = []
        separator = "-" * 79
        for path in self.mail_dir.iterdir():
            for chunk in path.read_bytes().split(separator.encode()):
                if chunk.strip():
                    found.append(
                        email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                    )
        return found


def wait_until(condition, timeout: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
