"""Small-number suppression (DATA_CONTRACT.md): a figure computed from fewer than 10 guests or
responses is not shown outside the national total, in tiles, charts, tables and downloads."""

from __future__ import annotations

import polars as pl

from dashboard.constants import MIN_COUNT

SUPPRESSED_LABEL = "< 10"


def is_suppressed(n: int | None, national: bool) -> bool:
    return not national and (n is None or n < MIN_COUNT)


def suppress_frame(
    frame: pl.DataFrame, count_col: str, columns: list[str], national: bool
) -> pl.DataFrame:
    """Null out `columns` (and `count_col`) in rows whose `count_col` is below the threshold,
    and add a boolean `suppressed` column saying where that happened."""
    if national:
        return frame.with_columns(pl.lit(False).alias("suppressed"))
    small = pl.col(count_col) < MIN_COUNT
    return frame.with_columns(
        *[pl.when(small).then(None).otherwise(pl.col(c)).alias(c) for c in {*columns, count_col}],
        small.alias("suppressed"),
    )
