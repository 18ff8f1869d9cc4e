"""Where the money lands: funding adds up, the national share stays national, coverage is
right, and the page runs with every option."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.metrics import coverage
from dashboard.metrics.filters import Filters
from dashboard.metrics.funding import FUNDERS, MEASURES, national_share, per_centre, per_province
from dashboard.metrics.queries import funding_by_centre, funding_by_month, funding_programme, places
from tests import independent
from tests.conftest import APP, run_app

PERIODS = [
    Filters(date(2019, 1, 1), date(2026, 10, 1)),
    Filters(date(2023, 3, 1), date(2023, 3, 1)),
    Filters(date(2024, 2, 1), date(2025, 7, 1)),
    Filters(date(2022, 10, 1), date(2025, 12, 1)),
]


@pytest.fixture(scope="module")
def tables(demo_extract):
    return independent.load(demo_extract)


def _independent_total(grants: pl.DataFrame, f: Filters, national: bool | None) -> float:
    total = 0.0
    for g in grants.iter_rows(named=True):
        if national is not None and (g["centre_id"] is None) != national:
            continue
        days = (g["end_on"] - g["start_on"]).days + 1
        first, last = max(g["start_on"], f.period_start), min(g["end_on"], f.period_end)
        if first <= last:
            total += float(g["amount_eur"]) * ((last - first).days + 1) / days
    return total


@pytest.mark.parametrize("f", PERIODS)
def test_funding_per_centre_and_province_adds_up(wh, tables, f):
    rows = funding_by_centre(wh, f)
    assert (
        rows.filter(pl.col("centre_id").is_null())["province"].null_count()
        == rows.filter(pl.col("centre_id").is_null()).height
    )  # national rows carry no place
    centre_total = per_centre(rows)["funding_eur"].sum()
    national = national_share(rows)
    assert centre_total == pytest.approx(_independent_total(tables["grants"], f, False), abs=0.05)
    assert national == pytest.approx(_independent_total(tables["grants"], f, True), abs=0.05)
    provinces = per_province(rows, places(wh), {"2022": 830_000})
    assert provinces["total"].sum() == pytest.approx(centre_total, abs=0.05)
    assert provinces["people_cancer_2022"].sum() == pytest.approx(830_000)


def test_kwf_programme_adds_up_to_16_million_with_the_national_share_apart(wh):
    whole = Filters(date(2019, 1, 1), date(2026, 10, 1))
    rows = funding_by_centre(wh, whole).filter(pl.col("funder") == "kwf")
    to_centres = per_centre(rows)["funding_eur"].sum()
    national = national_share(rows)
    assert to_centres + national == pytest.approx(16_000_000, abs=0.5)
    assert national > 0
    programme = funding_programme(wh).filter(pl.col("funder") == "kwf").row(0, named=True)
    assert programme["total_eur"] == pytest.approx(16_000_000)
    assert programme["national_eur"] == pytest.approx(national, abs=0.5)
    # the branch organisation's money is never assigned to a centre
    assert (
        rows.filter(pl.col("purpose") == "branch_organisation")["centre_id"].null_count()
        == rows.filter(pl.col("purpose") == "branch_organisation").height
    )


def test_timeline_reaches_the_kwf_total(wh):
    months = funding_by_month(wh)
    kwf = months.filter(pl.col("funder") == "kwf").sort("month")
    assert kwf["funding_eur"].sum() == pytest.approx(16_000_000, abs=0.5)
    assert kwf["grants_active"].max() >= 80


def _haversine(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * math.asin(math.sqrt(a))


def test_coverage_against_an_independent_haversine():
    places_ = pl.DataFrame(
        {
            "name": ["A", "B", "C", "D"],
            "province": ["Utrecht", "Utrecht", "Limburg", "Limburg"],
            "latitude": [52.09, 52.30, 50.85, 51.50],
            "longitude": [5.12, 5.60, 5.69, 6.10],
            "population": [300_000, 20_000, 120_000, 5_000],
        }
    )
    centres = pl.DataFrame({"latitude": [52.10, 51.19], "longitude": [5.11, 5.99]})
    got = coverage.with_distance(places_, centres)["nearest_km"].to_list()
    want = [
        min(
            _haversine(a, b, c, d)
            for c, d in zip(centres["latitude"], centres["longitude"], strict=True)
        )
        for a, b in zip(places_["latitude"], places_["longitude"], strict=True)
    ]
    assert got == pytest.approx(want, rel=1e-9)
    # Utrecht-Amersfoort is about 19 km as the crow flies: a sanity check on the formula
    assert _haversine(52.0908, 5.1222, 52.155, 5.3875) == pytest.approx(19.2, abs=0.5)
    reach = coverage.coverage(coverage.with_distance(places_, centres), {"2022": 1000.0})
    nl = reach.row(0, named=True)
    within20 = sum(p for p, d in zip(places_["population"], want, strict=True) if d <= 20)
    assert nl["area"] == "Nederland"
    assert nl["share_within_20km"] == pytest.approx(within20 / places_["population"].sum())
    assert nl["cancer_2022_within_20km"] == pytest.approx(1000 * within20 / 445_000)


def test_blind_spots_are_the_largest_far_places(wh):
    p = places(wh)
    centres = wh.run("catalog_centres")
    near = coverage.with_distance(p, centres)
    blind = coverage.blind_spots(near, 20, top=5)
    assert (blind["nearest_km"] > 20).all()
    assert blind["population"].is_sorted(descending=True)
    assert not np.isinf(near["nearest_km"].to_numpy()).any()


OPTIONS = (
    [("funder", v) for v in FUNDERS]
    + [
        ("colour", v)
        for v in ("visits", "guests", "funding_per_visit_eur", "share_male", "share_youth")
    ]
    + [("measure", v) for v in MEASURES]
    + [("layer", v) for v in ("none", "provinces", "blind_spots")]
)


@pytest.mark.parametrize(("key", "value"), OPTIONS)
def test_funding_page_every_option(demo_warehouse, monkeypatch, key, value):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params[key] = value
    at.run()
    at.switch_page("dashboard/pages/funding.py").run()
    assert not at.exception
    deck = at.get("deck_gl_json_chart")[0].proto.json
    assert '"land"' in deck and '"centres"' in deck
    if key == "layer" and value != "none":
        assert f'"{value}"' in deck
    assert str(at.query_params[key]).strip("[]'") == value
    assert len(at.get("plotly_chart")) == 2


def test_tooltips_are_plain_text():
    from dashboard.present.fundingmap import centre_layer

    centres = pl.DataFrame(
        {
            "centre_id": ["C1"],
            "name": ["<img src=x onerror=alert(1)>"],
            "city": ["A&B"],
            "province": ["Utrecht"],
            "latitude": [52.0],
            "longitude": [5.1],
            "funding_eur": [10.0],
            "visits": [None],
            "visits__suppressed": [True],
            "guests": [None],
            "guests__suppressed": [True],
        },
        schema_overrides={"visits": pl.Int64, "guests": pl.Int64},
    )
    tip = centre_layer(centres, "visits", "nl")["tooltip"][0]
    # shown as text by deck.gl (tooltip "text", not "html"): the name reads as written
    assert tip.startswith("<img src=x onerror=alert(1)>\nA&B, Utrecht")
    assert "<br>" not in tip and "&nbsp;" not in tip
    assert "< 10" in tip  # suppressed figures stay suppressed in the tooltip
    from dashboard.present.maps import build_funding_deck

    tooltip = build_funding_deck(centre_layer(centres, "visits", "nl"))._tooltip
    assert tooltip.get("text") == "{tooltip}" and "html" not in tooltip


def test_funding_page_province_filter(demo_warehouse, monkeypatch):
    at = run_app(demo_warehouse, monkeypatch, "funding", province="Limburg")
    assert not at.exception
    deck = at.get("deck_gl_json_chart")[0].proto.json
    assert "Roermond" in deck and "Hoorn" not in deck  # only Limburg's centres


def test_coverage_counts_only_centres_open_at_the_period_end(wh, demo_warehouse, monkeypatch):
    centres = wh.run("catalog_centres")
    end = date(2021, 12, 31)
    open_then = coverage.open_on(centres, end)
    assert 0 < open_then.height < centres.height  # some centres opened later
    reach = coverage.coverage(coverage.with_distance(places(wh), open_then), {"2022": 1.0})
    every = coverage.coverage(coverage.with_distance(places(wh), centres), {"2022": 1.0})
    assert reach["share_within_20km"][0] < every["share_within_20km"][0]
    # the page uses the centres open at the end of the chosen period
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["from"] = "2021-01"
    at.query_params["to"] = "2021-12"
    at.run()
    at.switch_page("dashboard/pages/funding.py").run()
    assert not at.exception
    shown = next(d.value for d in at.dataframe if d.value.shape[0] == reach.height)
    want = f"{round(reach['share_within_20km'][0] * 100)}%"
    assert shown.iloc[0, 3] == want
