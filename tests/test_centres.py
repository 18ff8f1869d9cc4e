"""The Centres page's questions: per-centre KPIs, peers, Wilson intervals, suppression."""

from __future__ import annotations

import math
from datetime import date

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.metrics.filters import Filters
from dashboard.metrics.kpis import compute_kpis, period_params, wilson
from dashboard.metrics.peers import PEER_GROUPS, RANK_KPIS, comparison, peer_ids
from dashboard.metrics.queries import centre_table, centre_trend
from tests import independent
from tests.conftest import APP

PERIOD = Filters(date(2024, 1, 1), date(2024, 12, 1))


@pytest.fixture(scope="module")
def table(wh):
    return centre_table(wh, PERIOD)


@pytest.fixture(scope="module")
def tables(demo_extract):
    return independent.load(demo_extract)


@pytest.mark.parametrize(
    ("k", "n", "lo", "hi"),
    [  # worked examples of the Wilson score interval (Newcombe 1998; Brown, Cai, DasGupta 2001)
        (0, 10, 0.0, 0.2775),
        (10, 10, 0.7225, 1.0),
        (8, 10, 0.4902, 0.9433),
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
    ],
)
def test_wilson_interval_matches_worked_examples(k, n, lo, hi):
    lo_expr, hi_expr = wilson(pl.lit(k, dtype=pl.Float64), pl.lit(n, dtype=pl.Float64))
    got = pl.select(lo_expr.alias("lo"), hi_expr.alias("hi")).row(0)
    assert got[0] == pytest.approx(lo, abs=1e-4)
    assert got[1] == pytest.approx(hi, abs=1e-4)


def test_centre_table_matches_independent_computation(table, tables):
    for cid in ("C001", "C004", "C023", "C050", "C090"):
        row = table.filter(pl.col("centre_id") == cid).row(0, named=True)
        want = independent.kpis(tables, PERIOD.month_from, PERIOD.month_to, row["province"], cid)
        published = {  # visits: the sum of the centre's rounded monthly counts
            "visits": want["visits_published"],
            "guests": independent.round5(want["guests"]),
            "new_guests": independent.round5(want["new_guests"]),
        }
        for name in ("visits", "guests", "new_guests"):
            expected = published[name] if want["guests"] >= 10 else None
            assert row[name] == expected, (cid, name)
        if want["guests"] >= 10:
            assert row["share_male"] == pytest.approx(want["published"]["share_male"])
            assert row["share_youth"] == pytest.approx(want["published"]["share_youth"])
            assert row["visits_per_1000_inhabitants"] == pytest.approx(
                want["visits_published"] / row["population"] * 1000
            )
            assert row["funding_per_visit_eur"] == pytest.approx(
                want["funding_eur"] / want["visits_published"], rel=1e-6
            )
        if want["quality_of_life_improved_n_exact"] >= 10:
            assert row["quality_of_life_improved"] == pytest.approx(
                want["published"]["quality_of_life_improved"]
            )


def test_centre_table_agrees_with_single_centre_kpis(wh, table):
    row = table.filter(pl.col("centre_id") == "C004").row(0, named=True)
    single = compute_kpis(wh, Filters(PERIOD.month_from, PERIOD.month_to, "Limburg", "C004"))
    for name in ("visits", "guests", "share_male", "rating_mean", "quality_of_life_improved"):
        assert row[name] == pytest.approx(single.kpis[name].value), name


def test_a_centre_with_few_responses_never_shows_a_rate(wh, table):
    # the table's own survey months, counted exactly (rounding base 1)
    exact = {**period_params(wh, PERIOD, per_centre=True), "round_to": 1}
    counts = wh.run(
        "centre_kpis", **exact, period_start=PERIOD.period_start, period_end=PERIOD.period_end
    )
    few_ids = counts.filter(pl.col("qol_n") < 10)["centre_id"].to_list()
    few = table.filter(pl.col("centre_id").is_in(few_ids))
    assert few.height > 0  # the demo data has young centres with few responses
    assert few["quality_of_life_improved"].null_count() == few.height
    assert few["quality_of_life_improved__lo"].null_count() == few.height
    assert few["quality_of_life_improved__suppressed"].all()
    # and they stay out of a comparison: never counted as 0% or 100%
    cid = few["centre_id"][0]
    comp = comparison(table, cid, peer_ids(table, cid, "all"), ["quality_of_life_improved"])
    assert comp["value"][0] is None and comp["rank"][0] is None


def test_peer_groups(table):
    for group in PEER_GROUPS:
        peers = peer_ids(table, "C004", group)
        assert "C004" not in peers
        if group == "province":
            assert set(table.filter(pl.col("centre_id").is_in(peers))["province"]) == {"Limburg"}
        if group == "size":
            band = table.filter(pl.col("centre_id") == "C004")["size_band"][0]
            assert set(table.filter(pl.col("centre_id").is_in(peers))["size_band"]) == {band}
    assert len(peer_ids(table, "C004", "all")) == table.height - 1
    assert sorted(table["size_band"].unique().to_list()) == [1, 2, 3]


def test_comparison_median_band_and_rank(table):
    peers = peer_ids(table, "C004", "province")
    comp = comparison(table, "C004", peers, RANK_KPIS).row(0, named=True)  # visits
    values = sorted(table.filter(pl.col("centre_id").is_in(peers))["visits"].drop_nulls())
    assert comp["peer_median"] == pytest.approx(pl.Series(values).median())
    own = table.filter(pl.col("centre_id") == "C004")["visits"][0]
    assert comp["rank"] == 1 + sum(v > own for v in values)
    assert comp["of"] == len(values) + 1


def test_centre_trend_peer_median(wh, table):
    peers = peer_ids(table, "C004", "province")
    trend = centre_trend(wh, "C004", peers, date(2024, 1, 1), date(2024, 12, 1))
    assert trend.height == 12
    total = table.filter(pl.col("centre_id") == "C004")["visits"][0]
    # each month and the year are rounded to a multiple of 5 on their own
    assert abs(trend["visits"].sum() - total) <= 2.5 * (trend.height + 1)
    assert (trend["visits"] % 5 == 0).all()
    assert not math.isnan(trend["peer_median"][0])


@pytest.mark.parametrize("group", PEER_GROUPS)
@pytest.mark.parametrize("centre", [None, "C004"])
def test_centres_page_every_peer_group(demo_warehouse, monkeypatch, group, centre):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["peers"] = group
    at.query_params["kpi"] = "quality_of_life_improved"
    if centre:
        at.query_params["centre"] = centre
    at.run()
    at.switch_page("dashboard/pages/centres.py").run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == (2 if centre else 1)
    assert str(at.query_params["peers"]).strip("[]'") == group
    listing = at.dataframe[-1].value  # the table of all centres, each row linking to its view
    assert len(listing) == 90
    link = listing["Bekijk"]  # headers in the user's language (Dutch by default)
    assert link.str.contains(f"peers={group}").all()
    assert link.str.contains("&centre=C").all()


def test_centres_page_kpi_choice_changes_the_ranking(demo_warehouse, monkeypatch):
    monkeypatch.setenv("IPSO_WAREHOUSE", str(demo_warehouse))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("dashboard/pages/centres.py").run()
    before = at.get("plotly_chart")[0].proto.spec
    at.selectbox(key="u_kpi").set_value("share_male").run()
    assert not at.exception
    assert at.get("plotly_chart")[0].proto.spec != before
    assert "share_male" in str(at.query_params["kpi"])
