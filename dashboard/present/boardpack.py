"""The board pack: a PowerPoint deck (python-pptx) of the current view, in the chosen language,
for a director's presentation. The same numbers as the Overview and `ipso-dashboard kpis`
(dashboard/kpis.py), with suppression applied; every slide names its filters and period, and
carries the synthetic-data label when demo data is served. Charts are PNG images made by
plotly's static export; where that is not available the deck says so and keeps the numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

import plotly.graph_objects as go
import polars as pl
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from dashboard.constants import MIN_COUNT, ROUND_TO
from dashboard.metrics import queries
from dashboard.metrics.access import Viewer, place_blanked
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Catalog, Filters
from dashboard.metrics.funding import per_centre
from dashboard.metrics.impact import event_studies
from dashboard.metrics.kpis import KpiSet, compute_kpis, previous_period
from dashboard.metrics.peers import comparison, peer_ids, rank_kpis
from dashboard.metrics.value import ValueAssumptions, per_euro, value_range
from dashboard.present import charts, export
from dashboard.present.display import fmt_kpi, kpi_label
from dashboard.present.estimates import value_rows
from dashboard.present.fundingmap import size_examples
from dashboard.present.i18n import fmt_date, fmt_eur, t
from dashboard.present.impacttext import headline as impact_headline
from dashboard.present.maps import province_polygons
from dashboard.present.overview import survey_months_note, survey_rates
from dashboard.present.pdfdeck import HtmlDeck
from dashboard.present.slidedeck import BODY_BOTTOM, BODY_TOP, Box, SlideDeck
from dashboard.present.tiles import tiles
from dashboard.reference import load_assumptions


def funding_map_figure(
    wh: Warehouse, f: Filters, lang: str, viewer: Viewer | None = None
) -> go.Figure:
    """The funding map as a static figure: the CBS province boundaries, centres sized by the
    funding that falls in the period (area proportional to euros)."""
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
    top = max(centres["funding_eur"].max() or 1.0, 1.0)
    fig = go.Figure()
    for row in province_polygons():
        outer = row["polygon"][0]
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in outer],
                y=[p[1] for p in outer],
                mode="lines",
                fill="toself",
                fillcolor="#e2e5ea",
                line={"color": "#8a8a8a", "width": 1},
                hoverinfo="skip",
                showlegend=False,
            )
        )

    def size(v: float) -> float:  # area proportional to the euros
        return 5 + 19 * (v / top) ** 0.5

    marker = {"color": "#E69F00", "line": {"color": "#333", "width": 1}, "opacity": 0.8}
    fig.add_trace(
        go.Scatter(
            x=centres["longitude"].to_list(),
            y=centres["latitude"].to_list(),
            mode="markers",
            marker={**marker, "size": [size(v) for v in centres["funding_eur"].to_list()]},
            showlegend=False,
        )
    )
    for v in size_examples(centres["funding_eur"]):  # the size legend
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={**marker, "size": size(v)},
                name=fmt_eur(v, lang),
            )
        )
    fig.update_xaxes(visible=False)
    # a degree of longitude is about 0.62 of a degree of latitude at 52° N
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.62)
    fig.update_layout(
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        title={"text": t("boardpack_map_title", lang), "x": 0.5},
        legend={"title": {"text": t("legend_size_short", lang)}, "x": 0.75, "y": 0.5},
    )
    return fig


WIDE = (Inches(13.333), Inches(7.5))
GREY = RGBColor(0x55, 0x55, 0x55)
ORANGE = RGBColor(0xB0, 0x5A, 0x00)


class Deck(SlideDeck):
    """The board pack as a .pptx (python-pptx), through the SlideDeck interface."""

    def __init__(self, footer: list[str]):
        super().__init__(footer)
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDE

    def slide(self, title: str, footer: list[str] | None = None):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        title_shape = slide.shapes.title
        # the template's placeholder is laid out for 4:3 (9 inches, centred on 10): on the wide
        # slide it wrapped long titles over the text below; span the slide and align left
        title_shape.left, title_shape.top = Inches(0.4), Inches(0.25)
        title_shape.width, title_shape.height = Inches(12.5), Inches(0.95)
        title_shape.text = title
        title_shape.text_frame.word_wrap = True
        paragraph = title_shape.text_frame.paragraphs[0]
        paragraph.font.size = Pt(30 if len(title) <= 60 else 24)
        paragraph.alignment = PP_ALIGN.LEFT
        lines = self.footer if footer is None else footer
        box = self._text(slide, lines, Box(0.4, 6.75, 12.5, 0.7), 10)
        for p, line in zip(box.text_frame.paragraphs, lines, strict=True):
            p.font.color.rgb = ORANGE if "ynthe" in line else GREY
        return slide

    def _text(self, slide, lines: list[str], box: Box, size: int):
        shape = slide.shapes.add_textbox(*_inches(box))
        frame = shape.text_frame
        frame.word_wrap = True
        for k, line in enumerate(lines):
            p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            p.text = line
            p.font.size = Pt(size)
        return shape

    def _table(self, slide, rows: list[list[str]], box: Box, size: int):
        shape = slide.shapes.add_table(len(rows), len(rows[0]), *_inches(box))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = shape.table.cell(r, c)
                cell.text = value
                cell.text_frame.paragraphs[0].font.size = Pt(size)
        return shape

    def _picture(self, where, box: Box, png: bytes) -> None:
        where.shapes.add_picture(io.BytesIO(png), *_inches(box))

    def bytes(self) -> bytes:
        self._place_pictures()
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def _inches(box: Box) -> tuple:
    return Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)


@dataclass(frozen=True)
class Pack:
    """Everything the slides of one deck share: the view, its numbers and the language."""

    wh: Warehouse
    catalog: Catalog
    f: Filters
    lang: str
    viewer: Viewer | None
    current: KpiSet
    previous: KpiSet | None
    view: str


def tile_rows(current: KpiSet, previous: KpiSet | None, lang: str) -> list[list[str]]:
    """The Overview's eight tiles as table rows: KPI, value, change."""
    rows = [[t("col_kpi", lang), t("col_value", lang), t("col_change", lang)]]
    for tile in tiles(current, previous, lang):
        rows.append([tile.label, tile.value, tile.change.text if tile.change else "–"])
    return rows


def title_slide(deck: Deck, p: Pack) -> None:
    # The view line is the subject of this slide, so its footer carries only the source.
    s = deck.slide(t("overview_title", p.lang), footer=deck.footer[1:])
    lines = [p.view, t("boardpack_made", p.lang, date=fmt_date(p.wh.ingested_on, p.lang))]
    deck.text(s, lines, top=2.2, size=24)
    if p.wh.synthetic:
        deck.text(s, [t("synthetic_banner", p.lang)], top=4.2, size=18)


def kpi_slide(deck: Deck, p: Pack) -> None:
    s = deck.slide(t("boardpack_kpis", p.lang))
    deck.table(s, tile_rows(p.current, p.previous, p.lang), top=1.4, height=4.6)
    notes = []
    if any(k.suppressed for k in p.current.kpis.values()):
        notes.append(t("suppressed_note", p.lang))
    if p.previous is None:
        notes.append(t("change_outside_data", p.lang))
    if notes:
        deck.text(s, [" ".join(notes)], top=6.1, size=12, height=0.4)


def comparison_slide(deck: Deck, p: Pack) -> None:
    """The centre beside all centres (only in a centre's deck)."""
    lang = p.lang
    table = queries.listed_for(
        queries.load_catalog(p.wh), queries.centre_table(p.wh, p.f), p.viewer
    )
    if p.viewer is not None and not p.viewer.names_centres:
        # as on the Centres page: no peer's place or funding figures for a coordinator
        table = table.with_columns(place_blanked(table, p.viewer))
    kpis = rank_kpis(p.viewer is None or p.viewer.names_centres)
    comp = comparison(table, p.f.centre, peer_ids(table, p.f.centre, "all"), kpis)
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
            f"{fmt_kpi(r['kpi'], r['peer_p25'], lang)} – {fmt_kpi(r['kpi'], r['peer_p75'], lang)}"
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


def trend_slide(deck: Deck, p: Pack) -> None:
    months = p.catalog.months
    trend = queries.visits_by_month(p.wh, p.f, months[0], months[-1])
    grant = queries.kwf_grant_start(p.wh)
    fig = charts.build_trend_chart(
        trend,
        grant.first_start,
        (p.f.month_from, p.f.month_to),
        p.lang,
        incomplete=queries.incomplete_months(p.wh, p.f),  # as on the Overview
    )
    s = deck.slide(t("trend_title", p.lang))
    deck.image(s, fig, note=t("boardpack_no_png", p.lang))


def survey_slide(deck: Deck, p: Pack) -> None:
    rates = survey_rates(p.current.kpis, p.lang)
    s = deck.slide(t("survey_title", p.lang))
    quarters = survey_months_note(p.f, p.lang)  # below the national total: whole quarters
    deck.image(
        s,
        charts.build_survey_chart(rates, p.lang),
        height=BODY_BOTTOM - BODY_TOP - (0.5 if quarters else 0),
        note=t("boardpack_no_png", p.lang),
    )
    if quarters:
        deck.text(s, [quarters], top=BODY_BOTTOM - 0.45, size=11, height=0.4)


def funding_slide(deck: Deck, p: Pack) -> None:
    """The period's funding; with the map of where it lands, except in a centre's deck (one
    dot says nothing): there the funders of that centre."""
    lang, k = p.lang, p.current.kpis
    s = deck.slide(t("funding_title", lang))
    line = t(
        "boardpack_funding",
        lang,
        total=fmt_eur(k["funding_eur"].value, lang),
        kwf=fmt_eur(k["funding_kwf_eur"].value, lang),
    )
    deck.text(s, [line], top=1.2, size=16, height=0.6)
    if p.f.centre:
        rows = [[t("col_funder", lang), t("col_amount", lang)]]
        for funder, eur in sorted(p.current.funding_by_funder.items(), key=lambda x: -x[1]):
            rows.append([t(f"funder_{funder}", lang), fmt_eur(eur, lang)])
        if len(rows) > 1:
            deck.table(s, rows, top=2.0, height=0.4 * len(rows), width=8.0, size=14)
        return
    deck.image(
        s, funding_map_figure(p.wh, p.f, lang, p.viewer), note=t("boardpack_no_png", lang), top=1.8
    )


@lru_cache(maxsize=4)
def _headline_studies(wh: Warehouse, version: str):
    return event_studies(queries.impact_panel(wh), queries.load_centres(wh))


def headline_studies(wh: Warehouse):
    """The event studies of the five headline outcomes (one design, shared bootstrap draws, for
    the Holm correction the headline sentence needs): the same for every view of one warehouse
    version, and the slowest part of a deck, so computed once per version."""
    return _headline_studies(wh, wh.version)


def impact_slide(deck: Deck, p: Pack) -> None:
    """What changed after the coordinator came: the headline sentence (only the outcomes that
    survive the correction across the five), the visits event study as a chart, and one line
    per headline outcome beside it."""
    lang = p.lang
    s = deck.slide(t("boardpack_impact", lang))
    studies = headline_studies(p.wh)
    title, effects = impact_headline(studies, lang)
    deck.text(s, [title], top=1.2, size=16, height=0.8, width=12.0)
    study = studies.get("visits")
    if study is not None and study.available:
        fig = charts.build_event_study(study.by_event, study.unit, kpi_label("visits", lang), lang)
        deck.image(s, fig, note=t("boardpack_no_png", lang), top=2.2, width=7.2)
    lines = [line.replace("**", "") for line in effects]
    deck.text(s, lines, top=2.2, left=8.1, width=4.8, size=12)


def value_slide(deck: Deck, p: Pack) -> None:
    """The societal value of the period's visits as rounded ranges, with its source."""
    lang, k = p.lang, p.current.kpis
    a = load_assumptions()
    s = deck.slide(t("value_title", lang))
    lines: list[str] = []
    if k["visits"].value is not None:
        v = value_range(k["visits"].value, ValueAssumptions.published())
        funding = k["funding_eur"].value or 0.0
        for label, shown in value_rows(v, per_euro(v, funding), funding, lang):
            lines += [label, shown, ""]
    else:
        lines.append(t("value_suppressed", lang))
    lines.append(
        t("boardpack_value_source", lang, source=a["ecorys_avoided_consultations_low"].source)
    )
    deck.text(s, lines, top=1.3, width=12.0, size=16)


def method_slide(deck: Deck, p: Pack) -> None:
    lang = p.lang
    a = load_assumptions()
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


SLIDES = (
    title_slide,
    kpi_slide,
    comparison_slide,
    trend_slide,
    survey_slide,
    funding_slide,
    impact_slide,
    value_slide,
    method_slide,
)


def slides_for(f: Filters) -> tuple:
    """The slide functions of a deck for view `f`, in order (the comparison only for a centre)."""
    return tuple(s for s in SLIDES if s is not comparison_slide or f.centre)


def make_pack(
    wh: Warehouse, catalog: Catalog, f: Filters, lang: str = "nl", viewer: Viewer | None = None
) -> Pack:
    before = previous_period(f, catalog.months[0])
    return Pack(
        wh=wh,
        catalog=catalog,
        f=f,
        lang=lang,
        viewer=viewer,
        current=compute_kpis(wh, f),
        previous=compute_kpis(wh, before) if before is not None else None,
        view=export.view_line(f, catalog, lang),
    )


def build_deck(
    wh: Warehouse,
    catalog: Catalog,
    f: Filters,
    lang: str = "nl",
    viewer: Viewer | None = None,
    fmt: str = "pptx",
) -> bytes:
    """The board pack of the view `f` as .pptx bytes, or (fmt="pdf") the same slides as a PDF
    printed by Chromium (dashboard/present/pdfdeck.py): one set of slide functions writes both."""
    if fmt not in ("pptx", "pdf"):
        raise ValueError(f"board pack format {fmt!r}: pptx or pdf")
    pack = make_pack(wh, catalog, f, lang, viewer)
    footer = [pack.view, export.source_line(wh.ingested_on, wh.version, wh.synthetic, lang)]
    deck = Deck(footer) if fmt == "pptx" else HtmlDeck(footer, lang)
    for make_slide in slides_for(f):
        make_slide(deck, pack)
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
