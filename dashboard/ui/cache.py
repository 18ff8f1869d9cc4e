"""Cached warehouse access: the connection (a resource keyed by the warehouse file's identity, so
a newly ingested warehouse swapped in atomically is picked up on the next run) and cached query
results.

Cached functions take only validated scalars (the filters, the warehouse version, the viewer) and
never read widgets or session state; every result is keyed by the viewer it was computed for, so
a cache never serves one user's frame to another. Below them, the connection keeps recent raw
query results (metrics/db.py), which depend only on the query and its parameters: every
viewer's restrictions (anonymising, hiding small counts) are applied to a copy afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl
import streamlit as st

from dashboard.metrics import impact, pagedata, queries
from dashboard.metrics import kpis as kpis_module
from dashboard.metrics.access import Viewer
from dashboard.metrics.db import Warehouse, warehouse_path
from dashboard.metrics.filters import Catalog, Filters
from dashboard.metrics.impact import EventStudy
from dashboard.metrics.kpis import KpiSet, compute_kpis
from dashboard.metrics.peers import COORDINATOR_GROUPS
from dashboard.ui.signin import peer_secret

CACHE_TTL = 3600
# Recent query results the app's connection keeps (metrics/db.py): the pages share them.
RESULTS_MB = 64


@st.cache_resource(max_entries=2)
def _open_warehouse(path: str, identity: tuple[int, int, int]) -> Warehouse:
    del identity  # part of the cache key only: a new file means a new connection
    return Warehouse(path, cache_mb=RESULTS_MB)


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


def _peer_secret(wh: Warehouse, viewer: Viewer) -> str:
    """The key of the peer labels; only a coordinator's view, which anonymises, needs it."""
    if viewer.names_centres:
        return ""
    secret = peer_secret(demo=wh.synthetic)
    if secret is None:  # sign-in stops first; this keeps the cache closed all the same
        raise RuntimeError("no peer label secret configured")
    return secret


def _as_viewer_sees(wh: Warehouse, table: pl.DataFrame, viewer: Viewer) -> pl.DataFrame:
    return queries.as_viewer_sees(wh, table, viewer, _peer_secret(wh, viewer))


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def centre_table(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters) -> pl.DataFrame:
    """Every centre's published KPIs; for a coordinator, every other centre anonymised, with
    labels over every centre of the warehouse (stable across periods)."""
    return queries.centre_table_for(_wh, filters, viewer, _peer_secret(_wh, viewer))


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
    if level == "province" and not viewer.names_centres:
        if not set(keys) <= set(queries.load_catalog(_wh).for_viewer(viewer).provinces):
            raise PermissionError("a coordinator sees only their own province, when they may")
    return queries.demographic_trend(_wh, level, list(keys), grain, first, last)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def pyramid(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters):
    return queries.pyramid(_wh, filters)


def _mask_funding(rows: pl.DataFrame, viewer: Viewer, small: frozenset[str]) -> pl.DataFrame:
    """A coordinator's funding rows: every other centre's as "peer", and without its province
    where that province has few centres (`small`): a small province's total less their own
    centre's was a peer's funding, which dated its coordinator's start to the day."""
    if viewer.names_centres:
        return rows
    peer = pl.col("centre_id").is_not_null() & (pl.col("centre_id") != viewer.centre)
    return rows.with_columns(
        pl.when(peer & pl.col("province").is_in(sorted(small)))
        .then(None)
        .otherwise(pl.col("province"))
        .alias("province"),
        pl.when(pl.col("centre_id") == viewer.centre)
        .then(pl.col("centre_id"))
        .when(pl.col("centre_id").is_null())
        .then(None)
        .otherwise(pl.lit("peer"))
        .alias("centre_id"),
    )


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def funding_timeline(
    _wh: Warehouse, version: str, viewer: Viewer
) -> tuple[pl.DataFrame, pl.DataFrame]:
    return queries.funding_by_month(_wh), queries.funding_programme(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def nearest_places(_wh: Warehouse, version: str, viewer: Viewer, period_end) -> pl.DataFrame:
    """Every Dutch place with its distance to the nearest centre open at the period's end (no
    centre identity)."""
    from dashboard.metrics.coverage import open_on, with_distance

    return with_distance(queries.places(_wh), open_on(queries.load_centres(_wh), period_end))


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def places(_wh: Warehouse, version: str, viewer: Viewer) -> pl.DataFrame:
    return queries.places(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=64, show_spinner=False)
def event_study(_wh: Warehouse, version: str, viewer: Viewer, outcome: str) -> EventStudy:
    """The event study runs over the whole panel and does not depend on the sidebar filters
    (a bootstrap takes about half a second); its result holds no centre-level figure."""
    return impact.event_study(queries.impact_panel(_wh), queries.load_centres(_wh), outcome)


@st.cache_data(ttl=CACHE_TTL, max_entries=8, show_spinner=False)
def event_studies(_wh: Warehouse, version: str, viewer: Viewer) -> dict[str, EventStudy]:
    """The five headline outcomes at once (one design, one set of bootstrap draws), for the
    Holm correction across them; no centre-level figure."""
    return impact.event_studies(queries.impact_panel(_wh), queries.load_centres(_wh))


@st.cache_data(ttl=CACHE_TTL, max_entries=64)
def extra_visits(
    _wh: Warehouse, version: str, viewer: Viewer, filters: Filters, effect: float, se: float
) -> dict:
    """National visits the coordinators added in the period (a national total only)."""
    from dashboard.metrics.value import extra_visits as compute

    return compute(
        queries.impact_panel(_wh),
        queries.load_centres(_wh),
        filters.month_from,
        filters.month_to,
        effect,
        se,
    )


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def incomplete_months(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters) -> list[date]:
    """The view's months whose data is incomplete (fewer of its centres reported than were
    open, or the extract's partial last month): months only, fit for every role; time charts
    mark them."""
    return queries.incomplete_months(_wh, filters)


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def data_quality(_wh: Warehouse, version: str, viewer: Viewer):
    if not viewer.sees_data_quality:
        raise PermissionError("data quality is for grant managers and national users")
    return queries.data_quality(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def grants_list(_wh: Warehouse, version: str, viewer: Viewer) -> pl.DataFrame:
    """Every grant with its recipient named: grant details are for grant managers only."""
    if not viewer.sees_grant_details:
        raise PermissionError("grant details are for grant managers")
    return queries.grants_list(_wh)


@st.cache_data(ttl=CACHE_TTL, max_entries=16)
def kwf_progress(_wh: Warehouse, version: str, viewer: Viewer, last_month: date) -> pl.DataFrame:
    """The KWF programme month by month (counts and euros over all centres, no centre named)."""
    from dashboard.metrics.grants import kwf_progress as progress

    return progress(queries.grants_list(_wh), queries.load_centres(_wh), last_month)


@st.cache_data(ttl=CACHE_TTL, max_entries=128, show_spinner=False)
def before_after(
    _wh: Warehouse, version: str, viewer: Viewer, centre: str, last_month: date
) -> pl.DataFrame | None:
    """A centre's 12 months before and after its coordinator started against the centres not
    yet funded (None when the windows do not fit the data); suppressed inside."""
    from dashboard.metrics import beforeafter

    if not viewer.names_centres and centre != viewer.centre:
        raise PermissionError("a coordinator sees only their own centre")
    centres = queries.load_centres(_wh)
    own = centres.filter(pl.col("centre_id") == centre)
    first = queries.load_catalog(_wh).months[0]
    w = beforeafter.windows(own["coordinator_start"][0] if own.height else None, first, last_month)
    if w is None:
        return None
    return beforeafter.before_after(
        queries.impact_panel(_wh),
        centres,
        queries.centre_windows(_wh, *w.before),
        queries.centre_windows(_wh, *w.after),
        centre,
        w,
    ).with_columns(
        pl.lit(w.start).alias("coordinator_month"),
        pl.lit(w.before[0]).alias("before_from"),
        pl.lit(w.after[1]).alias("after_to"),
    )


# One cached call per page and filter change: what dashboard/metrics/pagedata.py asks for that
# page (the benchmark times those same functions), with the viewer's access rules applied here.
@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def overview_page(
    _wh: Warehouse, version: str, viewer: Viewer, filters: Filters, first: date, last: date
) -> pagedata.Overview:
    return pagedata.overview(_wh, filters, first, last)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def centres_page(
    _wh: Warehouse,
    version: str,
    viewer: Viewer,
    filters: Filters,
    group: str,
    first: date,
    last: date,
) -> pagedata.Centres:
    """The Centres page's data; for a coordinator, every other centre anonymised, the trend's
    peers chosen among the centres they see listed (a band over a centre they are not shown
    would give its monthly visits back), and grant details only for grant managers and a
    coordinator's own centre."""
    if not viewer.names_centres and (
        (filters.centre and filters.centre != viewer.centre) or group not in COORDINATOR_GROUPS
    ):
        raise PermissionError("a coordinator sees only their own centre, by province or all")
    data = pagedata.centres(
        _wh,
        filters,
        group,
        first,
        last,
        with_grants=viewer.sees_grant_details or filters.centre == viewer.centre,
        peers_among=queries.listed_ids(queries.load_catalog(_wh), viewer),
    )
    return replace(data, table=_as_viewer_sees(_wh, data.table, viewer))


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def demographics_page(
    _wh: Warehouse, version: str, viewer: Viewer, filters: Filters, first: date
) -> pagedata.Demographics:
    return pagedata.demographics(_wh, filters, first)


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def funding_page(
    _wh: Warehouse, version: str, viewer: Viewer, filters: Filters
) -> pagedata.Funding:
    data = pagedata.funding(_wh, filters)
    return pagedata.Funding(
        _mask_funding(data.rows, viewer, queries.load_catalog(_wh).small_areas()),
        _as_viewer_sees(_wh, data.table, viewer),
    )


@st.cache_data(ttl=CACHE_TTL, max_entries=256)
def impact_page(_wh: Warehouse, version: str, viewer: Viewer, filters: Filters) -> pagedata.Impact:
    """The Impact page's data; for a coordinator, the centre table as they may see it and the
    outlook of no province but their own (Catalog.for_viewer says when they may see it): every
    province's twelve-month figures, one month apart, give each province's monthly visits,
    which an integer solver matches against the peers' to tell each peer's province."""
    cat = queries.load_catalog(_wh)
    hide = (
        set()
        if viewer.names_centres
        else set(cat.provinces) - set(cat.for_viewer(viewer).provinces)
    )
    data = pagedata.impact(_wh, filters, hide)
    return replace(data, table=_as_viewer_sees(_wh, data.table, viewer))
