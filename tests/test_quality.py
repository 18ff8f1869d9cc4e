"""The data-quality page: planted gaps in a centre's data show up, per centre and per month,
and the ingest's quarantine report is shown."""

from __future__ import annotations

import shutil
from datetime import date

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.build.ingest import ingest
from dashboard.metrics.db import Warehouse
from dashboard.metrics.queries import data_quality
from tests.conftest import APP, TODAY

GAP = (date(2024, 3, 1), date(2024, 5, 31))  # C004 sends no visits for three months


@pytest.fixture(scope="module")
def gapped(demo_extract, tmp_path_factory):
    base = tmp_path_factory.mktemp("gaps")
    ex = base / "extract"
    shutil.copytree(demo_extract, ex)
    for path in (ex / "visits").glob("*.parquet"):
        frame = pl.read_parquet(path)
        keep = ~((pl.col("centre_id") == "C004") & pl.col("visit_date").is_between(*GAP))
        frame.filter(keep).write_parquet(path)
    bad = sorted((ex / "guests").glob("*.parquet"))[0]
    frame = pl.read_parquet(bad)
    frame.with_columns(
        pl.when(pl.int_range(pl.len()) < 3)
        .then(pl.lit("F"))
        .otherwise(pl.col("gender"))
        .alias("gender")
    ).write_parquet(bad)
    ingest(ex, base / "w.duckdb", as_of=TODAY)
    return base / "w.duckdb"


def test_planted_gap_is_found(gapped):
    centres, months, report = data_quality(Warehouse(gapped))
    c4 = centres.filter(pl.col("centre_id") == "C004").row(0, named=True)
    assert {date(2024, 3, 1), date(2024, 4, 1), date(2024, 5, 1)} <= set(c4["missing_months"])
    gap = months.filter(pl.col("month").is_between(date(2024, 3, 1), date(2024, 5, 1)))
    assert gap["incomplete"].all()
    assert (gap["centres_reporting"] < gap["centres_open"]).all()
    assert months.filter(pl.col("month") == date(2024, 7, 1))["incomplete"].to_list() == [False]
    reasons = report.filter(pl.col("reason").is_not_null())
    assert "gender: not one of female, male, other, unknown" in reasons["reason"].to_list()
    guests = report.filter((pl.col("table_name") == "guests") & pl.col("reason").is_null())
    assert guests["rows_quarantined"][0] == 3


def test_quality_page_shows_the_gap_and_the_reasons(gapped, monkeypatch):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(gapped))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("dashboard/pages/quality.py").run()
    assert not at.exception
    tables = [d.value for d in at.dataframe]
    reasons = tables[1]
    assert reasons.iloc[0, 1] == "gender: not one of female, male, other, unknown"
    freshness = tables[2]
    row = freshness[freshness.iloc[:, 0] == "Toon Hermans Huis Roermond"].iloc[0]
    assert "mrt 2024" in row.iloc[5] and "mei 2024" in row.iloc[5]
    spec = at.get("plotly_chart")[0].proto.spec
    assert "onvolledige maand" in spec


def test_overview_trend_marks_the_incomplete_months(gapped, monkeypatch):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(gapped))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    spec = at.get("plotly_chart")[0].proto.spec
    assert "onvolledige maand" in spec and "2024-03-01" in spec
