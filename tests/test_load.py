"""The protocol-level load tool and the replicas behind nginx, end to end on a small warehouse:
a simulated user gets the same page runs a browser would (filters into the URL, a widget change,
a page move), nginx keeps each user on one replica and spreads users over both, and the load
run writes well-formed results. No timing is asserted (speed is measured by `make load`)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from bench.load import main as load_main
from bench.load import sticky_check
from bench.protocol import Session
from dashboard.devserver import serve
from dashboard.hosting import serve_replicas

HAVE_NGINX = shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists()


@pytest.fixture(scope="module")
def server(small_warehouse):
    """One dashboard server for the protocol-level tests (each Session is its own user)."""
    with serve(small_warehouse, timeout=120) as url:
        yield url


def test_a_simulated_user_opens_changes_a_filter_and_moves(server):
    async def visit(url: str):
        s = Session(url)
        opened = await s.open("centra", "from=2024-01&to=2024-06&province=Limburg")
        after_open = s.query_string
        options = s.options("f_province")
        changed = await s.change_widget("centra", "f_province", "Utrecht")
        after_change = s.query_string
        moved = await s.move("gasten")
        after_move = s.query_string
        await s.close()
        return opened, changed, moved, after_open, after_change, after_move, options, s.pages

    opened, changed, moved, q_open, q_change, q_move, options, pages = asyncio.run(visit(server))
    for run in (opened, changed, moved):
        assert run.error is None, run
        assert run.bytes > 1000 and run.messages > 5
    assert {"", "centra", "gasten", "financiering"} <= set(pages)
    assert "Utrecht" in options and "Limburg" in options
    # the app writes the filters into the URL; the widget change and the move keep them
    assert "province=Limburg" in q_open and "from=2024-01" in q_open
    assert "province=Utrecht" in q_change and "from=2024-01" in q_change
    assert "province=Utrecht" in q_move


def test_a_page_that_fails_is_counted_as_an_error(server):
    async def visit(url: str):
        s = Session(url)
        run = await s.open("no-such-page", "")
        await s.close()
        return run

    run = asyncio.run(visit(server))
    assert run.error is not None


@pytest.mark.skipif(not HAVE_NGINX, reason="NOTICE: no nginx; replica test skipped")
def test_replicas_behind_nginx_keep_each_user_on_one_replica(small_warehouse):
    async def users(url: str, n: int):
        # four users at a time: both replicas work at once, as they would for real users
        gate = asyncio.Semaphore(4)

        async def user(k: int):
            async with gate:
                s = Session(url)
                runs = [await s.open("", f"from=2024-0{1 + k % 6}&to=2024-09")]
                runs.append(await s.move("methode"))
                await s.close()
                return runs

        return [run for runs in await asyncio.gather(*map(user, range(n))) for run in runs]

    with serve_replicas(small_warehouse, 2, timeout=120) as served:
        assert len(served.replicas) == 2 and served.url not in served.replicas
        runs = asyncio.run(users(served.url, 16))
        log = served.access_log
        # nginx writes its log buffered (flush=1s); wait for it
        asyncio.run(asyncio.sleep(1.5))
        sticky = sticky_check(log)
    assert all(r.error is None for r in runs), [r.error for r in runs if r.error]
    assert sticky["routes"] >= 16
    assert sticky["routes_on_more_than_one_replica"] == 0
    # 16 random routes all on one replica would happen once in 30,000 runs
    assert len(sticky["requests_per_replica"]) == 2


def test_load_run_writes_results(small_warehouse, tmp_path):
    result = load_main(
        [
            "--users",
            "2",
            "--replicas",
            "1",
            "--seconds",
            "2",
            "--think-min",
            "0.2",
            "--think-max",
            "0.5",
            "--pause",
            "0",
            "--idle-sessions",
            "2",
            "--warehouse",
            str(small_warehouse),
            "--out",
            str(tmp_path),
        ]
    )
    data = json.loads((tmp_path / "load.json").read_text())
    assert data == json.loads(json.dumps(result))
    (conf,) = data["configs"]
    (level,) = conf["levels"]
    assert conf["warm_up_errors"] == []
    assert level["errors"] == 0 and level["page_runs"] >= 2
    assert 0 < level["p50_s"] <= level["p95_s"] <= level["p99_s"]
    assert level["server_rss_mb"] > 50 and level["server_cpu_cores"] > 0
    assert conf["idle"]["sessions"] == 2
    assert (tmp_path / "load.md").read_text().startswith("# Load test")
