"""Where the money lands (grant managers): the funding map, funding per province, the reach of
the centres and its blind spots, and the grants over time. Layout only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.metrics import coverage
from dashboard.metrics.funding import (
    FUNDERS,
    MEASURES,
    national_share,
    per_centre,
    per_province,
    select_funder,
)
from dashboard.present import charts, maps
from dashboard.present.display import kpi_label
from dashboard.present.fundingmap import (
    blind_layer,
    centre_layer,
    coverage_display,
    map_legend_html,
    map_table,
    map_table_labels,
    province_layer,
    province_legend_html,
    size_examples,
)
from dashboard.present.i18n import fmt_eur, fmt_eur_short, fmt_int, t
from dashboard.present.tables import display_frame
from dashboard.reference import load_assumptions
from dashboard.ui import cache, sidebar, widgets
from dashboard.ui.context import context

COLOUR_KPIS = ("visits", "guests", "funding_per_visit_eur", "share_male", "share_youth")
LAYERS = ("none", "provinces", "blind_spots")

ctx = context()
wh, f, lang, cat = ctx.warehouse, ctx.filters, ctx.lang, ctx.catalog
assumptions = load_assumptions()
prevalence = {
    "2022": assumptions["prevalence_2022"].value,
    "2030": assumptions["prevalence_2030"].value,
}


def funder_label(x: str) -> str:
    return t("funder_all" if x == "all" else f"funder_{x}", lang)


st.title(t("funding_title", lang))
st.caption(t("funding_intro", lang))
c1, c2, c3, c4 = st.columns(4)
funder = sidebar.url_choice(
    "funder", t("funder", lang), list(FUNDERS), funder_label, lang, container=c1
)
colour = sidebar.url_option("colour", list(COLOUR_KPIS), lang, "colour_by", kpi_label, container=c2)
measure = sidebar.url_option("measure", list(MEASURES), lang, container=c3)
# a coordinator gets no blind-spot points: places beyond 20 km, and those not shown, would
# trilaterate the centres
layers = [x for x in LAYERS if ctx.viewer.names_centres or x != "blind_spots"]
layer = sidebar.url_option("layer", layers, lang, container=c4)

data = cache.funding_page(wh, wh.version, ctx.viewer, f)
all_rows, table = data.rows, data.table
rows = select_funder(all_rows, funder)
places = cache.places(wh, wh.version, ctx.viewer)
in_view = table if f.province is None else table.filter(pl.col("province") == f.province)
# a coordinator's table has no location for other centres: only their own is drawn
in_view = in_view.filter(pl.col("latitude").is_not_null())
centres = in_view.join(per_centre(rows), on="centre_id", how="left").with_columns(
    pl.col("funding_eur").fill_null(0.0)
)

# The KWF programme: the national share stands apart, so the parts add up to the programme.
timeline, programmes = cache.funding_timeline(wh, wh.version, ctx.viewer)
kwf = programmes.filter(pl.col("funder") == "kwf")
if kwf.height:
    k = kwf.select(pl.col("total_eur", "to_centres_eur", "national_eur").sum()).row(0, named=True)
    st.info(
        t(
            "kwf_totals",
            lang,
            total=fmt_eur(k["total_eur"], lang),
            centres=fmt_eur(k["to_centres_eur"], lang),
            n=fmt_int(kwf["centres_funded"].sum(), lang),
            national=fmt_eur(k["national_eur"], lang),
            check=fmt_eur(k["to_centres_eur"] + k["national_eur"], lang),
        ),
        icon=":material/euro:",
    )
in_centres = float(
    rows.filter(
        pl.col("centre_id").is_not_null()
        & (pl.col("province") == f.province if f.province else pl.lit(True))
    )["funding_eur"].sum()
)
st.markdown(
    t(
        "period_funding",
        lang,
        centres=fmt_eur(in_centres, lang),
        funder=funder_label(funder),
        national=fmt_eur(national_share(rows) if f.national else 0.0, lang),
    )
)

# a coordinator sees no figure of a province with few centres (it would be a peer's funding)
provinces = per_province(rows, places, prevalence).filter(
    ~pl.col("province").is_in(sorted(cat.hidden_areas))
)
nearest = cache.nearest_places(wh, wh.version, ctx.viewer, f.period_end)
extra_province = province_layer(provinces, measure, lang) if layer == "provinces" else None
extra_blind = (
    blind_layer(nearest.filter(pl.col("nearest_km") > 20), lang) if layer == "blind_spots" else None
)
layer_frame = centre_layer(centres, colour, lang)
st.pydeck_chart(
    maps.build_funding_deck(layer_frame, extra_province, extra_blind),
    height=620,
)
st.html(
    map_legend_html(
        centres, colour, funder_label(funder), lang, size_examples(centres["funding_eur"])
    )
)
if layer == "provinces":
    st.html(province_legend_html(provinces, measure, lang))
if not ctx.viewer.names_centres:
    st.caption(t("coordinator_map_note", lang))
if cat.hidden_areas:
    st.caption(t("areas_hidden", lang, areas=", ".join(sorted(cat.hidden_areas))))

st.subheader(t("map_table_title", lang))
listing = map_table(centres, colour)
on_screen = listing.drop("latitude", "longitude", *[c for c in listing.columns if "__" in c])
st.dataframe(
    display_frame(on_screen, lang, headers=map_table_labels(on_screen.columns, lang)),
    hide_index=True,
    width="stretch",
    height=300,
)
st.caption(t("dash_suppressed", lang))
widgets.downloads(
    listing,
    "map_table_title",
    f"ipso_financiering_{funder}_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}",
)

left, right = st.columns(2)
with left:
    fmt = (
        (lambda v: fmt_eur_short(v, lang))
        if measure == "total"
        else (lambda v: fmt_eur(v, lang, digits=2))
    )
    st.subheader(t("province_heading", lang))
    province_fig = charts.build_province_bars(
        provinces, measure, t(f"measure_{measure}", lang), fmt, lang
    )
    widgets.chart(
        province_fig, provinces, "province_heading", f"ipso_financiering_provincies_{funder}"
    )
    st.caption(
        t(
            "prevalence_note",
            lang,
            p2022=fmt_int(prevalence["2022"], lang),
            p2030=fmt_int(prevalence["2030"], lang),
            source="; ".join(
                dict.fromkeys(assumptions[k].source for k in ("prevalence_2022", "prevalence_2030"))
            ),
        )
    )
with right:
    st.subheader(t("coverage_title", lang))
    reach = coverage.coverage(nearest, prevalence, t("national", lang)).filter(
        ~pl.col("area").is_in(sorted(cat.hidden_areas))
    )
    st.dataframe(coverage_display(reach, lang), hide_index=True, width="stretch")
    st.caption(t("coverage_note", lang))
    widgets.downloads(reach, "coverage_title", "ipso_bereik")
    st.markdown(f"**{t('blind_title', lang)}**")
    if ctx.viewer.names_centres:
        blind = coverage.blind_spots(nearest, 20)
        st.dataframe(
            pl.DataFrame(
                {
                    t("col_place", lang): blind["name"],
                    t("col_province", lang): blind["province"],
                    t("col_population", lang): [fmt_int(v, lang) for v in blind["population"]],
                    t("col_distance", lang): [fmt_int(v, lang) for v in blind["nearest_km"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        bands = coverage.distance_bands(nearest)
        st.dataframe(
            pl.DataFrame(
                {
                    t("col_distance_band", lang): [
                        t("band_km", lang, a=a, b=b) if b else t("band_km_beyond", lang, a=a)
                        for a, b in zip(bands["from_km"], bands["to_km"], strict=True)
                    ],
                    t("col_places", lang): [fmt_int(v, lang) for v in bands["places"]],
                    t("col_population", lang): [fmt_int(v, lang) for v in bands["population"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(t("blind_bands_note", lang))

labels = {x: funder_label(x) for x in FUNDERS}
grant = cache.kwf_grant_start(wh, wh.version, ctx.viewer)
timeline_fig = charts.build_funding_timeline(
    timeline, grant.total_eur, grant.first_start, labels, lang
)
widgets.chart(timeline_fig, timeline, "timeline_title", "ipso_subsidies_per_maand")
