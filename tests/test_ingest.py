"""Ingest: one test per bad-input class of the data contract, plus idempotence.

Each test damages a copy of a small demo extract, then checks the message, the counts (rows read
= loaded + quarantined, per file), the quarantine file, and that nothing is lost or damaged.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from dashboard.build.ingest import ExtractRejected, ingest
from dashboard.cli import main as cli_main
from tests.conftest import TODAY


def _one_file(extract: Path, table: str) -> Path:
    return sorted((extract / table).glob("*.parquet"))[0]


def _rewrite(path: Path, change) -> pl.DataFrame:
    frame = change(pl.read_parquet(path))
    frame.write_parquet(path)
    return frame


def _set_first_row(path: Path, column: str, value: pl.Expr) -> pl.DataFrame:
    """Damage one cell: the first row's `column` becomes `value`."""
    return _rewrite(
        path,
        lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) == 0).then(value).otherwise(pl.col(column)).alias(column)
        ),
    )


def _table(warehouse: Path, sql: str):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(sql).pl()
    finally:
        con.close()


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_balanced(report, extract: Path) -> None:
    for f in report.files:
        assert f.rows_read == f.rows_loaded + f.rows_quarantined, f.path
        assert f.rows_read == pl.read_parquet(f.path).height, f.path
        assert sum(f.reasons.values()) == f.rows_quarantined


def _ingest_checked(extract: Path, tmp_path: Path):
    """Ingest `extract` into a new warehouse and check that every row read was loaded or
    quarantined; (the warehouse, the report)."""
    wh = tmp_path / "w.duckdb"
    report = ingest(extract, wh, as_of=TODAY)
    _assert_balanced(report, extract)
    return wh, report


@pytest.fixture
def served(small_warehouse, tmp_path) -> Path:
    """A warehouse already being served, built from the undamaged extract: a copy of the
    session's small warehouse folder (warehouse and quarantine) for each test, which may try to
    overwrite it."""
    shutil.copytree(small_warehouse.parent, tmp_path / "served")
    return tmp_path / "served" / small_warehouse.name


def _quarantined(warehouse: Path, table: str) -> pl.DataFrame:
    return pl.read_parquet(warehouse.parent / "quarantine" / table / "quarantined.parquet")


def _assert_rejected_and_untouched(extract, served, path_part: str, reason_part: str, capsys):
    before = _fingerprint(served)
    with pytest.raises(ExtractRejected) as err:
        ingest(extract, served, as_of=TODAY)
    assert path_part in err.value.path
    assert reason_part in err.value.reason
    assert _fingerprint(served) == before
    assert not list(served.parent.glob(".*building*"))  # no half-built files left
    # the command line says the same and exits non-zero
    code = cli_main(
        [
            "ingest",
            str(extract),
            "--warehouse",
            str(served),
            "--quiet",
            "--as-of",
            TODAY.isoformat(),
        ]
    )
    err_text = capsys.readouterr().err
    assert code == 1
    assert path_part in err_text and reason_part in err_text and "not changed" in err_text
    assert _fingerprint(served) == before


def test_clean_extract_loads_everything(small_extract, tmp_path):
    wh = tmp_path / "ipso.duckdb"
    report = ingest(small_extract, wh, as_of=TODAY)
    _assert_balanced(report, small_extract)
    assert sum(f.rows_quarantined for f in report.files) == 0
    visits = pl.read_parquet(small_extract / "visits" / "*.parquet").height
    assert _table(wh, "select count(*) as n from visits")["n"][0] == visits
    assert report.synthetic is True


def test_missing_required_column_rejects_the_file(extract_copy, served, capsys):
    path = _one_file(extract_copy, "visits")
    _rewrite(path, lambda f: f.drop("activity"))
    _assert_rejected_and_untouched(
        extract_copy, served, path.name, "missing required column(s): activity", capsys
    )


def test_missing_optional_column_loads_as_empty(extract_copy, tmp_path):
    path = _one_file(extract_copy, "visits")
    _rewrite(path, lambda f: f.drop("duration_min"))
    wh = tmp_path / "w.duckdb"
    report = ingest(extract_copy, wh, as_of=TODAY)
    notes = [n for f in report.files for n in f.notes]
    assert any("duration_min" in n for n in notes)
    _assert_balanced(report, extract_copy)


def test_corrupt_file_rejects_the_extract(extract_copy, served, capsys):
    path = _one_file(extract_copy, "guests")
    path.write_bytes(b"PAR1 this is not parquet at all")
    _assert_rejected_and_untouched(extract_copy, served, path.name, "cannot be read", capsys)


def test_damaged_data_pages_reject_the_extract_naming_the_file(extract_copy, served, capsys):
    # The footer is intact (the file opens and its columns are listed), but the data pages are
    # not: the error comes while all visit files are read together, and still names the file.
    path = sorted((extract_copy / "visits").glob("*.parquet"))[-1]
    data = bytearray(path.read_bytes())
    footer = int.from_bytes(data[-8:-4], "little") + 8
    for i in range(8, len(data) - footer - 8, 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    _assert_rejected_and_untouched(extract_copy, served, path.name, "cannot be read", capsys)


def test_missing_table_folder_rejects(extract_copy, served, capsys):
    for p in (extract_copy / "grants").iterdir():
        p.unlink()
    (extract_copy / "grants").rmdir()
    _assert_rejected_and_untouched(extract_copy, served, "grants", "missing folder", capsys)


def test_column_of_unusable_type_rejects(extract_copy, served, capsys):
    path = _one_file(extract_copy, "visits")
    _rewrite(path, lambda f: f.with_columns(pl.concat_list("visit_date").alias("visit_date")))
    _assert_rejected_and_untouched(
        extract_copy, served, path.name, "column 'visit_date' has type DATE[]", capsys
    )


def test_wrong_type_values_are_quarantined(extract_copy, tmp_path):
    path = _one_file(extract_copy, "visits")
    frame = _rewrite(
        path,
        lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) < 3)
            .then(pl.lit("about an hour"))
            .otherwise(pl.col("duration_min").cast(pl.String))
            .alias("duration_min")
        ),
    )
    wh, report = _ingest_checked(extract_copy, tmp_path)
    q = _quarantined(wh, "visits")
    assert q.height == 3
    assert set(q["visit_id"]) == set(frame["visit_id"][:3])
    assert q["reason"].str.contains("duration_min: not a valid integer").all()
    assert q["unreadable_values"].str.contains("about an hour").all()
    assert q["source_file"].unique().to_list() == [str(path)]
    # the good rows of the same file are loaded, numbers intact
    loaded = _table(wh, "select visit_id, duration_min from visits")
    good = frame[3:].with_columns(pl.col("duration_min").cast(pl.Int32))
    joined = good.join(loaded, on="visit_id", how="left", suffix="_wh")
    assert joined["duration_min_wh"].equals(joined["duration_min"].rename("duration_min_wh"))


@pytest.mark.parametrize(
    ("table", "column", "bad_value", "reason"),
    [
        ("guests", "birth_year", 1850, "birth_year: below 1900"),
        ("visits", "duration_min", 5000, "duration_min: above 600"),
        ("guests", "gender", "F", "gender: not one of female, male, other, unknown"),
        ("visits", "activity", "bingo", "activity: not one of"),
        ("visits", "visit_date", date(2031, 1, 1), "visit_date: in the future"),
        ("guests", "first_visit_on", date(2030, 5, 1), "first_visit_on: in the future"),
        ("visits", "visit_id", None, "visit_id: missing"),
    ],
)
def test_rule_breaking_rows_are_quarantined(
    extract_copy, tmp_path, table, column, bad_value, reason
):
    path = _one_file(extract_copy, table)
    original = pl.read_parquet(path)
    bad_ids = original[table[:-1] + "_id"][:2].to_list()
    dtype = original.schema[column]
    _rewrite(
        path,
        lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) < 2)
            .then(pl.lit(bad_value, dtype=dtype))
            .otherwise(pl.col(column))
            .alias(column)
        ),
    )
    wh, report = _ingest_checked(extract_copy, tmp_path)
    q = _quarantined(wh, table)
    mine = q.filter(pl.col("source_file") == str(path))
    assert mine.height >= 2
    assert mine.filter(pl.col("source_row") < 2)["reason"].str.contains(reason, literal=True).all()
    key = table[:-1] + "_id"
    if column != key:
        assert set(bad_ids) <= set(mine[key])
        assert not set(bad_ids) & set(_table(wh, f"select {key} from {table}")[key])
    counted = {r for f in report.files for r in f.reasons}
    assert any(reason in r for r in counted)


def test_guests_quarantined_take_their_visits_along_as_unknown_references(extract_copy, tmp_path):
    path = _one_file(extract_copy, "guests")
    _set_first_row(path, "gender", pl.lit("X"))
    wh, report = _ingest_checked(extract_copy, tmp_path)
    bad_guest = pl.read_parquet(path)["guest_id"][0]
    visits = pl.read_parquet(extract_copy / "visits" / "*.parquet")
    n_visits = visits.filter(pl.col("guest_id") == bad_guest).height
    qv = _quarantined(wh, "visits")
    assert qv.filter(pl.col("guest_id") == bad_guest).height == n_visits
    assert (qv["reason"] == "guest_id: unknown guest").all()


def test_unknown_reference_is_quarantined(extract_copy, tmp_path):
    path = _one_file(extract_copy, "visits")
    _set_first_row(path, "centre_id", pl.lit("C999"))
    wh, report = _ingest_checked(extract_copy, tmp_path)
    q = _quarantined(wh, "visits")
    assert q.height == 1
    assert q["reason"][0] == "centre_id: unknown centre"
    assert q["source_row"][0] == 0


def test_visit_before_centre_opened_is_quarantined(extract_copy, tmp_path):
    path = _one_file(extract_copy, "visits")
    _set_first_row(path, "visit_date", pl.lit(date(1990, 1, 1)))
    wh = tmp_path / "w.duckdb"
    ingest(extract_copy, wh, as_of=TODAY)
    q = _quarantined(wh, "visits")
    assert q["reason"].to_list() == ["visit_date: before the centre opened"]


def test_duplicate_id_across_files_keeps_the_first(extract_copy, tmp_path):
    files = sorted((extract_copy / "visits").glob("*.parquet"))
    first = pl.read_parquet(files[0])
    dup = first.head(5).with_columns(pl.lit("walk_in").alias("activity"))
    extra = extract_copy / "visits" / "zz-resent.parquet"
    dup.write_parquet(extra)
    wh, report = _ingest_checked(extract_copy, tmp_path)
    q = _quarantined(wh, "visits")
    assert q.height == 5
    assert (q["reason"] == "visit_id: duplicate").all()
    assert (q["source_file"] == str(extra)).all()
    loaded = _table(wh, "select * from visits").filter(
        pl.col("visit_id").is_in(dup["visit_id"].to_list())
    )
    assert loaded.sort("visit_id")["activity"].equals(first.head(5).sort("visit_id")["activity"])


def test_grant_ending_before_it_starts_is_quarantined(extract_copy, tmp_path):
    path = _one_file(extract_copy, "grants")
    _set_first_row(path, "end_on", pl.lit(date(2000, 1, 1)))
    wh = tmp_path / "w.duckdb"
    ingest(extract_copy, wh, as_of=TODAY)
    assert _quarantined(wh, "grants")["reason"].to_list() == ["end_on: before start_on"]


def test_ingest_twice_changes_nothing(small_extract, tmp_path):
    wh = tmp_path / "ipso.duckdb"
    tables = [
        "centres",
        "staffing",
        "guests",
        "visits",
        "surveys",
        "grants",
        "monthly_centre",
        "guest_ranges",
        "monthly_surveys",
    ]

    def snapshot():
        return {t: _table(wh, f"select * from {t} order by all") for t in tables}

    r1 = ingest(small_extract, wh, as_of=TODAY)
    s1 = snapshot()
    r2 = ingest(small_extract, wh, as_of=TODAY)
    s2 = snapshot()
    assert r1.version == r2.version
    for t in tables:
        assert s1[t].equals(s2[t]), t


def test_quarantine_is_replaced_not_accumulated(extract_copy, small_extract, tmp_path):
    path = _one_file(extract_copy, "visits")
    _set_first_row(path, "activity", pl.lit("bingo"))
    wh = tmp_path / "ipso.duckdb"
    ingest(extract_copy, wh, as_of=TODAY)
    assert (wh.parent / "quarantine" / "visits" / "quarantined.parquet").exists()
    ingest(small_extract, wh, as_of=TODAY)
    assert not (wh.parent / "quarantine" / "visits").exists()


def test_report_lists_tables_and_reasons(extract_copy, tmp_path):
    path = _one_file(extract_copy, "guests")
    _rewrite(
        path,
        lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) < 4)
            .then(pl.lit(1700))
            .otherwise(pl.col("birth_year"))
            .alias("birth_year")
        ),
    )
    report = ingest(extract_copy, tmp_path / "w.duckdb", as_of=TODAY)
    text = report.to_text()
    for table in ("centres", "staffing", "guests", "visits", "surveys", "grants", "total"):
        assert table in text
    assert "birth_year: below 1900" in text
    assert report.table_totals()["guests"]["quarantined"] == 4


def test_rows_of_files_read_together_keep_their_own_file_and_row(extract_copy, tmp_path):
    """Files with one schema are read by one read_parquet: a bad row in the middle of the list
    must still be counted for, and quarantined with, its own file and row."""
    files = sorted((extract_copy / "visits").glob("*.parquet"))
    assert len(files) >= 3
    middle = files[len(files) // 2]
    original = _rewrite(
        middle,
        lambda f: f.with_columns(
            pl.when(pl.int_range(pl.len()) == 7)
            .then(pl.lit(-5, dtype=f.schema["duration_min"]))
            .otherwise(pl.col("duration_min"))
            .alias("duration_min")
        ),
    )
    wh, report = _ingest_checked(extract_copy, tmp_path)
    by_path = {f.path: f for f in report.files if f.table == "visits"}
    assert by_path[str(middle)].rows_quarantined == 1
    assert sum(f.rows_quarantined for f in by_path.values()) == 1
    q = _quarantined(wh, "visits")
    assert q.select("source_file", "source_row").rows() == [(str(middle), 7)]
    assert q["visit_id"][0] == original["visit_id"][7]
