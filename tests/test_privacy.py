"""Small-number suppression: a centre with three guests never shows a figure about them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.build.ingest import ingest
from dashboard.cli import main as cli_main
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Filters
from dashboard.metrics.kpis import compute_kpis
from dashboard.metrics.queries import visits_by_month
from dashboard.present.overview import kpi_table
from tests import mini
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """C1 has 12 guests and 12 survey responses; C2 has 3 guests and 2 responses."""
    base = tmp_path_factory.mktemp("tiny")
    guests, visits, surveys = [], [], []
    for i in range(12):
        guests.append(mini.guest(f"A{i}", "C1", 1960, date(2024, 2, 1)))
        visits.append(mini.visit(f"VA{i}", f"A{i}", "C1", date(2024, 2, 1 + i)))
        surveys.append({**mini.survey(f"RA{i}", "C1", date(2024, 2, 1 + i)), "guest_id": f"A{i}"})
    for i in range(3):
        guests.append(mini.guest(f"B{i}", "C2", 1980, date(2024, 2, 1), gender="male"))
        visits.append(mini.visit(f"VB{i}", f"B{i}", "C2", date(2024, 2, 3)))
    surveys += [
        mini.survey("RB0", "C2", date(2024, 2, 3)),
        mini.survey("RB1", "C2", date(2024, 2, 3)),
    ]
    ex = mini.write(
        base / "ex",
        {
            "centres": [mini.centre("C1", "Utrecht"), mini.centre("C2", "Zeeland")],
            "guests": guests,
            "visits": visits,
            "surveys": surveys,
        },
    )
    ingest(ex, base / "w.duckdb", as_of=TODAY)
    return base / "w.duckdb"


PERIOD = (date(2024, 1, 1), date(2024, 12, 1))


def test_small_centre_shows_no_guest_figure(tiny):
    k = compute_kpis(Warehouse(tiny), Filters(*PERIOD, "Zeeland", "C2")).kpis
    for name in (
        "visits",
        "guests",
        "new_guests",
        "share_male",
        "share_50_plus",
        "rating_mean",
        "rating_8_plus",
        "quality_of_life_improved",
        "funding_per_visit_eur",
        "visits_per_guest",
    ):
        assert k[name].suppressed and k[name].value is None, name
    assert k["centres"].value == 1  # not about guests: shown


def test_centre_with_few_responses_never_shows_a_rate(tiny):
    k = compute_kpis(Warehouse(tiny), Filters(*PERIOD, "Zeeland", "C2")).kpis
    assert k["quality_of_life_improved"].value is None  # not 0% or 100%
    big = compute_kpis(Warehouse(tiny), Filters(*PERIOD, "Utrecht", "C1")).kpis
    assert big["quality_of_life_improved"].value == 1.0
    assert big["guests"].value == 10  # 12 guests, rounded to a multiple of 5 below national


def test_national_total_is_never_suppressed(tiny):
    k = compute_kpis(Warehouse(tiny), Filters(*PERIOD)).kpis
    assert k["guests"].value == 15 and not k["guests"].suppressed


def test_downloads_and_json_carry_the_suppression(tiny, capsys):
    table = kpi_table(compute_kpis(Warehouse(tiny), Filters(*PERIOD, "Zeeland", "C2")))
    row = table.filter(table["kpi"] == "guests").row(0, named=True)
    assert row["value"] is None and row["suppressed"] is True
    code = cli_main(
        ["kpis", "--from", "2024-01", "--to", "2024-12", "--centre", "C2", "--warehouse", str(tiny)]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kpis"]["guests"] == {"value": None, "suppressed": True, "unit": "count"}


def test_monthly_series_suppresses_small_months(tiny):
    f = Filters(*PERIOD, "Zeeland", "C2")
    frame = visits_by_month(Warehouse(tiny), f, f.month_from, f.month_to)
    feb = frame.filter(frame["month"] == date(2024, 2, 1)).row(0, named=True)
    assert feb["visits"] is None and feb["guests"] is None and feb["suppressed"]


def test_differencing_two_views_does_not_give_back_a_suppressed_cell(tiny):
    """The whole country (15 guests, exact) minus the one centre shown by name (12 guests,
    shown as 10) must not reveal the suppressed centre's 3 guests."""
    wh = Warehouse(tiny)
    whole = compute_kpis(wh, Filters(*PERIOD)).kpis
    shown = compute_kpis(wh, Filters(*PERIOD, "Utrecht", "C1")).kpis
    hidden = compute_kpis(wh, Filters(*PERIOD, "Zeeland", "C2")).kpis
    assert hidden["guests"].suppressed
    assert whole["guests"].value == 15 and shown["guests"].value % 5 == 0
    assert whole["guests"].value - shown["guests"].value != 3
    assert whole["visits"].value - shown["visits"].value != 3
