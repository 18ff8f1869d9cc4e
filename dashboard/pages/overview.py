"""Overview (directors): national KPI tiles with change, visits and guests over time with the KWF
grant start, survey headline rates, funding and the societal-value range. Layout only."""

from __future__ import annotations

import streamlit as st

from dashboard.metrics.kpis import Kpi
from dashboard.present import charts
from dashboard.present.i18n import (
    fmt_date,
    fmt_dec,
    fmt_eur,
    fmt_eur_short,
    fmt_int,
    fmt_month,
    fmt_pct,
    t,
)
from dashboard.present.overview import delta_text, kpi_table, survey_rates
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
current = cache.kpis(wh, wh.version, ctx.viewer, f)
prev_filters = f.previous()
previous = (
    cache.kpis(wh, wh.version, ctx.viewer, prev_filters)
    if prev_filters.month_from >= cat.months[0]
    else None
)
k = current.kpis


def tile(col, label: str, kpi: Kpi, shown: str, help_text: str, name: str) -> None:
    delta = delta_text(name, kpi, previous.kpis[name] if previous else None, f.n_months, lang)
    col.metric(label, shown, delta=delta, help=help_text, border=True)


def show(kpi: Kpi, fmt) -> str:
    if kpi.suppressed:
        return t("suppressed", lang)
    return "–" if kpi.value is None else fmt(kpi.value)


row1 = st.columns(4)
row2 = st.columns(4)
tile(
    row1[0],
    t("kpi_centres", lang),
    k["centres"],
    show(k["centres"], fmt_int),
    t("help_centres", lang),
    "centres",
)
tile(
    row1[1],
    t("kpi_visits", lang),
    k["visits"],
    show(k["visits"], fmt_int),
    t("help_visits", lang),
    "visits",
)
tile(
    row1[2],
    t("kpi_guests", lang),
    k["guests"],
    show(k["guests"], fmt_int),
    t("help_guests", lang),
    "guests",
)
tile(
    row1[3],
    t("kpi_new_guests", lang),
    k["new_guests"],
    show(k["new_guests"], fmt_int),
    t("help_new_guests", lang),
    "new_guests",
)
tile(
    row2[0],
    t("kpi_volunteers", lang),
    k["volunteers"],
    show(k["volunteers"], fmt_int),
    t("help_volunteers", lang, year=current.staffing_year or "–"),
    "volunteers",
)
tile(
    row2[1],
    t("kpi_paid_coordinators", lang),
    k["paid_coordinators"],
    show(k["paid_coordinators"], fmt_int),
    t("help_paid_coordinators", lang, fte=fmt_dec(k["paid_fte"].value or 0, 1, lang)),
    "paid_coordinators",
)
tile(
    row2[2],
    t("kpi_rating_mean", lang),
    k["rating_mean"],
    show(k["rating_mean"], lambda v: fmt_dec(v, 1, lang)),
    t(
        "help_rating",
        lang,
        n=fmt_int(k["rating_mean"].n or 0, lang),
        share=show(k["rating_8_plus"], lambda v: fmt_pct(v, 0, lang)),
    ),
    "rating_mean",
)
tile(
    row2[3],
    t("kpi_qol", lang),
    k["quality_of_life_improved"],
    show(k["quality_of_life_improved"], lambda v: fmt_pct(v, 0, lang)),
    t("help_qol", lang, n=fmt_int(k["quality_of_life_improved"].n or 0, lang)),
    "quality_of_life_improved",
)
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
                c_low=fmt_int(value["avoided_consultations"]["low"], lang),
                c_high=fmt_int(value["avoided_consultations"]["high"], lang),
                e_low=fmt_eur_short(value["avoided_care_eur"]["low"], lang),
                e_high=fmt_eur_short(value["avoided_care_eur"]["high"], lang),
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
            per_visit=show(per_visit, lambda v: fmt_eur(v, lang, digits=2)),
        )
    )
    if not f.national:
        st.caption(t("funding_national_note", lang))

left, right = st.columns([3, 2])
with left:
    trend = cache.visits_by_month(wh, wh.version, ctx.viewer, f, cat.months[0], cat.months[-1])
    grant = cache.kwf_grant_start(wh, wh.version, ctx.viewer)
    fig = charts.build_trend_chart(
        trend,
        grant.first_start,
        (f.month_from, f.month_to),
        lang,
        incomplete=cache.incomplete_months(wh, wh.version, ctx.viewer),
    )
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
    if trend["suppressed"].any():
        st.caption(t("trend_suppressed", lang))
    widgets.downloads(
        trend,
        key="dl_trend",
        stem=f"ipso_maandcijfers_{f.key}",
        title=t("trend_title", lang),
        fig=fig,
    )
with right:
    rates = survey_rates(k, lang)
    survey_fig = charts.build_survey_chart(rates, lang)
    st.plotly_chart(survey_fig, width="stretch", config={"displaylogo": False})
    st.caption(t("survey_note", lang))
    widgets.downloads(
        rates,
        key="dl_survey",
        stem=f"ipso_gastenonderzoek_{f.key}",
        title=t("survey_title", lang),
        fig=survey_fig,
    )
    st.markdown(f"**{t('kpi_table_title', lang)}**")
    widgets.downloads(
        kpi_table(current),
        key="dl_kpis",
        stem=f"ipso_kerncijfers_{f.key}_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}",
        title=t("overview_title", lang),
    )

st.caption(t("source_footer", lang, date=fmt_date(wh.ingested_on, lang), version=wh.version[:8]))
