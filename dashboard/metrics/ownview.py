""" "How are we doing?" for one centre: the same period a year before, the centre's percentile
among comparable centres, and the months since its paid coordinator started. Pure functions
over the filters and the centre table (already suppressed and, for a coordinator, anonymised),
no Streamlit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl

from dashboard.metrics.disclosure import MIN_PEERS
from dashboard.metrics.filters import Filters, add_months, months_between

OWN_KPIS = ("visits", "guests", "new_guests", "share_male", "share_youth", "rating_mean")


def year_before(f: Filters) -> Filters:
    """The same months one year earlier, same place."""
    return replace(
        f, month_from=add_months(f.month_from, -12), month_to=add_months(f.month_to, -12)
    )


def percentile(table: pl.DataFrame, centre: str, peers: list[str], kpi: str) -> dict | None:
    """The centre's percentile on `kpi` among itself and its peers that have a value: the share
    of them with a lower value, ties counted half (0 = lowest, 100 = highest). None when the
    centre's own value is suppressed or missing, or fewer than MIN_PEERS peers have a published
    value (as for a peer median: with fewer the percentile says where one or two peers are)."""
    own = table.filter(pl.col("centre_id") == centre)
    if own.height == 0 or own[kpi][0] is None:
        return None
    value = own[kpi][0]
    others = table.filter(pl.col("centre_id").is_in(peers))[kpi].drop_nulls().to_list()
    if len(others) < MIN_PEERS:
        return None
    below = sum(1 for v in others if v < value)
    ties = sum(1 for v in others if v == value)
    return {
        "value": value,
        "percentile": 100.0 * (below + 0.5 * ties) / len(others),
        "peers": len(others),
        "below": below,
    }


def months_since(start: date | None, last_month: date) -> int | None:
    """Whole months from the coordinator's start month to the latest month with data (0 in the
    start month itself); None without a coordinator or for a start after that month."""
    if start is None:
        return None
    n = months_between(start.replace(day=1), last_month)
    return n if n >= 0 else None
