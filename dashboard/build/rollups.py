"""Roll-up tables of the warehouse, built at ingest from queries/build/*.sql (in file order).

Pages read these aggregates, never raw visits: visits per centre and month (`monthly_centre`),
distinct guests for every month range nationally, per province and per centre (`guest_ranges`),
survey counts per centre and month (`monthly_surveys`), the Dutch places table (`places`), each
centre's place and urbanisation (`centre_places`), each centre's state per month (open,
coordinator, latest staffing: `centre_months`) and the grants' euros per month
(`monthly_funding`).
"""

from __future__ import annotations

import duckdb
import numpy as np
import polars as pl

from dashboard import PROJECT_ROOT, contract
from dashboard.reference import load_places

BUILD_SQL_DIR = PROJECT_ROOT / "queries" / "build"

# The guests' categories as enum types, so the build groups one-byte codes (enum_code() is the
# position in these tuples, the data contract's order).
CODED = {
    "gender_code": contract.GENDERS,
    "relation_code": contract.RELATIONS,
    "referral_code": contract.REFERRAL_SOURCES,
    "diagnosis_code": contract.DIAGNOSIS_GROUPS,
    "phase_code": contract.TREATMENT_PHASES,
}
# Age groups in the order of the age code in queries/build/04_guest_range_deltas.sql.
AGE_GROUPS = ("0_17", "18_39", "40_49", "50_plus", "unknown")
GENDER_MEASURE = {
    "female": "female",
    "male": "male",
    "other": "gender_other",
    "unknown": "gender_unknown",
}
PYRAMID_PREFIX = {"female": "f", "male": "m"}  # the population pyramid: women and men by age
CATEGORY_FAMILIES = (  # family number in the SQL -> (values, measure prefix)
    (1, contract.RELATIONS, ""),
    (2, contract.REFERRAL_SOURCES, "ref_"),
    (3, contract.DIAGNOSIS_GROUPS, "dx_"),
    (4, contract.TREATMENT_PHASES, "ph_"),
)
TEMP_TABLES = ("guest_range_deltas", "visit_months", "guest_codes", "centre_codes", "range_keys")


def _cells() -> list[tuple[int, int, list[str]]]:
    """Every (family, code) the SQL counts, with the guest_ranges measures it adds to."""
    cells = []
    for g_code, gender in enumerate(contract.GENDERS):
        for a_code, age in enumerate(AGE_GROUPS):
            names = ["guests", GENDER_MEASURE[gender], f"age_{age}"]
            if gender in PYRAMID_PREFIX and age != "unknown":
                names.append(f"{PYRAMID_PREFIX[gender]}_{age}")
            cells.append((0, g_code * len(AGE_GROUPS) + a_code, names))
    for family, values, prefix in CATEGORY_FAMILIES:
        cells.extend((family, code, [prefix + v]) for code, v in enumerate(values))
    cells.append((5, 0, ["new_guests"]))
    return cells


MEASURES = (
    ["new_guests", "guests", *GENDER_MEASURE.values()]
    + [f"age_{a}" for a in AGE_GROUPS]
    + [f"{p}_{a}" for p in PYRAMID_PREFIX.values() for a in AGE_GROUPS if a != "unknown"]
    + [prefix + v for _, values, prefix in CATEGORY_FAMILIES for v in values]
)


def build_rollups(con: duckdb.DuckDBPyConnection, say=None) -> None:
    say = say or (lambda _msg: None)
    places = load_places()
    con.register("places_frame", places)
    con.execute("create table places as select * from places_frame order by population desc")
    con.unregister("places_frame")
    for name, values in CODED.items():
        literals = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
        con.execute(f"create type {name} as enum ({literals})")
    for path in sorted(BUILD_SQL_DIR.glob("*.sql")):
        say(f"roll-ups: {path.stem}")
        con.execute(path.read_text(encoding="utf-8"))
    say("roll-ups: guest_ranges")
    _build_guest_ranges(con)
    say("roll-ups: dropping the working tables")
    for table in TEMP_TABLES:
        con.execute(f"drop table {table}")
    for name in CODED:
        con.execute(f"drop type {name}")


def _build_guest_ranges(con: duckdb.DuckDBPyConnection, chunk: int = 32) -> None:
    """guest_ranges from guest_range_deltas: a 2-D prefix sum per key and category.

    count(m_from, m_to) = sum of the deltas with a_hi >= m_from and b <= m_to
    (see queries/build/04_guest_range_deltas.sql for why that counts distinct guests); each
    measure is then the sum of its categories' counts. The grid's a_hi axis runs backwards, so
    that both sums are plain prefix sums; keys are processed in chunks so memory stays bounded
    (chunk x months^2 x categories, 4 bytes each).
    """
    n = con.execute("select count(*) from months").fetchone()[0]
    n_keys = con.execute("select count(*) from range_keys").fetchone()[0]
    # a delta at b = n (after the last month) changes no range: leave it out
    d = con.execute(
        "select k, a_hi, b, family, code, n from guest_range_deltas where b < $n order by k",
        {"n": n},
    ).fetchnumpy()
    cells = _cells()
    cell_of = np.full((6, max(code for _, code, _ in cells) + 1), -1, dtype=np.intp)
    for i, (family, code, _names) in enumerate(cells):
        cell_of[family, code] = i
    # each measure is the sum of the categories (cells) whose names include it
    measure_cells = [[i for i, c in enumerate(cells) if name in c[2]] for name in MEASURES]
    k = np.asarray(d["k"], dtype=np.intp)
    row = n - 1 - np.asarray(d["a_hi"], dtype=np.intp)  # a_hi backwards
    col = np.asarray(d["b"], dtype=np.intp)
    cell = cell_of[np.asarray(d["family"], dtype=np.intp), np.asarray(d["code"], dtype=np.intp)]
    if (cell < 0).any():
        raise ValueError("guest_range_deltas holds a category the build does not know")
    values = np.asarray(d["n"], dtype=np.int32)
    a_idx, b_idx = np.triu_indices(n)  # every range with m_from <= m_to
    ranges = (n - 1 - a_idx) * n + b_idx  # their places in a key's flattened (a_hi, b) grid
    parts = []
    for lo in range(0, n_keys, chunk):
        hi = min(lo + chunk, n_keys)
        start, stop = np.searchsorted(k, [lo, hi])  # the deltas are ordered by key
        # categories first, so that each category's counts come out as one contiguous row
        grid = np.zeros((len(cells), hi - lo, n, n), dtype=np.int32)
        # one row per (key, a_hi, b, cell) in the deltas, so plain assignment scatters them
        sl = slice(start, stop)
        grid[cell[sl], k[sl] - lo, row[sl], col[sl]] = values[sl]
        np.cumsum(grid, axis=3, dtype=np.int32, out=grid)  # prefix over m_to
        np.cumsum(grid, axis=2, dtype=np.int32, out=grid)  # suffix over m_from
        block = np.take(grid.reshape(len(cells), hi - lo, n * n), ranges, axis=2)
        block = block.reshape(len(cells), -1)
        columns = {
            "k": np.repeat(np.arange(lo, hi, dtype=np.int16), a_idx.size),
            "a": np.tile(a_idx.astype(np.int16), hi - lo),
            "b": np.tile(b_idx.astype(np.int16), hi - lo),
        }
        for name, idx in zip(MEASURES, measure_cells, strict=True):
            columns[name] = block[idx[0]] if len(idx) == 1 else block[idx].sum(0, dtype=np.int32)
        parts.append(pl.DataFrame(columns))
    keys = con.sql("select level, key from range_keys order by k").pl()
    months = con.sql("select month from months order by month_idx").pl()["month"]
    ranges_frame = pl.concat(parts)
    ranges_frame = ranges_frame.select(
        keys["level"].gather(ranges_frame["k"]),
        keys["key"].gather(ranges_frame["k"]),
        months.gather(ranges_frame["a"]).alias("m_from"),
        months.gather(ranges_frame["b"]).alias("m_to"),
        *MEASURES,
    ).sort("level", "m_from", "m_to", "key")
    # Stored in this order, every place's row for one range sits together: the centre table
    # reads all centres for one range, and a scattered read of 90 rows out of 44 compressed
    # columns cost it 10 ms; one place's monthly trend reads 95 rows either way.
    keep_order = con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("set preserve_insertion_order = true")
    con.register("guest_ranges_frame", ranges_frame)
    try:
        con.execute("create table guest_ranges as select * from guest_ranges_frame")
    finally:
        con.unregister("guest_ranges_frame")
        con.execute(f"set preserve_insertion_order = {'true' if keep_order else 'false'}")
