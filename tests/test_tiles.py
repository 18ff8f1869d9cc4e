"""The headline tiles, declared once: labels, formats, the change rule (neutral for none,
flagged within noise, none when the previous period lies outside the data), and the rounded
estimate ranges."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from dashboard.cli import main
from dashboard.metrics.filters import Filters
from dashboard.metrics.kpis import TILES, Kpi, KpiSet, previous_period
from dashboard.present.estimates import count_range, eur_range, rounded
from dashboard.present.tiles import change, tiles

F = Filters(date(2025, 1, 1), date(2025, 12, 1))


def test_no_change_is_neutral():
    c = change("visits", Kpi(1000), Kpi(1000), 12, "nl")
    assert c.direction == 0 and c.text.startswith("±0,0%")
    c = change(
        "share_female", Kpi(0.5, n=400, unit="share"), Kpi(0.5, n=400, unit="share"), 12, "en"
    )
    assert c.direction == 0 and c.text.startswith("±0.0 pp")


def test_a_change_within_noise_is_flagged_and_a_large_one_is_not():
    # Poisson: 100 vs 110 visits differ by 10 < 1.96 * sqrt(210) = 28.4.
    small = change("visits", Kpi(110), Kpi(100), 12, "en")
    assert small.direction == 1 and small.noise and "within noise" in small.text
    large = change("visits", Kpi(10_000), Kpi(9_000), 12, "en")
    assert large.direction == 1 and not large.noise
    # Shares: 0.60 vs 0.50 on n = 20 each: se = 0.156, the difference lies inside 1.96 se.
    share = change("x", Kpi(0.6, n=20, unit="share"), Kpi(0.5, n=20, unit="share"), 12, "nl")
    assert share.noise and share.direction == 1
    se = math.sqrt(0.6 * 0.4 / 2000 + 0.5 * 0.5 / 2000)
    assert 0.1 > 1.96 * se
    assert not change(
        "x", Kpi(0.6, n=2000, unit="share"), Kpi(0.5, n=2000, unit="share"), 12, "nl"
    ).noise
    # A registration count (centres) changes exactly: never "within noise".
    assert not change("centres", Kpi(81), Kpi(80), 12, "nl").noise


def test_previous_period_outside_the_data_gives_no_change():
    first = date(2019, 1, 1)
    assert previous_period(Filters(date(2019, 1, 1), date(2019, 12, 1)), first) is None
    assert previous_period(Filters(date(2020, 1, 1), date(2020, 12, 1)), first) == Filters(
        date(2019, 1, 1), date(2019, 12, 1)
    )
    current = KpiSet(F, {name: Kpi(10, unit="count") for name in TILES} | _extra())
    assert all(tile.change is None for tile in tiles(current, None, "nl"))


def _extra():
    return {"paid_fte": Kpi(1.0), "rating_8_plus": Kpi(0.8, n=100, unit="share")}


def test_tiles_follow_the_language():
    current = KpiSet(F, {name: Kpi(237_442) for name in TILES} | _extra())
    current.kpis["rating_mean"] = Kpi(8.14, n=100, unit="rating")
    current.kpis["quality_of_life_improved"] = Kpi(0.8512, n=100, unit="share")
    nl = {t.kpi: t.value for t in tiles(current, None, "nl")}
    en = {t.kpi: t.value for t in tiles(current, None, "en")}
    assert nl["visits"] == "237.442" and en["visits"] == "237,442"
    assert nl["rating_mean"] == "8,1" and en["rating_mean"] == "8.1"
    assert nl["quality_of_life_improved"] == "85%" == en["quality_of_life_improved"]  # whole %
    assert [t.label for t in tiles(current, None, "en")][:2] == ["Centres", "Visits"]


def test_estimates_are_rounded_and_one_unit():
    assert rounded(178_082, 237_442) == (180_000, 240_000)
    assert count_range(178_082, 237_442, "nl") == "ca. 180.000 tot 240.000"
    assert count_range(178_082, 237_442, "en") == "about 180,000 to 240,000"
    assert eur_range(9_560_000, 13_060_000, "nl") == "ca. € 10 tot 13 mln"
    assert eur_range(9_560_000, 13_060_000, "en") == "about € 10 to 13 million"
    # below a million both bounds in euros, never one in millions and one not
    assert eur_range(480_000, 1_300_000, "en") == "about € 0.5 to 1.3 million"


def test_cli_reports_no_previous_period_outside_the_data(demo_warehouse, capsys):
    assert (
        main(["kpis", "--from", "2019-01", "--to", "2019-12", "--warehouse", str(demo_warehouse)])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["tiles"] == list(TILES)
    assert out["previous_period"]["outside_data"] is True
    assert out["previous_period"]["kpis"] is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_overview_tiles_are_the_shared_tiles(wh, lang):
    from dashboard.metrics.kpis import compute_kpis

    f = Filters(date(2025, 1, 1), date(2025, 12, 1), "Limburg")
    shown = tiles(compute_kpis(wh, f), compute_kpis(wh, f.previous()), lang)
    assert [t.kpi for t in shown] == list(TILES)
    assert all(t.change is not None for t in shown if not t.suppressed)


def test_range_bounds_format_as_what_they_bound():
    """The per-centre value table's bounds: euros as euros and counts as whole numbers, not
    '479.600,0' (seen on the Impact page)."""
    import polars as pl

    from dashboard.present.tables import column_kind

    assert column_kind("avoided_care_eur_low", pl.Float64) == "eur"
    assert column_kind("avoided_care_eur_high", pl.Float64) == "eur"
    assert column_kind("avoided_consultations_low", pl.Float64) == "int"
    assert column_kind("eur_per_euro_low", pl.Float64) == "eur2"


def test_a_tile_carries_only_the_noise_hint_beside_its_change():
    """The tile has room for the hint only; what the change compares with is said once under
    the tiles (it used to be cut off in every tile)."""
    small = change("visits", Kpi(110), Kpi(100), 12, "nl")
    assert small.hint == "binnen toeval"
    assert change("visits", Kpi(10_000), Kpi(9_000), 12, "en").hint == ""


def test_estimates_read_to_two_significant_figures():
    from dashboard.present.estimates import about, about_count, about_eur, small_eur_range

    assert about(5979, "nl") == "ca. 6.000" and about(86042, "en") == "about 86,000"
    assert about(36509, "nl", prefix=False) == "37.000"
    assert about_count(23405, 12752, 34058, "nl") == ("23.000", "13.000", "34.000")
    assert about_eur(0.8812, 1.3312, "nl") == "€ 0,9" and about_eur(1.33, 1.33, "en") == "€ 1.3"
    assert small_eur_range(3.69, 5.08, "nl") == "ca. € 3,7 tot € 5,1"


def test_pyramid_ticks_are_round_numbers():
    import polars as pl

    from dashboard.present.charts import build_pyramid, nice_step

    assert [nice_step(x) for x in (0.3, 3, 4, 7, 3921, 60000)] == [0.5, 5, 5, 10, 5000, 100000]
    frame = pl.DataFrame(
        {
            "age_group": ["0_17", "18_39", "40_49", "50_plus"] * 2,
            "gender": ["female"] * 4 + ["male"] * 4,
            "guests": [844, 2073, 2253, 10207, 394, 929, 1098, 4576],
            "suppressed": [False] * 8,
        }
    )
    ticks = build_pyramid(frame, "nl").layout.xaxis.tickvals
    assert list(ticks) == [-10000, 0, 10000]
