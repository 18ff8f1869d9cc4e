"""Charts and tables as people see them: a suppressed cell keeps its label, start-date labels
do not collide with the period label, only the view's own incomplete months are marked, and
tables speak the user's language with a dash for an empty cell."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest

from dashboard.build.ingest import ingest
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Filters
from dashboard.metrics.queries import incomplete_months
from dashboard.present import charts
from dashboard.present.tables import display_frame
from tests import mini


@pytest.fixture(scope="module")
def gap(tmp_path_factory):
    """C1 (Utrecht) reports every month of 2024; C2 (Zeeland) misses May 2024."""
    base = tmp_path_factory.mktemp("gap")
    guests, visits = [], []
    for cid in ("C1", "C2"):
        guests.append(mini.guest(f"G{cid}", cid, 1960, date(2024, 1, 2)))
        for m in range(1, 13):
            if cid == "C2" and m == 5:
                continue
            visits.append(mini.visit(f"V{cid}{m}", f"G{cid}", cid, date(2024, m, 2)))
    ex = mini.write(
        base / "ex",
        {
            "centres": [mini.centre("C1", "Utrecht"), mini.centre("C2", "Zeeland")],
            "guests": guests,
            "visits": visits,
        },
    )
    ingest(ex, base / "w.duckdb", as_of=date(2025, 1, 15))
    return Warehouse(base / "w.duckdb")


def test_only_the_views_own_gaps_are_marked(gap):
    period = (date(2024, 1, 1), date(2024, 12, 1))
    assert date(2024, 5, 1) in incomplete_months(gap, Filters(*period))
    assert date(2024, 5, 1) in incomplete_months(gap, Filters(*period, "Zeeland"))
    assert date(2024, 5, 1) in incomplete_months(gap, Filters(*period, "Zeeland", "C2"))
    assert date(2024, 5, 1) not in incomplete_months(gap, Filters(*period, "Utrecht"))
    assert date(2024, 5, 1) not in incomplete_months(gap, Filters(*period, "Utrecht", "C1"))


def test_pyramid_keeps_the_suppressed_label():
    frame = pl.DataFrame(
        {
            "gender": ["female"] * 4 + ["male"] * 4,
            "age_group": ["0_17", "18_39", "40_49", "50_plus"] * 2,
            "guests": [None, 40, 80, 400, 15, 20, None, 120],
        }
    )
    fig = charts.build_pyramid(frame, "nl")
    labels = [a.text for a in fig.layout.annotations]
    assert labels.count("< 10") == 2


def test_start_labels_and_the_period_label_do_not_collide():
    frame = pl.DataFrame(
        {
            "month": [date(2022, m, 1) for m in range(1, 13)],
            "visits": [100] * 12,
            "guests": [50] * 12,
            "suppressed": [False] * 12,
        }
    )
    fig = charts.build_trend_chart(
        frame, date(2022, 10, 1), (date(2022, 10, 1), date(2022, 12, 1)), "nl"
    )
    spec = json.loads(fig.to_json())
    grant = [a for a in spec["layout"]["annotations"] if "KWF" in a["text"]][0]
    period = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert grant["yanchor"] == "top" and grant["y"] == 1
    assert len(period) == 1
    period_label = [a for a in spec["layout"]["annotations"] if a["text"] == "Gekozen periode"]
    assert period_label and period_label[0]["y"] < 0.5  # at the bottom, away from the top


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_display_frame_speaks_the_language(lang):
    frame = pl.DataFrame(
        {
            "name": ["A", None],
            "year": [2025, 2024],
            "visits": [2415, None],
            "paid_fte": [0.2, 1.25],
            "share_female": [0.3186, 0.5],
            "funding_eur": [57910.28, 1000.0],
        }
    )
    shown = display_frame(frame, lang)
    text = shown.write_csv()
    assert "None" not in text and "null" not in text
    assert shown.row(1)[0] == "–" and shown.row(1)[2] == "–"
    assert shown.row(0)[1] == "2025"  # no thousands separator in a year
    if lang == "nl":
        assert shown.row(0)[2:] == ("2.415", "0,2", "31,9%", "€ 57.910")
        assert "Jaar" in shown.columns
    else:
        assert shown.row(0)[2:] == ("2,415", "0.2", "31.9%", "€ 57,910")
        assert "Year" in shown.columns


def test_province_boundaries_decode_close_and_hold_every_centre(wh):
    from dashboard.metrics import queries
    from dashboard.reference import load_provinces, province_at

    provinces = load_provinces()
    assert len(provinces) == 12 and "Fryslân" in provinces
    for name, polygons in provinces.items():
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], name  # every ring closes
    centres = queries.load_centres(wh)
    for row in centres.iter_rows(named=True):
        assert province_at(row["longitude"], row["latitude"]) == row["province"], row["name"]
    assert province_at(5.12, 52.09) == "Utrecht" and province_at(2.0, 52.0) is None


def test_the_map_draws_the_provinces_to_four_decimals():
    """The outlines the map sends are the boundaries rounded to 4 decimals (about 10 m): every
    point within 0.00005 degrees of the boundary's own, and no longer written to full float
    precision."""
    from dashboard.present.maps import province_polygons
    from dashboard.reference import load_provinces

    exact = [
        ring for polygons in load_provinces().values() for polygon in polygons for ring in polygon
    ]
    drawn = [ring for row in province_polygons() for ring in row["polygon"]]
    assert len(drawn) == len(exact)
    for ring, original in zip(drawn, exact, strict=True):
        for (x, y), (x0, y0) in zip(ring, original, strict=True):
            assert abs(x - x0) <= 5e-5 and abs(y - y0) <= 5e-5
            assert round(x, 4) == x and round(y, 4) == y


def test_province_layer_and_legends():
    from dashboard.present.fundingmap import map_legend_html, province_layer, province_legend_html
    from dashboard.present.maps import PROVINCE_SEQUENTIAL, SEQUENTIAL

    assert not {tuple(c) for c in PROVINCE_SEQUENTIAL} & {tuple(c) for c in SEQUENTIAL}
    provinces = pl.DataFrame(
        {"province": ["Utrecht", "Limburg", "Zeeland"], "per_inhabitant": [0.5, 1.25, None]}
    )
    layer = province_layer(provinces, "per_inhabitant", "nl")
    assert set(layer["province"]) == {"Utrecht", "Limburg", "Zeeland"}
    assert "€ 1,25" in layer.filter(pl.col("province") == "Limburg")["tooltip"][0]
    legend = province_legend_html(provinces, "per_inhabitant", "nl")
    assert "per inwoner" in legend and "€ 0,50" in legend
    one = pl.DataFrame({"visits": [120], "funding_eur": [1000.0]})
    text = map_legend_html(one, "visits", "KWF", "nl", [1000.0])
    assert text.count("120") == 1  # one centre: one value, not six classes of the same
    assert "€ 1.000" in text


def test_share_facets_draw_the_start_line_in_every_panel_with_data():
    """The facets add their traces in one call and the grant start as shapes; each panel with a
    province gets its line on its own axes, as plotly's add_vline would draw it."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    months = [date(2022, m, 1) for m in range(1, 13)] + [date(2023, m, 1) for m in range(1, 13)]
    keys = ["Drenthe", "Groningen", "Limburg", "Utrecht", "Zeeland"]  # 2 rows of 4, 3 empty
    frame = pl.DataFrame(
        {
            "key": [k for k in keys for _ in months],
            "m_from": months * len(keys),
            "share_male": [0.3 + 0.01 * i for i in range(len(keys) * len(months))],
        }
    )
    national = pl.DataFrame({"m_from": months, "share_male": [0.35] * len(months)})
    start = date(2023, 3, 1)
    fig = charts.build_share_facets(frame, national, "share_male", "Mannen", start, "nl")
    # the same lines drawn the slow way
    slow = make_subplots(rows=2, cols=4, shared_xaxes=True, shared_yaxes=True)
    for i in range(len(keys)):
        r, c = i // 4 + 1, i % 4 + 1
        slow.add_trace(go.Scatter(x=months, y=[0.3] * len(months)), row=r, col=c)
        slow.add_vline(x=start, line=charts.GRANT_MARKER, row=r, col=c)
    assert fig.layout.shapes == slow.layout.shapes
    assert len(fig.layout.shapes) == len(keys)
    panels = {(tr.xaxis, tr.yaxis) for tr in fig.data}
    assert panels == {(s.xref, s.yref.removesuffix(" domain")) for s in fig.layout.shapes}
    # no line where there is nothing to mark
    none = charts.build_share_facets(frame, national, "share_male", "Mannen", None, "nl")
    assert none.layout.shapes == ()
