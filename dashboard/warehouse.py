"""Roll-up tables of the warehouse, built at ingest from queries/build/*.sql (in file order).

Pages read these aggregates, never raw visits: visits per centre and month (`monthly_centre`),
distinct guests for every month range nationally, per province and per centre (`guest_ranges`),
survey counts per centre and month (`monthly_surveys`), the Dutch places table (`places`) and each
centre's place and urbanisation (`centre_places`).
"""

from __future__ import annotations

import duckdb
import numpy as np
import polars as pl

from dashboard import PROJECT_ROOT
from dashboard.reference import load_places

BUILD_SQL_DIR = PROJECT_ROOT / "queries" / "build"
RANGE_KEYS = ("level", "key", "a_hi", "b")


def build_rollups(con: duckdb.DuckDBPyConnection) -> None:
    places = load_places()
    con.register("places_frame", places)
    con.execute("create table places as select * from places_frame order by population desc")
    con.unregister("places_frame")
    for path in sorted(BUILD_SQL_DIR.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    _build_guest_ranges(con)


def _build_guest_ranges(con: duckdb.DuckDBPyConnection) -> None:
    """guest_ranges from guest_range_deltas: a 2-D prefix sum per level and key.

    count(m_from, m_to) = sum of the deltas with a_hi >= m_from and b <= m_to
    (see queries/build/03_guest_range_deltas.sql for why that counts distinct guests).
    """
    months = con.sql("select month, month_idx from months order by month_idx").pl()
    deltas = con.sql("select * from guest_range_deltas").pl()
    measures = [c for c in deltas.columns if c not in RANGE_KEYS]
    keys = con.sql(
        "select 'national' as level, 'NL' as key "
        "union all select distinct 'province', province from centres "
        "union all select 'centre', centre_id from centres order by all"
    ).pl()
    n = months.height
    a_idx, b_idx = np.triu_indices(n)  # every range with m_from <= m_to
    month_dates = months["month"]
    parts = []
    grouped = deltas.partition_by(["level", "key"], as_dict=True)
    for level, key in keys.iter_rows():
        grid = np.zeros((n + 1, n + 1, len(measures)), dtype=np.int64)
        part = grouped.get((level, key))
        if part is not None:
            np.add.at(
                grid,
                (part["a_hi"].to_numpy(), np.minimum(part["b"].to_numpy(), n)),
                part.select(measures).to_numpy(),
            )
        # prefix over m_to (b ascending), suffix over m_from (a_hi descending)
        grid = np.cumsum(grid, axis=1)
        grid = np.flip(np.cumsum(np.flip(grid, axis=0), axis=0), axis=0)
        values = grid[a_idx, b_idx]
        frame = pl.DataFrame(values.astype(np.int32), schema=measures)
        parts.append(
            frame.with_columns(
                pl.lit(level).alias("level"),
                pl.lit(key).alias("key"),
                month_dates.gather(a_idx).alias("m_from"),
                month_dates.gather(b_idx).alias("m_to"),
            )
        )
    if parts:
        ranges = pl.concat(parts).select("level", "key", "m_from", "m_to", *measures)
    else:
        ranges = pl.DataFrame(
            schema={"level": pl.String, "key": pl.String, "m_from": pl.Date, "m_to": pl.Date}
            | {m: pl.Int32 for m in measures}
        )
    con.register("guest_ranges_frame", ranges)
    con.execute(
        "create table guest_ranges as select * from guest_ranges_frame "
        "order by level, key, m_from, m_to"
    )
    con.unregister("guest_ranges_frame")
    con.execute("drop table guest_range_deltas")
