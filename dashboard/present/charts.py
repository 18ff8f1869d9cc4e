"""Plotly figures from polars frames: pure functions, no Streamlit, unit-tested.

Every time chart marks the KWF grant start the same way (`add_grant_marker`).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import plotly.graph_objects as go
import polars as pl

from dashboard.constants import (
    FONT_FAMILY,
    GRANT_MARKER,
    PALETTE,
    SELECTED_PERIOD_FILL,
    SERIES_COLOURS,
)
from dashboard.metrics.disclosure import SUPPRESSED_LABEL
from dashboard.metrics.kpis import kpi_unit
from dashboard.present.i18n import fmt_int, fmt_month, fmt_pct, t

COORDINATOR_LINE = {"color": PALETTE["green"], "dash": "dot", "width": 2}


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
    # automargin: the margins grow with the tick labels, so none is cut at any size.
    fig.update_xaxes(showgrid=False, linecolor="#999", automargin=True)
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#999", rangemode="tozero", automargin=True)
    return fig


def line_trace(x: list, y: list, name: str, colour: str, width: float = 2.5, **extra) -> go.Scatter:
    """A named line (a series over time): the one place the charts say how a line is drawn;
    `extra` gives the rest (line_dash, line_shape, hover, legend and such)."""
    return go.Scatter(
        x=x, y=y, name=name, mode="lines", line={"color": colour, "width": width}, **extra
    )


def _band(x: list, low: list, high: list, fill: str, name: str) -> go.Scatter:
    """A shaded band between two lines (an interval or a 25-75% range)."""
    return go.Scatter(
        x=x + x[::-1],
        y=high + low[::-1],
        fill="toself",
        fillcolor=fill,
        line={"width": 0},
        name=name,
        hoverinfo="skip",
    )


def add_event_line(
    fig: go.Figure,
    x,
    text: str,
    line: dict,
    level: int = 0,
    row: int | None = None,
    col: int | None = None,
) -> go.Figure:
    """A labelled vertical line (a start date). Labels sit at the top, one line per `level`,
    so two starts close together do not print over each other; the selected period's label
    sits at the bottom (shade_period)."""
    where = {"row": row, "col": col} if row is not None else {}
    fig.add_vline(x=x, line=line, **where)
    if text:
        fig.add_annotation(
            x=x,
            y=1 - 0.075 * level,
            yref="paper",
            text=text,
            showarrow=False,
            xanchor="left",
            yanchor="top",
            xshift=4,
            font={"color": line.get("color", PALETTE["grey"]), "size": 12},
            bgcolor="rgba(255,255,255,0.85)",
        )
    return fig


def add_grant_marker(fig: go.Figure, when: date | None, lang: str = "nl") -> go.Figure:
    """The KWF grant start: a dashed vertical line with its label, on every time chart."""
    if when is None:
        return fig
    text = f"{t('grant_start', lang)} ({fmt_month(when, lang)})"
    return add_event_line(fig, when, text, GRANT_MARKER, level=0)


def shade_period(
    fig: go.Figure, selected: tuple[date, date] | None, lang: str, label: bool = True
) -> go.Figure:
    """The selected period as a light band (half a month beyond each end, so a single month
    shows), labelled at the bottom, away from the start-date labels at the top."""
    if selected is None:
        return fig
    start, end = selected
    extra = (
        {
            "annotation_text": t("trend_selected", lang),
            "annotation_position": "bottom left",
            "annotation_font": {"size": 11, "color": PALETTE["grey"]},
        }
        if label
        else {}
    )
    fig.add_vrect(
        x0=start - timedelta(days=15),
        x1=end + timedelta(days=15),
        fillcolor=SELECTED_PERIOD_FILL,
        line_width=0,
        layer="below",
        **extra,
    )
    return fig


def build_trend_chart(
    frame: pl.DataFrame,
    grant_start: date | None,
    selected: tuple[date, date] | None,
    lang: str = "nl",
    incomplete: list[date] | None = None,
) -> go.Figure:
    """Visits and distinct guests per month; the selected period shaded; months with incomplete
    data marked on the visits line, so a gap is not read as a drop."""
    fig = go.Figure()
    months = frame["month"].to_list()
    labels = [fmt_month(m, lang) for m in months]
    for col, colour, name in (
        ("visits", PALETTE["blue"], t("trend_visits", lang)),
        ("guests", PALETTE["orange"], t("trend_guests", lang)),
    ):
        values = frame[col].to_list()
        fig.add_trace(
            line_trace(
                months,
                values,
                name,
                colour,
                customdata=[
                    [lab, fmt_int(v, lang) if v is not None else SUPPRESSED_LABEL]
                    for lab, v in zip(labels, values, strict=True)
                ],
                hovertemplate="%{customdata[1]}<extra>" + name + "</extra>",
            )
        )
    shade_period(fig, selected, lang)
    marked = frame.filter(pl.col("month").is_in(incomplete or []))
    if marked.height:
        fig.add_trace(
            go.Scatter(
                x=marked["month"].to_list(),
                y=marked["visits"].to_list(),
                mode="markers",
                name=t("dq_incomplete", lang),
                marker={"symbol": "x", "size": 10, "color": PALETTE["vermillion"]},
                hoverinfo="skip",
            )
        )
    add_grant_marker(fig, grant_start, lang)
    fig.update_xaxes(title=None, tickformat="%Y", dtick="M12")
    fig.update_yaxes(title=t("trend_count", lang), tickformat=",d")
    return _layout(fig, t("trend_title", lang), lang=lang)


def build_survey_chart(rates: pl.DataFrame, lang: str = "nl") -> go.Figure:
    """Horizontal bars of survey rates (columns: label, value, n); the n sits under each label,
    and a suppressed row shows the suppressed label ('< 10') and no bar."""
    rates = rates.reverse()  # plotly draws the first row at the bottom
    values, counts = rates["value"].to_list(), rates["n"].to_list()
    labels = [
        f"{label}<br><span style='font-size:11px;color:{PALETTE['grey']}'>"
        f"n = {fmt_int(n, lang) if n is not None else SUPPRESSED_LABEL}</span>"
        for label, n in zip(rates["label"].to_list(), counts, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=[v * 100 if v is not None else 0 for v in values],
            y=labels,
            orientation="h",
            marker_color=PALETTE["green"],
            text=[fmt_pct(v, 0, lang) if v is not None else SUPPRESSED_LABEL for v in values],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(
        range=[0, 112], title=t("survey_axis", lang), ticksuffix="%", tickvals=[0, 25, 50, 75, 100]
    )
    fig.update_layout(hovermode=False)
    _layout(fig, t("survey_title", lang), height=110 + 52 * rates.height, lang=lang)
    # room for the axis title under the ticks (automargin makes room for ticks, not titles)
    return fig.update_layout(margin={"b": 60})


RANKING_SHOWN = 15  # centres named at each end of a ranking
RANKING_GROUP_COLOURS = {
    "above": PALETTE["blue"],
    "like": "#B8C4CE",
    "below": PALETTE["vermillion"],
}


def ranking_groups(shown: pl.DataFrame, kpi: str) -> list[str] | None:
    """Per centre 'above', 'like' or 'below' the median of all shown centres, by whether its
    95% interval lies wholly above it, contains it, or lies wholly below it (shares only: a
    count has no sampling interval here)."""
    if f"{kpi}__lo" not in shown.columns or not shown.height:
        return None
    median = shown[kpi].median()
    return [
        "above" if lo > median else "below" if hi < median else "like"
        for lo, hi in zip(shown[f"{kpi}__lo"].to_list(), shown[f"{kpi}__hi"].to_list(), strict=True)
    ]


def build_ranking_chart(
    table: pl.DataFrame,
    kpi: str,
    highlight: str | None,
    title: str,
    value_format,
    lang: str = "nl",
    label_of=None,
) -> go.Figure:
    """Centres ranked on `kpi` (rank 1 = the highest value), as named horizontal bars: the top
    and bottom RANKING_SHOWN and the chosen centre (highlighted), the rest summarised in one
    line. Shares carry their 95% Wilson interval and are coloured by whether that interval
    lies above, around or below the median, because where intervals overlap a rank order
    says little. Suppressed centres are counted, never drawn as 0% or 100%."""
    label_of = label_of or (lambda name, city: f"{name} ({city})")
    shown = table.filter(pl.col(kpi).is_not_null()).sort(kpi, descending=True)
    hidden = table.filter(pl.col(kpi).is_null())
    n = shown.height
    ids = shown["centre_id"].to_list()
    groups = ranking_groups(shown, kpi)
    keep = set(range(min(RANKING_SHOWN, n))) | set(range(max(0, n - RANKING_SHOWN), n))
    if highlight in ids:
        keep.add(ids.index(highlight))
    rows: list[int | None] = []
    for i in range(n):
        if i in keep:
            rows.append(i)
        elif rows and rows[-1] is not None:
            rows.append(None)  # one line for the centres left out here
    names = shown["name"].to_list()
    cities = shown["city"].to_list()
    values = shown[kpi].to_list()
    labels, xs, colours, texts, lows, highs = [], [], [], [], [], []
    skipped = 0
    for k, i in enumerate(rows):
        if i is None:
            nxt = next(j for j in rows[k + 1 :] if j is not None)
            prev = rows[k - 1]
            skipped = nxt - prev - 1
            labels.append(t("ranking_skipped", lang, n=skipped))
            xs.append(None)
            colours.append("white")
            texts.append("")
            lows.append(0)
            highs.append(0)
            continue
        label = f"{i + 1}. {label_of(names[i], cities[i])}"
        labels.append(f"<b>{label}</b>" if ids[i] == highlight else label)
        xs.append(values[i])
        own = ids[i] == highlight
        colours.append(
            PALETTE["orange"]
            if own
            else RANKING_GROUP_COLOURS[groups[i]]
            if groups
            else PALETTE["sky"]
        )
        texts.append(value_format(values[i]))
        if groups:
            lows.append(values[i] - shown[f"{kpi}__lo"][i])
            highs.append(shown[f"{kpi}__hi"][i] - values[i])
    error = (
        {
            "type": "data",
            "symmetric": False,
            "array": highs,
            "arrayminus": lows,
            "color": PALETTE["black"],
            "thickness": 1,
            "width": 3,
        }
        if groups
        else None
    )
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=xs,
            orientation="h",
            marker={"color": colours, "line": {"color": PALETTE["black"], "width": 0.5}},
            error_x=error,
            text=texts,
            textposition="outside" if not groups else "none",
            cliponaxis=False,
            hovertemplate="%{y}<extra></extra>",
            showlegend=False,
        )
    )
    if groups:
        for g in ("above", "like", "below"):
            fig.add_trace(
                go.Bar(
                    x=[None],
                    y=[None],
                    name=t(f"ranking_group_{g}", lang, n=groups.count(g)),
                    marker_color=RANKING_GROUP_COLOURS[g],
                    orientation="h",
                )
            )
    notes = [t("ranking_direction", lang, n=n)]
    if groups and groups.count("like") >= 0.8 * n:
        notes.append(t("ranking_overlap", lang, k=groups.count("like"), n=n))
    if hidden.height:
        notes.append(t("ranking_hidden", lang, n=hidden.height))
    fig.update_yaxes(autorange="reversed", title=None, automargin=True)
    fig.update_xaxes(title=" · ".join(notes[:1]), automargin=True)
    top = max([v for v in xs if v is not None] or [1])
    if kpi_unit(kpi) == "share":
        fig.update_xaxes(tickformat=".0%", range=[0, 1.05])
    else:
        # room for the value printed beyond the longest bar; grouped digits, never "12k"
        fig.update_xaxes(tickformat=",.0f" if top >= 100 else ",.1f", range=[0, top * 1.18])
    fig.update_layout(
        hovermode="closest",
        showlegend=bool(groups),
        barmode="overlay",
    )
    _layout(fig, title, height=140 + 21 * len(labels), lang=lang)
    if len(notes) > 1:
        fig.add_annotation(
            x=0,
            y=-0.02,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            yshift=-40,
            showarrow=False,
            align="left",
            text="<br>".join(notes[1:]),
            font={"size": 12, "color": PALETTE["grey"]},
        )
        fig.update_layout(margin={"b": 40 + 18 * (len(notes) - 1)})
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1}
    )
    return fig


def build_centre_trend(
    frame: pl.DataFrame,
    centre_name: str,
    grant_start: date | None,
    coordinator_start: date | None,
    lang: str = "nl",
) -> go.Figure:
    """The centre's monthly visits against its peers' median and 25-75% band."""
    months = frame["month"].to_list()
    fig = go.Figure()
    fig.add_trace(
        _band(
            months,
            frame["peer_p25"].to_list(),
            frame["peer_p75"].to_list(),
            "rgba(86, 180, 233, 0.25)",
            t("peer_band", lang),
        )
    )
    fig.add_trace(
        line_trace(
            months,
            frame["peer_median"].to_list(),
            t("peer_median", lang),
            PALETTE["blue"],
            2,
            line_dash="dot",
        )
    )
    fig.add_trace(line_trace(months, frame["visits"].to_list(), centre_name, PALETTE["orange"], 3))
    add_grant_marker(fig, grant_start, lang)
    if coordinator_start is not None:
        add_event_line(
            fig,
            coordinator_start,
            f"{t('coordinator_start', lang)} ({fmt_month(coordinator_start, lang)})",
            COORDINATOR_LINE,
            level=1,
        )
    fig.update_xaxes(tickformat="%Y", dtick="M12")
    fig.update_yaxes(title=t("visits_per_month", lang), tickformat=",d")
    return _layout(fig, t("centre_trend_title", lang), lang=lang)


def build_share_trend(
    frame: pl.DataFrame,
    series: list[tuple[str, str]],
    title: str,
    grant_start: date | None,
    selected: tuple[date, date] | None,
    lang: str = "nl",
) -> go.Figure:
    """Shares over time: one line per (column, label) in `series`; x = the bucket's first
    month. Partial buckets (a quarter the data only partly covers) drawn as open markers."""
    fig = go.Figure()
    x = frame["m_from"].to_list()
    partial = frame["partial"].to_list() if "partial" in frame.columns else [False] * len(x)
    for i, (column, label) in enumerate(series):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=frame[column].to_list(),
                name=label,
                mode="lines+markers",
                marker={
                    "size": [9 if p else 5 for p in partial],
                    "symbol": ["circle-open" if p else "circle" for p in partial],
                },
                line={"color": SERIES_COLOURS[i % len(SERIES_COLOURS)], "width": 2.5},
                hovertemplate="%{y:.1%}<extra>" + label + "</extra>",
            )
        )
    shade_period(fig, selected, lang, label=False)
    add_grant_marker(fig, grant_start, lang)
    fig.update_xaxes(tickformat="%Y", dtick="M12")
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", title=t("share_of_guests", lang))
    return _layout(fig, title, height=400, lang=lang)


def build_share_facets(
    frame: pl.DataFrame,
    national: pl.DataFrame,
    column: str,
    title: str,
    grant_start: date | None,
    lang: str = "nl",
) -> go.Figure:
    """Small multiples: one panel per province with its share (blue) over the national line
    (grey), so twelve provinces stay readable."""
    from plotly.subplots import make_subplots

    keys = sorted(frame["key"].unique().to_list())
    cols = min(4, max(1, len(keys)))
    rows = max(1, (len(keys) + cols - 1) // cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=keys,
        shared_xaxes=True,
        shared_yaxes=True,
        vertical_spacing=0.08,
        horizontal_spacing=0.03,
    )
    # All traces in one call and the start lines as one list of shapes: added one by one,
    # plotly re-checks the whole figure each time (350 ms for twelve panels, measured).
    traces, where_rows, where_cols, shapes = [], [], [], []
    national_x, national_y = national["m_from"].to_list(), national[column].to_list()
    for i, key in enumerate(keys):
        r, c = i // cols + 1, i % cols + 1
        part = frame.filter(pl.col("key") == key)
        traces += [
            line_trace(
                national_x,
                national_y,
                t("national", lang),
                "#9a9a9a",
                1.5,
                showlegend=i == 0,
                hovertemplate="%{y:.1%}<extra>NL</extra>",
            ),
            line_trace(
                part["m_from"].to_list(),
                part[column].to_list(),
                t("province", lang),
                PALETTE["blue"],
                2,
                showlegend=i == 0,
                # below the national level shares are published in whole percents
                hovertemplate="%{y:.0%}<extra>" + key + "</extra>",
            ),
        ]
        where_rows += [r, r]
        where_cols += [c, c]
        if grant_start is not None:
            # the line add_vline draws in panel i+1 (make_subplots numbers axes row by row)
            axis = "" if i == 0 else str(i + 1)
            shapes.append(
                {
                    "type": "line",
                    "x0": grant_start,
                    "x1": grant_start,
                    "xref": f"x{axis}",
                    "y0": 0,
                    "y1": 1,
                    "yref": f"y{axis} domain",
                    "line": GRANT_MARKER,
                }
            )
    fig.add_traces(traces, rows=where_rows, cols=where_cols)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(tickformat="%Y", dtick="M24", showgrid=False)
    fig.update_layout(
        title={
            "text": title + f"  <span style='font-size:12px;color:{GRANT_MARKER['color']}'>"
            f"┆ {t('grant_start', lang)}</span>",
            "x": 0,
            "font": {"size": 18},
        },
        height=220 * rows + 80,
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        font={"family": FONT_FAMILY, "size": 12},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.04, "xanchor": "right", "x": 1},
        separators=",." if lang == "nl" else ".,",
        shapes=shapes,
    )
    return fig


def nice_step(x: float) -> float:
    """The smallest of 1, 2 or 5 times a power of ten that is at least x (x > 0)."""
    if x <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(x))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= x)


def build_pyramid(frame: pl.DataFrame, lang: str = "nl") -> go.Figure:
    """Population pyramid: guests per age group, women to the left, men to the right."""
    groups = ["0_17", "18_39", "40_49", "50_plus"]
    labels = [t(f"age_{g}", lang) for g in groups]
    fig = go.Figure()
    for gender, sign, colour in (("female", -1, PALETTE["purple"]), ("male", 1, PALETTE["blue"])):
        part = {
            r["age_group"]: r["guests"]
            for r in frame.filter(pl.col("gender") == gender).iter_rows(named=True)
        }
        values = [part.get(g) for g in groups]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=[sign * v if v is not None else 0 for v in values],
                orientation="h",
                name=t(f"gender_{gender}", lang),
                marker_color=colour,
                text=[fmt_int(v, lang) if v is not None else "" for v in values],
                textposition="auto",
                insidetextanchor="middle",
                hoverinfo="skip",
            )
        )
    biggest = max([abs(v) for v in frame["guests"].drop_nulls().to_list()] or [10])
    # A suppressed cell has no bar; its label stands where the bar would start, so the age
    # group does not silently lose one side.
    for gender, sign in (("female", -1), ("male", 1)):
        part = frame.filter(pl.col("gender") == gender)
        shown = dict(zip(part["age_group"].to_list(), part["guests"].to_list(), strict=True))
        for group, label in zip(groups, labels, strict=True):
            if shown.get(group) is None:
                fig.add_annotation(
                    x=sign * biggest * 0.02,
                    y=label,
                    text=SUPPRESSED_LABEL,
                    showarrow=False,
                    xanchor="right" if sign < 0 else "left",
                    font={"size": 13, "color": PALETTE["black"]},
                )
    # round ticks (1, 2 or 5 times a power of ten), one or two a side: the chart is narrow
    step = nice_step(biggest / 2)
    top = step * max(1, int(biggest // step))
    ticks = [v * step for v in range(-int(top // step), int(top // step) + 1)]
    fig.update_xaxes(
        range=[-biggest * 1.35, biggest * 1.35],
        tickvals=ticks,
        ticktext=[fmt_int(abs(v), lang) for v in ticks],
        title=t("guests", lang),
    )
    fig.update_layout(barmode="overlay", bargap=0.25, hovermode=False)
    return _layout(fig, t("pyramid_title", lang), height=340, lang=lang)


FUNDER_COLOURS = {
    "kwf": PALETTE["orange"],
    "roparun": PALETTE["blue"],
    "postcode_loterij": PALETTE["green"],
    "municipality": PALETTE["sky"],
    "other": PALETTE["purple"],
}


def build_province_bars(
    frame: pl.DataFrame, measure: str, title: str, value_format, lang: str = "nl"
) -> go.Figure:
    """Provinces sorted by a funding measure (horizontal bars, largest on top)."""
    data = frame.sort(measure)
    fig = go.Figure(
        go.Bar(
            x=data[measure].to_list(),
            y=data["province"].to_list(),
            orientation="h",
            marker_color=PALETTE["orange"],
            text=[value_format(v) for v in data[measure].to_list()],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    top = max(data[measure].to_list() or [1]) or 1
    fig.update_xaxes(range=[0, top * 1.3], showticklabels=False)
    fig.update_layout(hovermode=False)
    return _layout(fig, title, height=460, lang=lang)


def build_funding_timeline(
    by_month: pl.DataFrame,
    kwf_total: float,
    grant_start: date | None,
    labels: dict[str, str],
    lang: str = "nl",
) -> go.Figure:
    """Euros disbursed per month, stacked by funder, with the KWF programme's cumulative line
    (right axis) reaching its total."""
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for funder in [f for f in FUNDER_COLOURS if f in set(by_month["funder"].to_list())]:
        part = by_month.filter(pl.col("funder") == funder).sort("month")
        fig.add_trace(
            go.Bar(
                x=part["month"].to_list(),
                y=part["funding_eur"].to_list(),
                name=labels[funder],
                marker_color=FUNDER_COLOURS[funder],
                customdata=part["grants_active"].to_list(),
                hovertemplate="€ %{y:,.0f} · %{customdata} "
                + t("grants_active", lang)
                + "<extra>"
                + labels[funder]
                + "</extra>",
            ),
            secondary_y=False,
        )
    kwf = by_month.filter(pl.col("funder") == "kwf").sort("month")
    if kwf.height:
        fig.add_trace(
            line_trace(
                kwf["month"].to_list(),
                kwf["funding_eur"].cum_sum().to_list(),
                t("kwf_cumulative", lang),
                PALETTE["black"],
                hovertemplate="€ %{y:,.0f}<extra>KWF</extra>",
            ),
            secondary_y=True,
        )
        months = kwf["month"].to_list()
        fig.add_trace(
            line_trace(
                [months[0], months[-1]],
                [kwf_total, kwf_total],
                f"{t('kwf_total', lang)}: € {fmt_int(kwf_total, lang)}",
                PALETTE["grey"],
                1.5,
                line_dash="dot",
                hoverinfo="skip",
            ),
            secondary_y=True,
        )
    add_grant_marker(fig, grant_start, lang)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("eur_per_month", lang), tickformat=",d", secondary_y=False)
    fig.update_yaxes(
        title=t("kwf_cumulative_axis", lang),
        tickformat=",d",
        secondary_y=True,
        range=[0, max(kwf_total, 1) * 1.08],
        showgrid=False,
        tickvals=[kwf_total * q for q in (0, 0.25, 0.5, 0.75, 1)],
    )
    fig.update_xaxes(tickformat="%Y", dtick="M12")
    _layout(fig, t("timeline_title", lang), height=460, lang=lang)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.12, "x": 0, "xanchor": "left", "yanchor": "top"},
        margin={"b": 60},
    )
    return fig


def build_event_study(by_event: pl.DataFrame, unit: str, title: str, lang: str = "nl") -> go.Figure:
    """Effect per month relative to the coordinator start, with its pointwise 95% band and,
    where given (band_low/band_high), the simultaneous band for all months at once; months
    without an estimate (the transition month 0) stay a gap."""
    x = by_event["event"].to_list()
    scale = 100

    def scaled(column: str) -> list:
        return [None if v is None or v != v else v * scale for v in by_event[column].to_list()]

    est = scaled("estimate")
    fig = go.Figure()
    bands = [("low", "high", "rgba(0, 114, 178, 0.30)", t("interval_95", lang))]
    if "band_low" in by_event.columns:
        bands.insert(
            0, ("band_low", "band_high", "rgba(0, 114, 178, 0.12)", t("band_simultaneous", lang))
        )
    for low_col, high_col, fill, name in bands:
        low, high = scaled(low_col), scaled(high_col)
        # one shaded piece per run of months with an estimate, so a gap stays a gap
        runs, current = [], []
        for k, (a, b) in enumerate(zip(low, high, strict=True)):
            if a is None or b is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append(k)
        if current:
            runs.append(current)
        for n, run in enumerate(runs):
            trace = _band(
                [x[k] for k in run], [low[k] for k in run], [high[k] for k in run], fill, name
            )
            trace.update(legendgroup=name, showlegend=n == 0)
            fig.add_trace(trace)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=est,
            mode="lines+markers",
            name=t("estimate", lang),
            line={"color": PALETTE["blue"], "width": 2.5},
            hovertemplate="%{y:.1f}<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": "#777", "width": 1})
    add_event_line(fig, -0.5, t("coordinator_start", lang), COORDINATOR_LINE)
    fig.add_vrect(
        x0=-6.5,
        x1=-0.5,
        fillcolor="rgba(0,0,0,0.04)",
        line_width=0,
        layer="below",
        annotation_text=t("baseline", lang),
        annotation_position="bottom left",
        annotation_font={"size": 11, "color": PALETTE["grey"]},
    )
    fig.update_xaxes(title=t("months_since_start", lang), dtick=3, zeroline=False)
    fig.update_yaxes(
        title=t("effect_pct" if unit == "relative" else "effect_pp", lang),
        rangemode="normal",
        ticksuffix="%" if unit == "relative" else "",
    )
    return _layout(fig, title, height=400, lang=lang)


def build_completeness_chart(months: pl.DataFrame, lang: str = "nl") -> go.Figure:
    """Visits per month; months with incomplete data (fewer centres reporting than open, or the
    extract's partial last month) drawn in another colour, so a gap is not read as a drop."""
    colour = {False: PALETTE["blue"], True: PALETTE["vermillion"]}
    fig = go.Figure(
        go.Bar(
            x=months["month"].to_list(),
            y=months["visits"].to_list(),
            marker_color=[colour[bool(v)] for v in months["incomplete"].to_list()],
            customdata=list(zip(months["centres_reporting"], months["centres_open"], strict=True)),
            hovertemplate="%{y:,d} · %{customdata[0]}/%{customdata[1]} "
            + t("dq_centres_reporting", lang)
            + "<extra></extra>",
            showlegend=False,
        )
    )
    for incomplete, name in ((False, t("dq_complete", lang)), (True, t("dq_incomplete", lang))):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={"symbol": "square", "size": 12, "color": colour[incomplete]},
            )
        )
    fig.update_xaxes(tickformat="%Y", dtick="M12")
    fig.update_yaxes(title=t("visits_per_month", lang), tickformat=",d")
    return _layout(fig, t("dq_months_title", lang), height=380, lang=lang)
