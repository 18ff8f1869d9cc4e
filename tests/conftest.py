"""Shared fixtures: demo extracts and warehouses built once per test session.

Everything is generated with a fixed "today" (2026-11-24) so the tests do not depend on the
clock: the extracts run from January 2019 to October 2026.
"""

from __future__ import annotations

import functools
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from filelock import FileLock
from streamlit.components.v2 import manifest_scanner
from streamlit.testing.v1 import AppTest

from dashboard import APP_FILE
from dashboard.app import PAGES
from dashboard.build.ingest import ingest
from dashboard.build.synth import SynthConfig, generate
from dashboard.metrics.db import Warehouse
from tests.browser import CHROMIUM, LAUNCH_ARGS

TODAY = date(2026, 11, 24)

# Every new AppTest scans the metadata of every installed distribution for Streamlit components
# (about 0.6 s of CPU each; the suite makes well over a hundred); the installed set cannot
# change during a test run, so each worker scans once.
_scan_once = functools.cache(manifest_scanner.scan_component_manifests)
manifest_scanner.scan_component_manifests = lambda *a, **k: list(_scan_once(*a, **k))


def _built_once(tmp_path_factory, name: str, build) -> Path:
    """A folder built once per test run: under pytest-xdist every worker shares the first
    worker's build (a file lock, in the run's common temporary folder) instead of generating
    its own 1.4 M-visit extract."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / f"shared_{name}"
    with FileLock(str(folder) + ".lock"):
        if not (folder / ".built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / ".built").touch()
    return folder


@pytest.fixture(scope="session")
def demo_extract(tmp_path_factory) -> Path:
    """The default demo extract (scale 1, about 1.4 million visits)."""
    folder = _built_once(
        tmp_path_factory, "demo", lambda d: generate(d / "extract", SynthConfig(today=TODAY))
    )
    return folder / "extract"


@pytest.fixture(scope="session")
def demo_warehouse(demo_extract, tmp_path_factory) -> Path:
    folder = _built_once(
        tmp_path_factory, "wh", lambda d: ingest(demo_extract, d / "ipso.duckdb", as_of=TODAY)
    )
    return folder / "ipso.duckdb"


@pytest.fixture(scope="session")
def wh(demo_warehouse) -> Warehouse:
    return Warehouse(demo_warehouse)


@pytest.fixture(scope="session")
def small_extract(tmp_path_factory) -> Path:
    """A small extract (scale 0.02) that tests copy and damage."""
    folder = _built_once(
        tmp_path_factory,
        "small",
        lambda d: generate(d / "extract", SynthConfig(today=TODAY, scale=0.02)),
    )
    return folder / "extract"


@pytest.fixture(scope="session")
def small_warehouse(small_extract, tmp_path_factory) -> Path:
    """The small extract ingested, once per test run, for tests that only read it (a test that
    changes a warehouse copies this one's folder or ingests its own)."""
    folder = _built_once(
        tmp_path_factory,
        "small_wh",
        lambda d: ingest(small_extract, d / "ipso.duckdb", as_of=TODAY),
    )
    return folder / "ipso.duckdb"


@pytest.fixture
def extract_copy(small_extract, tmp_path) -> Path:
    out = tmp_path / "extract"
    shutil.copytree(small_extract, out)
    return out


@pytest.fixture(scope="session")
def demo_warehouse_for_fuzz(demo_warehouse) -> Warehouse:
    """The demo warehouse opened once for property-based tests (hypothesis runs many inputs
    through one fixture instance)."""
    return Warehouse(demo_warehouse)


# The entry file and the page scripts as AppTest names them (relative to the entry file).
APP = str(APP_FILE)
PAGE_FILES = tuple(f"dashboard/pages/{spec.file}" for spec in PAGES)
PAGE = {spec.file.removesuffix(".py"): f"dashboard/pages/{spec.file}" for spec in PAGES}


# Sign-in configured (an OpenID provider that is never reached: the tests set `at.user`) and the
# peer-label secret, as a deployment with accounts has them.
AUTH_SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "dashboard",
        "client_secret": "s",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    },
    "peers": {"secret": "a-long-test-deployment-secret"},
}


def frame_ran(at: AppTest) -> bool:
    """The frame (dashboard/app.py) ran in this script run: its sidebar filters exist. A page
    run without the frame would still pass a bare "no exception" check."""
    return any(w.key == "f_period" for w in at.select_slider)


def run_app(warehouse: Path, monkeypatch, page: str | None = None, timeout: float = 120, **params):
    """Run the app as AppTest on `warehouse` with URL parameters, optionally switched to a page
    (a key of PAGE); asserts the frame ran."""
    monkeypatch.setenv("IPSO_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(PAGE[page]).run()
    assert frame_ran(at) or at.exception or at.error, "the frame did not run"
    return at


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, for one test module (tests/browser.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()
