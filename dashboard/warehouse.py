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
    measure is then the sum of its categories' counts. The grid's first axis runs over a_hi
    backwards, so that both sums are plain prefix sums; keys are processed in chunks so memory
    stays bounded (chunk x months^2 x categories, 4 bytes each).
    """
    months = con.sql("select month from months order by month_idx").pl()["month"].to_numpy()
    keys = con.sql("select level, key from range_keys order by k").pl()
    n = months.size
    # a delta at b = n (after the last month) changes no range: leave it out
    d = con.execute(
        "select k, a_hi, b, family, code, n from guest_range_deltas where b < $n order by k",
        {"n": n},
    ).fetchnumpy()
    cells = _cells()
    cell_of = np.full((6, max(code for _, code, _ in cells) + 1), -1, dtype=np.intp)
    to_measures = np.zeros((len(cells), len(MEASURES)))
    for i, (family, code, names) in enumerate(cells):
        cell_of[family, code] = i
        for name in names:
            to_measures[i, MEASURES.index(name)] = 1.0
    k = np.asarray(d["k"], dtype=np.intp)
    row = n - 1 - np.asarray(d["a_hi"], dtype=np.intp)  # a_hi backwards
    col = np.asarray(d["b"], dtype=np.intp)
    cell = cell_of[np.asarray(d["family"], dtype=np.intp), np.asarray(d["code"], dtype=np.intp)]
    if (cell < 0).any():
        raise ValueError("guest_range_deltas holds a category the build does not know")
    values = np.asarray(d["n"], dtype=np.int32)
    a_idx, b_idx = np.triu_indices(n)  # every range with m_from <= m_to
    parts = []
    for lo in range(0, keys.height, chunk):
        hi = min(lo + chunk, keys.height)
        start, stop = np.searchsorted(k, [lo, hi])  # the deltas are ordered by key
        grid = np.zeros((hi - lo, n, n, len(cells)), dtype=np.int32)
        # one row per (key, a_hi, b, cell) in the deltas, so plain assignment scatters them
        sl = slice(start, stop)
        grid[k[sl] - lo, row[sl], col[sl], cell[sl]] = values[sl]
        np.cumsum(grid, axis=2, dtype=np.int32, out=grid)  # prefix over m_to
        np.cumsum(grid, axis=1, dtype=np.int32, out=grid)  # suffix over m_from
        block = grid[:, n - 1 - a_idx, b_idx].reshape(-1, len(cells))
        # counts are far below 2**53, so the float product is exact; one row per measure
        counts = np.rint(to_measures.T @ block.T).astype(np.int32)
        frame = pl.DataFrame(dict(zip(MEASURES, counts, strict=True)))
        parts.append(
            frame.with_columns(
                pl.Series("level", np.repeat(keys["level"][lo:hi].to_numpy(), a_idx.size)),
                pl.Series("key", np.repeat(keys["key"][lo:hi].to_numpy(), a_idx.size)),
                pl.Series("m_from", np.tile(months[a_idx], hi - lo)),
                pl.Series("m_to", np.tile(months[b_idx], hi - lo)),
            )
        )
    # rows come out by key (national, provinces, centres), then m_from, then m_to
    ranges = pl.concat(parts).select("level", "key", "m_from", "m_to", *MEASURES)
    con.register("guest_ranges_frame", ranges)
    con.execute("create table guest_ranges as select * from guest_ranges_frame")
    con.unregister("guest_ranges_frame")
