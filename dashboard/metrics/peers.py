"""Peer groups and a centre's place among its peers: pure functions over the centre table.

The table holds published figures only (dashboard/metrics/disclosure.py), so medians, bands and
ranks computed here say nothing the published values do not; a median or band needs at least
MIN_PEERS peers with a value."""

from __future__ import annotations

import polars as pl

from dashboard.metrics.disclosure import peer_summary

PEER_GROUPS = ("all", "province", "size", "urbanisation")
# A coordinator compares with peers by nothing that ties them to a place: size and
# urbanisation classes would, and so would a province with few centres.
COORDINATOR_GROUPS = ("all", "province")
RANK_KPIS = (
    "visits",
    "visits_per_1000_inhabitants",
    "guests",
    "new_guests",
    "share_male",
    "share_youth",
    "rating_mean",
    "quality_of_life_improved",
    "funding_per_visit_eur",
)
PLACE_KPIS = ("visits_per_1000_inhabitants",)  # needs the population of the centre's place


def peer_groups(names_centres: bool, own_area_shown: bool) -> tuple[str, ...]:
    """The peer groups a viewer may choose."""
    if names_centres:
        return PEER_GROUPS
    return COORDINATOR_GROUPS if own_area_shown else ("all",)


def rank_kpis(names_centres: bool) -> tuple[str, ...]:
    """The KPIs a viewer may rank on: a coordinator not on per-inhabitant rates."""
    return RANK_KPIS if names_centres else tuple(k for k in RANK_KPIS if k not in PLACE_KPIS)


_GROUP_COLUMN = {"province": "province", "size": "size_band", "urbanisation": "urbanisation"}


def peer_ids(table: pl.DataFrame, centre_id: str, group: str) -> list[str]:
    """The other centres in the centre's peer group."""
    others = table.filter(pl.col("centre_id") != centre_id)
    if group == "all":
        return others["centre_id"].to_list()
    column = _GROUP_COLUMN[group]
    own = table.filter(pl.col("centre_id") == centre_id)[column]
    if own.len() == 0:
        return []
    return others.filter(pl.col(column) == own[0])["centre_id"].to_list()


def comparison(table: pl.DataFrame, centre_id: str, peers: list[str], kpis) -> pl.DataFrame:
    """Per KPI: the centre's value, the peers' median and 25-75% band (over the peers with a
    published value, only when there are at least MIN_PEERS of them), and the centre's rank
    (1 = highest) among itself and those peers."""
    own = table.filter(pl.col("centre_id") == centre_id)
    group = table.filter(pl.col("centre_id").is_in(peers))
    rows = []
    for kpi in kpis:
        value = own[kpi][0] if own.height else None
        values = group[kpi].drop_nulls().to_list()
        ranked = values + ([value] if value is not None else [])
        rank = 1 + sum(1 for v in values if v > value) if value is not None else None
        band = peer_summary(values)
        rows.append(
            {
                "kpi": kpi,
                "value": value,
                "suppressed": bool(own[kpi + "__suppressed"][0]) if own.height else True,
                "peer_median": band["median"],
                "peer_p25": band["p25"],
                "peer_p75": band["p75"],
                "peers_with_value": len(values),
                "rank": rank,
                "of": len(ranked),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "kpi": pl.String,
            "value": pl.Float64,
            "suppressed": pl.Boolean,
            "peer_median": pl.Float64,
            "peer_p25": pl.Float64,
            "peer_p75": pl.Float64,
            "peers_with_value": pl.Int64,
            "rank": pl.Int64,
            "of": pl.Int64,
        },
    )
