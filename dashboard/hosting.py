"""Several Streamlit replicas of the dashboard behind nginx, on loopback: what `make serve N=2`
runs and what the load test measures against one server.

A Streamlit server is one Python process, and the GIL keeps a busy one on about one core; more
users need more processes. Each replica opens the same warehouse file read-only (DuckDB allows
any number of read-only readers), and picks up a newly ingested warehouse on its next run (the
connection is keyed by the file's identity). nginx, configured from
`deploy/nginx.conf.template`, keeps each browser on one replica (a route cookie hashed to a
replica) and passes the websocket upgrade through.

    python -m dashboard.hosting --replicas 2 --port 8080 [--warehouse PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard import PROJECT_ROOT
from dashboard.devserver import free_port, serve_process, wait_healthy
from dashboard.metrics.db import warehouse_path

TEMPLATE = PROJECT_ROOT / "deploy" / "nginx.conf.template"


class NginxMissing(Exception):
    """nginx is not installed (Debian: apt-get install nginx)."""


@dataclass(frozen=True)
class Served:
    url: str  # what users open: the proxy, or the one server when there is no proxy
    pids: tuple[int, ...]  # every process serving (replicas, and nginx's)
    replicas: tuple[str, ...]  # each replica's own URL
    access_log: Path | None = None  # nginx's: route, replica, status per request


def nginx_config(listen: str, replica_ports: list[int], rundir: Path) -> str:
    """The proxy configuration for replicas on 127.0.0.1 at `replica_ports`."""
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port in replica_ports)
    # nginx started by root hands its workers to `nobody` unless told otherwise; the
    # run folder is ours, so the workers stay ours too.
    user = "user root root;" if os.geteuid() == 0 else ""
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@RUNDIR@", str(rundir))
        .replace("@USER@", user)
        .replace("@SERVERS@", servers)
        .replace("@LISTEN@", listen)
    )


def _nginx_pids(rundir: Path, master: subprocess.Popen) -> tuple[int, ...]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    kids = children.read_text().split() if children.exists() else []
    return (master.pid, *(int(k) for k in kids))


@contextlib.contextmanager
def serve_replicas(
    warehouse: Path, replicas: int, port: int | None = None, timeout: float = 120
) -> Iterator[Served]:
    """Start `replicas` servers (and nginx in front when there are two or more) until the
    context ends. One replica is served directly: a proxy would only add a hop."""
    if replicas < 1:
        raise ValueError("at least one replica")
    with contextlib.ExitStack() as stack:
        if replicas == 1:
            url, proc = stack.enter_context(serve_process(warehouse, port, timeout=timeout))
            yield Served(url, (proc.pid,), (url,))
            return
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise NginxMissing("nginx is not installed (Debian: apt-get install -y nginx)")
        started = [
            stack.enter_context(serve_process(warehouse, timeout=timeout)) for _ in range(replicas)
        ]
        ports = [int(url.rsplit(":", 1)[1]) for url, _ in started]
        rundir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ipso-nginx-")))
        listen_port = port or free_port()
        conf = rundir / "nginx.conf"
        conf.write_text(nginx_config(f"127.0.0.1:{listen_port}", ports, rundir), encoding="utf-8")
        master = subprocess.Popen(
            [nginx, "-p", str(rundir), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{listen_port}"
            wait_healthy(url, timeout, master, None)
            time.sleep(0.2)  # the worker forks right after the master listens
            yield Served(
                url,
                (*(p.pid for _, p in started), *_nginx_pids(rundir, master)),
                tuple(u for u, _ in started),
                rundir / "access.log",
            )
        finally:
            master.send_signal(signal.SIGQUIT)  # graceful: finish open requests, then stop
            try:
                master.wait(timeout=10)
            except subprocess.TimeoutExpired:
                master.kill()
                master.wait()


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # leave the context: replicas and nginx are stopped in order


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m dashboard.hosting")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--warehouse", type=Path, default=None)
    args = parser.parse_args(argv)
    warehouse = args.warehouse or warehouse_path()
    with serve_replicas(warehouse, args.replicas, args.port) as served:
        print(f"serving {warehouse} on {served.url}", flush=True)
        for url in served.replicas:
            print(f"  replica {url}", flush=True)
        signal.signal(signal.SIGTERM, _stop)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                signal.pause()


if __name__ == "__main__":
    main()
