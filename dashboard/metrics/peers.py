"""Peer groups and a centre's place among its peers: pure functions over the centre table."""

from __future__ import annotations

import polars as pl

PEER_GROUPS = ("all", "province", "size", "urbanisation")
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
    """Per KPI: the centre's value, the peers' median and 25-75% band (peers with a value),
    and the centre's rank (1 = highest) among itself and those peers."""
    own = table.filter(pl.col("centre_id") == centre_id)
    group = table.filter(pl.col("centre_id").is_in(peers))
    rows = []
    for kpi in kpis:
        value = own[kpi][0] if own.height else None
        values = group[kpi].drop_nulls()
        ranked = values.to_list() + ([value] if value is not None else [])
        rank = 1 + sum(1 for v in values.to_list() if v > value) if value is not None else None
        rows.append(
            {
                "kpi": kpi,
                "value": value,
                "suppressed": bool(own[kpi + "__suppressed"][0]) if own.height else True,
                "peer_median": values.median() if values.len() else None,
                "peer_p25": values.quantile(0.25, "linear") if values.len() else None,
                "peer_p75": values.quantile(0.75, "linear") if values.len() else None,
                "peers_with_value": values.len(),
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
