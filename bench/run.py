"""Benchmark: ingest throughput and memory, page query times at several scales, the analyst's
way (pandas over Parquet, DuckDB over raw Parquet) for comparison, and server-side render time.

    python -m bench.run [--scales 1,10,50] [--combos 50] [--out bench/results]
    python -m bench.run --quick          # the smoke test's tiny run

Timings are medians and 95th percentiles over a fixed, seeded set of filter combinations. The
query timings call the same functions the pages call, without Streamlit's cache.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from bench.common import add_common_args, write_results
from dashboard import APP_FILE, PROJECT_ROOT
from dashboard.metrics import pagedata, queries
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Filters
from dashboard.metrics.kpis import compute_kpis

TODAY = date(2026, 11, 24)
PAGES = ("overview", "centres", "demographics", "funding")


def page_queries(page: str, wh: Warehouse, cat, f: Filters) -> None:
    """All queries one page runs again when a filter changes: the page's own function in
    dashboard/metrics/pagedata.py, which the page calls too (through dashboard/ui/cache.py).
    The queries that do not depend on the filters are cached by the app per warehouse version
    and timed apart (`VERSION_QUERIES`)."""
    first, last = cat.months[0], cat.months[-1]
    if page == "overview":
        pagedata.overview(wh, f, first, last)
    elif page == "centres":
        pagedata.centres(wh, f, "all", first, last)
    elif page == "demographics":
        pagedata.demographics(wh, f, first)
    elif page == "funding":
        pagedata.funding(wh, f)
    elif page == "impact":
        pagedata.impact(wh, f)


# The pages with queries they run once per warehouse version (filter-independent, cached).
VERSION_QUERIES = {
    "overview": lambda wh: queries.kwf_grant_start(wh),
    "demographics": lambda wh: queries.demographic_trend(
        wh, "national", ["NL"], "month", wh.first_month, wh.last_month
    ),
    "funding": lambda wh: (
        queries.places(wh),
        queries.funding_by_month(wh),
        queries.funding_programme(wh),
    ),
}


def combos(cat, n: int, seed: int = 7) -> list[Filters]:
    rng = random.Random(seed)
    months = list(cat.months)
    out = []
    for _ in range(n):
        a, b = sorted(rng.sample(range(len(months)), 2))
        province = rng.choice([None, *cat.provinces]) if rng.random() < 0.6 else None
        centre = None
        if province and rng.random() < 0.5:
            centre = rng.choice([c for c in cat.centres.values() if c.province == province])
            centre = centre.centre_id
        out.append(Filters(months[a], months[b], province, centre))
    return out


def stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2), "n": len(ms)}


def _run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def prepare(scale: float, workdir: Path) -> dict:
    base = workdir / f"scale-{scale:g}"
    extract, wh = base / "extract", base / "ipso.duckdb"
    py = sys.executable
    if not (extract / "_synthetic.json").exists():
        _run(
            [
                py,
                "-m",
                "dashboard.cli",
                "demo-data",
                "--scale",
                str(scale),
                "--out",
                str(extract),
                "--today",
                TODAY.isoformat(),
            ]
        )
    start = time.perf_counter()
    done = subprocess.run(
        [
            py,
            "-m",
            "bench.measured",
            "ingest",
            str(extract),
            "--warehouse",
            str(wh),
            "--as-of",
            TODAY.isoformat(),
            "--quiet",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak_mb = float(done.stdout.strip().splitlines()[-1].split("=", 1)[1])
    con = duckdb.connect(str(wh), read_only=True)
    visits = con.execute("select count(*) from visits").fetchone()[0]
    rows = con.execute("select sum(rows_read) from ingest_files").fetchone()[0]
    con.close()
    return {
        "scale": scale,
        "extract": str(extract),
        "warehouse": str(wh),
        "visit_rows": visits,
        "rows_read": int(rows),
        "ingest_seconds": round(seconds, 2),
        "ingest_visit_rows_per_second": round(visits / seconds),
        "ingest_rows_per_second": round(rows / seconds),
        # the ingest process's own peak resident memory (see bench/measured.py)
        "ingest_peak_memory_mb": round(peak_mb),
        "warehouse_mb": round(wh.stat().st_size / 2**20, 1),
    }


def time_pages(wh_path: str, n: int) -> dict:
    probe = Warehouse(wh_path)
    cat = queries.load_catalog(probe)
    filters = combos(cat, n)
    out = {}
    for page in PAGES:
        cold, warm, cpu = [], [], []
        for f in filters:
            wh = Warehouse(wh_path)
            queries.load_catalog(wh)  # the app has this cached before any page runs
            t0 = time.perf_counter()
            page_queries(page, wh, cat, f)
            t1, c1 = time.perf_counter(), time.process_time()
            page_queries(page, wh, cat, f)
            t2, c2 = time.perf_counter(), time.process_time()
            cold.append((t1 - t0) * 1000)
            warm.append((t2 - t1) * 1000)
            # CPU time of this process (all its threads): on a shared machine the wall time
            # also counts waiting for a core; the CPU time is the work itself
            cpu.append((c2 - c1) * 1000)
            wh.close()
        out[page] = {"cold": stats(cold), "warm": stats(warm), "warm_cpu": stats(cpu)}
    return out


def time_version_queries(wh_path: str, repeats: int = 5) -> dict:
    """Each page's once-per-version queries, on a fresh connection each time."""
    out = {}
    for page, run in VERSION_QUERIES.items():
        times = []
        for _ in range(repeats):
            wh = Warehouse(wh_path)
            t0 = time.perf_counter()
            run(wh)
            times.append((time.perf_counter() - t0) * 1000)
            wh.close()
        out[page] = stats(times)
    return out


def analyst_baselines(extract: str, wh_path: str, n: int) -> dict:
    """The overview's headline questions the way an analyst would, without this project."""
    import pandas as pd

    cat = queries.load_catalog(Warehouse(wh_path))
    filters = [f for f in combos(cat, max(n, 1), seed=11)][:n]
    centres = pd.read_parquet(Path(extract) / "centres")
    ours, panda, raw, ours_cpu, raw_cpu = [], [], [], [], []
    con = duckdb.connect()
    for f in filters:
        wh = Warehouse(wh_path)
        t0, c0 = time.perf_counter(), time.process_time()
        compute_kpis(wh, f)
        ours.append((time.perf_counter() - t0) * 1000)
        ours_cpu.append((time.process_time() - c0) * 1000)
        t0 = time.perf_counter()
        visits = pd.read_parquet(Path(extract) / "visits")
        guests = pd.read_parquet(Path(extract) / "guests")
        v = visits[(visits.visit_date >= f.period_start) & (visits.visit_date <= f.period_end)]
        if f.province:
            ids = centres[centres.province == f.province].centre_id
            v = v[v.centre_id.isin(ids)]
        if f.centre:
            v = v[v.centre_id == f.centre]
        g = guests[guests.guest_id.isin(v.guest_id.unique())]
        _ = (
            len(v),
            len(g),
            int(((g.first_visit_on >= f.period_start) & (g.first_visit_on <= f.period_end)).sum()),
            float((g.gender == "female").mean()) if len(g) else None,
        )
        panda.append((time.perf_counter() - t0) * 1000)
        t0, c0 = time.perf_counter(), time.process_time()
        con.execute(
            "with v as (select v.* from read_parquet($visits) v join read_parquet($centres) c "
            "using (centre_id) where visit_date between $a and $b "
            "and ($p is null or c.province = $p) and ($c is null or v.centre_id = $c)) "
            "select count(*), count(distinct guest_id), "
            "count(distinct g.guest_id) filter (where g.first_visit_on between $a and $b), "
            "avg((g.gender = 'female')::int) from v join read_parquet($guests) g using (guest_id)",
            {
                "visits": f"{extract}/visits/*.parquet",
                "guests": f"{extract}/guests/*.parquet",
                "centres": f"{extract}/centres/*.parquet",
                "a": f.period_start,
                "b": f.period_end,
                "p": f.province,
                "c": f.centre,
            },
        ).fetchall()
        raw.append((time.perf_counter() - t0) * 1000)
        raw_cpu.append((time.process_time() - c0) * 1000)
    o, p, r = (statistics.median(x) for x in (ours, panda, raw))
    oc, rc = statistics.median(ours_cpu), statistics.median(raw_cpu)
    return {
        "ours_cpu_ms": round(oc, 2),
        "duckdb_raw_parquet_cpu_ms": round(rc, 1),
        "raw_parquet_over_ours_cpu": round(rc / oc, 1),
        "ours_ms": round(o, 2),
        "pandas_ms": round(p, 1),
        "duckdb_raw_parquet_ms": round(r, 1),
        "pandas_over_ours": round(p / o, 1),
        "raw_parquet_over_ours": round(r / o, 1),
        "n": len(filters),
    }


def render_times(wh_path: str, repeats: int = 5) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ["IPSO_WAREHOUSE"] = wh_path
    app = str(APP_FILE)
    out = {}
    for page in ("overview", "centres", "funding", "demographics", "impact"):
        at = AppTest.from_file(app, default_timeout=300).run()
        at.switch_page(f"dashboard/pages/{page}.py").run()  # warm the caches
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t0) * 1000)
        out[page] = stats(times)
    return out


def machine() -> dict:
    mem = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "polars": pl.__version__,
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def _cpu_cell(page: str, timing: dict) -> str:
    return f"{page} {timing['median_ms']} / {timing['p95_ms']}"


def markdown(result: dict) -> str:
    lines = [
        f"# Benchmark ({result['machine']['date']})",
        "",
        f"Machine: {result['machine']['platform']}, {result['machine']['cpus']} cores, "
        f"{result['machine']['memory_gb']} GB; Python {result['machine']['python']}, "
        f"DuckDB {result['machine']['duckdb']}, polars {result['machine']['polars']}.",
        "",
        "## Ingest",
        "",
        "| scale | visit rows | seconds | visit rows/s | all rows/s "
        "| peak memory (MB) | warehouse (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in result["scales"]:
        i = s["ingest"]
        lines.append(
            f"| {i['scale']:g}x | {i['visit_rows']:,} | {i['ingest_seconds']} | "
            f"{i['ingest_visit_rows_per_second']:,} | {i['ingest_rows_per_second']:,} | "
            f"{i['ingest_peak_memory_mb']:,} | {i['warehouse_mb']} |"
        )
    lines += [
        "",
        "## Page queries per filter change (ms; median / p95)",
        "",
        "| scale | " + " | ".join(f"{p} cold | {p} warm" for p in PAGES) + " |",
        "|---|" + "---|" * (2 * len(PAGES)),
    ]
    for s in result["scales"]:
        cells = []
        for p in PAGES:
            c, w = s["pages"][p]["cold"], s["pages"][p]["warm"]
            cells += [f"{c['median_ms']} / {c['p95_ms']}", f"{w['median_ms']} / {w['p95_ms']}"]
        lines.append(f"| {s['ingest']['scale']:g}x | " + " | ".join(cells) + " |")
    lines += [
        "",
        "CPU time of the warm runs (ms of this process's CPU, all threads; median / p95): "
        + "; ".join(
            f"{s['ingest']['scale']:g}x "
            + ", ".join(_cpu_cell(p, s["pages"][p]["warm_cpu"]) for p in PAGES)
            for s in result["scales"]
        ),
    ]
    lines += [
        "",
        "Once per warehouse version (filter-independent queries the app caches; ms, median): "
        + "; ".join(
            f"{s['ingest']['scale']:g}x "
            + ", ".join(f"{p} {v['median_ms']}" for p, v in s["once_per_version"].items())
            for s in result["scales"]
        ),
    ]
    if "growth" in result:
        lines += [
            "",
            "Largest / smallest scale, median warm: "
            + ", ".join(f"{p} {v}" for p, v in result["growth"].items()),
        ]
    lines += [
        "",
        "## The analyst's way (overview KPIs, median ms)",
        "",
        "| scale | ours | pandas over Parquet | DuckDB over raw Parquet | pandas / ours "
        "| raw / ours | ours CPU | raw CPU | raw / ours, CPU |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in result["scales"]:
        b = s.get("baseline")
        if b:
            lines.append(
                f"| {s['ingest']['scale']:g}x | {b['ours_ms']} | {b['pandas_ms']} | "
                f"{b['duckdb_raw_parquet_ms']} | {b['pandas_over_ours']} | "
                f"{b['raw_parquet_over_ours']} | {b['ours_cpu_ms']} | "
                f"{b['duckdb_raw_parquet_cpu_ms']} | {b['raw_parquet_over_ours_cpu']} |"
            )
    renders = [s for s in result["scales"] if s.get("render")]
    if renders:
        lines += ["", "## Server-side render, warm (AppTest, ms; median / p95)", ""]
        for s in renders:
            lines.append(
                f"- {s['ingest']['scale']:g}x: "
                + ", ".join(f"{p} {v['median_ms']} / {v['p95_ms']}" for p, v in s["render"].items())
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--combos", type=int, default=50)
    add_common_args(parser, warehouse=False, note=False)
    parser.add_argument("--workdir", type=Path, default=PROJECT_ROOT / "bench" / "work")
    parser.add_argument("--baseline-combos", type=int, default=5)
    parser.add_argument("--no-render", action="store_true")
    parser.add_argument("--quick", action="store_true", help="scale 0.01, 5 combos, no render")
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.combos, args.baseline_combos, args.no_render = "0.01", 5, 2, True
    scales = sorted(float(s) for s in args.scales.split(","))
    result = {"machine": machine(), "combos": args.combos, "scales": []}
    for scale in scales:
        print(f"scale {scale:g}x: preparing", file=sys.stderr, flush=True)
        ingest = prepare(scale, args.workdir)
        entry = {
            "ingest": ingest,
            "pages": time_pages(ingest["warehouse"], args.combos),
            "once_per_version": time_version_queries(ingest["warehouse"]),
        }
        if args.baseline_combos:
            entry["baseline"] = analyst_baselines(
                ingest["extract"], ingest["warehouse"], args.baseline_combos
            )
        if not args.no_render:
            entry["render"] = render_times(ingest["warehouse"])
        result["scales"].append(entry)
    if len(result["scales"]) > 1:
        small, large = result["scales"][0]["pages"], result["scales"][-1]["pages"]
        result["growth"] = {
            p: round(large[p]["warm"]["median_ms"] / max(small[p]["warm"]["median_ms"], 1e-9), 2)
            for p in PAGES
        }
    return write_results(args.out, "results", result, markdown)


if __name__ == "__main__":
    main()
