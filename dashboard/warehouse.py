"""Roll-up tables of the warehouse, built at ingest from queries/build/*.sql (in file order).

Pages read these aggregates, never raw visits: visits per centre and month, distinct guests for
every month range (national, per province, per centre), and survey counts per centre and month.
"""

from __future__ import annotations

import duckdb

from dashboard import PROJECT_ROOT

BUILD_SQL_DIR = PROJECT_ROOT / "queries" / "build"


def build_rollups(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted(BUILD_SQL_DIR.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
