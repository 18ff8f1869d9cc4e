"""Small-number suppression (DATA_CONTRACT.md): a figure computed from fewer than 10 guests or
responses is not shown outside the national total, in tiles, charts, tables and downloads; and
below the national total counts are rounded to a multiple of 5, so that the difference of two
views never gives a suppressed figure back exactly."""

from __future__ import annotations

import numpy as np
import polars as pl

from dashboard.constants import MIN_COUNT, ROUND_TO

SUPPRESSED_LABEL = "< 10"


def is_suppressed(n: int | None, national: bool) -> bool:
    return not national and (n is None or n < MIN_COUNT)


def round_counts(values: np.ndarray, national: bool) -> np.ndarray:
    """Counts to the nearest multiple of ROUND_TO (halves up) below the national level."""
    if national:
        return values
    return np.floor(values / ROUND_TO + 0.5) * ROUND_TO


def round_count(value: int, national: bool) -> int:
    return int(round_counts(np.array([float(value)]), national)[0])


def suppress_frame(
    frame: pl.DataFrame, count_col: str, columns: list[str], national: bool
) -> pl.DataFrame:
    """Null out `columns` (and `count_col`) in rows whose `count_col` is below the threshold,
    and add a boolean `suppressed` column saying where that happened."""
    if national:
        return frame.with_columns(pl.lit(False).alias("suppressed"))
    small = pl.col(count_col) < MIN_COUNT
    return frame.with_columns(
        *[
            pl.when(small)
            .then(None)
            .otherwise(((pl.col(c) / ROUND_TO + 0.5).floor() * ROUND_TO).cast(pl.Int64))
            .alias(c)
            for c in {*columns, count_col}
        ],
        small.alias("suppressed"),
    )
