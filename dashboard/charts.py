"""Plotly figures from polars frames: pure functions, no Streamlit, unit-tested.

Every time chart marks the KWF grant start the same way (`add_grant_marker`).
"""

from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.constants import FONT_FAMILY, GRANT_MARKER, PALETTE, SELECTED_PERIOD_FILL
from dashboard.i18n import fmt_int, fmt_month, fmt_pct, t


def _layout(fig: go.Figure, title: str, height: int = 380, lang: str = "nl") -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        font={"family": FONT_FAMILY, "size": 14},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hovermode="x unified",
        separators=",." if lang == "nl" else ".,",
    )
    fig.update_xaxes(showgrid=False, linecolor="#999")
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#999", rangemode="tozero")
    return fig


def add_grant_marker(fig: go.Figure, when: date | None, lang: str = "nl") -> go.Figure:
    """The KWF grant start: a dashed vertical line with its label, on every time chart."""
    if when is None:
        return fig
    fig.add_vline(x=when, line=GRANT_MARKER)
    fig.add_annotation(
        x=when,
        y=1,
        yref="paper",
        text=f"{t('grant_start', lang)} ({fmt_month(when, lang)})",
        showarrow=False,
        xanchor="left",
        yanchor="top",
        xshift=4,
        font={"color": GRANT_MARKER["color"], "size": 12},
        bgcolor="rgba(255,255,255,0.8)",
    )
    return fig


def build_trend_chart(
    frame: pl.DataFrame,
    grant_start: date | None,
    selected: tuple[date, date] | None,
    lang: str = "nl",
) -> go.Figure:
    """Visits and distinct guests per month; the selected period shaded."""
    fig = go.Figure()
    months = frame["month"].to_list()
    labels = [fmt_month(m, lang) for m in months]
    for col, colour, name in (
        ("visits", PALETTE["blue"], t("trend_visits", lang)),
        ("guests", PALETTE["orange"], t("trend_guests", lang)),
    ):
        values = frame[col].to_list()
        fig.add_trace(
            go.Scatter(
                x=months,
                y=values,
                name=name,
                mode="lines",
                line={"color": colour, "width": 2.5},
                customdata=[
                    [lab, fmt_int(v, lang) if v is not None else "< 10"]
                    for lab, v in zip(labels, values, strict=True)
                ],
                hovertemplate="%{customdata[1]}<extra>" + name + "</extra>",
            )
        )
    if selected is not None:
        start, end = selected
        fig.add_vrect(
            x0=start - timedelta(days=15),
            x1=end + timedelta(days=15),
            fillcolor=SELECTED_PERIOD_FILL,
            line_width=0,
            layer="below",
            annotation_text=t("trend_selected", lang),
            annotation_position="top left",
            annotation_font={"size": 11, "color": PALETTE["grey"]},
        )
    add_grant_marker(fig, grant_start, lang)
    fig.update_xaxes(title=None, tickformat="%Y", dtick="M12")
    fig.update_yaxes(title=t("trend_count", lang), tickformat=",d")
    return _layout(fig, t("trend_title", lang), lang=lang)


def build_survey_chart(rates: pl.DataFrame, lang: str = "nl") -> go.Figure:
    """Horizontal bars of survey rates (columns: label, value, n); the n sits under each label,
    and a suppressed row shows '< 10' and no bar."""
    rates = rates.reverse()  # plotly draws the first row at the bottom
    values, counts = rates["value"].to_list(), rates["n"].to_list()
    labels = [
        f"{label}<br><span style='font-size:11px;color:{PALETTE['grey']}'>"
        f"n = {fmt_int(n, lang) if n is not None else '< 10'}</span>"
        for label, n in zip(rates["label"].to_list(), counts, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=[v * 100 if v is not None else 0 for v in values],
            y=labels,
            orientation="h",
            marker_color=PALETTE["green"],
            text=[fmt_pct(v, 0, lang) if v is not None else "< 10" for v in values],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(
        range=[0, 112], title=t("survey_axis", lang), ticksuffix="%", tickvals=[0, 25, 50, 75, 100]
    )
    fig.update_layout(hovermode=False)
    return _layout(fig, t("survey_title", lang), height=90 + 52 * rates.height, lang=lang)
