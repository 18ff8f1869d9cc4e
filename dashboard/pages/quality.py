"""Data quality (grant managers, national): how fresh each centre's data is, which months are
incomplete, and what the last ingest set aside and why. Layout only."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.present import charts
from dashboard.present.i18n import fmt_date, fmt_int, fmt_month, t
from dashboard.ui import cache, widgets
from dashboard.ui.context import context

ctx = context()
wh, lang = ctx.warehouse, ctx.lang
widgets.require(ctx.viewer.sees_data_quality, "page_quality")
centres, months, report = cache.data_quality(wh, wh.version, ctx.viewer)

st.title(t("dq_title", lang))
st.markdown(
    t("dq_intro", lang, date=fmt_date(wh.ingested_on, lang), as_of=wh.meta.get("as_of", "?"))
)

st.subheader(t("dq_ingest_title", lang))
totals = report.filter(pl.col("reason").is_null())
st.dataframe(
    pl.DataFrame(
        {
            t("dq_table", lang): [t(f"table_{x}", lang) for x in totals["table_name"]],
            t("dq_files", lang): [fmt_int(v, lang) for v in totals["files"]],
            t("dq_read", lang): [fmt_int(v, lang) for v in totals["rows_read"]],
            t("dq_loaded", lang): [fmt_int(v, lang) for v in totals["rows_loaded"]],
            t("dq_quarantined", lang): [fmt_int(v, lang) for v in totals["rows_quarantined"]],
        }
    ),
    hide_index=True,
    width="stretch",
)
reasons = report.filter(pl.col("reason").is_not_null())
if reasons.height:
    st.markdown(f"**{t('dq_reasons', lang)}**")
    st.dataframe(
        pl.DataFrame(
            {
                t("dq_table", lang): [t(f"table_{x}", lang) for x in reasons["table_name"]],
                t("dq_reason", lang): reasons["reason"],
                t("dq_rows", lang): [fmt_int(v, lang) for v in reasons["rows_quarantined"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("dq_quarantine_where", lang))
else:
    st.success(t("dq_nothing_quarantined", lang), icon=":material/check_circle:")
widgets.downloads(report, "dq_ingest_title", "ipso_inlezen")

st.subheader(t("dq_months_title", lang))
fig = charts.build_completeness_chart(months, lang)
widgets.chart(fig, months, "dq_months_title", "ipso_maanden")
incomplete = months.filter(pl.col("incomplete"))
st.caption(
    t(
        "dq_months_note",
        lang,
        n=incomplete.height,
        months=", ".join(fmt_month(m, lang) for m in incomplete["month"].to_list()[-12:]) or "–",
    )
)

st.subheader(t("dq_centres_title", lang))
# Formatted in Python over the column's values, not with map_elements: a Python function
# inside polars' thread pool can deadlock a server with many sessions (see fundingmap.py).
last_months = [fmt_month(d, lang) if d is not None else None for d in centres["last_month"]]
missing = [
    ", ".join(fmt_month(m, lang) for m in ms) if ms is not None else ""
    for ms in centres["missing_months"]
]
shown = centres.select(
    pl.col("name").alias(t("col_name", lang)),
    pl.col("city").alias(t("col_city", lang)),
    pl.col("province").alias(t("col_province", lang)),
    pl.Series(t("dq_last_month", lang), last_months, dtype=pl.String),
    pl.col("months_without_visits").alias(t("dq_months_without", lang)),
    pl.Series(t("dq_missing_months", lang), missing, dtype=pl.String),
)
st.dataframe(shown, hide_index=True, width="stretch", height=420)
st.caption(t("dq_centres_note", lang))
widgets.downloads(
    centres.with_columns(
        pl.col("missing_months").list.eval(pl.element().cast(pl.String)).list.join(" ")
    ),
    "dq_centres_title",
    "ipso_actualiteit_centra",
)
