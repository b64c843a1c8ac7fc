"""Throughput of the pages people open most, as a share of a health check's (issue 15: "Pages as
cheap as a health check"), under gunicorn on PostgreSQL, measured with wrk.

Needs wrk, the compiled HTTP load generator (a Python load generator would saturate a core
before the server does):
  apt-get install -y wrk

What it does, in one run:
1. creates a throwaway PostgreSQL database (dropped at the end), migrates it and fills it with
   benchmarks/activities.py's populate(): 1,000 activities, 20,000 registrations;
2. starts gunicorn (3 sync workers, production settings, DEBUG off, static files collected,
   REDIS_URL=redis://127.0.0.1:6379/9 by default, FLUSHDB before each server so no phase reuses
   another's cached pages) on 127.0.0.1;
3. checks each page answers 200 to one request (prints its size), warms each with a few
   requests, then runs `wrk -t2 -c8 -d10s --latency` on each in turn: /healthz first, the pages,
   /healthz again (the mean of both is the base of the ratios).
   Visitors are a returning browser: the stylesheet cookie (ll_css: the page links the cached
   stylesheet instead of inlining it) and the time zone cookie (tz=Africa/Dakar). The signed-in
   partner adds a session cookie: a member of an organisation registered for some activities.
4. prints a Markdown table: req/s, latency, ratio to /healthz, target (issue 15: visitor pages
   >= 0.5, signed-in pages >= 0.25), pass or fail. Any non-2xx/3xx response or socket error is
   an error: it is printed and the script exits with status 1.

--baseline GIT_REF measures that revision first (a temporary `git worktree` of it, the same
virtualenv, the same database), stops it, then measures the current code, and prints a
"before -> after" table too. Never both servers at once: the machine has 2 cores.
--ref GIT_REF measures that revision (in a worktree) as "after" instead of the working tree.

Run (prints Markdown):
  .venv/bin/python benchmarks/throughput.py --baseline cache-before
  .venv/bin/python benchmarks/throughput.py --seconds 10 --connections 8
Options: --postgres URL (server for the throwaway database, default
postgres://postgres@127.0.0.1:5432), --redis URL (default redis://127.0.0.1:6379/9: a spare
database, it is flushed), --port, --workers (default 3), --keep-db.
"""

import argparse
import contextlib
import http.client
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from _common import BASE_DIR, setup_django
from _seed import POSTGRES, counts, populate, public_activity, throwaway_database
from load import _session_for

VISITOR_TARGET = 0.5
SIGNED_IN_TARGET = 0.25
WARMUP = 20
# More than this difference between the first and the last /healthz means a busy machine.
DRIFT_WARNING = 0.2


@dataclass
class Page:
    name: str
    path: str
    signed_in: bool = False
    target: float | None = None


@dataclass
class Result:
    page: Page
    rps: float = 0.0
    avg_ms: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    size: int = 0


@dataclass
class Code:
    """A version of the portal to serve: the working tree, or a worktree of a git revision."""

    label: str
    directory: Path
    description: str


def git(*args, cwd=BASE_DIR) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


def describe(directory: Path, ref: str | None = None) -> str:
    commit = git("rev-parse", "--short", "HEAD", cwd=directory)
    name = ref or git("describe", "--tags", "--always", cwd=directory)
    dirty = ""
    if ref is None and git("status", "--porcelain", "--untracked-files=no", cwd=directory):
        dirty = " + uncommitted changes of the working tree"
    return f"{name} ({commit}){dirty}"


@contextlib.contextmanager
def worktree(ref: str):
    """A detached `git worktree` of `ref` under /tmp, removed afterwards whatever happens. Its
    compiled translations (ignored by git) are built there, as the image build does."""
    directory = Path(tempfile.gettempdir()) / f"ll-bench-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(directory), ref],
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [sys.executable, "manage.py", "build_translations"],
            cwd=directory,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"},
            check=True,
            capture_output=True,
        )
        yield directory
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(directory)],
            cwd=BASE_DIR,
            check=False,
            capture_output=True,
        )
        shutil.rmtree(directory, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=BASE_DIR, check=False)


def stylesheet_version(directory: Path) -> str:
    """The `ll_css` cookie value a browser holding that code's stylesheet sends."""
    return subprocess.run(
        [sys.executable, "-c", "from core.stylesheet import _bundle; print(_bundle()[1])"],
        cwd=directory,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@contextlib.contextmanager
def gunicorn(directory: Path, *, port: int, workers: int, env: dict):
    """gunicorn serving the code in `directory` (its own sys.path entry: the current directory
    comes first), production settings; stopped afterwards."""
    static_root = tempfile.mkdtemp(prefix="ll-bench-static-")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=directory,
        env={**env, "STATIC_ROOT": static_root},
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "-k",
            "sync",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=directory,
        env={**env, "STATIC_ROOT": static_root},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn ({directory}) stopped at start: see its errors above")
            with contextlib.suppress(OSError):
                if get(port, "/healthz", {})[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.5)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(static_root, ignore_errors=True)


def get(port: int, path: str, headers: dict) -> tuple[int, bytes]:
    """One GET, redirects not followed (a redirect is not the page)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str, result: Result) -> None:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rps is None:
        result.errors.append(f"no Requests/sec in wrk's output: {output!r}")
        return
    result.rps = float(rps.group(1))
    result.avg_ms = _ms(re.search(r"Latency\s+(\S+)", output).group(1))
    result.p50_ms = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    result.p99_ms = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    result.requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        result.errors.append(f"{non_2xx.group(1)} non-2xx/3xx responses")
    sockets = re.search(r"Socket errors: (.*)", output)
    if sockets:
        result.errors.append(f"socket errors: {sockets.group(1)}")


def run_wrk(port: int, page: Page, headers: dict, args) -> Result:
    result = Result(page)
    command = ["wrk", f"-t{min(2, args.connections)}", f"-c{args.connections}"]
    command += [f"-d{args.seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{page.path}")
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    parse_wrk(finished.stdout + finished.stderr, result)
    return result


def measure(code: Code, pages: list[Page], cookies: dict, args, env: dict) -> list[Result]:
    """One server: start, check and warm every page, wrk each in turn, stop."""
    print(f"\n### {code.label}: {code.description}\n", flush=True)
    flush_redis(args.redis)
    version = stylesheet_version(code.directory)
    visitor = {"Cookie": f"ll_css={version}; {cookies['tz']}"}
    signed_in = {"Cookie": f"{visitor['Cookie']}; sessionid={cookies['session']}"}
    health = Page("/healthz", "/healthz")
    results = []
    with gunicorn(code.directory, port=args.port, workers=args.workers, env=env):
        sizes = {}
        for page in pages:
            headers = signed_in if page.signed_in else visitor
            status, body = get(args.port, page.path, headers)
            problem = None
            if status != 200:
                problem = f"answered {status} to a single request"
            elif page.signed_in and b"/accounts/logout/" not in body:
                problem = "was served signed out: the session cookie was not accepted"
            elif not page.signed_in and b"<style nonce" in body:
                problem = "inlined the stylesheet: the ll_css cookie was not accepted"
            if problem:
                raise SystemExit(f"{page.name} ({page.path}) {problem}")
            sizes[page.path, page.signed_in] = len(body)
            for _ in range(WARMUP):
                get(args.port, page.path, headers)
        print(
            f"Checked: every page answered 200 to one request; each then warmed with {WARMUP} "
            f"unmeasured requests (after FLUSHDB of {args.redis}). wrk: {args.connections} "
            f"connections, {args.seconds} s a page.\n",
            flush=True,
        )
        for page in [health, *pages, health]:
            headers = signed_in if page.signed_in else visitor
            result = run_wrk(args.port, page, headers, args)
            result.size = sizes.get((page.path, page.signed_in), 0)
            results.append(result)
            print(f"  {page.name}: {result.rps:.0f} req/s", file=sys.stderr, flush=True)
    return results


def base_rps(results: list[Result]) -> float:
    return (results[0].rps + results[-1].rps) / 2


def table(results: list[Result]) -> bool:
    """The Markdown table of one server's run; whether every page met its target."""
    base = base_rps(results)
    print("| page | req/s | median / avg latency | p99 | bytes | ratio to /healthz | target | |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    met = True
    for result in results:
        page = result.page
        ratio = result.rps / base if base else 0.0
        if result.errors:
            verdict = "**ERROR: " + "; ".join(result.errors) + "**"
            met = False
        elif page.target is None:
            verdict = ""
        elif ratio >= page.target:
            verdict = "pass"
        else:
            verdict = "**fail**"
            met = False
        target = f"≥ {page.target:g}" if page.target else ""
        size = f"{result.size:,}" if result.size else ""
        print(
            f"| {page.name} | {result.rps:,.0f} | {result.p50_ms:.1f} / {result.avg_ms:.1f} ms "
            f"| {result.p99_ms:.1f} ms | {size} | {ratio:.2f} | {target} | {verdict} |"
        )
    print(
        f"\n/healthz: {results[0].rps:,.0f} req/s first, {results[-1].rps:,.0f} last; "
        f"the ratios divide by their mean, {base:,.0f}."
    )
    drift = abs(results[0].rps - results[-1].rps) / base if base else 0.0
    if drift > DRIFT_WARNING:
        print(
            f"\n**Warning: /healthz moved by {drift:.0%} between the first and the last "
            "measurement: something else used the CPU meanwhile (load average now "
            f"{os.getloadavg()[0]:.1f}). These figures are not reliable; re-run on an idle "
            "machine.**"
        )
    return met


def comparison(before: list[Result], after: list[Result], labels: tuple[str, str]) -> None:
    print(f"\n### Before → after ({labels[0]} → {labels[1]})\n")
    print("| page | req/s before → after | speed-up | ratio before → after | target | |")
    print("|---|---:|---:|---:|---:|---|")
    before_base, after_base = base_rps(before), base_rps(after)
    for old, new in zip(before[1:-1], after[1:-1], strict=True):
        speedup = new.rps / old.rps if old.rps else 0.0
        old_ratio, new_ratio = old.rps / before_base, new.rps / after_base
        target = new.page.target
        verdict = "" if target is None else ("pass" if new_ratio >= target else "**fail**")
        if new.errors:
            verdict = "**ERROR**"
        print(
            f"| {new.page.name} | {old.rps:,.0f} → {new.rps:,.0f} | {speedup:.1f}x "
            f"| {old_ratio:.2f} → {new_ratio:.2f} | ≥ {target:g} | {verdict} |"
        )
    print(
        f"| /healthz (mean) | {before_base:,.0f} → {after_base:,.0f} "
        f"| {after_base / before_base:.1f}x | | | |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--baseline", metavar="GIT_REF", help="measure this revision first")
    parser.add_argument("--ref", metavar="GIT_REF", help="measure this instead of the tree")
    parser.add_argument("--postgres", default=POSTGRES)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit(
            "wrk is not installed: `apt-get install -y wrk` (Debian/Ubuntu), then run again."
        )

    with contextlib.ExitStack() as stack:
        url = stack.enter_context(throwaway_database(args.postgres, keep=args.keep_db))
        os.environ["DATABASE_URL"] = url
        setup_django()
        from django.conf import settings

        partner, busiest = populate()
        public = public_activity(exclude=busiest)
        cookies = {
            "tz": f"{settings.TIMEZONE_COOKIE_NAME}=Africa/Dakar",
            "session": _session_for(partner),
        }
        busiest_count = busiest.registrations.count()
        pages = [
            Page("home (visitor)", "/es/", target=VISITOR_TARGET),
            Page("activity list (visitor)", "/es/activities/", target=VISITOR_TARGET),
            Page("public activity page (visitor)", f"/es/activities/{public.pk}/", False, 0.5),
            Page("partner directory (visitor)", "/es/partners/", target=VISITOR_TARGET),
            Page("partner map (visitor)", "/es/partners/map/", target=VISITOR_TARGET),
            Page("activity list (partner)", "/es/activities/", True, SIGNED_IN_TARGET),
            Page(
                f"busiest activity, {busiest_count} registered (partner)",
                f"/es/activities/{busiest.pk}/",
                True,
                SIGNED_IN_TARGET,
            ),
        ]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": url,
            "REDIS_URL": args.redis,
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "CELERY_QUEUE": f"bench-{uuid.uuid4().hex[:8]}",
            "LOG_LEVEL": "WARNING",
        }
        codes = []
        if args.baseline:
            directory = stack.enter_context(worktree(args.baseline))
            codes.append(Code("before", directory, describe(directory, args.baseline)))
        if args.ref:
            directory = stack.enter_context(worktree(args.ref))
            codes.append(Code("after", directory, describe(directory, args.ref)))
        else:
            codes.append(Code("after", BASE_DIR, describe(BASE_DIR)))

        print("## Throughput against /healthz (benchmarks/throughput.py)\n")
        print(
            f"- machine: {os.cpu_count()} cores, Python {platform.python_version()}; gunicorn "
            f"{args.workers} sync workers, PostgreSQL, Redis cache ({args.redis}), DEBUG off"
        )
        print(f"- data: {counts()}")
        print(
            f"- load: wrk -t{min(2, args.connections)} -c{args.connections} -d{args.seconds}s "
            "on loopback, one page at a time; the same machine runs wrk, gunicorn, PostgreSQL"
        )
        print(
            "- visitor: cookies ll_css (returning browser) and tz=Africa/Dakar; partner: the "
            f"same and a session, {partner.display_name} "
            f"({partner.registrations.count()} registrations)"
        )
        print(
            f"- public activity page: activity {public.pk}, "
            f"{public.registrations.count()} registered"
        )
        load = os.getloadavg()[0]
        print(f"- load average (1 min) before the measurements: {load:.1f}")
        if load > 1.0:
            print(
                "\n**Warning: the machine is busy before the run (load average "
                f"{load:.1f}); wrk, gunicorn and PostgreSQL share its {os.cpu_count()} cores "
                "with whatever runs now.**"
            )
        sys.stdout.flush()
        results = {}
        met = {}
        for code in codes:
            results[code.label] = measure(code, pages, cookies, args, env)
            met[code.label] = table(results[code.label])
        if args.baseline:
            comparison(
                results["before"], results["after"], (codes[0].description, codes[1].description)
            )
        flush_redis(args.redis)
        errors = [r for run in results.values() for r in run if r.errors]
        if errors:
            print(f"\n**{len(errors)} measurement(s) with errors: see the tables.**")
        print(f"\nTargets met by {codes[-1].description}: {'yes' if met['after'] else 'no'}")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
