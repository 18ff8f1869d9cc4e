"""Did the paid coordinator make a difference? A staggered event study with not-yet-funded
centres as controls, and a cluster bootstrap over centres for 95% intervals.

For each funded centre i (coordinator start month s_i) and each month relative to the start
e = -12 .. +18, the centre's outcome is compared with what it would have been had it followed the
centres not yet funded in that calendar month nor in the centre's baseline months (`controls`):

- counts (visits, new guests): baseline B_i = the centre's mean over e = -6 .. -1; the
  counterfactual is B_i x (controls' total in month t / controls' mean total over i's baseline
  months); the effect at e is sum(actual - counterfactual) / sum(counterfactual) over centres.
- shares (men, youth, care referrals): the change of the centre's share since its baseline
  minus the same change among the controls, in percentage points, weighted by the centre's
  guests in the month.

The months e = -12 .. -7 lie before the baseline: estimates there near zero say the funded and
the not-yet-funded centres moved alike before the money came (no pre-trend). Centres that
opened less than a year before their coordinator start are left out (no baseline). Intervals:
2.5th and 97.5th percentiles over bootstrap samples that draw centres with replacement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

EVENT_MONTHS = tuple(range(-12, 19))
BASELINE = tuple(range(-6, 0))
POST = tuple(range(0, 19))
PRE = tuple(range(-12, -6))  # before the baseline: a placebo window
COUNT_OUTCOMES = {"visits": "visits", "new_guests": "new_guests"}
SHARE_OUTCOMES = {
    "share_male": ("male", "gender_known"),
    "share_youth": ("youth", "age_known"),
    "share_referral_care": ("care_referrals", "ref_known"),
}
OUTCOMES = (*COUNT_OUTCOMES, *SHARE_OUTCOMES)


@dataclass(frozen=True)
class Design:
    """The event-study pairs: funded centre i at calendar month t = s_i + e, and which centres
    may serve as its controls there."""

    treated: np.ndarray  # centre index per pair
    event: np.ndarray  # e per pair
    month: np.ndarray  # calendar month index per pair
    baseline: np.ndarray  # (pairs, len(BASELINE)) calendar month indexes
    controls: np.ndarray  # (pairs, centres) bool
    n_centres: int
    funded: int


def design(panel_months: list, starts: dict[int, int | None], opened: dict[int, int]) -> Design:
    """starts: centre index -> month index of the coordinator start (None: not funded);
    opened: centre index -> month index of the first month the centre was open."""
    n_months = len(panel_months)
    n = len(starts)
    start = np.array([np.inf if s is None else s for s in starts.values()], dtype=float)
    open_at = np.array(list(opened.values()), dtype=float)
    rows = []
    funded = 0
    for i, s in starts.items():
        if s is None or s + BASELINE[0] < 0 or open_at[i] > s - 12:
            continue
        funded += 1
        base = np.array([s + b for b in BASELINE])
        for e in EVENT_MONTHS:
            t = s + e
            if t < 0 or t >= n_months:
                continue
            # controls: not funded in month t nor in i's baseline months
            ok = (start > max(t, base[-1])) & (open_at <= base[0])
            ok[i] = False
            if ok.any():
                rows.append((i, e, t, base, ok))
    return Design(
        treated=np.array([r[0] for r in rows], dtype=int),
        event=np.array([r[1] for r in rows], dtype=int),
        month=np.array([r[2] for r in rows], dtype=int),
        baseline=np.array([r[3] for r in rows], dtype=int).reshape(len(rows), len(BASELINE)),
        controls=np.array([r[4] for r in rows], dtype=bool).reshape(len(rows), n),
        n_centres=n,
        funded=funded,
    )


def _ratio_by_event(d: Design, top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    slot = d.event - EVENT_MONTHS[0]
    num = np.bincount(slot, weights=top, minlength=len(EVENT_MONTHS))
    den = np.bincount(slot, weights=bottom, minlength=len(EVENT_MONTHS))
    return np.divide(num, den, out=np.full(len(EVENT_MONTHS), np.nan), where=den > 0)


def _window(d: Design, top: np.ndarray, bottom: np.ndarray, months: tuple[int, ...]) -> float:
    inside = np.isin(d.event, months)
    den = bottom[inside].sum()
    return top[inside].sum() / den if den > 0 else np.nan


def _count_effects(d: Design, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, float]:
    """Effect per event month (relative change) and over the post months, for centre weights w
    (bootstrap multiplicities)."""
    m = d.controls * w[None, :]
    y_t = y[:, d.month].T  # (pairs, centres)
    y_b = y[:, d.baseline].mean(axis=2).T  # each centre's mean over the pair's baseline months
    ctrl_t = (m * y_t).sum(axis=1)
    ctrl_b = (m * y_b).sum(axis=1)
    own_b = y[d.treated[:, None], d.baseline].mean(axis=1)
    growth = np.divide(ctrl_t, ctrl_b, out=np.full_like(ctrl_t, np.nan), where=ctrl_b > 0)
    expected = own_b * growth
    actual = y[d.treated, d.month]
    wt = w[d.treated]
    ok = np.isfinite(expected)
    diff = np.where(ok, (actual - expected) * wt, 0.0)
    base = np.where(ok, expected * wt, 0.0)
    return _ratio_by_event(d, diff, base), _window(d, diff, base, POST), _window(d, diff, base, PRE)


def _share_effects(d: Design, num: np.ndarray, den: np.ndarray, w: np.ndarray):
    m = d.controls * w[None, :]
    c_num_t = (m * num[:, d.month].T).sum(axis=1)
    c_den_t = (m * den[:, d.month].T).sum(axis=1)
    c_num_b = (m * num[:, d.baseline].sum(axis=2).T).sum(axis=1)
    c_den_b = (m * den[:, d.baseline].sum(axis=2).T).sum(axis=1)
    own_num_b = num[d.treated[:, None], d.baseline].sum(axis=1)
    own_den_b = den[d.treated[:, None], d.baseline].sum(axis=1)
    own_num_t, own_den_t = num[d.treated, d.month], den[d.treated, d.month]
    with np.errstate(divide="ignore", invalid="ignore"):
        change = (own_num_t / own_den_t - own_num_b / own_den_b) - (
            c_num_t / c_den_t - c_num_b / c_den_b
        )
    weight = own_den_t * w[d.treated]
    ok = np.isfinite(change) & (weight > 0)
    weighted = np.where(ok, change * weight, 0.0)
    weight = np.where(ok, weight, 0.0)
    return (
        _ratio_by_event(d, weighted, weight),
        _window(d, weighted, weight, POST),
        _window(d, weighted, weight, PRE),
    )


@dataclass(frozen=True)
class EventStudy:
    outcome: str
    unit: str  # "relative" (a fraction: 0.15 = +15%) or "pp" (a share difference)
    by_event: pl.DataFrame  # event, estimate, low, high
    estimate: float
    low: float
    high: float
    pre_estimate: float  # the placebo window before the baseline: near zero without pre-trend
    pre_low: float
    pre_high: float
    funded_centres: int
    control_centres: int
    replicates: int

    @property
    def available(self) -> bool:
        return self.funded_centres > 0 and self.estimate == self.estimate  # not NaN


def event_study(
    panel: pl.DataFrame,
    centres: pl.DataFrame,
    outcome: str,
    replicates: int = 200,
    seed: int = 20221,
) -> EventStudy:
    """panel: centre_id, month and the outcome columns (impact_panel.sql); centres: centre_id,
    opened_on, coordinator_start."""
    months = sorted(panel["month"].unique().to_list())
    index = {m: k for k, m in enumerate(months)}
    ids = centres["centre_id"].to_list()
    pos = {c: k for k, c in enumerate(ids)}

    def month_index(d):
        if d is None:
            return None
        key = d.replace(day=1)
        if key < months[0]:
            return -((months[0].year - key.year) * 12 + months[0].month - key.month)
        return index.get(key, len(months) + 1)

    starts = {
        pos[c]: month_index(s) for c, s in zip(ids, centres["coordinator_start"], strict=True)
    }
    opened = {
        pos[c]: max(month_index(o), 0) if month_index(o) is not None else 0
        for c, o in zip(ids, centres["opened_on"], strict=True)
    }
    d = design(months, starts, opened)

    def matrix(column: str) -> np.ndarray:
        wide = np.zeros((len(ids), len(months)))
        rows = panel.select("centre_id", "month", column)
        for c, m, v in rows.iter_rows():
            if c in pos:
                wide[pos[c], index[m]] = v
        return wide

    if outcome in COUNT_OUTCOMES:
        y = matrix(COUNT_OUTCOMES[outcome])

        def run(w):
            return _count_effects(d, y, w)

        unit = "relative"
    else:
        num, den = (matrix(c) for c in SHARE_OUTCOMES[outcome])

        def run(w):
            return _share_effects(d, num, den, w)

        unit = "pp"
    if d.treated.size == 0:
        empty = pl.DataFrame({"event": list(EVENT_MONTHS)}).with_columns(
            pl.lit(None, dtype=pl.Float64).alias(c) for c in ("estimate", "low", "high")
        )
        nan = float("nan")
        return EventStudy(
            outcome,
            "relative" if outcome in COUNT_OUTCOMES else "pp",
            empty,
            nan,
            nan,
            nan,
            nan,
            nan,
            nan,
            0,
            0,
            0,
        )
    ones = np.ones(len(ids))
    per_event, overall, pre = run(ones)
    rng = np.random.default_rng(seed)
    draws_event, draws, pre_draws = [], [], []
    for _ in range(replicates):
        w = np.bincount(rng.integers(0, len(ids), len(ids)), minlength=len(ids)).astype(float)
        e, o, p = run(w)
        draws_event.append(e)
        draws.append(o)
        pre_draws.append(p)
    draws_event = np.array(draws_event)
    low_e = np.nanpercentile(draws_event, 2.5, axis=0)
    high_e = np.nanpercentile(draws_event, 97.5, axis=0)
    by_event = pl.DataFrame(
        {"event": list(EVENT_MONTHS), "estimate": per_event, "low": low_e, "high": high_e}
    )
    return EventStudy(
        outcome=outcome,
        unit=unit,
        by_event=by_event,
        estimate=float(overall),
        low=float(np.nanpercentile(draws, 2.5)),
        high=float(np.nanpercentile(draws, 97.5)),
        pre_estimate=float(pre),
        pre_low=float(np.nanpercentile(pre_draws, 2.5)),
        pre_high=float(np.nanpercentile(pre_draws, 97.5)),
        funded_centres=d.funded,
        control_centres=int(d.controls.any(axis=0).sum()),
        replicates=replicates,
    )
