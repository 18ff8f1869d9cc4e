"""One centre, the twelve months before and the twelve months after its paid coordinator
started, beside the centres not yet funded over the same calendar months (for grant managers).

- Controls: every other centre open before the first month of the "before" window whose
  coordinator had not started by the last month of the "after" window (or has none); with
  fewer than MIN_CONTROLS there is no comparison (an aggregate of a few would be theirs).
- Counts (visits, new guests) come from the monthly panel (impact_panel.sql). The centre's
  change is after / before - 1; the controls' change the same over their totals; the difference
  is (1 + centre's change) / (1 + controls' change) - 1. Its 95% interval comes from a bootstrap
  over months: the 12 months of each window are drawn with replacement (the same draw for the
  centre and the controls, so shared seasons cancel), which keeps the month-to-month noise of
  a single centre in the interval.
- Shares (men, youth, referrals by care providers) are among the distinct guests of each window
  (guest_ranges, as everywhere else): the difference in percentage points of the centre's change
  minus the controls'. Its 95% interval is the normal one for independent proportions; the
  same guests often come in both windows, which makes the true interval narrower, so this one
  errs on the wide side.
- Disclosure (dashboard/metrics/disclosure.py): every count is rounded to a multiple of 5 first
  (the months of the bootstrap too) and every change, share and interval is computed from those
  rounded counts, shares kept to whole percents, as everywhere below the national total. A
  centre with fewer than 10 distinct guests in a window, or fewer than 10 with a known value
  for a share, has that figure suppressed. An interval that includes zero means the centre's
  numbers are too small to say anything about a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl

from dashboard.constants import Z95
from dashboard.metrics.disclosure import (
    MIN_PEERS,
    is_suppressed,
    round_count,
    round_counts,
    whole_percent,
)
from dashboard.metrics.filters import add_months

WINDOW = 12
# Fewer waiting centres than this and their "change" would be a handful of identifiable
# centres' figures (a coordinator sees other centres only anonymised and in aggregate): no
# comparison. The same threshold as a peer median (dashboard/metrics/disclosure.py).
MIN_CONTROLS = MIN_PEERS
COUNTS = ("visits", "new_guests")
SHARES = {
    "share_male": ("male", "gender_known"),
    "share_youth": ("youth", "age_known"),
    "share_referral_care": ("care_referrals", "ref_known"),
}
OUTCOMES = (*COUNTS, *SHARES)


@dataclass(frozen=True)
class Windows:
    start: date  # the coordinator's start month
    before: tuple[date, date]
    after: tuple[date, date]


def windows(coordinator_start: date | None, first: date, last: date) -> Windows | None:
    """The two windows around a coordinator's start, when both lie inside [first, last]."""
    if coordinator_start is None:
        return None
    s = coordinator_start.replace(day=1)
    before = (add_months(s, -WINDOW), add_months(s, -1))
    after = (s, add_months(s, WINDOW - 1))
    if before[0] < first or after[1] > last:
        return None
    return Windows(s, before, after)


def control_ids(centres: pl.DataFrame, centre: str, w: Windows) -> list[str]:
    """Centres open from the first "before" month whose coordinator had not started by the
    last "after" month."""
    out = []
    for row in centres.iter_rows(named=True):
        if row["centre_id"] == centre or row["opened_on"] is None:
            continue
        start = row["coordinator_start"]
        if row["opened_on"].replace(day=1) <= w.before[0] and (
            start is None or start.replace(day=1) > w.after[1]
        ):
            out.append(row["centre_id"])
    return out


def _months(panel: pl.DataFrame, ids: list[str], span: tuple[date, date]) -> pl.DataFrame:
    """Monthly totals of visits and new guests over `ids` in `span`, one row per month."""
    return (
        panel.filter(pl.col("centre_id").is_in(ids) & pl.col("month").is_between(span[0], span[1]))
        .group_by("month")
        .agg(pl.col("visits").sum(), pl.col("new_guests").sum())
        .sort("month")
    )


def _count_row(own_b, own_a, ctl_b, ctl_a, replicates: int, seed: int) -> dict:
    ob, oa, cb, ca = (float(x.sum()) for x in (own_b, own_a, ctl_b, ctl_a))
    own_change = oa / ob - 1 if ob > 0 else np.nan
    ctl_change = ca / cb - 1 if cb > 0 else np.nan
    diff = (1 + own_change) / (1 + ctl_change) - 1 if ob > 0 and cb > 0 and ca > 0 else np.nan
    rng = np.random.default_rng(seed)
    draws = []
    n = len(own_b)
    for _ in range(replicates):
        ib, ia = rng.integers(0, n, n), rng.integers(0, n, n)
        b, a, c_b, c_a = own_b[ib].sum(), own_a[ia].sum(), ctl_b[ib].sum(), ctl_a[ia].sum()
        if b > 0 and c_b > 0 and c_a > 0:
            draws.append((a / b) / (c_a / c_b) - 1)
    low, high = np.percentile(draws, [2.5, 97.5]) if draws else (np.nan, np.nan)
    return {
        "before": ob,
        "after": oa,
        "change": own_change,
        "controls_change": ctl_change,
        "difference": diff,
        "low": float(low),
        "high": float(high),
    }


def _share_row(own_b: dict, own_a: dict, ctl_b: dict, ctl_a: dict, num: str, den: str) -> dict:
    def p(d):
        return float(whole_percent(np.array([d[num] / d[den]]), False)[0]) if d[den] > 0 else np.nan

    pb, pa, cb, ca = p(own_b), p(own_a), p(ctl_b), p(ctl_a)
    diff = (pa - pb) - (ca - cb)
    var = sum(
        x * (1 - x) / d[den]
        for x, d in ((pb, own_b), (pa, own_a), (cb, ctl_b), (ca, ctl_a))
        if d[den] > 0
    )
    half = Z95 * np.sqrt(var)
    return {
        "before": pb,
        "after": pa,
        "change": pa - pb,
        "controls_change": ca - cb,
        "difference": diff,
        "low": diff - half,
        "high": diff + half,
    }


def before_after(
    panel: pl.DataFrame,
    centres: pl.DataFrame,
    guests_before: pl.DataFrame,
    guests_after: pl.DataFrame,
    centre: str,
    w: Windows,
    replicates: int = 400,
    seed: int = 16,
) -> pl.DataFrame:
    """One row per outcome: outcome, unit ("relative" or "pp"), before, after (the centre's
    totals or shares), change, controls_change, difference, low, high, controls,
    guests_before, guests_after, suppressed, unclear (the interval includes zero).

    panel: impact_panel.sql; centres: catalog_centres.sql; guests_before/after:
    centre_windows.sql for the two windows."""
    controls = control_ids(centres, centre, w)
    if len(controls) < MIN_CONTROLS:
        controls = []
    zero = {c: 0 for c in ("guests", *[x for pair in SHARES.values() for x in pair])}

    def one(frame: pl.DataFrame, ids: list[str]) -> dict:
        part = frame.filter(pl.col("centre_id").is_in(ids))
        return {c: int(part[c].sum()) for c in zero} if part.height else dict(zero)

    def published(counts: dict) -> dict:
        return {c: round_count(v, False) for c, v in counts.items()}

    exact_b, exact_a = one(guests_before, [centre]), one(guests_after, [centre])
    small_window = is_suppressed(exact_b["guests"], False) or is_suppressed(
        exact_a["guests"], False
    )
    own_b, own_a = published(exact_b), published(exact_a)
    ctl_b = published(one(guests_before, controls))
    ctl_a = published(one(guests_after, controls))
    rows = []
    months_b = [add_months(w.before[0], k) for k in range(WINDOW)]
    months_a = [add_months(w.after[0], k) for k in range(WINDOW)]

    def series(ids: list[str], months: list[date], column: str) -> np.ndarray:
        frame = _months(panel, ids, (months[0], months[-1]))
        by_month = dict(zip(frame["month"].to_list(), frame[column].to_list(), strict=True))
        exact = np.array([float(by_month.get(m, 0)) for m in months])
        return round_counts(exact, False)

    for k, outcome in enumerate(COUNTS):
        if not controls:
            break
        row = _count_row(
            series([centre], months_b, outcome),
            series([centre], months_a, outcome),
            series(controls, months_b, outcome),
            series(controls, months_a, outcome),
            replicates,
            seed + k,
        )
        rows.append({"outcome": outcome, "unit": "relative", **row, "suppressed": small_window})
    for outcome, (num, den) in SHARES.items():
        if not controls:
            break
        small = small_window or is_suppressed(min(exact_b[den], exact_a[den]), False)
        rows.append(
            {
                "outcome": outcome,
                "unit": "pp",
                **_share_row(own_b, own_a, ctl_b, ctl_a, num, den),
                "suppressed": small,
            }
        )
    schema = {
        "outcome": pl.String,
        "unit": pl.String,
        "before": pl.Float64,
        "after": pl.Float64,
        "change": pl.Float64,
        "controls_change": pl.Float64,
        "difference": pl.Float64,
        "low": pl.Float64,
        "high": pl.Float64,
        "suppressed": pl.Boolean,
    }
    frame = pl.DataFrame(rows, schema=schema)
    hidden = ["before", "after", "change", "difference", "low", "high"]
    frame = frame.with_columns(
        [pl.when(pl.col("suppressed")).then(None).otherwise(pl.col(c)).alias(c) for c in hidden]
    )

    def guests(exact: dict, shown: dict) -> int | None:
        return None if is_suppressed(exact["guests"], False) else shown["guests"]

    return frame.with_columns(
        ((pl.col("low") <= 0) & (pl.col("high") >= 0)).fill_null(True).alias("unclear"),
        pl.lit(len(controls)).alias("controls"),
        pl.lit(guests(exact_b, own_b), dtype=pl.Int64).alias("guests_before"),
        pl.lit(guests(exact_a, own_a), dtype=pl.Int64).alias("guests_after"),
    )
