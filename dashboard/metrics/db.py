"""The warehouse connection and the small runner for queries/*.sql.

A query file holds one question, named for its result, with `$name` parameters. `Warehouse.run`
binds exactly the parameters the file uses (a test checks every caller against the file) and
returns a polars frame. The connection is read-only; each query gets its own cursor, so one
connection can serve many Streamlit sessions at once. A warehouse file never changes while it is
open (a new one is swapped in as a new file), so the app's connection may keep recent results
(`cache_mb`): the pages ask the same questions of the same period (the centre table is read by
three pages), and a result is as exact as the query that made it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import threading
import warnings
from collections import OrderedDict
from datetime import date
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from dashboard import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "data" / "warehouse" / "ipso.duckdb"
DEFAULT_EXTRACT = PROJECT_ROOT / "data" / "extracts" / "demo"
# Warehouse.run reads results through Arrow on purpose (see there).
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


class WarehouseMissing(Exception):
    """No warehouse file at the configured path."""


class WarehouseOutdated(WarehouseMissing):
    """A warehouse built by another version of the roll-ups: the tables the queries read may be
    missing or different, so it is not served (rebuild it with `ipso-dashboard ingest`)."""


# What decides the warehouse's tables: the roll-up SQL and the code that runs it. A warehouse
# records the fingerprint of the version that built it, and is served only by the same one.
_LAYOUT_SOURCES = (PROJECT_ROOT / "queries" / "build", PROJECT_ROOT / "dashboard" / "build")


def build_layout() -> str:
    """Fingerprint of the roll-up definitions: queries/build/*.sql and build/rollups.py."""
    digest = hashlib.sha256()
    files = sorted(_LAYOUT_SOURCES[0].glob("*.sql")) + [_LAYOUT_SOURCES[1] / "rollups.py"]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def warehouse_path() -> Path:
    """The served warehouse: $IPSO_WAREHOUSE, or data/warehouse/ipso.duckdb."""
    return Path(os.environ.get("IPSO_WAREHOUSE") or DEFAULT_WAREHOUSE)


@cache
def load_query(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_parameters(sql: str) -> set[str]:
    """The `$name` parameters a query uses (comments excluded)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(_PARAM.findall(code))


def _frozen(value):
    """A parameter value as part of a cache key (lists become tuples)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def frame_cost(frame: pl.DataFrame) -> int:
    """What keeping a result frame costs in resident memory, in bytes. polars' estimate counts
    the values only; measured on the app's results (the process's resident memory over 400 kept
    frames), a frame holds about 4x that plus about 2 KB per column and 16 KB per frame
    (centre table, 99 columns: estimate 50 KB, resident 376-395 KB; a 5-column trend: 1.3 KB
    and 26 KB)."""
    return 4 * frame.estimated_size() + 2048 * frame.width + 16384


def row_cost(row: dict | None) -> int:
    """The same for a one-row result kept as a dict (a 99-value KPI row measured 15 KB)."""
    return 16384 + 160 * len(row or {})


class _Results:
    """Recent query results, least recently used out first, at most `limit` bytes as counted by
    frame_cost/row_cost and at most MAX_ENTRIES results. Callers get copies: a polars clone
    shares the column buffers (immutable) but not the frame, so a caller that adds or replaces a
    column changes only its own frame."""

    MAX_ENTRIES = 2048

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key, value, size: int) -> None:
        if size > self.limit:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (value, size)
            self.size += size
            while self.size > self.limit or len(self._items) > self.MAX_ENTRIES:
                _, (_, gone) = self._items.popitem(last=False)
                self.size -= gone


class Warehouse:
    def __init__(self, path: Path | str, cache_mb: float = 0):
        """`cache_mb`: keep recent results up to this many MB (0: none; benchmarks and tests
        that time or count queries open it without)."""
        self.path = Path(path)
        self._results = _Results(int(cache_mb * 2**20)) if cache_mb > 0 else None
        if not self.path.is_file():
            raise WarehouseMissing(str(self.path))
        self._con = duckdb.connect(str(self.path), read_only=True)
        meta = dict(self._con.execute("select key, value from meta").fetchall())
        self.meta = {k: json.loads(v) for k, v in meta.items()}
        if self.meta.get("build_layout") != build_layout():
            self._con.close()
            raise WarehouseOutdated(str(self.path))
        first, last = self._con.execute("select min(month), max(month) from months").fetchone()
        self.first_month: date | None = first
        self.last_month: date | None = last
        self._centre_months = self._con.execute(
            "select min(month), max(month) from centre_months"
        ).fetchone()

    def clamp(self, month_from: date, month_to: date) -> tuple[date, date]:
        """The months range limited to the warehouse's months (outside them there is no data).
        Queries that look a range up take it clamped, so they compare constants."""
        if self.first_month is None:
            return month_from, month_to
        return max(month_from, self.first_month), min(month_to, self.last_month)

    @property
    def version(self) -> str:
        return self.meta["version"]

    @property
    def ingested_on(self) -> date:
        return date.fromisoformat(self.meta["ingested_at"][:10])

    @property
    def synthetic(self) -> bool:
        return bool(self.meta.get("synthetic"))

    def centre_month(self, month: date) -> date:
        """The centre_months row that holds the centres' state at the end of `month`: before
        its first month nothing is open (as in its first), after its last nothing changes."""
        first, last = self._centre_months
        if first is None:
            return month
        return min(max(month, first), last)

    def _checked(self, name: str, params: dict) -> str:
        sql = load_query(name)
        expected = query_parameters(sql)
        if set(params) != expected:
            raise TypeError(f"query {name} takes {sorted(expected)}, was given {sorted(params)}")
        return sql

    def _key(self, kind: str, name: str, params: dict):
        return (kind, name, tuple(sorted((k, _frozen(v)) for k, v in params.items())))

    def run(self, name: str, **params) -> pl.DataFrame:
        sql = self._checked(name, params)
        if self._results is not None:
            key = self._key("run", name, params)
            hit = self._results.get(key)
            if hit is not None:
                return hit.clone()
        cursor = self._con.cursor()
        try:
            # execute + Arrow, not the relation API (`cursor.sql(...).pl()`): the relation binds
            # the statement twice, once for its schema and once to run it (10-15 ms of a 60 ms
            # centre table, measured); the extra copy DuckDB warns about is a few hundred rows.
            frame = pl.from_arrow(cursor.execute(sql, params).to_arrow_table())
        finally:
            cursor.close()
        if self._results is not None:
            self._results.put(key, frame, frame_cost(frame))
            return frame.clone()
        return frame

    def row(self, name: str, **params) -> dict | None:
        """A query's only row as a dict (None when it returns none), without building a frame:
        for the KPI counts, a one-row frame costs more to build than the query takes to run."""
        sql = self._checked(name, params)
        if self._results is None:
            return self._row(name, sql, params)
        key = self._key("row", name, params)
        hit = self._results.get(key)
        if hit is None:
            hit = (self._row(name, sql, params),)  # a tuple: a cached None is still a hit
            self._results.put(key, hit, row_cost(hit[0]))
        return copy.deepcopy(hit[0])  # its values may be lists

    def _row(self, name: str, sql: str, params: dict) -> dict | None:
        cursor = self._con.cursor()
        try:
            result = cursor.execute(sql, params)
            values = result.fetchone()
            if values is None:
                return None
            if result.fetchone() is not None:
                raise ValueError(f"query {name} returned more than one row")
            return dict(zip((d[0] for d in result.description), values, strict=True))
        finally:
            cursor.close()

    def close(self) -> None:
        self._con.close()
