"""Overview (directors): national KPI tiles with change, visits and guests over time with the KWF
grant start, survey headline rates, funding and the societal-value range. Layout only."""

from __future__ import annotations

import streamlit as st

from dashboard.metrics.filters import period_presets
from dashboard.present import charts
from dashboard.present.display import fmt_kpi
from dashboard.present.estimates import count_range, eur_range
from dashboard.present.i18n import (
    fmt_date,
    fmt_eur,
    fmt_eur_short,
    fmt_int,
    fmt_month,
    t,
)
from dashboard.present.keymessages import key_messages
from dashboard.present.overview import kpi_table, survey_months_note, survey_rates
from dashboard.present.tiles import tiles
from dashboard.reference import assumption
from dashboard.ui import cache, widgets
from dashboard.ui.context import context

ctx = context()
wh, f, lang = ctx.warehouse, ctx.filters, ctx.lang
cat = ctx.catalog

place = (
    f"{cat.centres[f.centre].name} ({cat.centres[f.centre].city})"
    if f.centre
    else f.province or t("all_provinces", lang)
)
st.title(t("overview_title", lang))
st.markdown(
    f"**{place}** · {fmt_month(f.month_from, lang)} – {fmt_month(f.month_to, lang)} "
    f"({t('months_n', lang, n=f.n_months)})"
)

widgets.boardpack_button()
data = cache.overview_page(wh, wh.version, ctx.viewer, f, cat.months[0], cat.months[-1])
current, previous = data.current, data.previous
k = current.kpis

# Three key messages first, in words, from the same figures as the tiles below.
with st.container(border=True):
    st.markdown(f"**{t('key_messages_title', lang)}**")
    studies = cache.event_studies(wh, wh.version, ctx.viewer)
    for message in key_messages(current, previous, studies, place, lang):
        st.markdown(f"- {message}")
grant = cache.kwf_grant_start(wh, wh.version, ctx.viewer)
if period_presets(cat.months, grant.first_start).get("grant_after") == (f.month_from, f.month_to):
    st.caption(t("preset_grant_after_note", lang))

columns = [*st.columns(4), *st.columns(4)]
for col, tile in zip(columns, tiles(current, previous, lang), strict=True):
    widgets.tile(col, tile)
if previous is None:
    st.caption(t("change_outside_data", lang))
else:
    st.caption(t("tiles_change_note", lang, n=f.n_months))
if any(kpi.suppressed for kpi in k.values()):
    st.caption(t("suppressed_note", lang))

# Societal value and funding: one line each, labelled as estimate and with the source.
value = current.societal_value
with st.container(border=True):
    st.markdown(f"**{t('value_title', lang)}**")
    if value is None:
        st.markdown(t("value_suppressed", lang))
    else:
        st.markdown(
            t(
                "value_line",
                lang,
                consultations=count_range(
                    value["avoided_consultations"]["low"],
                    value["avoided_consultations"]["high"],
                    lang,
                ),
                care=eur_range(
                    value["avoided_care_eur"]["low"], value["avoided_care_eur"]["high"], lang
                ),
                rtw=fmt_eur_short(value["return_to_work_eur_up_to"], lang),
            )
        )
        st.caption(
            t(
                "value_method",
                lang,
                visits=fmt_int(value["visits"], lang),
                ref=fmt_int(assumption("ecorys_reference_visits"), lang),
                source=value["source"],
            )
        )
    per_visit = k["funding_per_visit_eur"]
    st.markdown(
        t(
            "funding_line",
            lang,
            total=fmt_eur(k["funding_eur"].value, lang),
            kwf=fmt_eur(k["funding_kwf_eur"].value, lang),
            per_visit=fmt_kpi("funding_per_visit_eur", per_visit.value, lang, per_visit.suppressed),
        )
    )
    if not f.national:
        st.caption(t("funding_national_note", lang))

left, right = st.columns([3, 2])
with left:
    trend = data.trend
    grant = cache.kwf_grant_start(wh, wh.version, ctx.viewer)
    fig = charts.build_trend_chart(
        trend,
        grant.first_start,
        (f.month_from, f.month_to),
        lang,
        incomplete=cache.incomplete_months(wh, wh.version, ctx.viewer, f),
    )
    widgets.chart(fig, trend, "trend_title", f"ipso_maandcijfers_{f.key}")
    if trend["suppressed"].any():
        st.caption(t("trend_suppressed", lang))
with right:
    rates = survey_rates(k, lang)
    survey_fig = charts.build_survey_chart(rates, lang)
    widgets.chart(survey_fig, rates, "survey_title", f"ipso_gastenonderzoek_{f.key}")
    st.caption(t("survey_note", lang))
    quarters = survey_months_note(f, lang)
    if quarters:
        st.caption(quarters)
    st.markdown(f"**{t('kpi_table_title', lang)}**")
    widgets.downloads(
        kpi_table(current),
        "overview_title",
        f"ipso_kerncijfers_{f.key}_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}",
    )

st.caption(t("source_footer", lang, date=fmt_date(wh.ingested_on, lang), version=wh.version[:8]))
