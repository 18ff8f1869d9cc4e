"""The demo-data generator: contract-valid, deterministic for a seed, calibrated to FACTS.md."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import polars as pl
import pytest

from dashboard import contract
from dashboard.build.synth import SynthConfig, build_centres, generate
from tests.conftest import TODAY


def read(extract, table: str) -> pl.DataFrame:
    return pl.read_parquet(extract / table / "*.parquet")


def test_every_table_has_exactly_the_contract_columns(demo_extract):
    for table in contract.TABLES:
        frame = read(demo_extract, table.name)
        assert frame.columns == table.column_names, table.name
        for col in table.columns:
            if col.required:
                assert frame[col.name].null_count() == 0, (table.name, col.name)


def test_contract_rules_hold_row_by_row(demo_extract, demo_warehouse):
    # The ingest applies the rules; the demo extract must pass all of them. The session's demo
    # warehouse is this extract ingested, and records the ingest's report per file: read it
    # instead of ingesting the 1.4 M visits a second time.
    import duckdb

    with duckdb.connect(str(demo_warehouse), read_only=True) as con:
        files = con.execute(
            "select path, rows_read, rows_loaded, rows_quarantined, notes from ingest_files"
        ).fetchall()
    on_disk = {str(p) for p in demo_extract.glob("*/*.parquet")}
    assert {path for path, *_ in files} == on_disk
    for path, read_, loaded, quarantined, notes in files:
        assert quarantined == 0 and loaded == read_ > 0 and not notes, path
        table = path.split("/")[-2]
        assert read_ == pl.scan_parquet(path).select(pl.len()).collect().item(), table


def test_deterministic_for_a_seed(tmp_path):
    cfg = SynthConfig(today=TODAY, scale=0.01, seed=7)
    generate(tmp_path / "a", cfg)
    generate(tmp_path / "b", cfg)
    generate(tmp_path / "c", SynthConfig(today=TODAY, scale=0.01, seed=8))
    for table in contract.TABLES:
        a, b = read(tmp_path / "a", table.name), read(tmp_path / "b", table.name)
        assert a.equals(b), table.name
    assert not read(tmp_path / "a", "visits").equals(read(tmp_path / "c", "visits"))


def test_centres_are_real_towns_with_real_coordinates():
    centres = build_centres(SynthConfig(today=TODAY))
    assert 85 <= centres.height <= 95
    assert centres["centre_id"].n_unique() == centres.height
    assert set(centres["province"]) <= set(contract.PROVINCES)
    assert len(set(centres["province"])) >= 10
    named = dict(zip(centres["name"], centres["city"], strict=True))
    assert named["PISA"] == "Hoorn"
    assert named["Toon Hermans Huis Sittard"] == "Sittard"
    assert sum(n.startswith("Toon Hermans Huis") for n in centres["name"]) == 15
    assert centres.filter(pl.col("opened_on") < date(2019, 1, 1)).height == 75


@pytest.fixture(scope="module")
def tables(demo_extract):
    return {t.name: read(demo_extract, t.name) for t in contract.TABLES}


def test_calibration_volumes(tables):
    visits = tables["visits"].with_columns(year=pl.col("visit_date").dt.year())
    per_year = visits.group_by("year").agg(
        pl.len().alias("visits"), pl.col("guest_id").n_unique().alias("guests")
    )
    by = {r["year"]: r for r in per_year.iter_rows(named=True)}
    # About 200,000 visits a year by about 18,000 guests (FACTS.md), about 11 visits each.
    for year in (2019, 2023, 2024, 2025):
        assert 160_000 <= by[year]["visits"] <= 250_000, year
        assert 15_000 <= by[year]["guests"] <= 25_000, year
        assert 8 <= by[year]["visits"] / by[year]["guests"] <= 13, year
    # The COVID dip.
    assert by[2020]["visits"] < 0.6 * by[2019]["visits"]
    assert by[2021]["visits"] < 0.6 * by[2019]["visits"]
    assert 1_200_000 <= tables["visits"].height <= 1_700_000
    # Centres from small to large.
    sizes = visits.filter(pl.col("year") == 2025).group_by("centre_id").len()["len"]
    assert sizes.max() > 4 * sizes.min()


def test_calibration_guests(tables):
    visits = tables["visits"].join(tables["guests"], on="guest_id")
    female_share = (visits["gender"] == "female").sum() / (visits["gender"] != "unknown").sum()
    assert 0.68 <= female_share <= 0.80  # about three quarters of visits by women
    g24 = (
        visits.filter(pl.col("visit_date").dt.year() == 2024)
        .group_by("guest_id")
        .agg(pl.col("birth_year").first(), pl.col("gender").first())
        .with_columns(age=2024 - pl.col("birth_year"))
        .drop_nulls("age")
    )
    assert (g24["age"] >= 50).mean() > 0.6  # most guests over fifty
    assert 0.10 <= (g24["age"] < 40).mean() <= 0.25  # children and young adults
    # A growing share of men.
    men = visits.group_by(pl.col("visit_date").dt.year().alias("y")).agg(
        ((pl.col("gender") == "male").sum() / pl.len()).alias("men")
    )
    m = dict(men.iter_rows())
    assert m[2025] > m[2019] + 0.03
    youth_visits = visits.filter(pl.col("activity") == "youth_programme")
    assert youth_visits.height > 0
    assert (youth_visits["visit_date"].dt.year() - youth_visits["birth_year"]).median() < 40
    rel = tables["guests"]["relation"].value_counts(normalize=True)
    shares = dict(rel.iter_rows())
    assert 0.2 <= shares["relative"] <= 0.4
    ref = dict(tables["guests"]["referral_source"].value_counts(normalize=True).iter_rows())
    assert 0.03 <= ref["gp"] <= 0.07  # about 5% by a GP
    assert 0.24 <= ref["specialist_or_nurse"] <= 0.36  # about 6% oncologist + 22% nurse


def test_calibration_surveys(tables):
    s = tables["surveys"]
    assert 0.80 <= (s["rating"].drop_nulls() >= 8).mean() <= 0.90
    assert 0.81 <= s["quality_of_life_improved"].drop_nulls().mean() <= 0.87
    assert 0.81 <= s["daily_functioning_improved"].drop_nulls().mean() <= 0.87
    assert 0.83 <= s["picked_up_life"].drop_nulls().mean() <= 0.89
    assert s["guest_id"].null_count() > 0  # anonymous responses exist


def test_grants_kwf_total_and_staggered_coordinators(tables):
    grants, centres = tables["grants"], tables["centres"]
    kwf = grants.filter(pl.col("funder") == "kwf")
    assert kwf["amount_eur"].sum() == Decimal("16000000.00")
    per_centre = kwf.filter(pl.col("centre_id").is_not_null())
    assert per_centre["purpose"].unique().to_list() == ["paid_coordinator"]
    assert kwf.filter(pl.col("centre_id").is_null()).height >= 1  # national share
    starts = centres["coordinator_start"].drop_nulls()
    assert starts.min() >= date(2023, 1, 1) and starts.max() <= date(2025, 3, 1)
    assert centres["coordinator_start"].null_count() >= 1  # centres not yet funded
    assert set(per_centre["centre_id"]) == set(
        centres.filter(pl.col("coordinator_start").is_not_null())["centre_id"]
    )
    assert {"roparun", "postcode_loterij", "municipality"} <= set(grants["funder"])


def test_volunteers_about_4500(tables):
    staffing = tables["staffing"].filter(pl.col("year") == 2024)
    assert 4_000 <= staffing["volunteers"].sum() <= 5_000


def test_planted_effect_documented(demo_extract):
    meta = json.loads((demo_extract / "_synthetic.json").read_text())
    assert meta["synthetic"] is True
    assert meta["planted_effects"]["new_guests_multiplier"] == pytest.approx(1.15)
    assert meta["period"] == {"start": "2019-01-01", "end": "2026-10-31"}
