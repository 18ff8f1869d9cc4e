"""Shared fixtures: demo extracts and warehouses built once per test session.

Everything is generated with a fixed "today" (2026-11-24) so the tests do not depend on the
clock: the extracts run from January 2019 to October 2026.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import APP_FILE
from dashboard.app import PAGES
from dashboard.build.ingest import ingest
from dashboard.build.synth import SynthConfig, generate
from dashboard.metrics.db import Warehouse

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="session")
def demo_extract(tmp_path_factory) -> Path:
    """The default demo extract (scale 1, about 1.4 million visits)."""
    out = tmp_path_factory.mktemp("demo") / "extract"
    generate(out, SynthConfig(today=TODAY))
    return out


@pytest.fixture(scope="session")
def demo_warehouse(demo_extract, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("wh") / "ipso.duckdb"
    ingest(demo_extract, path, as_of=TODAY)
    return path


@pytest.fixture(scope="session")
def wh(demo_warehouse) -> Warehouse:
    return Warehouse(demo_warehouse)


@pytest.fixture(scope="session")
def small_extract(tmp_path_factory) -> Path:
    """A small extract (scale 0.02) that tests copy and damage."""
    out = tmp_path_factory.mktemp("small") / "extract"
    generate(out, SynthConfig(today=TODAY, scale=0.02))
    return out


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
