"""Every KPI from the warehouse against the independent computation in tests/independent.py."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.build.ingest import ingest
from dashboard.metrics.db import QUERIES_DIR, Warehouse, load_query, query_parameters
from dashboard.metrics.filters import Filters
from dashboard.metrics.kpis import compute_kpis, guest_kpis
from dashboard.metrics.queries import (
    centre_grants,
    centre_staffing,
    centre_table,
    centre_trend,
    centre_windows,
    data_quality,
    demographic_trend,
    funding_by_centre,
    funding_by_month,
    funding_programme,
    grants_list,
    impact_panel,
    incomplete_months,
    kwf_grant_start,
    load_catalog,
    load_centres,
    outlook_provinces,
    places,
    pyramid,
    visits_by_month,
    whatif_new_guests,
)
from tests import independent, mini
from tests.conftest import TODAY

CASES = [
    (date(2025, 11, 1), date(2026, 10, 1), None, None),
    (date(2024, 1, 1), date(2024, 12, 1), None, None),
    (date(2020, 3, 1), date(2021, 6, 1), None, None),
    (date(2019, 1, 1), date(2026, 10, 1), None, None),
    (date(2023, 7, 1), date(2023, 7, 1), None, None),
    (date(2022, 1, 1), date(2023, 6, 1), "Limburg", None),
    (date(2024, 4, 1), date(2025, 3, 1), "Fryslân", None),
    (date(2023, 1, 1), date(2024, 12, 1), "Limburg", "C004"),
    (date(2025, 1, 1), date(2025, 3, 1), "Noord-Holland", "C002"),
]


@pytest.fixture(scope="module")
def tables(demo_extract):
    return independent.load(demo_extract)


@pytest.mark.parametrize(("start", "end", "province", "centre"), CASES)
def test_kpis_match_independent_computation(wh, tables, start, end, province, centre):
    got = compute_kpis(wh, Filters(start, end, province, centre)).kpis
    want = independent.kpis(tables, start, end, province, centre)
    national = province is None and centre is None
    for name in ("guests", "new_guests"):  # counts of people: rounded below national
        assert got[name].value == (want[name] if national else independent.round5(want[name]))
    # visits below national: the sum of the place's rounded monthly counts
    assert got["visits"].value == (want["visits"] if national else want["visits_published"])
    for name in ("centres", "paid_coordinators"):
        assert got[name].value == want[name], name
    volunteers = want["volunteers"] if national else independent.round5(want["volunteers"])
    assert got["volunteers"].value == volunteers
    for name in (
        "share_female",
        "share_male",
        "share_50_plus",
        "share_youth",
        "share_children",
        "share_relatives",
        "share_referral_gp",
        "share_referral_specialist_or_nurse",
        "share_visits_by_women",
        "rating_mean",
        "rating_8_plus",
        "quality_of_life_improved",
        "picked_up_life",
        "back_to_work",
    ):
        expected = want[name] if national else want["published"][name]
        assert got[name].value == pytest.approx(expected, rel=1e-9), name
    exact = (lambda v: v) if national else independent.round5
    few = not national and want["age_unknown"] < 10  # how many were left out: "< 10" if few
    assert got["share_50_plus"].unknown == (None if few else exact(want["age_unknown"]))
    if national:
        assert got["rating_mean"].n == want["rating_n"]
        assert got["quality_of_life_improved"].n == want["quality_of_life_improved_n"]
    else:  # the sum of the rounded counts of the whole quarters in the period
        for name, key in (
            ("rating_mean", "rating_n"),
            ("quality_of_life_improved", "quality_of_life_improved_n"),
        ):
            shown = want[key + "_exact"] >= 10
            assert got[name].n == (want[key + "_published"] if shown else None), name
    assert got["funding_eur"].value == pytest.approx(want["funding_eur"], abs=0.05)


def test_age_group_is_taken_at_the_last_visit_in_the_period(tmp_path):
    # G1, born 1974, visits in 2023 (age 49) and in 2024 (age 50).
    ex = mini.write(
        tmp_path / "ex",
        {
            "centres": [mini.centre("C1", "Utrecht")],
            "guests": [
                mini.guest("G1", "C1", 1974, date(2023, 6, 3)),
                mini.guest("G2", "C1", None, date(2023, 6, 3)),
            ],
            "visits": [
                mini.visit("V1", "G1", "C1", date(2023, 6, 3)),
                mini.visit("V2", "G1", "C1", date(2024, 3, 9)),
                mini.visit("V3", "G2", "C1", date(2024, 3, 9)),
            ],
        },
    )
    ingest(ex, tmp_path / "w.duckdb", as_of=TODAY)
    w = Warehouse(tmp_path / "w.duckdb")
    both_years = compute_kpis(w, Filters(date(2023, 6, 1), date(2024, 3, 1))).kpis
    only_2023 = compute_kpis(w, Filters(date(2023, 6, 1), date(2023, 12, 1))).kpis
    assert both_years["share_50_plus"].value == 1.0
    assert both_years["share_50_plus"].unknown == 1  # G2 has no birth year: left out
    assert both_years["share_40_49"].value == 0.0
    assert only_2023["share_50_plus"].value == 0.0
    assert only_2023["share_40_49"].value == 1.0
    assert both_years["guests"].value == 2 and both_years["new_guests"].value == 2
    later = compute_kpis(w, Filters(date(2023, 7, 1), date(2024, 3, 1))).kpis
    assert later["new_guests"].value == 0  # first visits in June 2023, before the period


def test_funding_adds_up_to_the_kwf_total_over_the_whole_grant(wh):
    f = Filters(date(2019, 1, 1), date(2026, 10, 1))
    k = compute_kpis(wh, f)
    assert k.funding_by_funder["kwf"] == pytest.approx(16_000_000, abs=0.5)
    assert kwf_grant_start(wh).total_eur == pytest.approx(16_000_000)


def test_visits_by_month_adds_up_to_the_period_total(wh):
    f = Filters(date(2024, 1, 1), date(2024, 12, 1), "Limburg")
    frame = visits_by_month(wh, f, f.month_from, f.month_to)
    assert frame.height == 12
    national = visits_by_month(wh, Filters(f.month_from, f.month_to), f.month_from, f.month_to)
    assert (
        national["visits"].sum()
        == compute_kpis(wh, Filters(f.month_from, f.month_to)).kpis["visits"].value
    )
    # below the national level every month and the total are rounded to 5 on their own
    total = compute_kpis(wh, f).kpis["visits"].value
    assert abs(frame["visits"].sum() - total) <= 2.5 * (frame.height + 1)


def test_catalog_lists_the_valid_values(wh):
    cat = load_catalog(wh)
    assert cat.months[0] == date(2019, 1, 1) and cat.months[-1] == date(2026, 10, 1)
    assert len(cat.centres) == 90
    assert "Limburg" in cat.provinces


def test_every_query_file_declares_its_parameters_and_is_used(wh, monkeypatch):
    """Each queries/*.sql has a header comment; every call passes exactly its $names
    (Warehouse.run enforces that), and every file is called by the code under test."""
    called: set[str] = set()
    original = Warehouse._checked

    def spy(self, name, params):
        called.add(name)
        return original(self, name, params)

    monkeypatch.setattr(Warehouse, "_checked", spy)  # what run() and row() both go through
    f = Filters(date(2024, 1, 1), date(2024, 12, 1), "Limburg", "C004")
    compute_kpis(wh, f)
    # a period reaching before the data: the new guests whose first visit precedes the data
    compute_kpis(wh, Filters(date(2018, 7, 1), f.month_to), (date(2019, 1, 1), date(2026, 10, 1)))
    whatif_new_guests(wh, f)
    load_catalog(wh)
    kwf_grant_start(wh)
    visits_by_month(wh, f, f.month_from, f.month_to)
    incomplete_months(wh, f)
    centre_table(wh, f)
    centre_trend(wh, "C004", ["C001"], f.month_from, f.month_to)
    centre_staffing(wh, "C004")
    centre_grants(wh, "C004")
    demographic_trend(wh, "national", ["NL"], "quarter", f.month_from, f.month_to)
    pyramid(wh, f)
    funding_by_centre(wh, f)
    funding_by_month(wh)
    funding_programme(wh)
    places(wh)
    impact_panel(wh)
    load_centres(wh)
    outlook_provinces(wh, f)
    data_quality(wh)
    grants_list(wh)
    centre_windows(wh, f.month_from, f.month_to)
    incomplete_months(wh, f)
    files = {p.stem for p in QUERIES_DIR.glob("*.sql")}
    assert files == called
    for name in files:
        sql = load_query(name)
        assert sql.startswith(f"-- {name}:"), name
        assert "{" not in sql  # no Python formatting in SQL


def test_run_refuses_wrong_parameters(wh):
    with pytest.raises(TypeError):
        wh.run("kpi_guests", level="national", key="NL", month_from=date(2024, 1, 1))
    with pytest.raises(ValueError):
        wh.run("../etc/passwd")


def test_query_parameters_ignore_comments():
    assert query_parameters("-- uses $nothing\nselect $a, $b_c") == {"a", "b_c"}


@pytest.mark.parametrize(("start", "end", "province", "centre"), CASES[:3] + CASES[-2:])
def test_guest_kpis_equal_the_full_kpis(wh, start, end, province, centre):
    f = Filters(start, end, province, centre)
    full, light = compute_kpis(wh, f).kpis, guest_kpis(wh, f)
    assert {"guests", "new_guests", "share_male", "share_50_plus", "share_referral_care"} <= set(
        light
    )
    for name, kpi in light.items():
        assert kpi == full[name], name


@pytest.mark.parametrize("national", [True, False])
@pytest.mark.parametrize(("start", "end", "province", "centre"), CASES)
def test_derive_row_equals_the_frame_version(wh, start, end, province, centre, national):
    """The single-place fast path gives exactly what derive() gives for a one-row frame,
    including small counts (suppressed away from the national level) and missing values."""
    import polars as pl

    from dashboard.metrics.kpis import _counts, derive, derive_row

    counts = _counts(wh, Filters(start, end, province, centre))
    counts["funding_eur"] = 1234.5
    for variant in (counts, {**counts, "guests": 3, "visits": None}):
        expected = derive(pl.DataFrame([variant]), national).row(0, named=True)
        assert derive_row(variant, national) == expected


def test_kept_results_equal_fresh_ones_and_callers_cannot_change_them(demo_warehouse, wh):
    """The app's connection keeps recent results (Warehouse(cache_mb=...)): a kept result is the
    query's result, a caller that changes its copy changes nothing kept, and the kept results
    stay within their bound."""
    kept = Warehouse(demo_warehouse, cache_mb=1)
    period = Filters(date(2024, 2, 1), date(2024, 9, 1), "Gelderland")
    for _ in range(2):  # the second round is served from what the first kept
        table = centre_table(kept, period)
        assert table.equals(centre_table(wh, period))
        assert compute_kpis(kept, period).kpis == compute_kpis(wh, period).kpis
    kept.run("visits_by_month", **_months_params(period))
    frame = kept.run("visits_by_month", **_months_params(period))  # served from what is kept
    frame.insert_column(0, frame["visits"].alias("mine"))  # in place, on the caller's copy
    assert kept.run("visits_by_month", **_months_params(period)).equals(
        wh.run("visits_by_month", **_months_params(period))
    )
    row = kept.row("kpi_period", **_kpi_params(wh, period))
    row["visits"] = -1
    row["funding"].append("mine")
    again = kept.row("kpi_period", **_kpi_params(wh, period))
    assert again == wh.row("kpi_period", **_kpi_params(wh, period))
    # the bound holds after many different periods
    for month in range(1, 13):
        centre_table(kept, Filters(date(2023, month, 1), date(2024, 12, 1)))
    assert 0 < kept._results.size <= kept._results.limit == 2**20
    kept.close()


def _months_params(f: Filters) -> dict:
    return {
        "month_from": f.month_from,
        "month_to": f.month_to,
        "province": f.province,
        "centre": f.centre,
        "level": f.level,
        "key": f.key,
    }


def _kpi_params(wh, f: Filters) -> dict:
    from dashboard.metrics.kpis import period_params

    return {
        **period_params(wh, f),
        "centre_month": wh.centre_month(f.month_to),
        "province": f.province,
        "centre": f.centre,
        "level": f.level,
        "key": f.key,
    }
