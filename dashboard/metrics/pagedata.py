"""What each page asks the warehouse for when a filter changes, one function per page.

The pages call these through dashboard/ui/cache.py (which adds the viewer's access rules and
caching) and the benchmark (bench/run.py) calls the very same functions, so what is timed is
what the pages run, and the two cannot drift apart. Each function makes as few round trips as
the questions allow: a lookup two parts of a page share is made once. Questions that do not
depend on the filters (places, funding timeline, the KWF grant start) are asked once per
warehouse version by the cache and are not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from dashboard.metrics import queries
from dashboard.metrics.db import Warehouse
from dashboard.metrics.filters import Filters, add_months
from dashboard.metrics.kpis import (
    Kpi,
    KpiSet,
    compute_kpis,
    guest_kpis,
    guest_kpis_from,
    previous_period,
)
from dashboard.metrics.peers import peer_ids


@dataclass(frozen=True)
class Overview:
    current: KpiSet
    previous: KpiSet | None  # None when the previous period starts before the data
    trend: pl.DataFrame  # visits and guests per month over all months


def overview(wh: Warehouse, f: Filters, first: date, last: date) -> Overview:
    """The Overview: the period's KPIs, the previous period's (for the change), the trend."""
    before = previous_period(f, first)
    return Overview(
        compute_kpis(wh, f),
        compute_kpis(wh, before) if before is not None else None,
        queries.visits_by_month(wh, f, first, last),
    )


@dataclass(frozen=True)
class Centres:
    table: pl.DataFrame  # every centre open at the period's end, with its KPIs
    trend: pl.DataFrame | None  # the chosen centre against its peers, per month
    staffing: pl.DataFrame | None
    grants: pl.DataFrame | None


def centres(
    wh: Warehouse,
    f: Filters,
    group: str,
    first: date,
    last: date,
    with_grants: bool = True,
    peers_among: set[str] | None = None,
) -> Centres:
    """The Centres page: the table of all centres and, for a chosen centre that is in it, its
    trend against its peer group, its staffing and (when the viewer may see them) grants. With
    `peers_among` (queries.listed_ids: the centres a coordinator sees listed), the trend's
    peers are chosen among those only."""
    table = queries.centre_table(wh, f)
    centre = f.centre if f.centre in set(table["centre_id"].to_list()) else None
    if centre is None:
        return Centres(table, None, None, None)
    candidates = table
    if peers_among is not None:
        candidates = table.filter(pl.col("centre_id").is_in(sorted(peers_among | {centre})))
    trend = queries.centre_trend(wh, centre, peer_ids(candidates, centre, group), first, last)
    grants = queries.centre_grants(wh, centre) if with_grants else None
    return Centres(table, trend, queries.centre_staffing(wh, centre), grants)


def last_twelve_months(f: Filters) -> Filters:
    """The twelve months up to the period's end, for the same place (a year's figures beside a
    period of any length)."""
    return Filters(add_months(f.month_to, -11), f.month_to, f.province, f.centre)


@dataclass(frozen=True)
class Demographics:
    period: dict[str, Kpi]  # the guest KPIs of the period
    pyramid: pl.DataFrame
    left_out: dict
    year: dict[str, Kpi]  # the last twelve months up to the period's end
    year_before: dict[str, Kpi] | None  # the twelve before those; None before the data


def demographics(wh: Warehouse, f: Filters, first: date) -> Demographics:
    """The Demographics page's figures for the period (the trends over all months do not depend
    on the filters and are asked once per version): one guest lookup feeds both the period's
    shares and the pyramid."""
    period, counts = guest_kpis_from(wh, f)
    frame, left_out = queries.pyramid_from(counts, f)
    now = last_twelve_months(f)
    before = now.previous()
    year = period if now == f else guest_kpis(wh, now)
    year_before = guest_kpis(wh, before) if before.month_from >= first else None
    return Demographics(period, frame, left_out, year, year_before)


@dataclass(frozen=True)
class Funding:
    rows: pl.DataFrame  # funding per recipient, funder and purpose in the period
    table: pl.DataFrame  # every centre with its KPIs (for the map and the per-visit figures)


def funding(wh: Warehouse, f: Filters) -> Funding:
    return Funding(queries.funding_by_centre(wh, f), queries.centre_table(wh, f))


@dataclass(frozen=True)
class Impact:
    current: KpiSet  # the period's KPIs (the value of its visits, the survey's avoided care)
    national: KpiSet  # the period over the whole country (the KWF money)
    table: pl.DataFrame  # every centre with its KPIs (the value per centre)
    year: Filters  # the last twelve months (what-if and outlook)
    newcomers: dict  # the year's new guests and referrals (what-if)
    outlook: tuple[pl.DataFrame, pl.DataFrame]  # the year by province: (national total, published)


def impact(wh: Warehouse, f: Filters, hide: set[str] = frozenset()) -> Impact:
    """The Impact page's figures that follow the filters (the event studies and the panel behind
    them do not, and are asked once per version); `hide`: provinces whose outlook is withheld."""
    current = compute_kpis(wh, f)
    whole = Filters(f.month_from, f.month_to, None, None)
    year = last_twelve_months(f)
    return Impact(
        current,
        current if whole == f else compute_kpis(wh, whole),
        queries.centre_table(wh, f),
        year,
        queries.whatif_new_guests(wh, year),
        queries.outlook_provinces(wh, year, hide),
    )
