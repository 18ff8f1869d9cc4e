"""Pure helpers of the funding page: the map's layer frames, plain-text tooltips, the legends
(colour classes and circle sizes; the province choropleth's classes) and tables."""

from __future__ import annotations

import html
import math

import polars as pl

from dashboard.metrics.coverage import RADII_KM
from dashboard.metrics.funding import FUNDERS
from dashboard.present.display import centre_name, fmt_kpi, kpi_label
from dashboard.present.i18n import fmt_eur, fmt_int, fmt_pct, t
from dashboard.present.maps import (
    PROVINCE_SEQUENTIAL,
    SEQUENTIAL,
    SUPPRESSED_COLOUR,
    colour_bins,
    province_polygons,
)

PURPOSES = ("paid_coordinator", "activities", "training", "awareness", "other")
MAX_RADIUS_M = 11_000
MIN_RADIUS_M = 1_500


def centre_layer(centres: pl.DataFrame, colour: str, lang: str) -> pl.DataFrame:
    """One row per centre: position, radius (area proportional to funding), colour by the
    chosen KPI (suppressed values grey) and a plain-text tooltip (one fact a line)."""
    top = max(centres["funding_eur"].max() or 0.0, 1.0)
    colours, _ = colour_bins(centres[colour])
    tooltips = []
    for row in centres.iter_rows(named=True):
        lines = [
            centre_name(row["name"], None, lang),
            ", ".join(x for x in (row["city"], row["province"]) if x),
            f"{t('tooltip_funding', lang)}: {fmt_eur(row['funding_eur'], lang)}",
        ]
        for funder in FUNDERS[1:]:
            value = row.get(f"funder_{funder}")
            if value:
                lines.append(f"  · {t(f'funder_{funder}', lang)}: {fmt_eur(value, lang)}")
        for purpose in PURPOSES:
            value = row.get(f"purpose_{purpose}")
            if value:
                lines.append(f"  · {t(f'purpose_{purpose}', lang)}: {fmt_eur(value, lang)}")
        for kpi in dict.fromkeys(("visits", "guests", colour)):
            lines.append(
                f"{kpi_label(kpi, lang)}: {fmt_kpi(kpi, row[kpi], lang, row[kpi + '__suppressed'])}"
            )
        tooltips.append("\n".join(lines))
    return centres.select("centre_id", "latitude", "longitude").with_columns(
        pl.Series(
            "radius_m",
            [
                MIN_RADIUS_M + (MAX_RADIUS_M - MIN_RADIUS_M) * math.sqrt(v / top)
                for v in centres["funding_eur"].to_list()
            ],
        ),
        pl.Series("colour", colours),
        pl.Series("tooltip", tooltips),
    )


def province_layer(provinces: pl.DataFrame, measure: str, lang: str) -> pl.DataFrame:
    """The provinces as polygons coloured by `measure` (by fifths, in the province palette),
    with a plain-text tooltip."""
    colours, _ = colour_bins(provinces[measure], PROVINCE_SEQUENTIAL)
    by_province = {
        p: (c, f"{p}\n{t(f'measure_{measure}', lang)}: {_fmt_measure(v, measure, lang)}")
        for p, c, v in zip(provinces["province"], colours, provinces[measure], strict=True)
    }
    rows = [
        {
            **row,
            "colour": by_province[row["province"]][0],
            "tooltip": by_province[row["province"]][1],
        }
        for row in province_polygons()
        if row["province"] in by_province
    ]
    return pl.DataFrame(
        rows,
        schema={
            "province": pl.String,
            "polygon": pl.List(pl.List(pl.List(pl.Float64))),
            "colour": pl.List(pl.Int64),
            "tooltip": pl.String,
        },
    )


def _fmt_measure(value: float | None, measure: str, lang: str) -> str:
    if value is None:
        return "–"
    return fmt_eur(value, lang, digits=0 if measure == "total" else 2)


def blind_layer(places: pl.DataFrame, lang: str) -> pl.DataFrame:
    unit = t("col_population", lang).lower()
    return places.select(
        "latitude",
        "longitude",
        (pl.col("population").sqrt() * 25).clip(800, 9000).alias("radius_m"),
        pl.Series(
            "tooltip",
            [
                f"{name}\n{fmt_int(pop, lang)} {unit}\n{fmt_int(km, lang)} km"
                for name, pop, km in zip(
                    places["name"], places["population"], places["nearest_km"], strict=True
                )
            ],
            dtype=pl.String,
        ),
    )


def _swatch(rgb: list[int], label: str, shape: str = "square", size: int = 14) -> str:
    radius = "50%" if shape == "circle" else "2px"
    return (
        f'<span style="display:inline-flex;align-items:center;gap:6px;margin-right:14px">'
        f'<span aria-hidden="true" style="display:inline-block;width:{size}px;height:{size}px;'
        f"border-radius:{radius};border:1px solid #333;"
        f'background:rgb({rgb[0]},{rgb[1]},{rgb[2]})"></span>{html.escape(label)}</span>'
    )


def class_labels(edges: list[float], fmt) -> list[str]:
    """'12 – 30' per class from the edges (min, four quintile edges, max)."""
    return [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(edges, edges[1:], strict=False)]


def map_legend_html(
    centres: pl.DataFrame, colour: str, funder: str, lang: str, sizes: list[float]
) -> str:
    """The circles' legend as HTML (all text escaped): colour classes of the chosen KPI, grey
    for suppressed, and three circle sizes with the funding they stand for."""
    _, edges = colour_bins(centres[colour])
    parts = [f"<b>{html.escape(t('legend_colour', lang, kpi=kpi_label(colour, lang)))}</b><br>"]
    if edges and edges[0] == edges[-1]:  # one value (a coordinator's own centre): no classes
        parts.append(_swatch(SEQUENTIAL[0], fmt_kpi(colour, edges[0], lang)))
    elif edges:
        labels = class_labels(edges, lambda v: fmt_kpi(colour, v, lang))
        parts += [_swatch(c, label) for c, label in zip(SEQUENTIAL, labels, strict=True)]
    parts.append(_swatch(SUPPRESSED_COLOUR, t("legend_suppressed", lang)))
    parts.append(f"<br><b>{html.escape(t('legend_size_title', lang, funder=funder))}</b><br>")
    top = max(sizes) if sizes else 0.0
    for value in sizes:
        px = 6 + 22 * math.sqrt(value / top) if top else 6
        parts.append(_swatch([255, 255, 255], fmt_eur(value, lang), "circle", round(px)))
    return '<div style="font-size:14px;line-height:2">' + "".join(parts) + "</div>"


def province_legend_html(provinces: pl.DataFrame, measure: str, lang: str) -> str:
    """The province layer's own legend: its classes in its own palette."""
    _, edges = colour_bins(provinces[measure], PROVINCE_SEQUENTIAL)
    title = t("legend_provinces", lang, measure=t(f"measure_{measure}", lang))
    parts = [f"<b>{html.escape(title)}</b><br>"]
    labels = class_labels(edges, lambda v: _fmt_measure(v, measure, lang)) if edges else []
    parts += [_swatch(c, label) for c, label in zip(PROVINCE_SEQUENTIAL, labels, strict=True)]
    return '<div style="font-size:14px;line-height:2">' + "".join(parts) + "</div>"


def size_examples(funding: pl.Series) -> list[float]:
    """Three round amounts for the size legend: about the largest, half and a tenth of it."""
    top = float(funding.max() or 0.0)
    if top <= 0:
        return []
    out = []
    for share in (1.0, 0.5, 0.1):
        v = top * share
        step = 10 ** max(0, math.floor(math.log10(v)) - 1) if v >= 1 else 1
        out.append(round(v / step) * step)
    return sorted(set(out), reverse=True)


def map_table(centres: pl.DataFrame, colour: str) -> pl.DataFrame:
    """The map's numbers, one row per centre (suppressed KPIs empty, with their flag)."""
    funders = [c for c in centres.columns if c.startswith("funder_")]
    purposes = [c for c in centres.columns if c.startswith("purpose_")]
    kpis = list(dict.fromkeys(("visits", "guests", colour)))
    return centres.select(
        "centre_id",
        "name",
        "city",
        "province",
        "latitude",
        "longitude",
        pl.col("funding_eur").round(2),
        *[pl.col(c).fill_null(0).round(2) for c in funders],
        *[pl.col(c).fill_null(0).round(2) for c in purposes],
        *kpis,
        *[f"{k}__suppressed" for k in kpis],
    ).sort("funding_eur", descending=True)


def coverage_display(reach: pl.DataFrame, lang: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            t("col_area", lang): reach["area"],
            t("col_population", lang): [fmt_int(v, lang) for v in reach["population"]],
            **{
                t("col_within", lang, km=r): [
                    fmt_pct(v, 0, lang) for v in reach[f"share_within_{r}km"]
                ]
                for r in RADII_KM
            },
            t("col_cancer_within", lang): [
                fmt_int(v, lang) for v in reach["cancer_2022_within_20km"]
            ],
        }
    )


def map_table_labels(columns: list[str], lang: str) -> dict[str, str]:
    """Readable column headers for the map table shown on screen (the CSV keeps plain names)."""
    labels = {
        "centre_id": "ID",
        "name": t("col_name", lang),
        "city": t("col_city", lang),
        "province": t("col_province", lang),
        "latitude": t("col_latitude", lang),
        "longitude": t("col_longitude", lang),
        "funding_eur": t("col_funding", lang),
    }
    for c in columns:
        if c.startswith(("funder_", "purpose_")):
            labels[c] = t(c, lang)
        elif c.endswith("__suppressed"):
            labels[c] = kpi_label(c.removesuffix("__suppressed"), lang) + " < 10"
        elif c not in labels:
            labels[c] = kpi_label(c, lang)
    return {c: labels[c] for c in columns}
