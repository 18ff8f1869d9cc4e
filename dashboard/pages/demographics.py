"""Who the guests are (directors, everyone): shares of guests over time nationally, per
province or for one centre, the population pyramid, and what changed in a year. Layout only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.metrics.filters import Filters, add_months
from dashboard.metrics.topics import CHANGE_SHARES, GRAINS, SINGLE_SHARES, SPLITS, TOPICS
from dashboard.present import charts
from dashboard.present.display import fmt_kpi, kpi_label
from dashboard.present.i18n import fmt_int, fmt_month, t
from dashboard.present.tiles import Tile, change
from dashboard.ui import cache, sidebar, widgets
from dashboard.ui.context import context

ctx = context()
wh, f, lang, cat = ctx.warehouse, ctx.filters, ctx.lang, ctx.catalog
place = cat.centres[f.centre].name if f.centre else f.province or t("all_provinces", lang)

st.title(t("demo_title", lang))
st.caption(t("demo_intro", lang))
a, b, c = st.columns([1, 2, 2])
grain = sidebar.url_option("grain", list(GRAINS), lang, container=a, kind="radio")
split = sidebar.url_option("split", list(SPLITS), lang, container=b, kind="radio")
first, last = cat.months[0], cat.months[-1]
grant = cache.kwf_grant_start(wh, wh.version, ctx.viewer).first_start
national = cache.demographic_trend(
    wh, wh.version, ctx.viewer, "national", ("NL",), grain, first, last
)

if split == "national":
    topic = sidebar.url_option("topic", list(TOPICS), lang, container=c)
    shares = TOPICS[topic]
    series = [(s, kpi_label(s, lang)) for s in shares]
    fig = charts.build_share_trend(
        national, series, t(f"topic_{topic}", lang), grant, (f.month_from, f.month_to), lang
    )
    shown = national.select("m_from", "m_to", "partial", *shares, *[f"{s}__n" for s in shares])
else:
    share = sidebar.url_option(
        "share", list(SINGLE_SHARES), lang, "share_pick", kpi_label, container=c
    )
    if split == "province":
        # every province a viewer may see: a coordinator only their own, when not small
        shown_areas = tuple(p for p in cat.provinces if p not in cat.hidden_areas)
        if not ctx.viewer.names_centres and not shown_areas:
            st.info(t("own_province_none", lang), icon=":material/lock:")
        elif not ctx.viewer.names_centres:
            st.caption(t("own_province_only", lang))
        elif cat.hidden_areas:
            st.caption(t("areas_hidden", lang, areas=", ".join(sorted(cat.hidden_areas))))
        if shown_areas:
            provinces = cache.demographic_trend(
                wh, wh.version, ctx.viewer, "province", shown_areas, grain, first, last
            )
            fig = charts.build_share_facets(
                provinces, national, share, kpi_label(share, lang), grant, lang
            )
            shown = provinces.select(
                "key", "m_from", "m_to", "partial", share, f"{share}__n", f"{share}__suppressed"
            )
        else:
            fig = None
    elif f.centre is None:
        fig = None
        st.info(t("split_centre_needs_centre", lang), icon=":material/touch_app:")
    else:
        own = cache.demographic_trend(
            wh, wh.version, ctx.viewer, "centre", (f.centre,), grain, first, last
        )
        both = own.select("m_from", "partial", pl.col(share).alias("centre")).join(
            national.select("m_from", pl.col(share).alias("national")), on="m_from", how="left"
        )
        fig = charts.build_share_trend(
            both,
            [("centre", cat.centres[f.centre].name), ("national", t("national", lang))],
            kpi_label(share, lang),
            grant,
            (f.month_from, f.month_to),
            lang,
        )
        shown = both
if fig is not None:
    widgets.chart(fig, shown, "demo_title", f"ipso_gasten_{split}_{grain}")
    if grain == "quarter":
        st.caption(t("partial_note", lang))

data = cache.demographics_page(wh, wh.version, ctx.viewer, f, cat.months[0])
period_kpis = data.period
st.caption(
    t(
        "unknown_note",
        lang,
        place=place,
        gender=fmt_kpi(
            "guests",
            period_kpis["share_female"].unknown,
            lang,
            period_kpis["share_female"].suppressed or period_kpis["share_female"].unknown is None,
        ),
        guests=fmt_kpi(
            "guests", period_kpis["guests"].value, lang, period_kpis["guests"].suppressed
        ),
        age=fmt_kpi(
            "guests",
            period_kpis["share_50_plus"].unknown,
            lang,
            period_kpis["share_50_plus"].suppressed or period_kpis["share_50_plus"].unknown is None,
        ),
    )
)

left, right = st.columns([2, 3])


def few(n: int | None) -> bool:
    return n is None  # fewer than 10: "< 10"


with left:
    frame, left_out = data.pyramid, data.left_out
    pyramid_fig = charts.build_pyramid(frame, lang)
    widgets.chart(pyramid_fig, frame, "pyramid_title", "ipso_piramide")
    st.caption(
        f"{place} · {fmt_month(f.month_from, lang)} – {fmt_month(f.month_to, lang)}. "
        + t(
            "pyramid_note",
            lang,
            other=fmt_kpi(
                "guests",
                left_out["gender_other_or_unknown"],
                lang,
                few(left_out["gender_other_or_unknown"]),
            ),
            age=fmt_kpi("guests", left_out["age_unknown"], lang, few(left_out["age_unknown"])),
            guests=fmt_int(left_out["guests"], lang),
        )
        if f.national or left_out["guests"] >= 10
        else f"{place}"
    )

with right:
    st.subheader(t("changed_title", lang))
    now = Filters(add_months(f.month_to, -11), f.month_to, f.province, f.centre)
    before = now.previous()
    if data.year_before is None:
        st.info(t("changed_unavailable", lang))
    else:
        k_now, k_before = data.year, data.year_before
        # two a row: three left the labels and the "within noise" hint clipped
        grid = [*st.columns(2), *st.columns(2), *st.columns(2)]
        rows = []
        for col, share in zip(grid, CHANGE_SHARES, strict=False):
            a_, b_ = k_now[share], k_before[share]
            diff = None if a_.value is None or b_.value is None else a_.value - b_.value
            widgets.tile(
                col,
                Tile(
                    kpi=share,
                    label=kpi_label(share, lang),
                    value=fmt_kpi(share, a_.value, lang, a_.suppressed),
                    change=change(share, a_, b_, 12, lang),
                    help=t(
                        "changed_from", lang, value=fmt_kpi(share, b_.value, lang, b_.suppressed)
                    ),
                    suppressed=a_.suppressed,
                ),
            )
            rows.append(
                {
                    "share": share,
                    "now": a_.value,
                    "before": b_.value,
                    "change": diff,
                    "n_now": a_.n,
                    "n_before": b_.n,
                }
            )
        st.caption(
            t(
                "changed_caption",
                lang,
                now_from=fmt_month(now.month_from, lang),
                now_to=fmt_month(now.month_to, lang),
                then_from=fmt_month(before.month_from, lang),
                then_to=fmt_month(before.month_to, lang),
            )
        )
        widgets.downloads(pl.DataFrame(rows), "changed_title", "ipso_veranderingen")
