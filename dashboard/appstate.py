"""Streamlit glue: the cached warehouse connection, cached query results, the shared sidebar.

Cached functions take only validated scalars (the filters, the warehouse version) and never read
widgets or session state. The connection is a resource keyed by the warehouse file's identity,
so a newly ingested warehouse (swapped in atomically) is picked up on the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
import streamlit as st

from dashboard import export, impact, queries
from dashboard.db import Warehouse, warehouse_path
from dashboard.filters import Catalog, Filters, parse_filters
from dashboard.i18n import fmt_month, t
from dashboard.impact import EventStudy
from dashboard.kpis import KpiSet, compute_kpis

CACHE_TTL = 3600
FILTER_KEYS = ("from", "to", "province", "centre")


@dataclass(frozen=True)
class Context:
    warehouse: Warehouse
    catalog: Catalog
    filters: Filters
    lang: str = "nl"


@st.cache_resource(max_entries=2)
def _open_warehouse(path: str, identity: tuple[int, int, int]) -> Warehouse:
    del identity  # part of the cache key only: a new file means a new connection
    return Warehouse(path)


def open_warehouse() -> Warehouse:
    path = warehouse_path()
    stat = path.stat()  # raises FileNotFoundError when there is none
    return _open_warehouse(str(path), (stat.st_ino, stat.st_mtime_ns, stat.st_size))


@st.cache_data(ttl=CACHE_TTL, max_entries=4)
def catalog(_wh: Warehouse, version: str) -> Catalog:
    return queries.load_catalog(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=512)
def kpis(_wh: Warehouse, version: str, filters: Filters) -> KpiSet:
    return compute_kpis(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def visits_by_month(
    _wh: Warehouse, version: str, filters: Filters, month_from: date, month_to: date
) -> pl.DataFrame:
    return queries.visits_by_month(_wh, filters, month_from, month_to)


@st.cache_data(ttl=CACHE_TTL, max_entries=4)
def kwf_grant_start(_wh: Warehouse, version: str) -> queries.GrantStart:
    return queries.kwf_grant_start(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def centre_table(_wh: Warehouse, version: str, filters: Filters) -> pl.DataFrame:
    return queries.centre_table(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def centre_trend(
    _wh: Warehouse, version: str, centre: str, peers: tuple[str, ...], first: date, last: date
) -> pl.DataFrame:
    return queries.centre_trend(_wh, centre, list(peers), first, last)


@st.cache_data(ttl=CACHE_TTL, max_entries=64)
def centre_profile(_wh: Warehouse, version: str, centre: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    return queries.centre_staffing(_wh, centre), queries.centre_grants(_wh, centre)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def demographic_trend(
    _wh: Warehouse,
    version: str,
    level: str,
    keys: tuple[str, ...],
    grain: str,
    first: date,
    last: date,
) -> pl.DataFrame:
    return queries.demographic_trend(_wh, level, list(keys), grain, first, last)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def pyramid(_wh: Warehouse, version: str, filters: Filters):
    return queries.pyramid(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def funding_rows(_wh: Warehouse, version: str, filters: Filters) -> pl.DataFrame:
    return queries.funding_by_centre(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=4)
def funding_timeline(_wh: Warehouse, version: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    return queries.funding_by_month(_wh), queries.funding_programme(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=4)
def places(_wh: Warehouse, version: str) -> pl.DataFrame:
    return queries.places(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=16, show_spinner=False)
def event_study(_wh: Warehouse, version: str, outcome: str) -> EventStudy:
    """The event study runs over the whole panel and does not depend on the sidebar filters;
    it is cached per warehouse version (a bootstrap takes about half a second)."""
    return impact.event_study(queries.impact_panel(_wh), queries.load_centres(_wh), outcome)


@st.cache_data(ttl=CACHE_TTL, max_entries=64)
def outlook_provinces(_wh: Warehouse, version: str, filters: Filters) -> pl.DataFrame:
    return queries.outlook_provinces(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=4)
def data_quality(_wh: Warehouse, version: str):
    return queries.data_quality(_wh)


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def sidebar_filters(cat: Catalog, lang: str = "nl") -> Filters:
    """The shared sidebar. On a session's first run the URL decides (validated); afterwards the
    widgets do, and the URL is rewritten so a copied link reproduces the view.

    The widgets get their first value through `value=`/`index=` from the validated URL, never by
    writing their keys into session state (AppTest loses a range slider's value that way)."""
    state = st.session_state
    if "f_initial" not in state:
        state.f_initial, state.f_messages = parse_filters(_url_params(), cat)
    init: Filters = state.f_initial
    for code in state.f_messages:
        st.warning(t(f"msg_{code}", lang), icon=":material/link_off:")

    sb = st.sidebar
    sb.header(t("filters", lang))
    period = sb.select_slider(
        t("period", lang),
        options=list(cat.months),
        value=(init.month_from, init.month_to),
        key="f_period",
        format_func=lambda m: fmt_month(m, lang),
    )
    provinces = [None, *cat.provinces]
    province = sb.selectbox(
        t("province", lang),
        options=provinces,
        index=provinces.index(init.province) if init.province in provinces else 0,
        key="f_province",
        format_func=lambda p: t("all_provinces", lang) if p is None else p,
    )
    in_province = sorted(
        (c for c in cat.centres.values() if province is None or c.province == province),
        key=lambda c: c.name,
    )
    options = [None, *[c.centre_id for c in in_province]]
    # One centre widget per province choice: changing the province starts from "all centres".
    centre = sb.selectbox(
        t("centre", lang),
        options=options,
        index=options.index(init.centre) if init.centre in options else 0,
        key=f"f_centre_{province or 'all'}",
        format_func=lambda c: (
            t("all_centres", lang)
            if c is None
            else f"{cat.centres[c].name} ({cat.centres[c].city})"
        ),
    )
    sb.caption(t("filters_help", lang))
    start, end = sorted(period)
    if centre is not None:
        province = cat.centres[centre].province
    filters = Filters(start, end, province, centre)
    wanted = filters.to_params()
    for key in FILTER_KEYS:  # only the shared filters; pages keep their own parameters
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]
    return filters


def url_choice(
    key: str,
    label: str,
    options: list[str],
    format_func,
    lang: str = "nl",
    container=None,
    kind: str = "selectbox",
) -> str:
    """A page-level choice kept in the URL under `key`: the URL's value (validated against
    `options`; an unknown one gets a message) is the first value, and the widget's value is
    written back. The first option is the default."""
    state = st.session_state
    init_key = f"u_init_{key}"
    if init_key not in state:
        raw = st.query_params.get(key)
        state[init_key] = raw if raw in options else options[0]
        state[init_key + "_bad"] = raw is not None and raw not in options
    if state[init_key + "_bad"]:
        st.warning(t("msg_invalid_choice", lang, name=key), icon=":material/link_off:")
    where = container or st
    widget = where.radio if kind == "radio" else where.selectbox
    extra = {"horizontal": True} if kind == "radio" else {}
    value = widget(
        label,
        options,
        index=options.index(state[init_key]),
        key=f"u_{key}",
        format_func=format_func,
        **extra,
    )
    if st.query_params.get(key) != value:
        st.query_params[key] = value
    return value


def downloads(
    frame: pl.DataFrame,
    key: str,
    stem: str,
    title: str,
    fig=None,
    container=None,
) -> None:
    """CSV, Excel and (for a chart, where static export works) PNG of exactly what is shown.
    The Excel and PNG files are made only when clicked."""
    ctx = context()
    where = container or st
    header = [
        title,
        export.view_line(ctx.filters, ctx.catalog, ctx.lang),
        export.source_line(
            ctx.warehouse.ingested_on, ctx.warehouse.version, ctx.warehouse.synthetic, ctx.lang
        ),
    ]
    cols = where.columns(3 if fig is not None and export.png_available() else 2)
    cols[0].download_button(
        t("download_csv", ctx.lang),
        export.csv_bytes(frame),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    cols[1].download_button(
        t("download_xlsx", ctx.lang),
        lambda: export.xlsx_bytes(frame, header),
        file_name=f"{stem}.xlsx",
        key=f"{key}_xlsx",
        icon=":material/table:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    if len(cols) == 3:
        cols[2].download_button(
            t("download_png", ctx.lang),
            lambda: export.figure_png(fig),
            file_name=f"{stem}.png",
            mime="image/png",
            key=f"{key}_png",
            icon=":material/image:",
        )


def boardpack_button(container=None) -> None:
    """One click makes the board pack of the current view (made only when clicked)."""
    from dashboard.boardpack import build_deck

    ctx = context()
    f = ctx.filters
    (container or st).download_button(
        t("boardpack_button", ctx.lang),
        lambda: build_deck(ctx.warehouse, ctx.catalog, f, ctx.lang),
        file_name=f"ipso_boardpack_{f.key}_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="boardpack",
        icon=":material/slideshow:",
        help=t("boardpack_help", ctx.lang),
        type="primary",
    )


def context() -> Context:
    return st.session_state["ctx"]
