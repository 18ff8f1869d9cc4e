"""Downloads and the board pack: round trips equal the frames, decks carry the same numbers as
`ipso-dashboard kpis`, suppressed cells stay suppressed, PNG export works where chromium is."""

from __future__ import annotations

import io
import json
import os
from datetime import date

import openpyxl
import polars as pl
import pytest
from pptx import Presentation

from dashboard.cli import main as cli_main
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Filters
from dashboard.metrics.queries import load_catalog
from dashboard.present.boardpack import build_deck, slide_texts
from dashboard.present.display import fmt_kpi
from dashboard.present.export import csv_bytes, figure_png, header_rows, png_available, xlsx_bytes
from tests.test_privacy import tiny  # noqa: F401 (fixture: a centre with three guests)

FRAME = pl.DataFrame(
    {
        "kpi": ["visits", "share_male"],
        "value": [12_345.0, 0.3125],
        "n": [100, None],
        "suppressed": [False, True],
    }
)


def test_csv_round_trip():
    assert pl.read_csv(io.BytesIO(csv_bytes(FRAME))).equals(FRAME)


def test_xlsx_round_trip_with_header_lines():
    header = ["Titel", "Heel Nederland · jan 2024 – dec 2024", "Bron: IPSO-gastregistratie"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(FRAME, header)))
    sheet = book["data"]
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[:3]] == header
    assert list(rows[header_rows()]) == FRAME.columns
    body = rows[header_rows() + 1 :]
    back = pl.DataFrame([list(r) for r in body], schema=FRAME.columns, orient="row")
    assert back["kpi"].to_list() == FRAME["kpi"].to_list()
    assert back["value"].to_list() == FRAME["value"].to_list()
    assert back["n"].to_list() == FRAME["n"].to_list()
    assert back["suppressed"].to_list() == FRAME["suppressed"].to_list()


@pytest.mark.skipif(
    not png_available() and not os.environ.get("IPSO_REQUIRE_BROWSER"),
    reason="NOTICE: no chromium for static chart export; PNG test skipped",
)
def test_png_export():
    import plotly.graph_objects as go

    png = figure_png(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), width=800, height=450)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert _png_size(png) == (800, 450)


def _png_size(png: bytes) -> tuple[int, int]:
    import struct

    return struct.unpack(">II", png[16:24])  # the IHDR chunk: width, height


@pytest.mark.skipif(
    not png_available() and not os.environ.get("IPSO_REQUIRE_BROWSER"),
    reason="NOTICE: no chromium for static chart export; PNG test skipped",
)
def test_png_download_is_1600_by_900_whatever_the_screen_size():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    fig.update_layout(height=380, width=580)  # a chart's on-screen size
    assert _png_size(figure_png(fig)) == (1600, 900)


def test_csv_and_excel_headers_in_the_users_language():
    frame = pl.DataFrame({"month": ["2025-01-01"], "visits": [12], "new_guests": [3]})
    lines = csv_bytes(frame, "nl").decode().splitlines()
    assert lines[0] == "Maand,Bezoeken,Nieuwe gasten"
    assert lines[1] == "month,visits,new_guests"  # the code names, for scripts
    back = pl.read_csv(io.BytesIO(csv_bytes(frame, "en")), skip_rows=1)
    assert back.columns == frame.columns and back["visits"].to_list() == [12]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame, ["T", "V", "S"], "en")))
    rows = list(book["data"].iter_rows(values_only=True))
    assert list(rows[header_rows()]) == ["Month", "Visits", "New guests"]
    fields = list(book["fields"].iter_rows(values_only=True))
    assert fields[0] == ("Column", "Field name (code)")
    assert fields[1:] == [("Month", "month"), ("Visits", "visits"), ("New guests", "new_guests")]


@pytest.fixture(scope="module")
def deck(demo_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("deck") / "deck.pptx"
    assert (
        cli_main(
            [
                "boardpack",
                "--period",
                "2025-01:2025-12",
                "--province",
                "Limburg",
                "--lang",
                "nl",
                "--out",
                str(out),
                "--warehouse",
                str(demo_warehouse),
            ]
        )
        == 0
    )
    return out.read_bytes()


def test_deck_slides_and_titles(deck):
    prs = Presentation(io.BytesIO(deck))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == [
        "IPSO-centra in cijfers",
        "Kerncijfers",
        "Bezoeken en gasten per maand",
        "Wat gasten zeggen (gastenonderzoek)",
        "Waar het geld landt",
        "Impact: voor en na de betaalde coördinator",
        "Maatschappelijke waarde (schatting)",
        "Methode en bronnen",
    ]
    for text in slide_texts(deck):  # every slide: filters, period and the demo label
        assert "Limburg · jan 2025 – dec 2025 (12 maanden)" in text
        assert "Synthetische demodata" in text
    if png_available():
        pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
        assert len(pictures) == 4  # trend, survey, map, event study


def test_deck_numbers_equal_the_kpis_json(deck, demo_warehouse, capsys):
    assert (
        cli_main(
            [
                "kpis",
                "--from",
                "2025-01",
                "--to",
                "2025-12",
                "--province",
                "Limburg",
                "--warehouse",
                str(demo_warehouse),
            ]
        )
        == 0
    )
    kpis = json.loads(capsys.readouterr().out)["kpis"]
    tiles = slide_texts(deck)[1]
    for name in (
        "centres",
        "visits",
        "guests",
        "new_guests",
        "volunteers",
        "rating_mean",
        "quality_of_life_improved",
    ):
        assert fmt_kpi(name, kpis[name]["value"], "nl") in tiles, name


def test_english_deck_and_a_centre_slide(demo_warehouse):
    wh = Warehouse(demo_warehouse)
    data = build_deck(
        wh, load_catalog(wh), Filters(date(2025, 1, 1), date(2025, 12, 1), "Limburg", "C004"), "en"
    )
    texts = slide_texts(data)
    assert len(texts) == 9  # the centre beside its peers
    assert "This centre beside its peers" in texts[2]
    assert "Synthetic demo data" in texts[0]


def test_deck_never_shows_a_suppressed_cell(tiny):  # noqa: F811
    wh = Warehouse(tiny)
    f = Filters(date(2024, 1, 1), date(2024, 12, 1), "Zeeland", "C2")  # three guests
    texts = slide_texts(build_deck(wh, load_catalog(wh), f, "nl"))
    tiles = texts[1]
    assert "< 10" in tiles
    kpi_rows = tiles.split("\n")
    visits = kpi_rows[kpi_rows.index("Bezoeken") + 1]
    assert visits == "< 10"
    assert "Te weinig gasten" in texts[-2]  # no value estimate from three guests


def test_slide_titles_span_the_wide_slide(demo_warehouse):
    """The template's title placeholder is laid out for 4:3; on the wide slide a long title
    wrapped over the text below it (seen when the deck was rendered)."""
    import io

    from pptx import Presentation
    from pptx.util import Inches

    wh = Warehouse(demo_warehouse)
    data = build_deck(wh, load_catalog(wh), Filters(date(2025, 1, 1), date(2025, 12, 1)), "nl")
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:
        title = slide.shapes.title
        assert title.width >= Inches(12) and title.left <= Inches(0.5)
        assert title.top + title.height <= Inches(1.25)  # above the body text at 1.2-1.35 in
