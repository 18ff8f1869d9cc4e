"""Shared fixtures: demo extracts and warehouses built once per test session.

Everything is generated with a fixed "today" (2026-11-24) so the tests do not depend on the
clock: the extracts run from January 2019 to October 2026.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from dashboard.db import Warehouse
from dashboard.ingest import ingest
from dashboard.synth import SynthConfig, generate

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
