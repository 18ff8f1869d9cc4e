"""Validate an extract against the data contract and build the DuckDB warehouse from it.

An extract is a complete snapshot: the warehouse is rebuilt from it in a new file, with the
roll-up tables the pages read, and swapped in atomically only when everything succeeded. A file
that cannot be read, or that lacks a required column, rejects the whole extract (the served
warehouse stays as it was). A row that breaks a rule is set aside with its reason in
`<warehouse folder>/quarantine/<table>/quarantined.parquet`; for every file, rows read = rows
loaded + rows quarantined. Ingesting the same extract twice gives the same warehouse.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from dashboard import contract
from dashboard.contract import THIS_YEAR, Column, Table

SYNTHETIC_MARKER = "_synthetic.json"
MEMORY_LIMIT = os.environ.get("IPSO_INGEST_MEMORY", "2GB")
# Nested Parquet types cannot hold a contract value: such a column rejects the file.
_NESTED = re.compile(r"\[\]|^STRUCT|^MAP|^UNION|^BLOB", re.IGNORECASE)


class ExtractRejected(Exception):
    """The extract cannot be loaded; nothing was changed."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass
class FileReport:
    table: str
    path: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    warehouse: str
    quarantine_dir: str
    version: str
    synthetic: bool
    as_of: str
    files: list[FileReport]
    seconds: float = 0.0

    def table_totals(self) -> dict[str, dict[str, int]]:
        totals: dict[str, dict[str, int]] = {}
        for f in self.files:
            t = totals.setdefault(f.table, {"read": 0, "loaded": 0, "quarantined": 0})
            t["read"] += f.rows_read
            t["loaded"] += f.rows_loaded
            t["quarantined"] += f.rows_quarantined
        return totals

    def reasons_by_table(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for f in self.files:
            for reason, n in f.reasons.items():
                out.setdefault(f.table, {}).setdefault(reason, 0)
                out[f.table][reason] += n
        return out

    def to_text(self) -> str:
        lines = [f"Warehouse: {self.warehouse} (version {self.version[:12]})"]
        for table, t in self.table_totals().items():
            lines.append(
                f"{table:<9} read {t['read']:>11,}  loaded {t['loaded']:>11,}  "
                f"quarantined {t['quarantined']:>9,}"
            )
            for reason, n in sorted(self.reasons_by_table().get(table, {}).items()):
                lines.append(f"{'':<11}{n:>9,}  {reason}")
        total_read = sum(f.rows_read for f in self.files)
        total_q = sum(f.rows_quarantined for f in self.files)
        lines.append(
            f"total     read {total_read:>11,}  loaded {total_read - total_q:>11,}  "
            f"quarantined {total_q:>9,}   ({self.seconds:.1f} s)"
        )
        notes = [f"{f.path}: {n}" for f in self.files for n in f.notes]
        if notes:
            lines.append("Notes:")
            lines.extend(f"  {n}" for n in notes)
        if total_q:
            lines.append(f"Quarantined rows and their reasons: {self.quarantine_dir}")
        return "\n".join(lines)


def _q(name: str) -> str:
    """Quote an identifier from the contract (never user input)."""
    return '"' + name.replace('"', '""') + '"'


def _same_type(source: str, target: str) -> bool:
    return source.replace(" ", "").upper() == target.replace(" ", "").upper()


def _bound(value, this_year: int):
    return this_year if value == THIS_YEAR else value


def _file_select(
    table: Table, source_types: dict[str, str], as_of: date, index: int, first_file: int
) -> tuple[str, dict[str, object]]:
    """SELECT that types the rows of files with one schema and writes the reasons they break rules.

    The files are read together from the list parameter `path_<index>`; each row's file is named
    by its number in the table's file list (`_file`: `first_file` plus its place in the list),
    so rows carry a small integer rather than the path. Only names from the contract go into the
    SQL text; every value is a bound parameter, suffixed with the index so that several selects
    can be combined.
    """
    params: dict[str, object] = {}
    sfx = f"_{index}"
    typed, checks, raws = [], [], []
    for i, col in enumerate(table.columns):
        ident = _q(col.name)
        if col.name not in source_types:
            typed.append(f"CAST(NULL AS {col.type}) AS {ident}")
            continue
        if _same_type(source_types[col.name], col.type):
            value = ident
        else:
            value = f"TRY_CAST({ident} AS {col.type})"
            bad = f"({ident} IS NOT NULL AND {value} IS NULL)"
            checks.append((bad, f"{col.name}: not a valid {col.type.lower()}"))
            raws.append(f"CASE WHEN {bad} THEN '{col.name}=' || CAST({ident} AS VARCHAR) END")
        typed.append(f"{value} AS {ident}")
        checks.extend(_rule_checks(col, value, ident, i, params, as_of, sfx))
    reason = _reason_sql(
        [(cond, f"${_param(params, f'msg{j}{sfx}', msg)}") for j, (cond, msg) in enumerate(checks)]
    )
    raw = (
        ("NULLIF(concat_ws('; ', " + ", ".join(raws) + "), '')")
        if raws
        else ("CAST(NULL AS VARCHAR)")
    )
    path_param = _param(params, f"path{sfx}", None)
    sql = (
        f"SELECT {', '.join(typed)}, (file_index + {first_file})::INTEGER AS _file, "
        "file_row_number AS _row, "
        f"{reason} AS _reason, {raw} AS _raw "
        f"FROM read_parquet(${path_param}, file_row_number = true)"
    )
    return sql, params


def _reason_sql(checks: list[tuple[str, str]], earlier: str | None = None) -> str:
    """The reasons a row breaks the rules, joined with '; ', or NULL for a good row.

    The messages are only built for rows where a condition holds (CASE evaluates its branch on
    those rows alone), so the millions of good rows cost one boolean test each.
    """
    if not checks and earlier is None:
        return "CAST(NULL AS VARCHAR)"
    parts = ([earlier] if earlier else []) + [
        f"CASE WHEN {cond} THEN {msg} END" for cond, msg in checks
    ]
    any_bad = " OR ".join(
        ([f"{earlier} IS NOT NULL"] if earlier else []) + [f"({cond})" for cond, _ in checks]
    )
    return f"CASE WHEN {any_bad} THEN NULLIF(concat_ws('; ', {', '.join(parts)}), '') END"


def _param(params: dict, name: str, value) -> str:
    params[name] = value
    return name


def _rule_checks(col: Column, value: str, ident: str, i: int, params: dict, as_of: date, sfx: str):
    raw_null = f"{ident} IS NULL"
    if col.required:
        yield raw_null, f"{col.name}: missing"
    if col.low is not None:
        op = "<=" if col.exclusive_low else "<"
        p = _param(params, f"low{i}{sfx}", _bound(col.low, as_of.year))
        word = "not above" if col.exclusive_low else "below"
        yield f"{value} {op} ${p}", f"{col.name}: {word} {col.low}"
    if col.high is not None:
        p = _param(params, f"high{i}{sfx}", _bound(col.high, as_of.year))
        label = "this year" if col.high == THIS_YEAR else col.high
        yield f"{value} > ${p}", f"{col.name}: above {label}"
    if col.allowed is not None:
        p = _param(params, f"allowed{i}{sfx}", list(col.allowed))
        yield (
            f"NOT list_contains(${p}, {value})",
            f"{col.name}: not one of {', '.join(col.allowed)}",
        )
    if col.not_future:
        p = _param(params, f"as_of{sfx}", as_of)
        yield f"{value} > ${p}", f"{col.name}: in the future"


# Checks that need other tables or several columns, run over a table's files together:
# the joins, and (condition, message literal) pairs.
def _cross_checks(table: Table) -> tuple[str, list[tuple[str, str]]]:
    joins, conds = [], []
    for column, ref in table.references.items():
        key = contract.TABLES_BY_NAME[ref].key
        alias = f"ref_{column}"
        joins.append(f"LEFT JOIN {ref} AS {alias} ON {alias}.{_q(key)} = s.{_q(column)}")
        conds.append(
            (
                f"s.{_q(column)} IS NOT NULL AND {alias}.{_q(key)} IS NULL",
                f"'{column}: unknown {ref[:-1]}'",
            )
        )
    for rule in table.compares:
        if rule.op not in ("<", "<=", ">", ">="):
            raise ValueError(f"contract: unknown comparison {rule.op!r}")
        ref, _, col = rule.other.rpartition(".")
        other = f"ref_{ref}.{_q(col)}" if ref else f"s.{_q(col)}"
        message = rule.message.replace("'", "''")
        conds.append((f"s.{_q(rule.column)} {rule.op} {other}", f"'{message}'"))
    return " ".join(joins), conds


def _list_files(extract: Path, table: Table) -> list[Path]:
    folder = extract / table.name
    if not folder.is_dir():
        raise ExtractRejected(folder, f"missing folder for table '{table.name}'")
    files = sorted(p for p in folder.glob("*.parquet") if p.is_file())
    if not files and table.name == "centres":
        raise ExtractRejected(folder, "no .parquet file for table 'centres'")
    return files


def _describe(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    try:
        rows = con.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($p))",
            {"p": str(path)},
        ).fetchall()
    except duckdb.Error as exc:
        raise ExtractRejected(path, f"cannot be read as Parquet ({_first_line(exc)})") from exc
    return dict(rows)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:300]


def extract_version(extract: Path, as_of: date) -> str:
    """Content fingerprint of an extract: the same files give the same warehouse version."""
    h = hashlib.sha256(as_of.isoformat().encode())
    for p in sorted(extract.rglob("*")):
        if p.is_file() and (p.suffix == ".parquet" or p.name == SYNTHETIC_MARKER):
            h.update(str(p.relative_to(extract)).encode())
            with p.open("rb") as fh:
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()


def ingest(
    extract: Path | str,
    warehouse: Path | str,
    as_of: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Validate `extract`, build a new warehouse file and swap it in; see the module doc."""
    started = time.perf_counter()
    extract, warehouse = Path(extract), Path(warehouse)
    as_of = as_of or date.today()
    say = progress or (lambda _msg: None)
    if not extract.is_dir():
        raise ExtractRejected(extract, "extract folder not found")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    tmp_db = warehouse.with_name(f".{warehouse.name}.building-{token}")
    tmp_q = warehouse.parent / f".quarantine.building-{token}"
    quarantine = warehouse.parent / "quarantine"
    try:
        report = _build(extract, tmp_db, tmp_q, as_of, say, warehouse, quarantine, started)
        _swap(tmp_db, tmp_q, warehouse, quarantine, token)
        report.seconds = time.perf_counter() - started
    finally:
        for leftover in (tmp_db, Path(str(tmp_db) + ".wal")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(tmp_q, ignore_errors=True)
    return report


def _build(
    extract: Path,
    db: Path,
    qdir: Path,
    as_of: date,
    say,
    warehouse: Path,
    quarantine: Path,
    started: float,
) -> IngestReport:
    marker = extract / SYNTHETIC_MARKER
    synthetic = marker.is_file()
    files_report: list[FileReport] = []
    # The version fingerprint reads every file once more: a thread does it while DuckDB works
    # (hashlib releases the GIL), so it costs no wall time.
    hasher = ThreadPoolExecutor(max_workers=1)
    version = hasher.submit(extract_version, extract, as_of)
    hasher.shutdown(wait=False)
    con = duckdb.connect(str(db))
    try:
        con.execute("SET preserve_insertion_order = false")
        # Bound memory: DuckDB spills to disk beside the warehouse instead of growing with the
        # extract (the benchmark's peak-memory budget is 4 GB at 50x).
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute("SET temp_directory = $dir", {"dir": str(db.parent / ".duckdb_tmp")})
        for table in contract.TABLES:
            files = _list_files(extract, table)
            say(f"{table.name}: validating {len(files)} file(s)")
            reports = _load_table(con, table, files, qdir, as_of, say)
            files_report.extend(reports)
        say("building roll-ups")
        from dashboard.build.rollups import build_rollups
        from dashboard.metrics.db import build_layout

        build_rollups(con, say)
        say("writing the warehouse")
        meta = {
            "version": version.result(),
            "synthetic": synthetic,
            "synthetic_info": json.loads(marker.read_text("utf-8")) if synthetic else None,
            "extract": str(extract.resolve()),
            "as_of": as_of.isoformat(),
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
            # the roll-up version that built it: the app serves only a warehouse of its own
            "build_layout": build_layout(),
        }
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [(k, json.dumps(v)) for k, v in meta.items()],
        )
        report = IngestReport(
            warehouse=str(warehouse),
            quarantine_dir=str(quarantine),
            version=meta["version"],
            synthetic=synthetic,
            as_of=as_of.isoformat(),
            files=files_report,
            # the stored report's time runs to here; the returned one's to the swap
            seconds=time.perf_counter() - started,
        )
        _record_report(con, report)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return report


# Tables whose rows are stored in key order (small reference tables people read as lists);
# the large tables keep the order the scan produces, because sorting millions of rows costs
# more than the whole rest of their load.
_SORTED_TABLES = {"centres", "staffing", "grants"}


def _load_table(con, table: Table, files: list[Path], qdir: Path, as_of: date, say):
    """Check every row of a table's files and store the good ones; see the module doc.

    All files of a table are read as one query (one read_parquet per run of files with the same
    columns and types, UNION ALL between runs), in a few passes: (1) rows per file and reason,
    (2) the table itself, straight from the files when no row broke a rule, (3) repeated keys,
    found from the stored table's key hashes; only when a key repeats is the table stored again
    without the repeats; (4) the quarantine file, when any row was set aside.
    """
    reports, sources, groups = _inspect_files(con, table, files)
    if not files:
        cols = ", ".join(f"{_q(c.name)} {c.type}" for c in table.columns)
        con.execute(f"CREATE TABLE {table.name} ({cols})")
        return reports

    def select_of(index: int, members: list[int]) -> tuple[str, dict[str, object]]:
        sql, select_params = _file_select(table, sources[members[0]], as_of, index, members[0])
        select_params[f"path_{index}"] = [str(files[i]) for i in members]
        return sql, select_params

    selects, params = [], {}
    for index, members in enumerate(groups):
        sql, select_params = select_of(index, members)
        selects.append(sql)
        params.update(select_params)
    source_sql = " UNION ALL ".join(selects)
    joins, conds = _cross_checks(table)
    checked = (
        f"SELECT s.* EXCLUDE (_reason), {_reason_sql(conds, 's._reason')} AS _reason "
        f"FROM ({source_sql}) AS s {joins}"
    )

    say(f"{table.name}: checking rows")
    counts = _count_reasons(con, checked, params, files, select_of, reports)
    say(f"{table.name}: loading")
    clean = all(reason is None for _, reason, _ in counts)
    _store_good_rows(con, table, source_sql if clean else None, checked, params)
    keys = table.key_columns
    losers = _duplicates(con, table, keys, checked, params) if keys else 0
    if losers:
        _drop_repeated_keys(con, table, checked, params, reports)
    if losers or not clean:
        _write_quarantine(con, table, files, checked, params, qdir, losers)
    if losers:
        con.execute("DROP TABLE dup_losers")
    return reports


def _inspect_files(con, table: Table, files: list[Path]):
    """Each file's columns and types against the contract (a file that lacks a required column
    or nests one is rejected whole), its report, and the runs of consecutive files with the
    same columns and types (read by one read_parquet each)."""
    reports, sources, groups = [], [], []
    for index, path in enumerate(files):
        source = _describe(con, path)
        report = FileReport(table.name, str(path))
        missing_required = [c.name for c in table.columns if c.required and c.name not in source]
        if missing_required:
            raise ExtractRejected(
                path, f"missing required column(s): {', '.join(missing_required)}"
            )
        for c in table.columns:
            if c.name not in source:
                report.notes.append(f"optional column '{c.name}' absent: loaded as empty")
            elif _NESTED.search(source[c.name]):
                raise ExtractRejected(
                    path,
                    f"column '{c.name}' has type {source[c.name]}; the contract expects {c.type}",
                )
        reports.append(report)
        sources.append(source)
        if groups and list(sources[groups[-1][0]].items()) == list(source.items()):
            groups[-1].append(index)
        else:
            groups.append([index])
    return reports, sources, groups


def _count_reasons(con, checked: str, params: dict, files, select_of, reports) -> list[tuple]:
    """Pass 1: rows per file and reason, added to the files' reports."""
    counts = _run_over_files(
        con,
        f"SELECT _file, _reason, count(*) FROM ({checked}) AS c GROUP BY ALL",
        params,
        files,
        lambda index: select_of(index, [index]),
    ).fetchall()
    for index, reason, n in counts:
        r = reports[index]
        r.rows_read += n
        if reason is None:
            r.rows_loaded += n
        else:
            r.rows_quarantined += n
            r.reasons[reason] = r.reasons.get(reason, 0) + n
    return counts


def _order_by(table: Table) -> str:
    keys = table.key_columns
    return f" ORDER BY {', '.join(_q(k) for k in keys)}" if table.name in _SORTED_TABLES else ""


def _store_good_rows(con, table: Table, clean_source: str | None, checked: str, params) -> None:
    """Pass 2: the table itself; straight from the files (`clean_source`) when no row broke a
    rule, without the checks' joins."""
    names = ", ".join(_q(c.name) for c in table.columns)
    if clean_source is not None:
        stored = f"SELECT {names} FROM ({clean_source})"
    else:
        stored = f"SELECT {names} FROM ({checked}) AS c WHERE c._reason IS NULL"
    con.execute(f"CREATE TABLE {table.name} AS {stored}{_order_by(table)}", params)


def _drop_repeated_keys(con, table: Table, checked: str, params, reports) -> None:
    """Pass 3, when a key repeats (rare: a real extract should have none): store the table again
    without the rows that repeat a key, now that they are known by file and row."""
    names = ", ".join(_q(c.name) for c in table.columns)
    reason = f"{'/'.join(table.key_columns)}: duplicate"
    for index, n in con.execute("SELECT _file, count(*) FROM dup_losers GROUP BY ALL").fetchall():
        r = reports[index]
        r.rows_loaded -= n
        r.rows_quarantined += n
        r.reasons[reason] = r.reasons.get(reason, 0) + n
    con.execute(f"DROP TABLE {table.name}")
    con.execute(
        f"CREATE TABLE {table.name} AS SELECT {names} FROM ({checked}) AS c "
        "ANTI JOIN dup_losers AS d ON d._file = c._file AND d._row = c._row "
        f"WHERE c._reason IS NULL{_order_by(table)}",
        params,
    )


def _run_over_files(con, sql: str, params: dict, files: list[Path], select_of):
    """Run a query over all of a table's files; if it fails, name the file that cannot be read.

    `select_of(i)` gives the SELECT (and its parameters) that reads file i alone.
    """
    try:
        return con.execute(sql, params)
    except duckdb.Error as exc:
        for index, path in enumerate(files):
            select, used = select_of(index)
            try:
                con.execute(f"SELECT count(*), count(_reason) FROM ({select})", used).fetchall()
            except duckdb.Error as file_exc:
                raise ExtractRejected(
                    path, f"cannot be read ({_first_line(file_exc)})"
                ) from file_exc
        raise ExtractRejected(
            files[0].parent, f"cannot be read with the contract's types ({_first_line(exc)})"
        ) from exc


def _duplicates(con, table: Table, keys: list[str], checked: str, params) -> int:
    """Rows that repeat the key of an earlier good row (by file, then row), in `dup_losers`.

    The stored table holds the good rows: their key hashes, sorted, show in one cheap pass
    whether any key occurs twice (sorting 70 million 64-bit hashes takes a few seconds and a
    fixed amount of memory, where grouping them spills to disk). Only keys whose hash repeats
    are then looked up in the files, to name the repeats by file and row.
    """
    key_list = ", ".join(_q(k) for k in keys)
    hashes = con.execute(f"SELECT hash({key_list}) AS h FROM {table.name}").fetchnumpy()["h"]
    hashes = np.asarray(hashes, dtype=np.uint64)
    hashes.sort()
    repeated = np.unique(hashes[1:][hashes[1:] == hashes[:-1]])
    del hashes
    if not repeated.size:
        return 0
    con.register("dup_hashes", pl.DataFrame({"h": repeated}))
    try:
        con.execute(
            f"""
            CREATE TEMP TABLE dup_losers AS
            SELECT c._file, c._row FROM ({checked}) AS c
            WHERE c._reason IS NULL
                AND hash({", ".join(f"c.{_q(k)}" for k in keys)}) IN (SELECT h FROM dup_hashes)
            QUALIFY row_number() OVER (PARTITION BY {key_list} ORDER BY c._file, c._row) > 1
            """,
            params,
        )
    finally:
        con.unregister("dup_hashes")
    return con.execute("SELECT count(*) FROM dup_losers").fetchone()[0]


def _write_quarantine(con, table: Table, files, checked: str, params, qdir: Path, losers: int):
    names = ", ".join(f"c.{_q(c.name)}" for c in table.columns)
    out = qdir / table.name
    out.mkdir(parents=True, exist_ok=True)
    con.execute("CREATE TEMP TABLE quarantine_files (idx INTEGER, path VARCHAR)")
    con.executemany(
        "INSERT INTO quarantine_files VALUES (?, ?)", [(i, str(p)) for i, p in enumerate(files)]
    )
    dup_reason = f"{'/'.join(table.key_columns)}: duplicate"
    dup_join = (
        " LEFT JOIN dup_losers AS d ON d._file = c._file AND d._row = c._row" if losers else ""
    )
    reason = (
        "c._reason"
        if not losers
        else (f"coalesce(c._reason, CASE WHEN d._row IS NOT NULL THEN '{dup_reason}' END)")
    )
    con.execute(
        f"COPY (SELECT {names}, f.path AS source_file, c._row AS source_row, "
        f"{reason} AS reason, c._raw AS unreadable_values FROM ({checked}) AS c"
        f"{dup_join} INNER JOIN quarantine_files AS f ON f.idx = c._file "
        f"WHERE {reason} IS NOT NULL ORDER BY c._file, c._row) TO "
        f"'{_sql_path(out / 'quarantined.parquet')}' (FORMAT parquet)",
        params,
    )
    con.execute("DROP TABLE quarantine_files")


def _sql_path(path: Path) -> str:
    # COPY ... TO takes no parameter; the path is ours (built from the warehouse folder).
    return str(path).replace("'", "''")


def _record_report(con, report: IngestReport) -> None:
    con.execute(
        "CREATE TABLE ingest_files (table_name VARCHAR, path VARCHAR, rows_read BIGINT, "
        "rows_loaded BIGINT, rows_quarantined BIGINT, notes VARCHAR)"
    )
    con.execute(
        "CREATE TABLE ingest_reasons (table_name VARCHAR, path VARCHAR, reason VARCHAR, "
        "rows BIGINT)"
    )
    con.executemany(
        "INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                f.table,
                f.path,
                f.rows_read,
                f.rows_loaded,
                f.rows_quarantined,
                "; ".join(f.notes) or None,
            )
            for f in report.files
        ],
    )
    rows = [(f.table, f.path, r, n) for f in report.files for r, n in f.reasons.items()]
    if rows:
        con.executemany("INSERT INTO ingest_reasons VALUES (?, ?, ?, ?)", rows)
    con.execute("INSERT INTO meta VALUES ('report', ?)", [json.dumps(asdict(report), default=str)])


def _swap(tmp_db: Path, tmp_q: Path, warehouse: Path, quarantine: Path, token: str) -> None:
    """Put the new quarantine folder and warehouse file in place; the file swap is atomic."""
    old_q = warehouse.parent / f".quarantine.old-{token}"
    if quarantine.exists():
        quarantine.rename(old_q)
    if tmp_q.exists():
        tmp_q.rename(quarantine)
    else:
        quarantine.mkdir()
    os.replace(tmp_db, warehouse)
    shutil.rmtree(old_q, ignore_errors=True)
