"""The Demographics page's questions against an independent computation, and the page itself."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from dashboard.metrics.filters import Filters
from dashboard.metrics.queries import demographic_trend, pyramid
from dashboard.metrics.topics import GRAINS, SPLITS, TOPICS
from tests import independent
from tests.conftest import run_app


@pytest.fixture(scope="module")
def tables(demo_extract):
    return independent.load(demo_extract)


@pytest.mark.parametrize(
    ("grain", "start", "end"),
    [
        ("month", date(2024, 5, 1), date(2024, 5, 1)),
        ("quarter", date(2023, 4, 1), date(2023, 6, 1)),
    ],
)
def test_trend_bucket_equals_independent_period(wh, tables, grain, start, end):
    trend = demographic_trend(
        wh, "province", ["Limburg", "Utrecht"], grain, date(2019, 1, 1), date(2026, 10, 1)
    )
    for province in ("Limburg", "Utrecht"):
        row = trend.filter((pl.col("key") == province) & (pl.col("m_from") == start)).row(
            0, named=True
        )
        assert row["m_to"] == end
        want = independent.kpis(tables, start, end, province)
        for share in (
            "share_male",
            "share_50_plus",
            "share_youth",
            "share_relatives",
            "share_referral_gp",
        ):
            # below the national level: from the rounded counts, in whole percents
            assert row[share] == pytest.approx(want["published"][share]), (province, share)


def test_quarters_cover_the_data_and_flag_the_partial_one(wh):
    trend = demographic_trend(
        wh, "national", ["NL"], "quarter", date(2019, 1, 1), date(2026, 10, 1)
    )
    assert trend["m_from"][0] == date(2019, 1, 1)
    assert trend.height == 32  # 2019 Q1 .. 2026 Q4
    last = trend.row(-1, named=True)
    assert last["m_from"] == date(2026, 10, 1) and last["m_to"] == date(2026, 10, 1)
    assert last["partial"] and not trend["partial"][:-1].any()


def test_every_topic_adds_up(wh):
    trend = demographic_trend(wh, "national", ["NL"], "month", date(2025, 1, 1), date(2025, 12, 1))
    for topic, shares in TOPICS.items():
        if topic == "focus":
            continue  # 50+ and youth overlap nothing but do not cover 40-49
        total = trend.select(pl.sum_horizontal(list(shares))).to_series()
        assert total.min() == pytest.approx(1.0) and total.max() == pytest.approx(1.0), topic


def test_pyramid_matches_independent_counts(wh, tables):
    f = Filters(date(2025, 1, 1), date(2025, 12, 1), "Fryslân")
    frame, left_out = pyramid(wh, f)
    v = tables["visits"].join(tables["centres"].select("centre_id", "province"), on="centre_id")
    v = v.filter(
        (pl.col("province") == "Fryslân")
        & pl.col("visit_date").is_between(date(2025, 1, 1), date(2025, 12, 31))
    )
    g = (
        v.group_by("guest_id")
        .agg(pl.col("visit_date").max().alias("last"))
        .join(tables["guests"], on="guest_id")
        .with_columns(age=pl.col("last").dt.year() - pl.col("birth_year"))
    )
    women_50 = g.filter((pl.col("gender") == "female") & (pl.col("age") >= 50)).height
    men_young = g.filter((pl.col("gender") == "male") & pl.col("age").is_between(18, 39)).height
    cells = {(r["age_group"], r["gender"]): r["guests"] for r in frame.iter_rows(named=True)}
    r5 = independent.round5  # a province is below the national level: counts are rounded
    assert cells[("50_plus", "female")] == r5(women_50)
    assert cells[("18_39", "male")] == (r5(men_young) if men_young >= 10 else None)
    assert left_out["guests"] == r5(g.height)
    assert left_out["age_unknown"] == r5(g.filter(pl.col("age").is_null()).height)


def test_pyramid_suppresses_small_cells_below_national(wh):
    frame, _ = pyramid(wh, Filters(date(2025, 1, 1), date(2025, 1, 1), "Limburg", "C004"))
    small = frame.filter(pl.col("suppressed"))
    assert small.height > 0 and small["guests"].null_count() == small.height


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("grain", GRAINS)
def test_page_every_split_and_grain(demo_warehouse, monkeypatch, split, grain):
    at = run_app(
        demo_warehouse, monkeypatch, "demographics", split=split, grain=grain, centre="C004"
    )
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2  # the trend and the pyramid
    assert len(at.metric) == 5  # the "what changed" strip
    assert any("onbekend geboortejaar" in c.value for c in at.caption)


@pytest.mark.parametrize("topic", list(TOPICS))
def test_page_every_topic(demo_warehouse, monkeypatch, topic):
    at = run_app(demo_warehouse, monkeypatch, "demographics", topic=topic)
    assert not at.exception
    assert str(at.query_params["topic"]).strip("[]'") == topic


def test_centre_split_without_a_centre_explains(demo_warehouse, monkeypatch):
    at = run_app(demo_warehouse, monkeypatch, "demographics", split="centre")
    assert not at.exception
    assert any("Kies eerst een centrum" in i.value for i in at.info)
