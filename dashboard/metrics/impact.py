"""Did the paid coordinator make a difference? A staggered event study against comparable centres
not yet funded, with a cluster bootstrap over centres for standard errors, a joint test of the
months before, simultaneous (sup-t) bands and a Holm correction across the headline outcomes.

For each funded centre i (coordinator start month s_i) and each month relative to the start
e = -12 .. +18, the centre's outcome is compared with what it would have been had it followed its
controls: the centres not funded by calendar month t = s_i + e (nor in i's baseline months) that
were open at least 24 months before i's baseline (young centres still grow, which reads as a
negative effect; the same rule holds for the funded centres themselves).

- counts (visits, new guests): baseline B_i = the centre's mean over e = -6 .. -1; the
  counterfactual is B_i x (controls' total in month t / controls' mean total over i's baseline
  months); the effect at e is sum(actual - counterfactual) / sum(counterfactual) over centres.
- shares among the month's new guests (men, youth, care referrals), where a coordinator can
  change who comes in: the change of the centre's share since its baseline minus the same
  change among the controls, weighted by the centre's new guests with a known value. The same
  shares among all guests of a month stay as a secondary view (`*_all`), diluted by design.

Month 0 (the start falls inside it) is a transition month, neither before nor after. The leads
e = -12 .. -7 lie before the baseline: a joint test that all are zero checks that funded and
control centres moved alike before the money came. The headline is the mean effect over
e = +1 .. +18. Standard errors come from a bootstrap that draws centres with replacement (all
their months together); intervals are estimate +- 1.96 SE; the sup-t band holds for all months
at once; Holm's step-down correction keeps the chance of any false claim across the five
headline outcomes at 5%.

`att_gt` is Callaway and Sant'Anna's unconditional ATT(g,t) with not-yet-treated controls and
the period before the start as base (their "universal" base period), in levels: the cross-check
against an established implementation, and the reference the simulation compares with.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import polars as pl

from dashboard.constants import Z95

EVENT_MONTHS = tuple(range(-12, 19))
BASELINE = tuple(range(-6, 0))
TRANSITION = 0
POST = tuple(range(1, 19))
PRE = tuple(range(-12, -6))  # the leads, before the baseline: tested jointly for zero
CONTROL_OPEN_MONTHS = 24  # open at least this long before the baseline (funded centres too)
COUNT_OUTCOMES = {"visits": "visits", "new_guests": "new_guests"}
SHARE_OUTCOMES = {
    "share_male": ("new_male", "new_gender_known"),
    "share_youth": ("new_youth", "new_age_known"),
    "share_referral_care": ("new_care_referrals", "new_ref_known"),
    # secondary: among all guests of the month (a change among newcomers is diluted here)
    "share_male_all": ("male", "gender_known"),
    "share_youth_all": ("youth", "age_known"),
    "share_referral_care_all": ("care_referrals", "ref_known"),
}
HEADLINE = ("visits", "new_guests", "share_male", "share_youth", "share_referral_care")
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


def design(n_months: int, starts: list[int | None], opened: list[int]) -> Design:
    """starts: per centre the month index of the coordinator start (None: not funded);
    opened: per centre the month index of the first month it was open (may be negative)."""
    n = len(starts)
    start = np.array([np.inf if s is None else s for s in starts], dtype=float)
    open_at = np.array(opened, dtype=float)
    rows = []
    funded = 0
    for i, s in enumerate(starts):
        if s is None or s + BASELINE[0] < 0:
            continue
        first_base = s + BASELINE[0]
        if open_at[i] > first_base - CONTROL_OPEN_MONTHS:
            continue
        funded += 1
        base = np.array([s + b for b in BASELINE])
        for e in EVENT_MONTHS:
            t = s + e
            if t < 0 or t >= n_months or e == TRANSITION:
                continue
            # controls: not funded in month t nor in i's baseline months, and established
            ok = (start > max(t, base[-1])) & (open_at <= first_base - CONTROL_OPEN_MONTHS)
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


def _slots(d: Design) -> np.ndarray:
    """(event months, pairs) 0/1: which pairs add up into each event month."""
    s = np.zeros((len(EVENT_MONTHS), d.event.size))
    s[d.event - EVENT_MONTHS[0], np.arange(d.event.size)] = 1.0
    return s


def _window_rows(months: tuple[int, ...]) -> np.ndarray:
    return np.isin(np.array(EVENT_MONTHS), months).astype(float)


def _divide(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.divide(a, b, out=np.full(np.broadcast(a, b).shape, np.nan), where=b > 0)


def _count_parts(d: Design, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair and bootstrap column: (actual - counterfactual) x weight and counterfactual x
    weight. w: (centres, replicates) multiplicities."""
    y_t = y[:, d.month].T * d.controls  # (pairs, centres)
    y_b = y[:, d.baseline].mean(axis=2).T * d.controls
    ctrl_t, ctrl_b = y_t @ w, y_b @ w  # (pairs, replicates)
    own_b = y[d.treated[:, None], d.baseline].mean(axis=1)[:, None]
    expected = own_b * _divide(ctrl_t, ctrl_b)
    actual = y[d.treated, d.month][:, None]
    wt = w[d.treated]
    ok = np.isfinite(expected)
    return np.where(ok, (actual - expected) * wt, 0.0), np.where(ok, expected * wt, 0.0)


def _share_parts(d: Design, num: np.ndarray, den: np.ndarray, w: np.ndarray):
    c = d.controls
    c_num_t = (num[:, d.month].T * c) @ w
    c_den_t = (den[:, d.month].T * c) @ w
    c_num_b = (num[:, d.baseline].sum(axis=2).T * c) @ w
    c_den_b = (den[:, d.baseline].sum(axis=2).T * c) @ w
    own_num_b = num[d.treated[:, None], d.baseline].sum(axis=1)
    own_den_b = den[d.treated[:, None], d.baseline].sum(axis=1)
    own_num_t, own_den_t = num[d.treated, d.month], den[d.treated, d.month]
    own = (_divide(own_num_t, own_den_t) - _divide(own_num_b, own_den_b))[:, None]
    change = own - (_divide(c_num_t, c_den_t) - _divide(c_num_b, c_den_b))
    weight = own_den_t[:, None] * w[d.treated]
    ok = np.isfinite(change) & (weight > 0)
    return np.where(ok, change * weight, 0.0), np.where(ok, weight, 0.0)


def _aggregate(d: Design, top: np.ndarray, bottom: np.ndarray):
    """Per event month and over the post window (each replicate a column)."""
    slots = _slots(d)
    num, den = slots @ top, slots @ bottom
    post = _window_rows(POST)
    return _divide(num, den), _divide(post @ num, post @ den)


@dataclass(frozen=True)
class EventStudy:
    outcome: str
    unit: str  # "relative" (a fraction: 0.15 = +15%) or "pp" (a share difference)
    # event, estimate, se, low, high (pointwise 95%), band_low, band_high (sup-t, all months)
    by_event: pl.DataFrame
    estimate: float  # mean effect over POST
    se: float
    low: float
    high: float
    p_value: float  # two-sided, estimate / se against the normal distribution
    pre_p_value: float  # joint test that every lead (PRE) is zero (sup-t, bootstrap)
    band_critical: float  # the sup-t critical value (1.96 would be pointwise)
    funded_centres: int
    control_centres: int
    replicates: int

    @property
    def available(self) -> bool:
        return self.funded_centres > 0 and self.estimate == self.estimate  # not NaN


def _normal_p(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2)) if z == z else float("nan")


def _indexes(panel: pl.DataFrame, centres: pl.DataFrame):
    months = sorted(panel["month"].unique().to_list())
    ids = centres["centre_id"].to_list()

    def month_index(d) -> int | None:
        if d is None:
            return None
        return (d.year - months[0].year) * 12 + d.month - months[0].month

    starts = [month_index(s) for s in centres["coordinator_start"]]
    opened = [month_index(o) for o in centres["opened_on"]]
    return months, ids, starts, opened


def _matrix(panel: pl.DataFrame, ids: list, months: list, column: str) -> np.ndarray:
    pos = {c: k for k, c in enumerate(ids)}
    index = {m: k for k, m in enumerate(months)}
    wide = np.zeros((len(ids), len(months)))
    rows = panel.select("centre_id", "month", column).filter(pl.col("centre_id").is_in(ids))
    r = np.array([pos[c] for c in rows["centre_id"]], dtype=int)
    k = np.array([index[m] for m in rows["month"]], dtype=int)
    wide[r, k] = rows[column].fill_null(0).to_numpy()
    return wide


def prepare(panel: pl.DataFrame, centres: pl.DataFrame):
    """The design and the outcome matrices of a panel (impact_panel.sql; centres: centre_id,
    opened_on, coordinator_start); shared by the outcomes of one panel."""
    months, ids, starts, opened = _indexes(panel, centres)
    return design(len(months), starts, opened), ids, months


def _parts(d: Design, panel, ids, months, outcome: str, w: np.ndarray):
    if outcome in COUNT_OUTCOMES:
        return _count_parts(d, _matrix(panel, ids, months, COUNT_OUTCOMES[outcome]), w)
    num, den = (_matrix(panel, ids, months, c) for c in SHARE_OUTCOMES[outcome])
    return _share_parts(d, num, den, w)


def _empty(outcome: str, unit: str) -> EventStudy:
    nan = float("nan")
    cols = ("estimate", "se", "low", "high", "band_low", "band_high")
    frame = pl.DataFrame({"event": list(EVENT_MONTHS)}).with_columns(
        pl.lit(None, dtype=pl.Float64).alias(c) for c in cols
    )
    return EventStudy(outcome, unit, frame, nan, nan, nan, nan, nan, nan, nan, 0, 0, 0)


def event_study(
    panel: pl.DataFrame,
    centres: pl.DataFrame,
    outcome: str,
    replicates: int = 400,
    seed: int = 20221,
    prepared=None,
) -> EventStudy:
    """panel: centre_id, month and the outcome columns (impact_panel.sql); centres: centre_id,
    opened_on, coordinator_start."""
    d, ids, months = prepared or prepare(panel, centres)
    unit = "relative" if outcome in COUNT_OUTCOMES else "pp"
    if d.treated.size == 0:
        return _empty(outcome, unit)
    rng = np.random.default_rng(seed)
    n = len(ids)
    draws = rng.integers(0, n, size=(replicates, n))
    w = np.zeros((n, replicates + 1))
    w[:, 0] = 1.0
    for r in range(replicates):
        w[:, r + 1] = np.bincount(draws[r], minlength=n)
    top, bottom = _parts(d, panel, ids, months, outcome, w)
    per_event, post = _aggregate(d, top, bottom)
    est_e, boot_e = per_event[:, 0], per_event[:, 1:]
    est, boot = float(post[0]), post[1:]
    with warnings.catch_warnings():
        # event months without any pair (month 0, or beyond the data) have no spread: NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        se_e = np.nanstd(boot_e, axis=1, ddof=1)
    se = float(np.nanstd(boot, ddof=1))
    # sup-t: the 95th percentile over replicates of the largest studentised deviation
    claim = np.array([e != TRANSITION and e not in BASELINE for e in EVENT_MONTHS])
    usable = claim & np.isfinite(est_e) & (se_e > 0)
    dev = np.abs(boot_e - est_e[:, None]) / np.where(se_e > 0, se_e, np.nan)[:, None]
    crit = float(np.nanquantile(np.nanmax(dev[usable], axis=0), 0.95)) if usable.any() else Z95
    leads = usable & np.isin(np.array(EVENT_MONTHS), PRE)
    if leads.any():
        observed = np.max(np.abs(est_e[leads]) / se_e[leads])
        pre_p = float(np.mean(np.nanmax(dev[leads], axis=0) >= observed))
    else:
        pre_p = float("nan")
    shown = np.isfinite(est_e) & (np.array(EVENT_MONTHS) != TRANSITION)
    by_event = pl.DataFrame(
        {
            "event": list(EVENT_MONTHS),
            "estimate": np.where(shown, est_e, np.nan),
            "se": np.where(shown, se_e, np.nan),
            "low": np.where(shown, est_e - Z95 * se_e, np.nan),
            "high": np.where(shown, est_e + Z95 * se_e, np.nan),
            "band_low": np.where(shown, est_e - crit * se_e, np.nan),
            "band_high": np.where(shown, est_e + crit * se_e, np.nan),
        }
    ).with_columns(pl.col(pl.Float64).fill_nan(None))
    return EventStudy(
        outcome=outcome,
        unit=unit,
        by_event=by_event,
        estimate=est,
        se=se,
        low=est - Z95 * se,
        high=est + Z95 * se,
        p_value=_normal_p(est / se) if se > 0 else float("nan"),
        pre_p_value=pre_p,
        band_critical=crit,
        funded_centres=d.funded,
        control_centres=int(d.controls.any(axis=0).sum()),
        replicates=replicates,
    )


def event_studies(
    panel: pl.DataFrame,
    centres: pl.DataFrame,
    outcomes: tuple[str, ...] = HEADLINE,
    replicates: int = 400,
    seed: int = 20221,
) -> dict[str, EventStudy]:
    """Several outcomes of one panel, sharing the design and the bootstrap draws."""
    prepared = prepare(panel, centres)
    return {
        o: event_study(panel, centres, o, replicates, seed, prepared=prepared) for o in outcomes
    }


def holm(p_values: dict[str, float], alpha: float = 0.05) -> dict[str, bool]:
    """Holm's step-down: which hypotheses are rejected with family-wise error at most alpha."""
    order = sorted((p if p == p else 1.0, k) for k, p in p_values.items())
    rejected, m = {k: False for k in p_values}, len(order)
    for rank, (p, k) in enumerate(order):
        if p > alpha / (m - rank):
            break
        rejected[k] = True
    return rejected


def holm_adjusted(p_values: dict[str, float]) -> dict[str, float]:
    """Holm-adjusted p-values (compare with 0.05)."""
    order = sorted((p if p == p else 1.0, k) for k, p in p_values.items())
    m, running, out = len(order), 0.0, {}
    for rank, (p, k) in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p))
        out[k] = running
    return out


def realised_effect(
    panel: pl.DataFrame, counterfactual: pl.DataFrame, centres: pl.DataFrame, outcome: str
) -> float:
    """What the estimator aims at, computed from the world with the coordinator (panel) and
    the same world without (counterfactual, same random draws): over the post months of the
    funded centres in the design, sum(Y1 - Y0) / sum(Y0) for counts; for shares the change of
    each month's share weighted as the estimator weighs it."""
    d, ids, months = prepare(panel, centres)
    post = np.isin(d.event, POST)
    i, t = d.treated[post], d.month[post]
    if outcome in COUNT_OUTCOMES:
        col = COUNT_OUTCOMES[outcome]
        y1 = _matrix(panel, ids, months, col)[i, t]
        y0 = _matrix(counterfactual, ids, months, col)[i, t]
        return float((y1 - y0).sum() / y0.sum()) if y0.sum() > 0 else float("nan")
    num_c, den_c = SHARE_OUTCOMES[outcome]
    n1, d1 = (_matrix(panel, ids, months, c)[i, t] for c in (num_c, den_c))
    n0, d0 = (_matrix(counterfactual, ids, months, c)[i, t] for c in (num_c, den_c))
    ok = (d1 > 0) & (d0 > 0)
    change = n1[ok] / d1[ok] - n0[ok] / d0[ok]
    return float((change * d1[ok]).sum() / d1[ok].sum()) if ok.any() else float("nan")


def att_gt(panel: pl.DataFrame, centres: pl.DataFrame, column: str) -> pl.DataFrame:
    """Callaway and Sant'Anna's ATT(g,t) without covariates: group g = the month the coordinator
    started, controls = centres not yet treated at t (nor at g-1, never-treated included)
    outside group g,
    base period g-1 for every t, outcome in levels, equal weights per centre. Returns g, t (month
    indexes from the panel's first month) and att."""
    months, ids, starts, _ = _indexes(panel, centres)
    y = _matrix(panel, ids, months, column)
    start = np.array([np.inf if s is None else s for s in starts], dtype=float)
    rows = []
    for g in sorted({s for s in starts if s is not None and 1 <= s < len(months)}):
        base = g - 1
        treated = start == g
        for t in range(len(months)):
            controls = (start > max(t, base)) & (start != g)
            if not controls.any():
                continue
            dy = y[:, t] - y[:, base]
            rows.append((g, t, float(dy[treated].mean() - dy[controls].mean())))
    return pl.DataFrame(rows, schema=["g", "t", "att"], orient="row")
