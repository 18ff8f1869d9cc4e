"""The board pack: a PowerPoint deck (python-pptx) of the current view, in the chosen language,
for a director's presentation. The same numbers as the Overview and `ipso-dashboard kpis`
(dashboard/kpis.py), with suppression applied; every slide names its filters and period, and
carries the synthetic-data label when demo data is served. Charts are PNG images made by
plotly's static export; where that is not available the deck says so and keeps the numbers.
"""

from __future__ import annotations

import io

import plotly.graph_objects as go
import polars as pl
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from dashboard.constants import MIN_COUNT, ROUND_TO
from dashboard.metrics import queries
from dashboard.metrics.access import Viewer
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Catalog, Filters
from dashboard.metrics.funding import per_centre
from dashboard.metrics.impact import event_studies
from dashboard.metrics.kpis import KpiSet, compute_kpis
from dashboard.metrics.peers import comparison, peer_ids, rank_kpis
from dashboard.metrics.value import ValueAssumptions, per_euro, value_range
from dashboard.present import charts, export
from dashboard.present.display import fmt_kpi, kpi_label
from dashboard.present.i18n import fmt_date, fmt_eur, fmt_eur_short, fmt_int, t
from dashboard.present.impacttext import headline as impact_headline
from dashboard.present.maps import land_cells
from dashboard.present.overview import delta_text, survey_rates
from dashboard.reference import load_assumptions

TILES = (
    "centres",
    "visits",
    "guests",
    "new_guests",
    "volunteers",
    "paid_coordinators",
    "rating_mean",
    "quality_of_life_improved",
)
WIDE = (Inches(13.333), Inches(7.5))
GREY = RGBColor(0x55, 0x55, 0x55)
ORANGE = RGBColor(0xB0, 0x5A, 0x00)


class Deck:
    """A 16:9 deck whose every slide gets a title and the same footer."""

    def __init__(self, footer: list[str]):
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDE
        self.footer = footer

    def slide(self, title: str):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        slide.shapes.title.text_frame.paragraphs[0].font.size = Pt(30)
        box = slide.shapes.add_textbox(Inches(0.4), Inches(6.75), Inches(12.5), Inches(0.7))
        frame = box.text_frame
        frame.word_wrap = True
        for k, line in enumerate(self.footer):
            p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            p.text = line
            p.font.size = Pt(10)
            p.font.color.rgb = ORANGE if "ynthe" in line else GREY
        return slide

    def text(
        self,
        slide,
        lines: list[str],
        top: float = 1.5,
        size: int = 18,
        left: float = 0.6,
        width: float = 12.0,
        height: float = 4.8,
    ):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        for k, line in enumerate(lines):
            p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            p.text = line
            p.font.size = Pt(size)
        return box

    def table(
        self,
        slide,
        rows: list[list[str]],
        top: float = 1.5,
        height: float = 4.5,
        left: float = 0.6,
        width: float = 12.0,
        size: int = 14,
    ):
        shape = slide.shapes.add_table(
            len(rows), len(rows[0]), Inches(left), Inches(top), Inches(width), Inches(height)
        )
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = shape.table.cell(r, c)
                cell.text = value
                cell.text_frame.paragraphs[0].font.size = Pt(size)
        return shape

    def image(self, slide, fig: go.Figure | None, top: float = 1.35, note: str = ""):
        if fig is None or not export.png_available():
            self.text(slide, [note], top=3, size=16)
            return None
        png = export.figure_png(fig)
        height = 6.55 - top  # the picture stays above the footer
        left = (13.333 - height * 16 / 9) / 2
        return slide.shapes.add_picture(
            io.BytesIO(png), Inches(left), Inches(top), height=Inches(height)
        )

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def _tiles(current: KpiSet, previous: KpiSet | None, f: Filters, lang: str) -> list[list[str]]:
    label = {
        "centres": "kpi_centres",
        "visits": "kpi_visits",
        "guests": "kpi_guests",
        "new_guests": "kpi_new_guests",
        "volunteers": "kpi_volunteers",
        "paid_coordinators": "kpi_paid_coordinators",
        "rating_mean": "kpi_rating_mean",
        "quality_of_life_improved": "kpi_qol",
    }
    rows = [[t("col_kpi", lang), t("col_value", lang), t("col_change", lang)]]
    for name in TILES:
        kpi = current.kpis[name]
        before = previous.kpis[name] if previous else None
        rows.append(
            [
                t(label[name], lang),
                fmt_kpi(name, kpi.value, lang, kpi.suppressed),
                delta_text(name, kpi, before, f.n_months, lang) or "–",
            ]
        )
    return rows


def funding_map_figure(
    wh: Warehouse, f: Filters, lang: str, viewer: Viewer | None = None
) -> go.Figure:
    """The funding map as a static figure: the country from the same H3 cells as the app's
    map, centres sized by the funding that falls in the period."""
    import h3

    money = per_centre(queries.funding_by_centre(wh, f))
    centres = (
        queries.load_centres(wh)
        .join(money, on="centre_id", how="left")
        .with_columns(pl.col("funding_eur").fill_null(0.0))
    )
    if f.province:
        centres = centres.filter(pl.col("province") == f.province)
    if viewer is not None and not viewer.names_centres:
        centres = centres.filter(pl.col("centre_id") == viewer.centre)  # no other locations
    land = [h3.cell_to_latlng(c) for c in land_cells()]
    top = max(centres["funding_eur"].max() or 1.0, 1.0)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[p[1] for p in land],
            y=[p[0] for p in land],
            mode="markers",
            marker={"symbol": "hexagon", "size": 9, "color": "#e2e5ea"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=centres["longitude"].to_list(),
            y=centres["latitude"].to_list(),
            mode="markers",
            marker={
                "size": [6 + 30 * (v / top) ** 0.5 for v in centres["funding_eur"].to_list()],
                "color": "#E69F00",
                "line": {"color": "#333", "width": 1},
                "opacity": 0.85,
            },
            showlegend=False,
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.62)
    fig.update_layout(
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=900,
        width=1600,
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        title={"text": t("boardpack_map_title", lang), "x": 0.5},
    )
    return fig


def build_deck(
    wh: Warehouse, catalog: Catalog, f: Filters, lang: str = "nl", viewer: Viewer | None = None
) -> bytes:
    """The board pack of the view `f` as .pptx bytes."""
    a = load_assumptions()
    view = export.view_line(f, catalog, lang)
    footer = [view, export.source_line(wh.ingested_on, wh.version, wh.synthetic, lang)]
    deck = Deck(footer)
    current = compute_kpis(wh, f)
    prev_filters = f.previous()
    previous = (
        compute_kpis(wh, prev_filters) if prev_filters.month_from >= catalog.months[0] else None
    )

    s = deck.slide(t("overview_title", lang))
    deck.text(
        s, [view, t("boardpack_made", lang, date=fmt_date(wh.ingested_on, lang))], top=2.2, size=24
    )
    if wh.synthetic:
        deck.text(s, [t("synthetic_banner", lang)], top=4.2, size=18)

    s = deck.slide(t("boardpack_kpis", lang))
    deck.table(s, _tiles(current, previous, f, lang), top=1.4, height=4.6)
    if any(k.suppressed for k in current.kpis.values()):
        deck.text(s, [t("suppressed_note", lang)], top=6.2, size=12, height=0.4)

    if f.centre:
        table = queries.centre_table(wh, f)
        kpis = rank_kpis(viewer is None or viewer.names_centres)
        comp = comparison(table, f.centre, peer_ids(table, f.centre, "all"), kpis)
        rows = [
            [
                t("col_kpi", lang),
                t("col_centre", lang),
                t("col_median", lang),
                t("col_band", lang),
                t("col_rank", lang),
            ]
        ]
        for r in comp.iter_rows(named=True):
            band = (
                f"{fmt_kpi(r['kpi'], r['peer_p25'], lang)} – "
                f"{fmt_kpi(r['kpi'], r['peer_p75'], lang)}"
            )
            rows.append(
                [
                    kpi_label(r["kpi"], lang),
                    fmt_kpi(r["kpi"], r["value"], lang, r["suppressed"]),
                    fmt_kpi(r["kpi"], r["peer_median"], lang),
                    band,
                    f"{r['rank']} / {r['of']}" if r["rank"] is not None else "–",
                ]
            )
        s = deck.slide(t("comparison_title", lang))
        deck.table(s, rows, top=1.4, height=4.8, size=13)

    trend = queries.visits_by_month(wh, f, catalog.months[0], catalog.months[-1])
    grant = queries.kwf_grant_start(wh)
    s = deck.slide(t("trend_title", lang))
    deck.image(
        s,
        charts.build_trend_chart(trend, grant.first_start, (f.month_from, f.month_to), lang),
        note=t("boardpack_no_png", lang),
    )

    s = deck.slide(t("survey_title", lang))
    rates = survey_rates(current.kpis, lang)
    deck.image(s, charts.build_survey_chart(rates, lang), note=t("boardpack_no_png", lang))

    s = deck.slide(t("funding_title", lang))
    k = current.kpis
    deck.text(
        s,
        [
            t(
                "boardpack_funding",
                lang,
                total=fmt_eur(k["funding_eur"].value, lang),
                kwf=fmt_eur(k["funding_kwf_eur"].value, lang),
            )
        ],
        top=1.2,
        size=16,
        height=0.6,
    )
    deck.image(
        s, funding_map_figure(wh, f, lang, viewer), top=1.8, note=t("boardpack_no_png", lang)
    )

    s = deck.slide(t("boardpack_impact", lang))
    studies = event_studies(queries.impact_panel(wh), queries.load_centres(wh))
    title, effects = impact_headline(studies, lang)
    lines = [title, *(line.replace("**", "") for line in effects)]
    if k["visits"].value is not None:
        v = value_range(k["visits"].value, ValueAssumptions.published())
        ratio = per_euro(v, k["funding_eur"].value or 0.0)
        lines += [
            t("row_consultations", lang)
            + ": "
            + " – ".join(fmt_int(v["avoided_consultations"][x], lang) for x in ("low", "high")),
            t("row_care_eur", lang)
            + ": "
            + " – ".join(fmt_eur_short(v["avoided_care_eur"][x], lang) for x in ("low", "high")),
            t("row_rtw", lang)
            + ": "
            + t("up_to", lang, x=fmt_eur_short(v["return_to_work_eur_up_to"], lang)),
        ]
        if ratio:
            lines.append(
                t(
                    "boardpack_per_euro",
                    lang,
                    low=fmt_eur(ratio["low"], lang, 2),
                    high=fmt_eur(ratio["high"], lang, 2),
                )
            )
    else:
        lines.append(t("value_suppressed", lang))
    lines.append(
        t("boardpack_value_source", lang, source=a["ecorys_avoided_consultations_low"].source)
    )
    deck.text(s, lines, top=1.4, size=18)

    s = deck.slide(t("method_title", lang))
    deck.text(
        s,
        [
            t("boardpack_method_kpis", lang),
            t("boardpack_method_event", lang),
            t("boardpack_method_value", lang),
            t("method_privacy_text", lang, n=MIN_COUNT, r=ROUND_TO),
        ],
        top=1.3,
        size=13,
        height=2.8,
    )
    sources = sorted({x.source for x in a.values()})
    half = (len(sources) + 1) // 2
    deck.text(
        s,
        [t("method_sources", lang) + ":", *sources[:half]],
        top=4.0,
        size=9,
        width=6.0,
        height=2.6,
    )
    deck.text(s, ["", *sources[half:]], top=4.0, left=6.8, size=9, width=6.0, height=2.6)
    return deck.bytes()


def slide_texts(data: bytes) -> list[str]:
    """All text of every slide (titles, text boxes, tables), for tests and checks."""
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
        out.append("\n".join(parts))
    return out
