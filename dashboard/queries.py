"""Named questions to the warehouse that pages and the CLI share, returning typed results.

Thin wrappers over queries/*.sql: they pass validated filters as parameters and apply
small-number suppression before a frame leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from dashboard.db import Warehouse
from dashboard.filters import Catalog, Centre, Filters
from dashboard.privacy import suppress_frame


def load_catalog(wh: Warehouse) -> Catalog:
    months = tuple(wh.run("catalog_months")["month"].to_list())
    centres = {
        row["centre_id"]: Centre(row["centre_id"], row["name"], row["city"], row["province"])
        for row in wh.run("catalog_centres").iter_rows(named=True)
    }
    return Catalog(months=months, centres=centres)


@dataclass(frozen=True)
class GrantStart:
    first_start: date | None
    total_eur: float


def kwf_grant_start(wh: Warehouse) -> GrantStart:
    row = wh.run("kwf_grant_start").row(0, named=True)
    return GrantStart(row["first_start"], float(row["total_eur"] or 0.0))


def visits_by_month(wh: Warehouse, f: Filters, month_from: date, month_to: date) -> pl.DataFrame:
    """Visits, guests and new guests per month for the filter's place, from month_from to
    month_to (the trend may reach beyond the selected period); small months suppressed."""
    frame = wh.run(
        "visits_by_month",
        month_from=month_from,
        month_to=month_to,
        province=f.province,
        centre=f.centre,
        level=f.level,
        key=f.key,
    )
    return suppress_frame(frame, "guests", ["visits", "new_guests"], f.national)
