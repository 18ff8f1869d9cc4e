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
    thread (by busy time: not an idle renderer with more, shorter tasks; not another thread of
    the same process), its module evaluation, and its longest task, in seconds; a task run
    inside a task is counted once."""
    from bench.browser import main_thread

    def x(name, pid, tid, ts, dur, ph="X"):
        return {"ph": ph, "name": name, "pid": pid, "tid": tid, "ts": ts, "dur": dur}

    def main(pid, tid):
        return {
            "ph": "M",
            "name": "thread_name",
            "pid": pid,
            "tid": tid,
            "args": {"name": "CrRendererMain"},
        }

    events = [
        main(9, 1),  # an idle renderer: a higher pid and more tasks, less time
        main(2, 5),
        {"ph": "M", "name": "thread_name", "pid": 2, "tid": 6, "args": {"name": "Compositor"}},
        *[x("RunTask", 9, 1, 10_000 * i, 1_000) for i in range(50)],
        x("v8.evaluateModule", 9, 1, 0, 900),
        x("RunTask", 2, 5, 0, 1_500_000),
        x("RunTask", 2, 5, 100_000, 200_000),  # nested in the first: counted once
        x("RunTask", 2, 5, 2_000_000, 250_000),
        x("RunTask", 2, 5, 3_000_000, 7_000_000, ph="B"),  # not a complete event
        x("v8.evaluateModule", 2, 5, 10_000, 1_200_000),
        x("v8.evaluateModule", 2, 5, 20_000, 100_000),  # nested in the one above
        x("v8.evaluateModule", 2, 6, 0, 5_000_000),  # same process, another thread
        x("RunTask", 2, 6, 0, 9_000_000),  # not a main thread
    ]
    assert main_thread({"traceEvents": events}) == {
        "main_busy_s": 1.75,
        "evaluate_s": 1.2,
        "longest_task_s": 1.5,
    }
    assert main_thread([]) == {"main_busy_s": None, "evaluate_s": None, "longest_task_s": None}


def test_benchmark_serves_the_app_it_is_given(monkeypatch, tmp_path):
    """The floor is measured on the floor app, not on the dashboard: serve_process runs the
    script it is given."""
    import subprocess

    from bench.browser import FLOOR_APP
    from dashboard import devserver

    commands = []

    class Started(Exception):
        pass

    def popen(cmd, **kwargs):
        commands.append(cmd)
        raise Started

    monkeypatch.setattr(subprocess, "Popen", popen)
    try:
        with devserver.serve_process(tmp_path / "w.duckdb", app=FLOOR_APP):
            pass
    except Started:
        pass
    assert str(FLOOR_APP) in commands[0]
    assert str(devserver.APP_FILE) not in commands[0]


def test_returning_browser_keeps_its_context_and_a_fresh_link_does_not():
    """A returning browser's link closes only its tabs (the cache lives in the context); a
    fresh link closes its whole context."""
    import asyncio

    from bench.browser import close_tab_or_context

    class Page:
        def __init__(self, context):
            self.context = context

        async def close(self):
            self.context.pages.remove(self)

    class Context:
        def __init__(self):
            self.pages, self.closed = [], False
            self.pages += [Page(self), Page(self)]

        async def close(self):
            self.closed = True

    kept, fresh = Context(), Context()
    asyncio.run(close_tab_or_context(kept, keep_context=True))
    asyncio.run(close_tab_or_context(fresh, keep_context=False))
    assert kept.pages == [] and not kept.closed
    assert fresh.closed


def test_floor_app_shows_one_plotly_chart():
    """The browser benchmark's floor is an app that shows a chart, served like the dashboard."""
    from streamlit.testing.v1 import AppTest

    from bench.browser import FLOOR_APP

    at = AppTest.from_file(str(FLOOR_APP)).run()
    assert not at.exception
    charts = [e for e in at.main if e.type == "plotly_chart"]
    assert len(charts) == 1
