"""Start the dashboard in a child process on a free loopback port (for the browser tests, the
sign-in test and the load benchmark): one way to do it, in one place."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

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
    port = port or free_port()
    env = {**os.environ, "IPSO_WAREHOUSE": str(warehouse)}
    if cwd is not None:
        env.pop("IPSO_ROLES_FILE", None)  # the folder's own secrets decide
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP_FILE),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=cwd or PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(
                        "the dashboard did not start: " + proc.stderr.read().decode()[-2000:]
                    ) from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
