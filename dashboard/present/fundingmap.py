"""Pure helpers of the funding page: the map's layer frames, tooltips, legend and tables."""

from __future__ import annotations

import html
import math

import polars as pl

from dashboard.metrics.coverage import RADII_KM
from dashboard.metrics.funding import FUNDERS
from dashboard.present.display import fmt_kpi, kpi_label
from dashboard.present.i18n import fmt_eur, fmt_int, fmt_pct, t
from dashboard.present.maps import colour_bins, province_cells

PURPOSES = ("paid_coordinator", "activities", "training", "awareness", "other")
MAX_RADIUS_M = 11_000
MIN_RADIUS_M = 1_500


def centre_layer(centres: pl.DataFrame, colour: str, lang: str) -> pl.DataFrame:
    """One row per centre: position, radius (area proportional to funding), colour by the
    chosen KPI (suppressed values grey) and an HTML tooltip (all text escaped)."""
    top = max(centres["funding_eur"].max() or 0.0, 1.0)
    colours, _ = colour_bins(centres[colour])
    tooltips = []
    for row in centres.iter_rows(named=True):
        lines = [
            f"<b>{html.escape(row['name'])}</b>",
            f"{html.escape(row['city'])}, {html.escape(row['province'])}",
            f"{t('tooltip_funding', lang)}: {fmt_eur(row['funding_eur'], lang)}",
        ]
        for funder in FUNDERS[1:]:
            value = row.get(f"funder_{funder}")
            if value:
                lines.append(f"&nbsp;· {t(f'funder_{funder}', lang)}: {fmt_eur(value, lang)}")
        for purpose in PURPOSES:
            value = row.get(f"purpose_{purpose}")
            if value:
                lines.append(f"&nbsp;· {t(f'purpose_{purpose}', lang)}: {fmt_eur(value, lang)}")
        for kpi in dict.fromkeys(("visits", "guests", colour)):
            lines.append(
                f"{kpi_label(kpi, lang)}: {fmt_kpi(kpi, row[kpi], lang, row[kpi + '__suppressed'])}"
            )
        tooltips.append("<br>".join(lines))
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
    colours, _ = colour_bins(provinces[measure])
    by_province = {
        p: (
            c,
            f"<b>{html.escape(p)}</b><br>{t(f'measure_{measure}', lang)}: "
            f"{fmt_eur(v, lang, digits=0 if measure == 'total' else 2)}",
        )
        for p, c, v in zip(provinces["province"], colours, provinces[measure], strict=True)
    }
    cells = province_cells().filter(pl.col("province").is_in(list(by_province)))
    return cells.with_columns(
        pl.col("province")
        .map_elements(lambda p: by_province[p][0], return_dtype=pl.List(pl.Int64))
        .alias("colour"),
        pl.col("province")
        .map_elements(lambda p: by_province[p][1], return_dtype=pl.String)
        .alias("tooltip"),
    )


def blind_layer(places: pl.DataFrame, lang: str) -> pl.DataFrame:
    return places.select(
        "latitude",
        "longitude",
        (pl.col("population").sqrt() * 25).clip(800, 9000).alias("radius_m"),
        pl.format(
            "<b>{}</b><br>{} " + t("col_population", lang).lower() + "<br>{} km",
            pl.col("name"),
            pl.col("population"),
            pl.col("nearest_km").round(0),
        ).alias("tooltip"),
    )


def legend_text(centres: pl.DataFrame, colour: str, funder: str, lang: str) -> str:
    _, edges = colour_bins(centres[colour])
    bins = " · ".join(fmt_kpi(colour, e, lang) for e in edges) if edges else "–"
    return (
        t("legend", lang, bins=f"{kpi_label(colour, lang)} {bins}")
        + " "
        + t("legend_size", lang, funder=funder)
    )


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
        "latitude": "lat",
        "longitude": "lon",
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
