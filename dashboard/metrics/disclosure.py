"""Disclosure control: the one layer every figure below the national total passes through before
any page, chart, table, download, deck or CLI output sees it.

The method is rounding, applied once to the counts and never undone: below the national total
every count of people, visits, answers or volunteers is rounded to a multiple of 5 (halves up)
and hidden when it rests on fewer than 10 guests or answers; every ratio, share, rate, interval,
band and rank is then computed from those published counts, never from the exact ones, and
shares are kept to whole percents. So a figure adds nothing that the published counts do not
already say, and differencing two views gives a value known only to within the rounding, never
a hidden count exactly. On top of that, for a coordinator, figures of an area with fewer than
five centres (which would be a handful of identifiable peers) are hidden, and peer medians and
bands need at least five peers with a published value. The national total is exact.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import polars as pl

from dashboard.constants import MIN_COUNT, ROUND_TO

SUPPRESSED_LABEL = "< 10"
# A peer median or band needs this many peers with a published value: with fewer, the 25% and
# 75% points of two or three values give the values themselves back.
MIN_PEERS = 5
# For a coordinator an area (province) is shown only when at least this many centres were open
# in it: with fewer its figures are those of one or two anonymous peers, tied to a place.
MIN_AREA_CENTRES = 5


def is_suppressed(n: int | None, national: bool) -> bool:
    return not national and (n is None or n < MIN_COUNT)


def round_counts(values: np.ndarray, national: bool) -> np.ndarray:
    """Counts to the nearest multiple of ROUND_TO (halves up) below the national level."""
    if national:
        return values
    return np.floor(values / ROUND_TO + 0.5) * ROUND_TO


def round_count(value: int, national: bool) -> int:
    return int(round_counts(np.array([float(value)]), national)[0])


def whole_percent(shares: np.ndarray, national: bool) -> np.ndarray:
    """Shares (0-1) to whole percents below the national level: more digits would say more
    about the counts than the rounding lets them."""
    if national:
        return shares
    return np.floor(np.asarray(shares, dtype=np.float64) * 100 + 0.5) / 100


def suppress_frame(
    frame: pl.DataFrame, count_col: str, columns: list[str], national: bool
) -> pl.DataFrame:
    """Null out `columns` (and `count_col`) in rows whose `count_col` is below the threshold,
    round the rest, and add a boolean `suppressed` column saying where that happened."""
    if national:
        return frame.with_columns(pl.lit(False).alias("suppressed"))
    small = pl.col(count_col).is_null() | (pl.col(count_col) < MIN_COUNT)
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


def peer_summary(values: Iterable[float | None]) -> dict[str, float | int | None]:
    """Median and 25-75% band of the peers' published values, only over at least MIN_PEERS
    peers with a value; otherwise all None (the page says the group is too small)."""
    known = [float(v) for v in values if v is not None and not np.isnan(v)]
    if len(known) < MIN_PEERS:
        return {"median": None, "p25": None, "p75": None, "peers": len(known)}
    arr = np.array(known)
    return {
        "median": float(np.median(arr)),
        "p25": float(np.quantile(arr, 0.25)),
        "p75": float(np.quantile(arr, 0.75)),
        "peers": len(known),
    }


def protect_areas(
    frame: pl.DataFrame,
    counts: list[str],
    basis: str,
    hide: set[str] = frozenset(),
    key: str = "province",
    national: bool = False,
) -> pl.DataFrame:
    """Area rows (one per province): `counts` rounded, all of them hidden where `basis` rests
    on fewer than MIN_COUNT or the area is in `hide`; adds `suppressed`."""
    if national:
        return frame.with_columns(pl.lit(False).alias("suppressed"))
    small = pl.col(basis).is_null() | (pl.col(basis) < MIN_COUNT) | pl.col(key).is_in(sorted(hide))
    return frame.with_columns(
        *[
            pl.when(small)
            .then(None)
            .otherwise(((pl.col(c) / ROUND_TO + 0.5).floor() * ROUND_TO).cast(pl.Int64))
            .alias(c)
            for c in counts
        ],
        small.alias("suppressed"),
    )
