"""Many users at once, without browsers: simulated users speak Streamlit's own websocket protocol
(bench/protocol.py) to one server or to replicas behind nginx (dashboard/hosting.py), and the
server's page runs per second, latency per page, errors, CPU and memory are reported.

    python -m bench.load [--users 10,50,100] [--replicas 1,2] [--seconds 60] [--warehouse PATH]

Each user opens a fresh link to a random page with random filters in its URL, waits for the run
to finish, thinks (2-5 s by default), changes the province in the sidebar, thinks, moves to
another page, and so on until the time is up. A run's latency is from the request leaving the
client to `script_finished` arriving. Before the timed runs the server is warmed with one pass
over every page, and the resident memory of idle sessions is measured by opening sessions that
then sit still. Only talks to servers it starts on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from pathlib import Path

import duckdb

from bench.common import add_common_args, write_results
from bench.protocol import Run, Session
from dashboard.hosting import Served, serve_replicas
from dashboard.metrics import queries
from dashboard.metrics.db import Warehouse

# url path -> name in the results ("" is the Overview, the default page)
PAGES = {
    "": "overzicht",
    "centra": "centra",
    "financiering": "financiering",
    "gasten": "gasten",
    "impact": "impact",
    "datakwaliteit": "datakwaliteit",
    "methode": "methode",
}
KINDS = ("open", "filter", "move")
SESSION_TIMEOUT = 60.0  # bench.protocol.Session: the longest wait for one run
PROVINCE_WIDGET = "f_province"
IDLE_QUERY = "from=2024-01&to=2024-12"  # one view for every idle session: caches hit, so only
# the sessions' own memory is counted
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def random_query(rng: random.Random, months: list, provinces: list[str]) -> str:
    a, b = sorted(rng.sample(range(len(months)), 2))
    q = f"from={months[a]:%Y-%m}&to={months[b]:%Y-%m}"
    if rng.random() < 0.5:
        q += f"&province={rng.choice(provinces)}"
    return q


def cpu_seconds(pids: tuple[int, ...]) -> float:
    """User plus system CPU time of the processes so far (/proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def rss_mb(pids: tuple[int, ...]) -> float:
    total_kb = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


class Catalogue:
    """What a user can pick: the warehouse's months and provinces."""

    def __init__(self, warehouse: Path):
        wh = Warehouse(warehouse)
        cat = queries.load_catalog(wh)
        wh.close()
        self.months = list(cat.months)
        self.provinces = list(cat.provinces)


async def user(
    url: str, cat: Catalogue, seed: int, start_at: float, deadline: float, think: tuple, out: list
) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    session = Session(url)
    page = rng.choice(list(PAGES))
    try:
        out.append(await session.open(page, random_query(rng, cat.months, cat.provinces)))
        change = True
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(*think))
            if time.monotonic() >= deadline:
                break
            if change:
                options = session.options(PROVINCE_WIDGET) or [""]
                run = await session.change_widget(page, PROVINCE_WIDGET, rng.choice(options))
            else:
                page = rng.choice([p for p in PAGES if p != page])
                run = await session.move(page)
            out.append(run)
            change = not change
    except Exception as exc:  # a refused or dropped connection is an error to count, not a crash
        out.append(Run(page, "error", 0.0, 0, 0, error=f"{type(exc).__name__}: {exc}"[:200]))
    finally:
        try:
            await session.close()
        except Exception:  # noqa: S110 (the server may already have gone)
            pass


async def warm(served: Served) -> list[Run]:
    """One pass over every page on every replica (each its own process, with its own imports
    and caches), so the timed runs meet started servers."""
    runs = []
    for url in served.replicas:
        session = Session(url)
        runs.append(await session.open("", IDLE_QUERY))
        for page in PAGES:
            runs.append(await session.move(page))
        await session.close()
    return runs


async def idle_sessions(served: Served, n: int) -> dict:
    """Resident memory added by `n` sessions that each ran the Overview once (all the same view,
    so the result caches do not grow) and then sit idle."""
    await asyncio.sleep(1)
    before = rss_mb(served.pids)
    sessions = [Session(served.url) for _ in range(n)]
    for session in sessions:
        await session.open("", IDLE_QUERY)
    await asyncio.sleep(2)
    after = rss_mb(served.pids)
    for session in sessions:
        await session.close()
    return {
        "sessions": n,
        "rss_before_mb": round(before, 1),
        "rss_after_mb": round(after, 1),
        "mb_per_idle_session": round((after - before) / n, 2),
    }


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def latency(runs: list[Run]) -> dict:
    ok = [r.seconds for r in runs if r.error is None]
    if not ok:
        return {"runs": 0}
    return {
        "runs": len(ok),
        "p50_s": round(statistics.median(ok), 3),
        "p95_s": round(pct(ok, 0.95), 3),
        "p99_s": round(pct(ok, 0.99), 3),
        "kb_median": round(statistics.median(r.bytes for r in runs if r.error is None) / 1024, 1),
    }


async def load_level(served: Served, cat: Catalogue, users: int, seconds: float, think: tuple):
    runs: list[Run] = []
    now = time.monotonic()
    # arrivals spread over the first think time, so users do not all click at the same instant
    ramp = think[1]
    deadline = now + ramp + seconds
    cpu0, t0 = cpu_seconds(served.pids), time.monotonic()
    tasks = [
        asyncio.create_task(user(served.url, cat, k, now + ramp * k / users, deadline, think, runs))
        for k in range(users)
    ]
    # a user still waiting long after the end (a run or a connection that never answers) is
    # stopped and counted as an error, so one stuck session cannot hold the whole test
    _, stuck = await asyncio.wait(tasks, timeout=ramp + seconds + 2 * SESSION_TIMEOUT)
    for task in stuck:
        task.cancel()
        runs.append(Run("?", "stuck", 0.0, 0, 0, error="still waiting at the end"))
    await asyncio.gather(*stuck, return_exceptions=True)
    wall = time.monotonic() - t0
    cpu = cpu_seconds(served.pids) - cpu0
    rss = rss_mb(served.pids)
    errors = [r for r in runs if r.error is not None]
    ok = [r for r in runs if r.error is None]
    return {
        "users": users,
        "wall_s": round(wall, 1),
        "page_runs": len(ok),
        "page_runs_per_s": round(len(ok) / wall, 2),
        "errors": len(errors),
        "error_kinds": sorted({e.error for e in errors})[:5],
        **latency(runs),
        "server_cpu_cores": round(cpu / wall, 2),
        "page_runs_per_cpu_second": round(len(ok) / cpu, 2) if cpu else None,
        "server_rss_mb": round(rss, 1),
        "by_page": {PAGES[p]: latency([r for r in runs if r.page == p]) for p in PAGES},
        "by_kind": {k: latency([r for r in runs if r.kind == k]) for k in KINDS},
    }


def sticky_check(access_log: Path | None) -> dict | None:
    """From nginx's log: how many routes (browsers) there were and whether each stayed on one
    replica, and how the requests were shared between replicas."""
    if access_log is None or not access_log.exists():
        return None
    routes: dict[str, set[str]] = {}
    per_replica: dict[str, int] = {}
    for line in access_log.read_text().splitlines():
        parts = line.split()
        if len(parts) < 2 or parts[1] == "-":
            continue
        routes.setdefault(parts[0], set()).add(parts[1])
        per_replica[parts[1]] = per_replica.get(parts[1], 0) + 1
    return {
        "routes": len(routes),
        "routes_on_more_than_one_replica": sum(1 for r in routes.values() if len(r) > 1),
        "requests_per_replica": dict(sorted(per_replica.items())),
    }


async def measure(served: Served, cat: Catalogue, levels: list[int], args) -> dict:
    warm_runs = await warm(served)
    idle = await idle_sessions(served, args.idle_sessions)
    out = {
        "warm_up_errors": [r.error for r in warm_runs if r.error],
        "idle": idle,
        "levels": [],
    }
    for users in levels:
        level = await load_level(served, cat, users, args.seconds, (args.think_min, args.think_max))
        out["levels"].append(level)
        print(
            f"  {users} users: {level['page_runs_per_s']} runs/s, p95 {level.get('p95_s')} s, "
            f"{level['errors']} errors, CPU {level['server_cpu_cores']} cores",
            flush=True,
        )
        await asyncio.sleep(args.pause)
    out["sticky"] = sticky_check(served.access_log)
    return out


def markdown(result: dict) -> str:
    lines = [
        f"# Load test ({result['date']}, {result['cpus']} cores)",
        "",
        f"Protocol-level users (no browsers; bench/protocol.py), {result['seconds']:g} s per "
        f"level after a ramp-up of {result['think'][1]:g} s; think time "
        f"{result['think'][0]:g}-{result['think'][1]:g} s; each user opens a fresh link, then "
        "alternately changes the province and moves to another page. Warehouse: "
        f"{result['warehouse_visits']:,} visits. {result.get('note', '')}",
        "",
        "| replicas | users | page runs/s | p50 (s) | p95 (s) | p99 (s) | errors "
        "| server CPU (cores) | runs per CPU-second | server RSS (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for conf in result["configs"]:
        for lv in conf["levels"]:
            lines.append(
                f"| {conf['replicas']} | {lv['users']} | {lv['page_runs_per_s']} | "
                f"{lv.get('p50_s')} | {lv.get('p95_s')} | {lv.get('p99_s')} | {lv['errors']} | "
                f"{lv['server_cpu_cores']} | {lv['page_runs_per_cpu_second']} | "
                f"{lv['server_rss_mb']} |"
            )
    lines += ["", "Idle sessions (each ran the Overview once, then sat still):", ""]
    for conf in result["configs"]:
        i = conf["idle"]
        lines.append(
            f"- {conf['replicas']} replica(s): {i['sessions']} sessions added "
            f"{i['rss_after_mb'] - i['rss_before_mb']:.1f} MB, {i['mb_per_idle_session']} MB each"
        )
    for conf in result["configs"]:
        if conf.get("sticky"):
            s = conf["sticky"]
            lines.append(
                f"- nginx, {conf['replicas']} replicas: {s['routes']} routes (browsers), "
                f"{s['routes_on_more_than_one_replica']} on more than one replica; requests per "
                f"replica {s['requests_per_replica']}"
            )
    if result.get("scaling"):
        lines += ["", "Two replicas against one, same users: " + result["scaling"]]
    lines += ["", "## Per page (p50 / p95 / p99 s, runs)", ""]
    for conf in result["configs"]:
        for lv in conf["levels"]:
            cells = ", ".join(
                f"{p} {v['p50_s']} / {v['p95_s']} / {v['p99_s']} ({v['runs']})"
                for p, v in lv["by_page"].items()
                if v.get("runs")
            )
            lines.append(f"- {conf['replicas']} replica(s), {lv['users']} users: {cells}")
    return "\n".join(lines) + "\n"


def scaling(configs: list[dict]) -> str:
    by = {c["replicas"]: {lv["users"]: lv for lv in c["levels"]} for c in configs}
    if 1 not in by or 2 not in by:
        return ""
    parts = []
    for users in sorted(set(by[1]) & set(by[2])):
        a, b = by[1][users], by[2][users]
        parts.append(
            f"{users} users: {b['page_runs_per_s']} / {a['page_runs_per_s']} runs/s = "
            f"{b['page_runs_per_s'] / max(a['page_runs_per_s'], 1e-9):.2f}x "
            f"(p95 {b.get('p95_s')} s against {a.get('p95_s')} s)"
        )
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--users", default="10,50,100")
    parser.add_argument("--replicas", default="1,2")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think-min", type=float, default=2.0)
    parser.add_argument("--think-max", type=float, default=5.0)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between levels")
    parser.add_argument("--idle-sessions", type=int, default=20)
    add_common_args(parser)
    args = parser.parse_args(argv)
    levels = [int(u) for u in args.users.split(",")]
    cat = Catalogue(args.warehouse)
    con = duckdb.connect(str(args.warehouse), read_only=True)
    visits = con.execute("select count(*) from visits").fetchone()[0]
    con.close()
    configs = []
    for replicas in (int(r) for r in args.replicas.split(",")):
        print(f"{replicas} replica(s)", flush=True)
        with serve_replicas(args.warehouse, replicas) as served:
            conf = asyncio.run(measure(served, cat, levels, args))
        configs.append({"replicas": replicas, **conf})
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "seconds": args.seconds,
        "think": [args.think_min, args.think_max],
        "warehouse_visits": visits,
        "note": args.note,
        "configs": configs,
        "scaling": scaling(configs),
    }
    return write_results(args.out, "load", result, markdown)


if __name__ == "__main__":
    main()
