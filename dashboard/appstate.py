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
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard import export, impact, queries
from dashboard import kpis as kpis_module
from dashboard.access import (
    ROLES,
    RolesFileError,
    Viewer,
    anonymise,
    load_roles,
    roles_file,
    viewer_for,
)
from dashboard.db import Warehouse, warehouse_path
from dashboard.filters import Catalog, Filters, parse_filters
from dashboard.i18n import fmt_month, t
from dashboard.impact import EventStudy
from dashboard.kpis import KpiSet, compute_kpis
from dashboard.peers import peer_ids

CACHE_TTL = 3600
FILTER_KEYS = ("from", "to", "province", "centre")


@dataclass(frozen=True)
class Context:
    warehouse: Warehouse
    catalog: Catalog  # what this viewer may filter on
    filters: Filters
    lang: str
    viewer: Viewer
    full_catalog: Catalog  # every centre (for anonymous labels)


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


# Every cached result below is keyed by the viewer (role and centre) it was computed for, so a
# cache never serves one user's frame to another; anonymisation happens inside.
@st.cache_data(ttl=CACHE_TTL, max_entries=512)
def kpis(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters) -> KpiSet:
    return compute_kpis(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=512)
def guest_kpis(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters) -> dict:
    return kpis_module.guest_kpis(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def visits_by_month(
    _wh: Warehouse,
    version: str,
    viewer: Viewer,
    filters: Filters,
    month_from: date,
    month_to: date,
) -> pl.DataFrame:
    return queries.visits_by_month(_wh, filters, month_from, month_to)


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def kwf_grant_start(_wh: Warehouse, version: str, viewer: Viewer) -> queries.GrantStart:
    return queries.kwf_grant_start(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def centre_table(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters) -> pl.DataFrame:
    """Every centre's KPIs; for a coordinator, every other centre anonymised."""
    table = queries.centre_table(_wh, filters)
    return anonymise(table, viewer, table["centre_id"].to_list())


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def centre_trend(
    _wh: Warehouse,
    version: str,
    viewer: Viewer,
    filters: Filters,
    centre: str,
    group: str,
    first: date,
    last: date,
) -> pl.DataFrame:
    """A centre's monthly visits against its peer group's median (peers chosen from the real
    table, so a coordinator's anonymised view can still be compared)."""
    if not viewer.names_centres and centre != viewer.centre:
        raise PermissionError("a coordinator sees only their own centre")
    table = queries.centre_table(_wh, filters)
    return queries.centre_trend(_wh, centre, peer_ids(table, centre, group), first, last)


@st.cache_data(ttl=CACHE_TTL, max_entries=64)
def centre_profile(
    _wh: Warehouse, version: str, viewer: Viewer, centre: str
) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """Staffing and grants of a centre; grant details for grant managers and for a coordinator's
    own centre only."""
    if not viewer.names_centres and centre != viewer.centre:
        raise PermissionError("a coordinator sees only their own centre")
    grants = (
        queries.centre_grants(_wh, centre)
        if viewer.sees_grant_details or centre == viewer.centre
        else None
    )
    return queries.centre_staffing(_wh, centre), grants


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def demographic_trend(
    _wh: Warehouse,
    version: str,
    viewer: Viewer,
    level: str,
    keys: tuple[str, ...],
    grain: str,
    first: date,
    last: date,
) -> pl.DataFrame:
    if level == "centre" and not viewer.names_centres and keys != (viewer.centre,):
        raise PermissionError("a coordinator sees only their own centre")
    return queries.demographic_trend(_wh, level, list(keys), grain, first, last)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def pyramid(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters):
    return queries.pyramid(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def funding_rows(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters) -> pl.DataFrame:
    """Funding per recipient, funder and purpose; for a coordinator, other centres' rows keep
    only their province (for the province totals), never their identity."""
    rows = queries.funding_by_centre(_wh, filters)
    if viewer.names_centres:
        return rows
    return rows.with_columns(
        pl.when(pl.col("centre_id") == viewer.centre)
        .then(pl.col("centre_id"))
        .when(pl.col("centre_id").is_null())
        .then(None)
        .otherwise(pl.lit("peer"))
        .alias("centre_id")
    )


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def funding_timeline(
    _wh: Warehouse, version: str, viewer: Viewer
) -> tuple[pl.DataFrame, pl.DataFrame]:
    return queries.funding_by_month(_wh), queries.funding_programme(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def nearest_places(_wh: Warehouse, version: str, viewer: Viewer) -> pl.DataFrame:
    """Every Dutch place with its distance to the nearest centre (no centre identity)."""
    from dashboard.coverage import with_distance

    return with_distance(queries.places(_wh), queries.load_centres(_wh))


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def places(_wh: Warehouse, version: str, viewer: Viewer) -> pl.DataFrame:
    return queries.places(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=64, show_spinner=False)
def event_study(_wh: Warehouse, version: str, viewer: Viewer, outcome: str) -> EventStudy:
    """The event study runs over the whole panel and does not depend on the sidebar filters
    (a bootstrap takes about half a second); its result holds no centre-level figure."""
    return impact.event_study(queries.impact_panel(_wh), queries.load_centres(_wh), outcome)


@st.cache_data(ttl=CACHE_TTL, max_entries=64)
def outlook_provinces(
    _wh: Warehouse, version: str, viewer: Viewer, filters: Filters
) -> pl.DataFrame:
    return queries.outlook_provinces(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def incomplete_months(_wh: Warehouse, version: str, viewer: Viewer) -> list[date]:
    """Months whose data is incomplete (fewer centres reported than were open, or the extract's
    partial last month): counts only, fit for every role; time charts mark them."""
    months = _wh.run("dq_months")
    return months.filter(pl.col("incomplete"))["month"].to_list()


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def data_quality(_wh: Warehouse, version: str, viewer: Viewer):
    if not viewer.sees_data_quality:
        raise PermissionError("data quality is for grant managers and national users")
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
        lambda: build_deck(ctx.warehouse, ctx.catalog, f, ctx.lang, ctx.viewer),
        file_name=f"ipso_boardpack_{f.key}_{f.month_from:%Y-%m}_{f.month_to:%Y-%m}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="boardpack",
        icon=":material/slideshow:",
        help=t("boardpack_help", ctx.lang),
        type="primary",
    )


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, StreamlitSecretNotFoundError):
        return False


def sign_in(wh: Warehouse, cat: Catalog, lang: str) -> Viewer:
    """The viewer of this session, or a page that explains why there is none (and stops).

    With an identity provider in `.streamlit/secrets.toml` ([auth], OpenID Connect) users sign in
    with st.login and their e-mail address is looked up in the roles file. Without one the app
    runs in demo mode (a role switcher, demo data only); a real extract is never served so."""
    if not _auth_configured():
        if not wh.synthetic:
            st.error(t("auth_required", lang), icon=":material/lock:")
            st.stop()
        st.sidebar.markdown(f"**:material/theater_comedy: {t('demo_mode', lang)}**")
        role = url_choice(
            "role",
            t("demo_role", lang),
            list(ROLES),
            lambda r: t(f"role_{r}", lang),
            lang,
            container=st.sidebar,
        )
        centre = None
        if role == "coordinator":
            ids = sorted(cat.centres, key=lambda c: cat.centres[c].name)
            centre = url_choice(
                "as_centre",
                t("demo_centre", lang),
                ids,
                lambda c: cat.centres[c].name,
                lang,
                container=st.sidebar,
            )
        return Viewer(role, centre, demo=True)
    user = st.user
    if not getattr(user, "is_logged_in", False):
        st.title(t("app_title", lang))
        st.info(t("sign_in_needed", lang), icon=":material/lock:")
        st.button(t("sign_in", lang), on_click=st.login, type="primary")
        st.stop()
    path = roles_file(dict(st.secrets))
    try:
        users = load_roles(path, set(cat.centres)) if path else {}
    except RolesFileError:
        users = {}
    viewer = viewer_for(getattr(user, "email", None), users)
    if viewer is None:
        st.title(t("no_access_title", lang))
        st.error(t("no_access", lang, email=getattr(user, "email", "?")), icon=":material/block:")
        st.button(t("sign_out", lang), on_click=st.logout)
        st.stop()
    st.sidebar.caption(
        t("signed_in_as", lang, email=viewer.email, role=t(f"role_{viewer.role}", lang))
    )
    st.sidebar.button(t("sign_out", lang), on_click=st.logout)
    return viewer


def context() -> Context:
    return st.session_state["ctx"]
