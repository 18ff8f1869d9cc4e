"""Methodology: every definition, model and source behind the figures, generated from the
definitions and tables the computations use. Layout only."""

from __future__ import annotations

import streamlit as st

from dashboard.constants import MIN_COUNT, ROUND_TO
from dashboard.metrics.beforeafter import MIN_CONTROLS, WINDOW
from dashboard.metrics.coverage import RADII_KM
from dashboard.metrics.disclosure import MIN_AREA_CENTRES, MIN_PEERS
from dashboard.metrics.impact import BASELINE, EVENT_MONTHS, POST
from dashboard.metrics.value import ValueAssumptions
from dashboard.present.estimates import model_words
from dashboard.present.i18n import fmt_date, fmt_dec, fmt_int, t
from dashboard.present.methodology import kpi_definitions, sources_table
from dashboard.present.validation import load_validation, validation_table
from dashboard.reference import load_assumptions, load_places
from dashboard.ui import widgets
from dashboard.ui.context import context

ctx = context()
wh, lang = ctx.warehouse, ctx.lang
a = load_assumptions()
v = ValueAssumptions.published()

st.title(t("method_title", lang))
st.header(t("method_data", lang))
st.markdown(
    t(
        "method_data_text",
        lang,
        date=fmt_date(wh.ingested_on, lang),
        version=wh.version[:8],
        kind=t("method_synthetic" if wh.synthetic else "method_real", lang),
    )
)

st.header(t("method_kpis", lang))
st.markdown(t("method_kpis_text", lang))
# a static table: the definitions are long sentences that a scrolling grid would clip
st.table(kpi_definitions(lang), border="horizontal", hide_index=True)

st.header(t("method_event", lang))
st.markdown(
    t(
        "method_event_text",
        lang,
        first=EVENT_MONTHS[0],
        last=EVENT_MONTHS[-1],
        b0=BASELINE[0],
        b1=BASELINE[-1],
        p0=POST[0],
        p1=POST[-1],
    )
)

st.markdown(t("impact_crosscheck", lang))

st.header(t("method_validation", lang))
validation = load_validation()
if validation is None:
    st.info(t("method_validation_missing", lang))
else:
    meta = validation["meta"]
    missed = [k for k, ok in validation["verdict"].items() if not ok]
    st.markdown(
        t(
            "method_validation_text",
            lang,
            worlds=fmt_int(sum(meta["runs"].values()), lang),
            scale=fmt_dec(meta["scale"], 1, lang),
            s0=meta["seeds"][0],
            s1=meta["seeds"][1],
            date=meta["finished"],
            verdict=(
                t("method_validation_met", lang)
                if not missed
                else t("method_validation_missed", lang, which=", ".join(missed))
            ),
        )
    )
    table = validation_table(validation, lang)
    st.dataframe(table, hide_index=True, width="stretch")
    widgets.downloads(table, "method_validation", "ipso_validatie")

st.header(t("method_one_centre", lang))
st.markdown(
    t("method_one_centre_text", lang, w=WINDOW, controls=MIN_CONTROLS, n=MIN_COUNT)
    + "\n\n"
    + t("ba_method", lang)
)
st.markdown(t("progress_note", lang))

st.header(t("method_value", lang))
st.markdown(
    t(
        "method_value_text",
        lang,
        e_low=fmt_int(v.care_eur_low, lang),
        e_high=fmt_int(v.care_eur_high, lang),
        rtw=fmt_int(v.return_to_work_eur_high, lang),
        informal=fmt_int(a["ecorys_informal_care_eur"].value, lang),
        kwf=fmt_int(a["kwf_grant_total_eur"].value, lang),
        **model_words(v, lang),
    )
)

st.header(t("method_coverage", lang))
st.markdown(
    t(
        "method_coverage_text",
        lang,
        radii=", ".join(str(r) for r in RADII_KM),
        places=fmt_int(load_places().height, lang),
        p2022=fmt_int(a["prevalence_2022"].value, lang),
        p2030=fmt_int(a["prevalence_2030"].value, lang),
    )
)

st.header(t("method_privacy", lang))
st.markdown(t("method_privacy_text", lang, n=MIN_COUNT, r=ROUND_TO))
st.subheader(t("method_coordinator", lang))
st.markdown(
    t(
        "method_coordinator_text",
        lang,
        n=MIN_COUNT,
        r=ROUND_TO,
        peers=MIN_PEERS,
        areas=MIN_AREA_CENTRES,
    )
)

st.header(t("method_sources", lang))
table = sources_table(lang)
st.table(table, border="horizontal", hide_index=True)
widgets.downloads(table, "method_sources", "ipso_bronnen")
