"""The first chart in a real browser, for one user: how long a fresh link to each page takes to
show its first chart, where that time goes, and how long moving to another page takes.

    python -m bench.browser [--repeats 5] [--warehouse PATH] [--out bench/results]

One headless Chromium (Debian's /usr/bin/chromium, offline) against one server started here.
The server is warmed first (one pass over every page), as a running server would be; each fresh
link then gets a new browser context (no cache, no cookies, a new Streamlit session) and
random filters in its URL, so the page's queries mostly miss the result cache, as for a user
with their own link. Phases of a fresh link, from the websocket frames: `load` (the HTML and
scripts until the browser asks for the script run), `run` (until `script_finished` arrives:
the script run plus sending its output), `draw` (from then until the chart is on screen; zero
or negative when the chart was drawn before the run ended). Also the bytes of the run's
messages. A move clicks another page in the sidebar and waits for its first chart.

Three more measures say where the floor is:
- a *returning* browser: one context that has opened the dashboard before opens each fresh link
  in a new tab (Streamlit's scripts in the HTTP cache, cached for a year);
- a *trace* of one fresh link per page (Chromium's own tracing, not counted in the medians):
  how long the page's main thread was busy before the chart was on screen, how much of it went
  to evaluating JavaScript modules (Streamlit's and plotly's), and the longest single task;
- the *framework's floor*: `bench/floor_app.py`, one plotly chart of three points in a
  Streamlit app of three lines, served the same way and opened by fresh links the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import add_common_args, write_results
from bench.load import Catalogue, random_query, warm
from dashboard.devserver import serve_process
from dashboard.hosting import Served

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# url path -> what shows that its first chart (or, without a chart, its content) is there
PAGES = {
    "": ".stPlotlyChart .main-svg",
    "centra": ".stPlotlyChart .main-svg",
    "financiering": "#deckgl-overlay, .stDeckGlJsonChart canvas",
    "gasten": ".stPlotlyChart .main-svg",
    "impact": ".stPlotlyChart .main-svg",
    "methode": "[data-testid='stDataFrame']",
}
MOVES = [("", "centra"), ("centra", "gasten"), ("gasten", "impact"), ("impact", "")]
FLOOR_APP = Path(__file__).with_name("floor_app.py")
# Chromium trace categories for the main thread's tasks and V8's module evaluation
TRACE_CATEGORIES = ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline"]


class Frames:
    """Timestamps of the websocket frames of the current page: when the browser asked for a
    run, when script_finished arrived, and the bytes received in between."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.requested: float | None = None
        self.finished: float | None = None
        self.bytes = 0
        self.done = asyncio.Event()

    def sent(self, payload) -> None:
        if self.requested is None:
            self.requested = time.perf_counter()

    def received(self, payload) -> None:
        if isinstance(payload, str):
            return
        self.bytes += len(payload)
        msg = ForwardMsg.FromString(payload)
        if msg.WhichOneof("type") == "script_finished" and self.finished is None:
            self.finished = time.perf_counter()
            self.done.set()


async def new_context(browser):
    return await browser.new_context(viewport={"width": 1400, "height": 1000})


async def watched_page(browser, context=None):
    """A new page whose websocket frames a Frames counts, in `context` or (by default) in a new
    browser context."""
    context = context or await new_context(browser)
    page = await context.new_page()
    frames = Frames()

    def on_ws(ws) -> None:
        ws.on("framesent", frames.sent)
        ws.on("framereceived", frames.received)

    page.on("websocket", on_ws)
    return context, page, frames


async def close_tab_or_context(context, keep_context: bool) -> None:
    """After a link: close its tabs only when the context is kept (a returning browser), else
    the whole context."""
    if keep_context:
        for page in list(context.pages):
            await page.close()
    else:
        await context.close()


async def fresh_link(
    browser, url: str, path: str, query: str, selector: str | None = None, returning=None
) -> dict:
    """A link opened in a new browser context, or with `returning` (a context that has opened
    the dashboard before) in a new tab of it; timed until `selector` (by default the page's
    first chart) is on screen."""
    context = returning or await new_context(browser)
    errors: list[str] = []
    frames = Frames()
    start = chart = time.perf_counter()
    try:
        _, page, frames = await watched_page(browser, context)
        start = time.perf_counter()
        await page.goto(f"{url}/{path}?{query}", timeout=60_000)
        await page.wait_for_selector(selector or PAGES[path], state="attached", timeout=60_000)
        chart = time.perf_counter()
        await asyncio.wait_for(frames.done.wait(), 60)
        if await page.locator(".stException").count():
            errors.append("exception on page")
    except Exception as exc:  # a timeout is a result to report, not a crash
        errors.append(type(exc).__name__)
        chart = time.perf_counter()
    finally:
        # a returning browser keeps its context (and its cache) for the next link
        await close_tab_or_context(context, returning is not None)
    requested = frames.requested or start
    finished = frames.finished or chart
    return {
        "page": path or "overzicht",
        "first_chart_s": chart - start,
        "load_s": requested - start,
        "run_s": finished - requested,
        "draw_s": chart - finished,
        "kb": frames.bytes / 1024,
        "error": errors[0] if errors else None,
    }


async def moves(browser, url: str, query: str) -> list[dict]:
    context, page, frames = await watched_page(browser)
    out = []
    await page.goto(f"{url}/?{query}", timeout=60_000)
    await page.wait_for_selector(PAGES[""], state="attached", timeout=60_000)
    await asyncio.wait_for(frames.done.wait(), 60)
    for source, target in MOVES:
        frames.reset()
        link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{target}"]')
        if target == "":
            link = page.locator('[data-testid="stSidebarNav"] a').first
        start = time.perf_counter()
        error = None
        try:
            await link.click(timeout=30_000)
            await asyncio.wait_for(frames.done.wait(), 60)
            await page.wait_for_selector(PAGES[target], state="attached", timeout=60_000)
        except Exception as exc:  # reported, not raised
            error = type(exc).__name__
        out.append(
            {
                "from": source or "overzicht",
                "to": target or "overzicht",
                "seconds": time.perf_counter() - start,
                "error": error,
            }
        )
    await context.close()
    return out


def main_thread(trace: dict | list) -> dict:
    """From a Chromium trace: the renderer main thread's busy time (its top-level tasks), the
    time V8 spent evaluating JavaScript modules, and the longest task, in seconds."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    mains = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }

    def spans(name: str) -> dict:
        out: dict = {}
        for e in events:
            if e.get("ph") == "X" and e.get("name") == name and (e["pid"], e["tid"]) in mains:
                out.setdefault((e["pid"], e["tid"]), []).append((e["ts"], e["ts"] + e["dur"]))
        return {k: top_level(v) for k, v in out.items()}

    tasks, modules = spans("RunTask"), spans("v8.evaluateModule")
    if not tasks:
        return {"main_busy_s": None, "evaluate_s": None, "longest_task_s": None}
    total = {k: sum(b - a for a, b in v) for k, v in tasks.items()}
    thread = max(total, key=total.get)  # the page's renderer, not an idle one
    return {
        "main_busy_s": round(total[thread] / 1e6, 3),
        "evaluate_s": round(sum(b - a for a, b in modules.get(thread, [])) / 1e6, 3),
        "longest_task_s": round(max(b - a for a, b in tasks[thread]) / 1e6, 3),
    }


def top_level(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside another (a task run from inside a task is counted once)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and b <= out[-1][1]:
            continue  # within the previous top-level span
        out.append((a, b))
    return out


async def traced_link(browser, url: str, path: str, query: str) -> dict:
    """One fresh link under Chromium's tracing (slower than an untraced one, so not counted in
    the medians): where the main thread's time went until the first chart."""
    context = await new_context(browser)
    result = {"page": path or "overzicht", "first_chart_s": None, **main_thread([])}
    error = None
    try:
        page = await context.new_page()
        with tempfile.TemporaryDirectory() as folder:
            trace_file = Path(folder) / "trace.json"
            await browser.start_tracing(
                page=page, path=str(trace_file), categories=TRACE_CATEGORIES
            )
            start = time.perf_counter()
            try:
                await page.goto(f"{url}/{path}?{query}", timeout=60_000)
                await page.wait_for_selector(PAGES[path], state="attached", timeout=60_000)
                result["first_chart_s"] = round(time.perf_counter() - start, 3)
            finally:
                await browser.stop_tracing()
            result.update(main_thread(json.loads(trace_file.read_text(encoding="utf-8"))))
    except Exception as exc:  # reported, not raised: the run's other results stay
        error = type(exc).__name__
    finally:
        await context.close()
    return {**result, "error": error}


def median(values) -> float | None:
    values = list(values)
    return round(statistics.median(values), 3) if values else None


async def drive(url: str, cat: Catalogue, repeats: int, seed: int) -> dict:
    from playwright.async_api import async_playwright

    rng = random.Random(seed)
    links, moved = [], []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeats):
            for path in PAGES:
                links.append(
                    await fresh_link(
                        browser, url, path, random_query(rng, cat.months, cat.provinces)
                    )
                )
            moved += await moves(browser, url, random_query(rng, cat.months, cat.provinces))
        # a returning browser: it has opened the dashboard once; each link is a new tab
        context = await new_context(browser)
        first_visit = await fresh_link(
            browser, url, "", random_query(rng, cat.months, cat.provinces), None, context
        )
        returning = [
            await fresh_link(
                browser, url, path, random_query(rng, cat.months, cat.provinces), None, context
            )
            for _ in range(repeats)
            for path in PAGES
        ]
        await context.close()
        traced = [
            await traced_link(browser, url, path, random_query(rng, cat.months, cat.provinces))
            for path in PAGES
        ]
        await browser.close()
    by_page = {}
    for path in PAGES:
        name = path or "overzicht"
        ok = [r for r in links if r["page"] == name and r["error"] is None]
        by_page[name] = {
            "n": len(ok),
            **{
                f"{k}_median": median(r[k] for r in ok)
                for k in ("first_chart_s", "load_s", "run_s", "draw_s", "kb")
            },
        }
    ok_links = [r for r in links if r["error"] is None]
    ok_moves = [m for m in moved if m["error"] is None]
    return {
        "fresh_links": len(links),
        "errors": [r["error"] for r in links if r["error"]]
        + [m["error"] for m in moved if m["error"]],
        "first_chart_median_s": median(r["first_chart_s"] for r in ok_links),
        "by_page": by_page,
        "moves": len(moved),
        "move_median_s": median(m["seconds"] for m in ok_moves),
        "move_max_s": round(max((m["seconds"] for m in ok_moves), default=0), 3),
        "returning_median_s": median(r["first_chart_s"] for r in returning if r["error"] is None),
        # its first visit (which fills the cache) must have worked for the rest to mean anything
        "returning_errors": [r["error"] for r in [first_visit, *returning] if r["error"]],
        "traced": traced,
        "raw": {"links": links, "moves": moved, "returning": returning},
    }


async def floor(url: str, repeats: int) -> dict:
    """Fresh links to the minimal app (bench/floor_app.py), timed the same way, and one traced."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        warm_up = await fresh_link(browser, url, "", "", PAGES[""])  # not timed: warms the server
        links = [await fresh_link(browser, url, "", "", PAGES[""]) for _ in range(repeats)]
        traced = await traced_link(browser, url, "", "")
        await browser.close()
    ok = [r for r in links if r["error"] is None]
    return {
        "links": len(links),
        "errors": [r["error"] for r in [warm_up, *links] if r["error"]],
        "first_chart_median_s": median(r["first_chart_s"] for r in ok),
        "first_chart_min_s": round(min((r["first_chart_s"] for r in ok), default=0), 3),
        "first_chart_max_s": round(max((r["first_chart_s"] for r in ok), default=0), 3),
        "traced": traced,
    }


def markdown(result: dict) -> str:
    lines = [
        f"# First chart in a browser ({result['date']}, {result['cpus']} cores)",
        "",
        f"One headless Chromium, one user, warm server, {result['repeats']} fresh links per page "
        "with random periods in the URL (new browser context each). "
        f"{result.get('note', '')}",
        "",
        f"Fresh link to first chart, median over all pages: {result['first_chart_median_s']} s; "
        f"moving to another page (sidebar click to its first chart): median "
        f"{result['move_median_s']} s, slowest {result['move_max_s']} s; errors: "
        f"{len(result['errors'])}.",
        "",
        "| page | n | first chart (s) | load (s) | run (s) | draw (s) | run messages (KB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for page, v in result["by_page"].items():
        lines.append(
            f"| {page} | {v['n']} | {v['first_chart_s_median']} | {v['load_s_median']} | "
            f"{v['run_s_median']} | {v['draw_s_median']} | {v['kb_median']} |"
        )
    floor = result.get("floor")
    if floor:
        lines += [
            "",
            "**The framework's floor** (bench/floor_app.py: one plotly chart of three points in a "
            f"Streamlit app of three lines, same server settings, fresh contexts): first chart "
            f"after {floor['first_chart_median_s']} s median ({floor['first_chart_min_s']}-"
            f"{floor['first_chart_max_s']} s, {floor['links']} links, errors: "
            f"{len(floor['errors'])}).",
        ]
    if "returning_median_s" in result:
        lines += [
            "",
            "**A returning browser** (one context that opened the dashboard before; each link a "
            f"new tab, Streamlit's scripts in the HTTP cache): first chart after "
            f"{result['returning_median_s']} s median over all pages "
            f"({len(result['raw']['returning'])} links, errors: "
            f"{len(result['returning_errors'])}).",
        ]
    traced = list(result.get("traced", []))
    if floor:
        traced.append({**floor["traced"], "page": "floor app"})
    if traced:
        lines += [
            "",
            "**Where the browser's time goes** (one traced fresh link per page, Chromium's "
            "tracing, not counted above): the page's main thread until the first chart.",
            "",
            "| page | first chart, traced (s) | main thread busy (s) | of which evaluating "
            "modules (s) | longest task (s) | error |",
            "|---|---|---|---|---|---|",
        ]
        for r in traced:
            lines.append(
                f"| {r['page']} | {r['first_chart_s']} | {r['main_busy_s']} | "
                f"{r['evaluate_s']} | {r['longest_task_s']} | {r.get('error') or ''} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    add_common_args(parser)
    args = parser.parse_args(argv)
    cat = Catalogue(args.warehouse)
    with serve_process(args.warehouse, timeout=120) as (url, proc):
        asyncio.run(warm(Served(url, (proc.pid,), (url,))))
        result = asyncio.run(drive(url, cat, args.repeats, args.seed))
    with serve_process(args.warehouse, timeout=120, app=FLOOR_APP) as (url, _proc):
        result["floor"] = asyncio.run(floor(url, args.repeats))
    result.update(
        date=time.strftime("%Y-%m-%d %H:%M"),
        cpus=os.cpu_count(),
        repeats=args.repeats,
        note=args.note,
    )
    return write_results(args.out, "browser", result, markdown)


if __name__ == "__main__":
    main()
