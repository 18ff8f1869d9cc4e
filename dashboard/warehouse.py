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


def _build_guest_ranges(con: duckdb.DuckDBPyConnection, chunk: int = 16) -> None:
    """guest_ranges from guest_range_deltas: a 2-D prefix sum per level and key.

    count(m_from, m_to) = sum of the deltas with a_hi >= m_from and b <= m_to
    (see queries/build/03_guest_range_deltas.sql for why that counts distinct guests).
    Keys are processed in chunks so memory stays bounded (chunk x months^2 x measures).
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
    month_dates = months["month"].to_numpy()
    a_idx, b_idx = np.triu_indices(n)  # every range with m_from <= m_to
    key_pos = {k: i for i, k in enumerate(zip(keys["level"], keys["key"], strict=True))}
    pos = np.array(
        [key_pos[k] for k in zip(deltas["level"], deltas["key"], strict=True)], dtype=np.int64
    )
    a_hi = deltas["a_hi"].to_numpy()
    b = np.minimum(deltas["b"].to_numpy(), n)
    values = deltas.select(measures).to_numpy().astype(np.int64)
    parts = []
    for lo in range(0, keys.height, chunk):
        hi = min(lo + chunk, keys.height)
        grid = np.zeros((hi - lo, n + 1, n + 1, len(measures)), dtype=np.int64)
        sel = (pos >= lo) & (pos < hi)
        # one row per (key, a_hi, b) in the deltas, so plain assignment scatters them
        grid[pos[sel] - lo, a_hi[sel], b[sel]] = values[sel]
        np.cumsum(grid, axis=2, out=grid)  # prefix over m_to
        grid = np.flip(np.cumsum(np.flip(grid, axis=1), axis=1), axis=1)  # suffix over m_from
        block = grid[:, a_idx, b_idx].reshape(-1, len(measures))
        frame = pl.DataFrame(block.astype(np.int32), schema=measures)
        parts.append(
            frame.with_columns(
                pl.Series("level", np.repeat(keys["level"][lo:hi].to_numpy(), a_idx.size)),
                pl.Series("key", np.repeat(keys["key"][lo:hi].to_numpy(), a_idx.size)),
                pl.Series("m_from", np.tile(month_dates[a_idx], hi - lo)),
                pl.Series("m_to", np.tile(month_dates[b_idx], hi - lo)),
            )
        )
    ranges = pl.concat(parts).select("level", "key", "m_from", "m_to", *measures)
    con.register("guest_ranges_frame", ranges)
    con.execute(
        "create table guest_ranges as select * from guest_ranges_frame "
        "order by level, key, m_from, m_to"
    )
    con.unregister("guest_ranges_frame")
    con.execute("drop table guest_range_deltas")
