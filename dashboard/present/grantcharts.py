"""Charts and tables of the Grants page: the KWF programme's progress (coordinators in post
against the planned number; money committed and spent) and the grant list as people read it.
Pure functions, no Streamlit."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl

from dashboard.constants import FONT_FAMILY, PALETTE
from dashboard.present.charts import add_grant_marker, line_trace
from dashboard.present.i18n import fmt_date, fmt_eur, t


def _layout(fig: go.Figure, title: str, lang: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        height=400,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        font={"family": FONT_FAMILY, "size": 14},
        plot_bgcolor="white",
        paper_bgcolor="white",
        # below the plot: two long legend entries beside the title would overlap it
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "xanchor": "left", "x": 0},
        hovermode="x unified",
        separators=",." if lang == "nl" else ".,",
    )
    fig.update_xaxes(showgrid=False, linecolor="#999")
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#999", rangemode="tozero")
    return fig


def build_coordinators_chart(
    progress: pl.DataFrame, grant_start: date | None, lang: str = "nl"
) -> go.Figure:
    """Coordinators in post per month against the planned number (a dotted line)."""
    fig = go.Figure()
    months = progress["month"].to_list()
    in_post = progress["coordinators_in_post"].to_list()
    name = t("progress_in_post", lang)
    fig.add_trace(line_trace(months, in_post, name, PALETTE["blue"], line_shape="hv"))
    planned = progress["planned"].to_list()
    fig.add_trace(
        line_trace(
            months, planned, t("progress_planned", lang), PALETTE["grey"], 1.5, line_dash="dot"
        )
    )
    add_grant_marker(fig, grant_start, lang)
    fig.update_yaxes(title=t("progress_coordinators_axis", lang), tickformat=",d")
    return _layout(fig, t("progress_coordinators_title", lang), lang)


def build_money_chart(
    progress: pl.DataFrame, grant_start: date | None, lang: str = "nl"
) -> go.Figure:
    """KWF money committed and spent, cumulative per month."""
    fig = go.Figure()
    months = progress["month"].to_list()
    for column, key, colour in (
        ("committed_eur", "progress_committed", PALETTE["orange"]),
        ("spent_eur", "progress_spent", PALETTE["blue"]),
    ):
        y = progress[column].to_list()
        fig.add_trace(line_trace(months, y, t(key, lang), colour, hovertemplate="€ %{y:,.0f}"))
    add_grant_marker(fig, grant_start, lang)
    fig.update_yaxes(title=t("progress_eur_axis", lang), tickformat=",d")
    return _layout(fig, t("progress_money_title", lang), lang)


def grants_display(grants: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The grant list with words for codes, amounts and dates in the language's formats."""
    return pl.DataFrame(
        {
            t("col_funder", lang): [t(f"funder_{x}", lang) for x in grants["funder"]],
            t("col_programme", lang): grants["programme"].to_list(),
            t("col_recipient", lang): [
                t("recipient_national", lang) if r is None else r for r in grants["recipient"]
            ],
            t("col_city", lang): [c or "" for c in grants["city"]],
            t("col_purpose", lang): [t(f"purpose_{x}", lang) for x in grants["purpose"]],
            t("col_amount", lang): [fmt_eur(x, lang) for x in grants["amount_eur"]],
            t("col_start", lang): [fmt_date(d, lang) for d in grants["start_on"]],
            t("col_end", lang): [fmt_date(d, lang) for d in grants["end_on"]],
        },
        schema={
            k: pl.String
            for k in (
                t("col_funder", lang),
                t("col_programme", lang),
                t("col_recipient", lang),
                t("col_city", lang),
                t("col_purpose", lang),
                t("col_amount", lang),
                t("col_start", lang),
                t("col_end", lang),
            )
        },
    )
