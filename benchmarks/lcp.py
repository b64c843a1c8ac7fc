"""When the main content of a first visit is painted on a slow connection: Largest Contentful Paint
(and First Contentful Paint, bytes transferred, requests) of the main pages in English, Spanish
and French, in Chromium on a phone-sized screen (390x844) with the network throttled to 400
kbit/s down and up and 400 ms round trip (Chrome DevTools Protocol,
Network.emulateNetworkConditions), the cache disabled and a fresh browser context for every
measurement (a first visit). Each page is measured RUNS times; the table shows the median.

The portal runs as in production: DEBUG off, gunicorn, static files collected, compressed and
served by whitenoise (gzip/Brotli, as Caddy would pass them on), on a throwaway SQLite database
with the demo data. Each address is visited once, unthrottled and unmeasured, before its runs,
so a server process's first request (imports, caches filling) is not counted. The survey form
needs a signed-in partner (ana): her session is made in that database beforehand and its cookie
given to each fresh context, so the measurement is still a first visit (nothing cached) of a
signed-in person; signing in is not measured.

Not part of the test suite. Run: scripts/bench-lcp  (or .venv/bin/python benchmarks/lcp.py)
Options: --runs 3 --languages en,es,fr --pages home,map --target 1.2
"""

import argparse
import statistics
import sys
from urllib.parse import urlsplit

from _live import demo_portal, launch_chromium, session_cookie

LATENCY_MS = 400
THROUGHPUT = 400_000 // 8  # 400 kbit/s in bytes per second
VIEWPORT = {"width": 390, "height": 844}
LANGUAGES = ["en", "es", "fr"]
PARTNER = "ana@mujeresunidas.example"
# page -> (path after the language prefix, signed in?)
PAGES = {
    "home": ("", False),
    "activity list": ("activities/", False),
    "activity page": ("activities/{public_activity}/", False),
    "partner map": ("partners/map/", False),
    "survey form": ("feedback/{open_survey}/", True),
}

_IDS = f"""
from activities.models import Activity
from accounts.models import User
from feedback.selectors import open_surveys_for
partner = User.objects.get(email={PARTNER!r})
upcoming = Activity.objects.filter(status="scheduled", audience="public").order_by("starts_at")
unanswered = [survey for survey, answered in open_surveys_for(user=partner) if not answered]
result = {{"public_activity": upcoming[0].pk, "open_survey": unanswered[0].pk}}
"""

# The latest LCP candidate and the FCP, once the page has loaded; bytes as transferred
# (compressed, with headers) for the document and everything it loaded.
_MEASURE = """
() => new Promise((resolve) => {
  const found = {lcp: null, fcp: null, element: null};
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    found.lcp = last.startTime;
    const el = last.element;
    const classes = el && el.getAttribute("class");
    found.element = el ? el.tagName.toLowerCase()
      + (classes ? "." + classes.trim().split(/\\s+/).join(".") : "") : null;
  }).observe({type: "largest-contentful-paint", buffered: true});
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "first-contentful-paint") found.fcp = entry.startTime;
    }
  }).observe({type: "paint", buffered: true});
  setTimeout(() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    found.bytes = navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0);
    found.requests = 1 + resources.length;
    found.document = navigation.transferSize;
    found.url = location.pathname;
    found.resources = resources.map((r) => [r.name, r.transferSize, r.renderBlockingStatus]);
    resolve(found);
  }, 300);
})
"""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    parser.add_argument("--target", type=float, default=1.2, help="LCP target in seconds")
    parser.add_argument("--port", type=int, help="preferred port (else a free one)")
    parser.add_argument("--verbose", action="store_true", help="print every run's resources")
    return parser.parse_args()


def measure(browser, url: str, cookie: dict | None, language: str) -> dict:
    context = browser.new_context(viewport=VIEWPORT, locale=language, is_mobile=True)
    if cookie:
        context.add_cookies([cookie])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": THROUGHPUT,
            "uploadThroughput": THROUGHPUT,
        },
    )
    response = page.goto(url, wait_until="load", timeout=60_000)
    if response is None or response.status != 200:
        raise SystemExit(f"{url} answered {response.status if response else 'nothing'}")
    if urlsplit(page.url).path != urlsplit(url).path:  # sent to sign in, say: not the page
        raise SystemExit(f"{url} led to {page.url}")
    result = page.evaluate(_MEASURE)
    context.close()
    return result


def main() -> None:
    args = _arguments()
    languages = [language for language in args.languages.split(",") if language]
    pages = [name for name in args.pages.split(",") if name]
    unknown = [name for name in pages if name not in PAGES]
    if unknown:
        raise SystemExit(f"unknown pages {unknown}; known: {', '.join(PAGES)}")

    from playwright.sync_api import sync_playwright

    results: dict[tuple[str, str], list[dict]] = {}
    with demo_portal(production=True, port=args.port) as portal:
        ids = portal.query(_IDS)
        cookie = session_cookie(portal.sessions([PARTNER])[PARTNER], portal.url)
        portal.start()
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name in pages:
                path, signed_in = PAGES[name]
                for language in languages:
                    url = f"{portal.url}/{language}/{path.format(**ids)}"
                    # One unmeasured, unthrottled visit first, so a server process's first
                    # request (imports, caches filling) is not counted against the network.
                    warm = browser.new_context(viewport=VIEWPORT)
                    if signed_in:
                        warm.add_cookies([cookie])
                    warm.new_page().goto(url)
                    warm.close()
                    runs = []
                    for _ in range(args.runs):
                        runs.append(measure(browser, url, cookie if signed_in else None, language))
                    results[name, language] = runs
                    lcp = statistics.median(run["lcp"] for run in runs)
                    each = ", ".join(f"{run['lcp'] / 1000:.2f}" for run in runs)
                    print(
                        f"{name:<14} {language}  LCP {lcp / 1000:.2f} s  "
                        f"({each})  "
                        f"{runs[0]['bytes'] / 1024:.1f} KB, {runs[0]['requests']} requests, "
                        f"largest: {runs[0]['element']}",
                        file=sys.stderr,
                    )
                    if args.verbose:
                        print(
                            f"    document {runs[0]['url']}: {runs[0]['document']}", file=sys.stderr
                        )
                        for resource in runs[0]["resources"]:
                            print(f"    {resource}", file=sys.stderr)
            browser.close()
    print(_table(results, pages, languages, args.target, args.runs))


def _span(low: float, high: float) -> str:
    return f"{low:.0f}" if round(low) == round(high) else f"{low:.0f}–{high:.0f}"


def _table(results, pages, languages, target: float, runs: int) -> str:
    header = "| page | " + " | ".join(f"LCP {language}" for language in languages)
    header += " | FCP (median of all) | KB transferred | requests |"
    lines = [header, "|---" * (len(languages) + 4) + "|"]
    over = []
    for name in pages:
        cells = []
        for language in languages:
            lcp = statistics.median(run["lcp"] for run in results[name, language]) / 1000
            cells.append(f"{lcp:.2f} s")
            if lcp > target:
                over.append(f"{name} ({language}) {lcp:.2f} s")
        every = [run for language in languages for run in results[name, language]]
        fcp = statistics.median(run["fcp"] for run in every) / 1000
        kilobytes = [run["bytes"] / 1024 for run in every]
        fewest, most = min(run["requests"] for run in every), max(run["requests"] for run in every)
        requests = _span(fewest, most)
        lines.append(
            f"| {name} | "
            + " | ".join(cells)
            + f" | {fcp:.2f} s | {_span(min(kilobytes), max(kilobytes))} |"
            + f" {requests} |"
        )
    verdict = (
        f"\nEvery page within {target} s."
        if not over
        else f"\nOver the {target} s target: {'; '.join(over)}."
    )
    return (
        f"Median of {runs} first visits; 400 kbit/s, 400 ms round trip, 390x844.\n\n"
        + "\n".join(lines)
        + "\n"
        + verdict
    )


if __name__ == "__main__":
    main()
