"""Centres (coordinators, grant managers): one centre against its peers, a ranking of all
centres, the centre's trend and profile, and a table of all centres. Layout only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.metrics.beforeafter import MIN_CONTROLS
from dashboard.metrics.disclosure import MIN_PEERS
from dashboard.metrics.filters import add_months
from dashboard.metrics.ownview import months_since, percentile, year_before
from dashboard.metrics.peers import comparison, peer_groups, peer_ids, rank_kpis
from dashboard.present import charts
from dashboard.present.display import centre_name, fmt_kpi, kpi_label
from dashboard.present.i18n import fmt_date, fmt_eur, fmt_int, fmt_month, t
from dashboard.present.links import centre_link_prefix
from dashboard.present.overview import survey_months_note
from dashboard.present.ownview import before_after_display, percentile_sentence, year_table
from dashboard.present.tables import display_frame
from dashboard.ui import cache, sidebar, widgets
from dashboard.ui.context import context

ctx = context()
wh, f, lang, cat = ctx.warehouse, ctx.filters, ctx.lang, ctx.catalog

st.title(t("centres_title", lang))
st.markdown(
    f"{fmt_month(f.month_from, lang)} – {fmt_month(f.month_to, lang)} "
    f"({t('months_n', lang, n=f.n_months)})"
)
own_province = cat.centres[ctx.viewer.centre].province if ctx.viewer.centre else None
groups = peer_groups(ctx.viewer.names_centres, own_province not in cat.hidden_areas)
kpis_offered = rank_kpis(ctx.viewer.names_centres)

left, right = st.columns(2)
group = sidebar.url_choice(
    "peers",
    t("peer_group", lang),
    list(groups),
    lambda g: t(f"peers_{g}", lang),
    lang,
    container=left,
)
kpi = sidebar.url_option("kpi", list(kpis_offered), lang, "ranking_kpi", kpi_label, container=right)
if ctx.viewer.names_centres:  # a coordinator is not offered size or urbanisation peers
    st.caption(t("peers_explained", lang))
data = cache.centres_page(wh, wh.version, ctx.viewer, f, group, cat.months[0], cat.months[-1])
table = data.table

centre = f.centre if f.centre in table["centre_id"].to_list() else None
ranked = table
if centre is None:
    st.info(t("pick_centre", lang), icon=":material/touch_app:")
else:
    row = table.filter(pl.col("centre_id") == centre).row(0, named=True)
    peers = peer_ids(table, centre, group)
    ranked = table.filter(pl.col("centre_id").is_in([centre, *peers]))
    st.header(f"{row['name']}")
    widgets.boardpack_button()
    st.markdown(
        t(
            "profile_line",
            lang,
            city=row["city"],
            province=row["province"],
            opened=fmt_date(row["opened_on"], lang),
            population=fmt_int(row["population"] or 0, lang),
            urbanisation=t(f"urbanisation_{row['urbanisation']}", lang),
            coordinator=fmt_date(row["coordinator_start"], lang)
            if row["coordinator_start"]
            else t("no_coordinator", lang),
        )
    )
    # "How are we doing": the same period a year before, the percentile among comparable
    # centres, the months since the coordinator started.
    st.subheader(t("own_title", lang))
    own_now = cache.kpis(wh, wh.version, ctx.viewer, f)
    f_before = year_before(f)
    own_before = (
        cache.kpis(wh, wh.version, ctx.viewer, f_before)
        if f_before.month_from >= cat.months[0]
        else None
    )
    year = year_table(own_now.kpis, own_before.kpis if own_before else None, lang)
    st.dataframe(year, hide_index=True, width="stretch")
    if own_before is None:
        st.caption(t("own_year_before_missing", lang))
    widgets.downloads(year, "own_title", f"ipso_jaar_eerder_{centre}")
    st.markdown(
        percentile_sentence(row["name"], kpi, percentile(table, centre, peers, kpi), group, lang)
    )
    since = months_since(row["coordinator_start"], cat.months[-1])
    st.markdown(
        t(
            "own_months_since",
            lang,
            date=fmt_date(row["coordinator_start"], lang),
            n=since,
            last=fmt_month(cat.months[-1], lang),
        )
        if since is not None
        else t("own_no_coordinator", lang)
    )

    st.subheader(t("ba_title", lang))
    ba = cache.before_after(wh, wh.version, ctx.viewer, centre, cat.months[-1])
    if ba is None:
        st.info(t("ba_none", lang))
    elif ba.height == 0:
        st.info(t("ba_no_controls", lang, n=MIN_CONTROLS))
    else:
        first = ba.row(0, named=True)
        st.markdown(
            t(
                "ba_intro",
                lang,
                b_from=fmt_month(first["before_from"], lang),
                b_to=fmt_month(add_months(first["coordinator_month"], -1), lang),
                a_from=fmt_month(first["coordinator_month"], lang),
                a_to=fmt_month(first["after_to"], lang),
                n=first["controls"],
            )
        )
        if ba["suppressed"].any():
            st.warning(t("ba_small_warning", lang), icon=":material/warning:")
        unclear = ba.filter(~pl.col("suppressed") & pl.col("unclear")).height
        if unclear:
            st.warning(
                t("ba_unclear_warning", lang, n=unclear, total=ba.height),
                icon=":material/help:",
            )
        st.dataframe(before_after_display(ba, lang), hide_index=True, width="stretch")
        st.caption(t("ba_method", lang))
        widgets.downloads(ba, "ba_title", f"ipso_voor_na_{centre}")

    if not peers:
        st.warning(t("no_peers", lang))
    else:
        st.subheader(t("comparison_title", lang))
        st.caption(t("peers_count", lang, n=len(peers)) + " · " + t(f"peers_{group}", lang))
        comp = comparison(table, centre, peers, kpis_offered)
        too_few = t("too_few_peers", lang, n=MIN_PEERS)
        shown = pl.DataFrame(
            {
                t("col_kpi", lang): [kpi_label(k, lang) for k in comp["kpi"]],
                t("col_centre", lang): [
                    t("too_few_responses", lang)
                    if s and k in ("rating_mean", "quality_of_life_improved")
                    else fmt_kpi(k, v, lang, s)
                    for k, v, s in zip(comp["kpi"], comp["value"], comp["suppressed"], strict=True)
                ],
                t("col_median", lang): [
                    too_few if v is None else fmt_kpi(k, v, lang)
                    for k, v in zip(comp["kpi"], comp["peer_median"], strict=True)
                ],
                t("col_band", lang): [
                    too_few if lo is None else f"{fmt_kpi(k, lo, lang)} – {fmt_kpi(k, hi, lang)}"
                    for k, lo, hi in zip(
                        comp["kpi"], comp["peer_p25"], comp["peer_p75"], strict=True
                    )
                ],
                t("col_rank", lang): [
                    f"{r} / {o}" if r is not None else "–"
                    for r, o in zip(comp["rank"], comp["of"], strict=True)
                ],
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch")
        widgets.downloads(
            comp,
            "comparison_title",
            f"ipso_vergelijking_{centre}_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}",
        )
        grant = cache.kwf_grant_start(wh, wh.version, ctx.viewer)
        trend = data.trend
        trend_fig = charts.build_centre_trend(
            trend, row["name"], grant.first_start, row["coordinator_start"], lang
        )
        widgets.chart(trend_fig, trend, "centre_trend_title", f"ipso_trend_{centre}")
        if trend["peer_median"].is_null().all():
            st.caption(too_few)

st.subheader(t("ranking_title", lang, kpi=kpi_label(kpi, lang).lower()))
ranking_fig = charts.build_ranking_chart(
    ranked,
    kpi,
    centre,
    kpi_label(kpi, lang),
    lambda v: fmt_kpi(kpi, v, lang),
    lang,
    label_of=lambda name, city: centre_name(name, city, lang),
)
ranking_columns = [
    "centre_id",
    "name",
    "city",
    "province",
    kpi,
    f"{kpi}__n",
    f"{kpi}__suppressed",
] + [c for c in (f"{kpi}__lo", f"{kpi}__hi") if c in ranked.columns]
widgets.chart(
    ranking_fig,
    ranked.select(ranking_columns).sort(kpi, descending=True, nulls_last=True),
    "ranking_title",
    f"ipso_rangschikking_{kpi}",
    title=t("ranking_title", lang, kpi=kpi_label(kpi, lang).lower()),
)
# whiskers are drawn for shares only: the note says so only where there are some
st.caption(t("ranking_note" if f"{kpi}__lo" in ranked.columns else "ranking_note_counts", lang))

if centre is not None:
    st.subheader(t("profile_title", lang))
    staffing, grants = data.staffing, data.grants
    a, b = st.columns([2, 3])
    a.markdown(f"**{t('staffing_title', lang)}**")
    a.dataframe(display_frame(staffing, lang), hide_index=True, width="stretch")
    widgets.downloads(staffing, "staffing_title", f"ipso_bezetting_{centre}", container=a)
    b.markdown(f"**{t('grants_title', lang)}**")
    if grants is None:
        b.info(t("grants_restricted", lang))
    else:
        b.dataframe(
            pl.DataFrame(
                {
                    t("col_funder", lang): [t(f"funder_{x}", lang) for x in grants["funder"]],
                    t("col_programme", lang): grants["programme"],
                    t("col_purpose", lang): [t(f"purpose_{x}", lang) for x in grants["purpose"]],
                    t("col_amount", lang): [fmt_eur(x, lang) for x in grants["amount_eur"]],
                    t("col_start", lang): [fmt_date(d, lang) for d in grants["start_on"]],
                    t("col_end", lang): [fmt_date(d, lang) for d in grants["end_on"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        widgets.downloads(grants, "grants_title", f"ipso_subsidies_{centre}", container=b)

st.subheader(t("table_title", lang))
# Every parameter of this view (language, demo viewer, period, page choices) stays in the link.
link = centre_link_prefix(st.query_params.to_dict(), peers=group, kpi=kpi)
columns = ["name", "city", "province", *kpis_offered]
listing = display_frame(
    # a plain list, not map_elements: a Python function inside polars' thread pool can deadlock
    # a server with many sessions (see the load test in the README)
    table.select(*columns).with_columns(
        pl.Series("name", [centre_name(n, None, lang) for n in table["name"]], dtype=pl.String)
    ),
    lang,
    kinds={c: f"kpi:{c}" for c in kpis_offered},
).with_columns(
    table.select(
        pl.when(
            pl.lit(ctx.viewer.names_centres) | (pl.col("centre_id") == (ctx.viewer.centre or ""))
        )
        .then(pl.lit(link) + pl.col("centre_id"))
        .otherwise(None)
    )
    .to_series()
    .alias(t("col_link", lang))
)
config = {
    t("col_link", lang): st.column_config.LinkColumn(
        t("col_link", lang), display_text=t("link_text", lang)
    ),
}
st.dataframe(listing, hide_index=True, width="stretch", column_config=config, height=420)
st.caption(t("table_note", lang))
for note in (
    survey_months_note(f, lang, per_centre=True),
    None
    if ctx.viewer.names_centres
    else t("peers_established", lang, month=fmt_month(cat.months[0], lang)),
):
    if note:
        st.caption(note)
widgets.downloads(
    table.select("centre_id", *columns, *[f"{c}__suppressed" for c in columns[3:]]),
    "table_title",
    f"ipso_centra_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}",
)
