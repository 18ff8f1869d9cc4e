"""Many users at once: start the app, drive N concurrent headless Chromium sessions through every
page with random filters for a bounded time, report pages served, errors and time to first chart.

    python -m bench.load [--users 20] [--seconds 60] [--warehouse PATH] [--out bench/results]

Only talks to the server it starts on 127.0.0.1. Uses Debian's chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
from pathlib import Path

from dashboard import PROJECT_ROOT
from dashboard.devserver import serve

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# page path -> what shows that its first chart (or its content) is there
PAGES = {
    "": ".stPlotlyChart .main-svg",
    "centra": ".stPlotlyChart .main-svg",
    "financiering": "canvas",
    "gasten": ".stPlotlyChart .main-svg",
    "impact": ".stPlotlyChart .main-svg",
    "methode": "[data-testid='stDataFrame']",
}
PROVINCES = ["Limburg", "Utrecht", "Noord-Holland", "Zuid-Holland", "Gelderland", "Fryslân"]


def random_query(rng: random.Random) -> str:
    year = rng.randint(2020, 2025)
    a, b = sorted(rng.sample(range(1, 13), 2))
    q = f"?from={year}-{a:02d}&to={year + rng.randint(0, 1)}-{b:02d}"
    if rng.random() < 0.5:
        q += f"&province={rng.choice(PROVINCES)}"
    return q


async def user(browser, url: str, deadline: float, seed: int, results: list) -> None:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    while time.monotonic() < deadline:
        path = rng.choice(list(PAGES))
        start = time.monotonic()
        error = None
        try:
            await page.goto(f"{url}/{path}{random_query(rng)}", timeout=90_000)
            await page.wait_for_selector(PAGES[path], timeout=90_000)
            if await page.locator(".stException").count():
                error = "exception on page"
        except PlaywrightTimeout:
            error = "timeout"
        results.append(
            {"page": path or "overzicht", "seconds": time.monotonic() - start, "error": error}
        )
    await context.close()


async def drive(url: str, users: int, seconds: float) -> list[dict]:
    from playwright.async_api import async_playwright

    results: list[dict] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(user(browser, url, deadline, k, results) for k in range(users)))
        await browser.close()
    return results


def summarise(results: list[dict], users: int, seconds: float) -> dict:
    ok = [r["seconds"] for r in results if r["error"] is None]

    def pct(values, q):
        values = sorted(values)
        return round(values[min(len(values) - 1, int(round(q * (len(values) - 1))))], 2)

    by_page = {}
    for page in sorted({r["page"] for r in results}):
        times = [r["seconds"] for r in results if r["page"] == page and r["error"] is None]
        by_page[page] = {
            "served": len(times),
            "p50_s": round(statistics.median(times), 2) if times else None,
            "p95_s": pct(times, 0.95) if times else None,
        }
    return {
        "users": users,
        "seconds": seconds,
        "pages_served": len(ok),
        "errors": len(results) - len(ok),
        "error_kinds": sorted({r["error"] for r in results if r["error"]}),
        "p50_s": round(statistics.median(ok), 2) if ok else None,
        "p95_s": pct(ok, 0.95) if ok else None,
        "by_page": by_page,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--warehouse", type=Path, default=PROJECT_ROOT / "data" / "warehouse" / "ipso.duckdb"
    )
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    with serve(args.warehouse, timeout=120) as url:
        results = asyncio.run(drive(url, args.users, args.seconds))
    summary = summarise(results, args.users, args.seconds)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    lines = [
        f"# Load test ({summary['date']}, {summary['cpus']} cores)",
        "",
        f"{args.users} concurrent headless Chromium users for {args.seconds:g} s: "
        f"{summary['pages_served']} pages served, {summary['errors']} errors "
        f"{summary['error_kinds'] or ''}; time to first chart p50 {summary['p50_s']} s, "
        f"p95 {summary['p95_s']} s.",
        "",
        "| page | served | p50 (s) | p95 (s) |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {p} | {v['served']} | {v['p50_s']} | {v['p95_s']} |"
        for p, v in summary["by_page"].items()
    ]
    (args.out / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return summary


if __name__ == "__main__":
    main()
