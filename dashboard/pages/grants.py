"""Grants (grant managers): every grant searchable and filterable with totals and downloads,
in the spirit of 360Giving's GrantNav, and the KWF programme's progress. Layout only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import contract
from dashboard.metrics.grants import filter_grants, grant_totals
from dashboard.present.grantcharts import (
    build_coordinators_chart,
    build_money_chart,
    grants_display,
)
from dashboard.present.i18n import fmt_eur, fmt_int, fmt_month, t
from dashboard.ui import cache, sidebar, widgets
from dashboard.ui.context import context

ctx = context()
wh, f, lang, cat = ctx.warehouse, ctx.filters, ctx.lang, ctx.catalog
widgets.require(ctx.viewer.sees_grant_details, "page_grants")

st.title(t("grants_page_title", lang))
st.caption(t("grants_page_intro", lang))
grants = cache.grants_list(wh, wh.version, ctx.viewer)

labels = {code: t(f"funder_{code}", lang) for code in contract.FUNDERS} | {
    code: t(f"purpose_{code}", lang) for code in contract.PURPOSES
}
search = sidebar.url_text("q", t("grants_search", lang), placeholder=t("grants_search_hint", lang))
# One multi-choice per column of the list (URL key = column), offering only what the list holds:
# its options and how they read (codes in words, programmes as named).
offered = {
    "funder": ([x for x in contract.FUNDERS if x in set(grants["funder"])], labels.get),
    "programme": (sorted(set(grants["programme"])), str),
    "purpose": ([x for x in contract.PURPOSES if x in set(grants["purpose"])], labels.get),
}
chosen = {
    column: sidebar.url_multi(column, t(f"col_{column}", lang), options, fmt, lang, container=where)
    for (column, (options, fmt)), where in zip(offered.items(), st.columns(3), strict=True)
}
in_period = (
    sidebar.url_option("running", ["all", "period"], lang, words="grants_running") == "period"
)
shown = filter_grants(
    grants,
    search=search,
    funders=chosen["funder"],
    programmes=chosen["programme"],
    purposes=chosen["purpose"],
    centre=f.centre,
    province=f.province,
    active_from=f.period_start if in_period else None,
    active_to=f.period_end if in_period else None,
    labels=labels,
)
if f.centre or f.province:
    place = cat.centres[f.centre].name if f.centre else f.province
    st.info(t("grants_place_filter", lang, place=place), icon=":material/filter_alt:")

total, per_funder = grant_totals(shown)
m = st.columns(4)
m[0].metric(t("grants_n", lang), fmt_int(total["grants"], lang), border=True)
m[1].metric(t("grants_amount", lang), fmt_eur(total["amount_eur"], lang), border=True)
m[2].metric(t("grants_centres", lang), fmt_int(total["centres"], lang), border=True)
m[3].metric(t("grants_national", lang), fmt_int(total["national"], lang), border=True)

st.dataframe(grants_display(shown, lang), hide_index=True, width="stretch", height=420)
widgets.downloads(shown, "grants_page_title", f"ipso_subsidies_{f.key}")
st.markdown(f"**{t('grants_per_funder', lang)}**")
st.dataframe(
    pl.DataFrame(
        {
            t("col_funder", lang): [labels[x] for x in per_funder["funder"]],
            t("grants_n", lang): [fmt_int(x, lang) for x in per_funder["grants"]],
            t("col_amount", lang): [fmt_eur(x, lang) for x in per_funder["amount_eur"]],
            t("grants_centres", lang): [fmt_int(x, lang) for x in per_funder["centres"]],
        }
    ),
    hide_index=True,
)

st.header(t("progress_title", lang))
progress = cache.kwf_progress(wh, wh.version, ctx.viewer, cat.months[-1])
if progress.height == 0:
    st.info(t("progress_none", lang))
else:
    grant = cache.kwf_grant_start(wh, wh.version, ctx.viewer)
    last = progress.row(-1, named=True)
    st.markdown(
        t(
            "progress_line",
            lang,
            month=fmt_month(last["month"], lang),
            in_post=fmt_int(last["coordinators_in_post"], lang),
            planned=fmt_int(last["planned"], lang),
            committed=fmt_eur(last["committed_eur"], lang),
            spent=fmt_eur(last["spent_eur"], lang),
        )
    )
    left, right = st.columns(2)
    people = build_coordinators_chart(progress, grant.first_start, lang)
    money = build_money_chart(progress, grant.first_start, lang)
    left.plotly_chart(people, width="stretch", config={"displaylogo": False})
    right.plotly_chart(money, width="stretch", config={"displaylogo": False})
    widgets.downloads(progress, "progress_title", "ipso_kwf_voortgang")
    st.caption(t("progress_note", lang))
