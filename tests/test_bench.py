"""The benchmark runs end to end at a tiny scale and writes well-formed results (no timing
assertions: speed is measured by `make bench`, never by a test)."""

from __future__ import annotations

import json

from bench.run import PAGES, main


def test_bench_quick_run_writes_results(tmp_path):
    result = main(
        ["--quick", "--out", str(tmp_path / "results"), "--workdir", str(tmp_path / "work")]
    )
    data = json.loads((tmp_path / "results" / "results.json").read_text())
    assert data == json.loads(json.dumps(result))
    assert (tmp_path / "results" / "results.md").read_text().startswith("# Benchmark")
    scale = data["scales"][0]
    assert scale["ingest"]["visit_rows"] > 0
    assert scale["ingest"]["ingest_visit_rows_per_second"] > 0
    assert scale["ingest"]["ingest_peak_memory_mb"] > 0
    for page in PAGES:
        for kind in ("cold", "warm"):
            timing = scale["pages"][page][kind]
            assert timing["n"] == 5 and 0 < timing["median_ms"] <= timing["p95_ms"]
    once = scale["once_per_version"]
    assert set(once) == {"overview", "demographics", "funding"}
    assert once["funding"]["median_ms"] > 0
    assert "Once per warehouse version" in (tmp_path / "results" / "results.md").read_text()
    assert scale["baseline"]["pandas_ms"] > 0 and scale["baseline"]["n"] == 2
    assert data["machine"]["cpus"] >= 1


def test_ingest_peak_memory_is_the_ingest_process_own(tmp_path):
    """The parent holding a lot of memory when it starts the ingest must not show up as the
    ingest's peak (getrusage(RUSAGE_CHILDREN) would report the parent's high-water mark)."""
    import numpy as np

    from bench.run import prepare

    ballast = np.ones(900 * 2**20 // 8)  # about 900 MB, touched, in this process
    ingest = prepare(0.01, tmp_path / "work")
    assert 0 < ingest["ingest_peak_memory_mb"] < 800
    assert ballast.sum() > 0


def test_browser_trace_summary_reads_the_busiest_renderer_main_thread():
    """The browser benchmark's trace summary: the top-level tasks of the busiest renderer main
    thread (not another renderer's, not another thread's), its module evaluation, and its
    longest task, in seconds."""
    from bench.browser import main_thread

    def x(name, pid, tid, dur, **extra):
        return {"ph": "X", "name": name, "pid": pid, "tid": tid, "ts": 0, "dur": dur, **extra}

    events = [
        {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
        {"ph": "M", "name": "thread_name", "pid": 2, "tid": 5, "args": {"name": "CrRendererMain"}},
        {"ph": "M", "name": "thread_name", "pid": 2, "tid": 6, "args": {"name": "Compositor"}},
        x("RunTask", 1, 1, 100_000),  # an idle renderer (about:blank)
        x("RunTask", 2, 5, 1_500_000),
        x("RunTask", 2, 5, 250_000),
        x("v8.evaluateModule", 2, 5, 1_200_000),
        x("v8.evaluateModule", 1, 1, 90_000),
        x("RunTask", 2, 6, 9_000_000),  # not a main thread
    ]
    assert main_thread({"traceEvents": events}) == {
        "main_busy_s": 1.75,
        "evaluate_s": 1.2,
        "longest_task_s": 1.5,
    }
    assert main_thread([]) == {"main_busy_s": None, "evaluate_s": None, "longest_task_s": None}


def test_floor_app_shows_one_plotly_chart():
    """The browser benchmark's floor is an app that shows a chart, served like the dashboard."""
    from streamlit.testing.v1 import AppTest

    from bench.browser import FLOOR_APP

    at = AppTest.from_file(str(FLOOR_APP)).run()
    assert not at.exception
    charts = [e for e in at.main if e.type == "plotly_chart"]
    assert len(charts) == 1
