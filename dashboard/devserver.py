"""Start the dashboard in a child process on a free loopback port (for the browser tests, the
sign-in test and the load benchmark): one way to do it, in one place."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dashboard import APP_FILE, PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(
    warehouse: Path, port: int | None = None, cwd: Path | None = None, timeout: float = 60
) -> Iterator[str]:
    """Run `streamlit run streamlit_app.py` on 127.0.0.1 until the context ends; yields its URL
    once /_stcore/health answers. `cwd` chooses the folder whose .streamlit/ is read."""
    with serve_process(warehouse, port, cwd, timeout) as (url, _proc):
        yield url


def wait_healthy(
    url: str, timeout: float, proc: subprocess.Popen | None = None, log: IO[bytes] | None = None
) -> None:
    """Wait until `url`/_stcore/health answers (or the process has died, or time is up); a
    failure quotes the end of the process's `log`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return
        except OSError:
            dead = proc is not None and proc.poll() is not None
            if time.monotonic() > deadline or dead:
                detail = ""
                if log is not None:
                    log.seek(0)
                    detail = log.read().decode(errors="replace")[-2000:]
                raise RuntimeError(f"{url} did not start: {detail}") from None
            time.sleep(0.3)


@contextlib.contextmanager
def serve_process(
    warehouse: Path,
    port: int | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    app: Path = APP_FILE,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`serve`, also yielding the server process (the load test reads its CPU and memory).
    `app` is the script served (the browser benchmark also serves a minimal app beside it)."""
    port = port or free_port()
    env = {**os.environ, "IPSO_WAREHOUSE": str(warehouse)}
    if cwd is not None:
        env.pop("IPSO_ROLES_FILE", None)  # the folder's own secrets decide
    # a file, not a pipe: a busy server's warnings would fill a pipe nobody reads and stall it
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(app),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            # A served app never changes under it: without this every session polls the
            # script files for changes, a quarter of the server's CPU under load (py-spy)
            "--server.fileWatcherType",
            "none",
            "--server.runOnSave",
            "false",
        ],
        cwd=cwd or PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, timeout, proc, log)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
